// The HTTP listener (http_server.h) on cpp-httplib.
#include "services/http/http_server.h"

#include <httplib.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace sendcase::http {
namespace {

void SecurityHeaders(httplib::Response& res) {
  res.set_header("Cache-Control", "no-store");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("Content-Security-Policy",
                 "default-src 'none'; frame-ancestors 'none'");
}

}  // namespace

absl::StatusOr<std::unique_ptr<HttpServer>> HttpServer::Start(
    const HttpOptions& options, std::unique_ptr<JsonGateway> gateway) {
  const size_t colon = options.listen.rfind(':');
  int port = 0;
  if (colon == std::string::npos ||
      !absl::SimpleAtoi(options.listen.substr(colon + 1), &port) || port < 0 ||
      port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat("--http_listen: HOST:PORT, not ", options.listen));
  }
  const std::string host = options.listen.substr(0, colon);
  std::unique_ptr<HttpServer> out(new HttpServer());
  out->gateway_ = std::move(gateway);
  if (!options.cert_file.empty()) {
    auto tls = std::make_unique<httplib::SSLServer>(
        options.cert_file.c_str(), options.key_file.c_str(),
        options.client_ca_file.empty() ? nullptr
                                       : options.client_ca_file.c_str());
    if (!tls->is_valid()) {
      return absl::InvalidArgumentError(
          "--tls_cert/--tls_key: the HTTP listener could not load them");
    }
    out->server_ = std::move(tls);
  } else {
    out->server_ = std::make_unique<httplib::Server>();
  }
  httplib::Server& s = *out->server_;
  s.set_payload_max_length(options.max_body_bytes);
  JsonGateway* gw = out->gateway_.get();
  auto api = [gw](const httplib::Request& req, httplib::Response& res) {
    std::multimap<std::string, std::string> query(req.params.begin(),
                                                  req.params.end());
    const HttpReply reply = gw->Handle(req.method, req.path, query, req.body,
                                       req.get_header_value("Authorization"));
    res.status = reply.status;
    res.set_content(reply.body, "application/json");
    SecurityHeaders(res);
  };
  s.Get(R"(/api/v1/.*)", api);
  s.Post(R"(/api/v1/.*)", api);
  s.Patch(R"(/api/v1/.*)", api);
  // No route uses them: the gateway answers 405 where the path exists.
  s.Put(R"(/api/v1/.*)", api);
  s.Delete(R"(/api/v1/.*)", api);
  s.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    SecurityHeaders(res);
    if (res.body.empty()) {
      res.set_content(
          absl::StrCat("{\"error\":{\"code\":", res.status, ",\"status\":\"",
                       res.status == 413 ? "PAYLOAD_TOO_LARGE" : "NOT_FOUND",
                       "\",\"message\":\"",
                       res.status == 413 ? "request body over the limit"
                                         : "no such path",
                       "\"}}"),
          "application/json");
    }
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
        absl::StrCat("--http_listen: cannot bind ", options.listen));
  }
  out->thread_ = std::thread([&s] { s.listen_after_bind(); });
  return out;
}

void HttpServer::Stop() {
  if (server_ != nullptr) server_->stop();
  if (thread_.joinable()) thread_.join();
}

HttpServer::~HttpServer() { Stop(); }

}  // namespace sendcase::http
