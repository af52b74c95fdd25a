#include "services/http/metrics_server.h"

#include <httplib.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace sendcase::http {

absl::StatusOr<std::unique_ptr<MetricsServer>> MetricsServer::Start(
    const std::string& listen, std::function<std::string()> metrics) {
  const size_t colon = listen.rfind(':');
  int port = 0;
  if (colon == std::string::npos ||
      !absl::SimpleAtoi(listen.substr(colon + 1), &port) || port < 0 ||
      port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat("--metrics-listen: HOST:PORT, not ", listen));
  }
  const std::string host = listen.substr(0, colon);
  std::unique_ptr<MetricsServer> out(new MetricsServer());
  out->server_ = std::make_unique<httplib::Server>();
  httplib::Server& s = *out->server_;
  s.Get("/metrics", [metrics = std::move(metrics)](const httplib::Request&,
                                                   httplib::Response& res) {
    res.set_content(metrics(), kMetricsContentType);
  });
  if (port == 0) {
    out->port_ = s.bind_to_any_port(host.c_str());
  } else if (s.bind_to_port(host.c_str(), port)) {
    out->port_ = port;
  } else {
    out->port_ = -1;
  }
  if (out->port_ <= 0) {
    return absl::UnavailableError(
        absl::StrCat("--metrics-listen: cannot bind ", listen));
  }
  out->thread_ = std::thread([&s] { s.listen_after_bind(); });
  // As HttpServer: stop() does nothing until the loop runs.
  while (!s.is_running()) std::this_thread::yield();
  return out;
}

MetricsServer::~MetricsServer() { Stop(); }

void MetricsServer::Stop() {
  if (server_ != nullptr) server_->stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace sendcase::http
