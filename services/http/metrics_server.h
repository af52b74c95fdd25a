#ifndef SENDCASE_SERVICES_HTTP_METRICS_SERVER_H_
#define SENDCASE_SERVICES_HTTP_METRICS_SERVER_H_

// MetricsServer: a listener of its own for Prometheus (--metrics-listen),
// so that /metrics can stay on an internal address while the web app and
// JSON API face users. Plain HTTP, GET /metrics only (anything else 404);
// no authentication, since metrics hold no personal data. Stop() (or the
// destructor) ends it.

#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "absl/status/statusor.h"

namespace httplib {
class Server;
}  // namespace httplib

namespace sendcase::http {

// The Prometheus text exposition format's content type.
inline constexpr char kMetricsContentType[] =
    "text/plain; version=0.0.4; charset=utf-8";

class MetricsServer {
 public:
  // `listen` is HOST:PORT (port 0 picks a free one). InvalidArgument for a
  // bad address, Unavailable if it cannot be bound.
  static absl::StatusOr<std::unique_ptr<MetricsServer>> Start(
      const std::string& listen, std::function<std::string()> metrics);
  ~MetricsServer();
  int port() const { return port_; }
  void Stop();

 private:
  MetricsServer() = default;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace sendcase::http

#endif  // SENDCASE_SERVICES_HTTP_METRICS_SERVER_H_
