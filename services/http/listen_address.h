#ifndef SENDCASE_SERVICES_HTTP_LISTEN_ADDRESS_H_
#define SENDCASE_SERVICES_HTTP_LISTEN_ADDRESS_H_

// The HOST:PORT of an HTTP listener (--http-listen, --metrics-listen):
// parsed, then bound, with errors that name the flag. Shared by
// HttpServer and MetricsServer.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace httplib {
class Server;
}  // namespace httplib

namespace sendcase::http {

struct ListenAddress {
  std::string host;
  int port = 0;  // 0: any free port
};

// InvalidArgument "FLAG: HOST:PORT, not ..." unless `listen` is one.
absl::StatusOr<ListenAddress> ParseListenAddress(const std::string& listen,
                                                 absl::string_view flag);

// Binds `server` to `address`; the port bound. Unavailable "FLAG: cannot
// bind ..." if it cannot be.
absl::StatusOr<int> BindListener(httplib::Server& server,
                                 const ListenAddress& address,
                                 absl::string_view flag);

}  // namespace sendcase::http

#endif  // SENDCASE_SERVICES_HTTP_LISTEN_ADDRESS_H_
