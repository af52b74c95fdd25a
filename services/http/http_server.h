#ifndef SENDCASE_SERVICES_HTTP_HTTP_SERVER_H_
#define SENDCASE_SERVICES_HTTP_HTTP_SERVER_H_

// sendcased's HTTP listener (--http_listen): the JSON API under /api/v1/
// (json_gateway.h), served by cpp-httplib on its own threads, with TLS from
// the same certificate flags as gRPC. Every reply carries the security
// headers (no caching, no sniffing, no framing, a Content-Security-Policy
// that allows nothing); requests over 1 MiB are refused (413).

#include <memory>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "services/http/json_gateway.h"

namespace httplib {
class Server;
}

namespace sendcase::http {

struct HttpOptions {
  std::string listen;  // HOST:PORT; port 0 picks a free one
  // PEM files; with cert and key the listener speaks TLS only, with
  // client_ca too it requires client certificates.
  std::string cert_file;
  std::string key_file;
  std::string client_ca_file;
  size_t max_body_bytes = 1 << 20;
};

class HttpServer {
 public:
  // Binds and starts serving. Unavailable if the address cannot be bound;
  // InvalidArgument for a bad HOST:PORT or TLS files that do not load.
  static absl::StatusOr<std::unique_ptr<HttpServer>> Start(
      const HttpOptions& options, std::unique_ptr<JsonGateway> gateway);
  ~HttpServer();  // stops

  int port() const { return port_; }
  void Stop();

 private:
  HttpServer() = default;

  std::unique_ptr<JsonGateway> gateway_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace sendcase::http

#endif  // SENDCASE_SERVICES_HTTP_HTTP_SERVER_H_
