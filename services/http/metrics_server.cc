#include "services/http/metrics_server.h"

#include <httplib.h>

#include "services/http/listen_address.h"

namespace sendcase::http {

absl::StatusOr<std::unique_ptr<MetricsServer>> MetricsServer::Start(
    const std::string& listen, std::function<std::string()> metrics) {
  const absl::StatusOr<ListenAddress> address =
      ParseListenAddress(listen, "--metrics-listen");
  if (!address.ok()) return address.status();
  std::unique_ptr<MetricsServer> out(new MetricsServer());
  out->server_ = std::make_unique<httplib::Server>();
  httplib::Server& s = *out->server_;
  s.Get("/metrics", [metrics = std::move(metrics)](const httplib::Request&,
                                                   httplib::Response& res) {
    res.set_content(metrics(), kMetricsContentType);
  });
  const absl::StatusOr<int> port =
      BindListener(s, *address, "--metrics-listen");
  if (!port.ok()) return port.status();
  out->port_ = *port;
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
