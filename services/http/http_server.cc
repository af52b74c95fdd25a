// The HTTP listener (http_server.h) on cpp-httplib.
#include "services/http/http_server.h"

#include <httplib.h>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/http/event_kinds.h"
#include "services/http/http_replies.h"
#include "services/http/listen_address.h"
#include "services/http/metrics_server.h"

namespace sendcase::http {
namespace {

using internal::Json;
using internal::PageHeaders;
using internal::SecurityHeaders;

bool IsLoopback(absl::string_view host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1" ||
         host == "[::1]";
}

}  // namespace

void HttpServer::Page(const httplib::Request& req, httplib::Response& res) {
  const StaticFile* file = web_->Find(req.path);
  const size_t slash = req.path.rfind('/');
  if (file == nullptr &&
      req.path.find('.', slash == std::string::npos ? 0 : slash) ==
          std::string::npos) {
    file = &web_->Index();  // a page of the app's own router
  }
  if (file == nullptr) {
    return Json(res, ErrorReply(404, "NOT_FOUND", "no such path"));
  }
  res.status = 200;
  res.set_content(file->body, file->content_type.c_str());
  PageHeaders(res);
}

void HttpServer::Api(const httplib::Request& req, httplib::Response& res) {
  std::string authorization = req.get_header_value("Authorization");
  if (authorization.empty()) {
    if (const std::string id = SessionCookie(req); !id.empty()) {
      const std::optional<Session> session = sessions_->Use(id);
      if (!session.has_value()) {
        return Json(res, ErrorReply(401, "UNAUTHENTICATED",
                                    "the session has ended: sign in again"));
      }
      // A write on a cookie needs the session's CSRF token too.
      if (req.method != "GET" &&
          !SameSecret(req.get_header_value("X-CSRF-Token"), session->csrf)) {
        return Json(res, ErrorReply(403, "PERMISSION_DENIED",
                                    "X-CSRF-Token: missing or not this "
                                    "session's"));
      }
      authorization = session->bearer;
    }
  }
  std::multimap<std::string, std::string> query(req.params.begin(),
                                                req.params.end());
  Json(res,
       gateway_->Handle(req.method, req.path, query, req.body, authorization,
                        req.get_header_value("X-Request-Id")));
}

absl::StatusOr<std::unique_ptr<HttpServer>> HttpServer::Start(
    const HttpOptions& options, std::unique_ptr<JsonGateway> gateway) {
  const absl::StatusOr<ListenAddress> address =
      ParseListenAddress(options.listen, "--http-listen");
  if (!address.ok()) return address.status();
  const std::string& host = address->host;
  if (!options.authenticate_and_audit) {
    return absl::InvalidArgumentError(
        "HttpOptions.authenticate_and_audit is required");
  }
  std::unique_ptr<HttpServer> out(new HttpServer());
  out->gateway_ = std::move(gateway);
  out->authenticate_and_audit_ = options.authenticate_and_audit;
  if (!options.public_url.empty()) {
    if (absl::Status ok = CheckPublicUrl(options.public_url); !ok.ok()) {
      return ok;
    }
  }
  out->tls_ = !options.cert_file.empty();
  out->secure_ = out->tls_ || absl::StartsWith(options.public_url, "https://");
  if (!options.web_root.empty()) {
    auto web = StaticFiles::Load(options.web_root);
    if (!web.ok()) return web.status();
    out->web_ = std::make_unique<StaticFiles>(*std::move(web));
  }
  out->sessions_ = std::make_unique<SessionStore>(
      options.clock != nullptr ? *options.clock : SystemClock(),
      options.sessions);
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
  HttpServer* self = out.get();
  auto api = [self](const httplib::Request& req, httplib::Response& res) {
    self->Api(req, res);
  };
  s.Post("/api/v1/session",
         [self](const httplib::Request& req, httplib::Response& res) {
           self->SignIn(req, res);
         });
  s.Post("/api/v1/session:emailLink",
         [self](const httplib::Request& req, httplib::Response& res) {
           self->EmailLink(req, res);
         });
  s.Post("/api/v1/session:signOut",
         [self](const httplib::Request& req, httplib::Response& res) {
           self->SignOut(req, res);
         });
  s.Get("/api/v1/session",
        [self](const httplib::Request& req, httplib::Response& res) {
          self->WhoAmI(req, res);
        });
  if (options.metrics) {
    s.Get("/metrics", [metrics = options.metrics](const httplib::Request&,
                                                  httplib::Response& res) {
      res.set_content(metrics(), kMetricsContentType);
    });
  }
  s.Get("/api/v1/eventKinds",
        [](const httplib::Request&, httplib::Response& res) {
          Json(res, HttpReply{200, EventKindsJson()});
        });
  s.Get(R"(/api/v1/.*)", api);
  s.Post(R"(/api/v1/.*)", api);
  s.Patch(R"(/api/v1/.*)", api);
  // No route uses them: the gateway answers 405 where the path exists.
  s.Put(R"(/api/v1/.*)", api);
  s.Delete(R"(/api/v1/.*)", api);
  if (out->web_ != nullptr) {
    s.Get(R"(/.*)", [self](const httplib::Request& req,
                           httplib::Response& res) { self->Page(req, res); });
  }
  s.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    const HttpReply reply =
        res.status == 413   ? ErrorReply(413, "PAYLOAD_TOO_LARGE",
                                         "request body over the limit")
        : res.status == 404 ? ErrorReply(404, "NOT_FOUND", "no such path")
                            : ErrorReply(res.status, "HTTP_ERROR",
                                         "the request could not be served");
    res.set_content(reply.body, "application/json");
    SecurityHeaders(res);
  });
  const absl::StatusOr<int> port = BindListener(s, *address, "--http-listen");
  if (!port.ok()) return port.status();
  out->port_ = *port;
  if (options.email_sign_in != nullptr) {
    std::string base = options.public_url;
    if (base.empty() && IsLoopback(host)) {
      const bool v6 = host == "::1";
      base = absl::StrCat(out->tls_ ? "https://" : "http://", v6 ? "[" : "",
                          host, v6 ? "]" : "", ":", out->port_);
    }
    if (!base.empty()) {
      if (absl::Status ok = CheckPublicUrl(base); !ok.ok()) return ok;
      out->email_ = std::make_unique<EmailSignInHandler>(
          *options.email_sign_in, base,
          options.clock != nullptr ? *options.clock : SystemClock());
      // A token made for one session ends with it, however it ends.
      EmailSignInHandler* email = out->email_.get();
      out->sessions_->OnEnd([email](const std::string& token_id) {
        email->EndSession(token_id);
      });
    }
  }
  out->thread_ = std::thread([&s] { s.listen_after_bind(); });
  // stop() does nothing until the loop runs: do not hand out a server that
  // a prompt Stop() could leave waiting for ever.
  while (!s.is_running()) std::this_thread::yield();
  return out;
}

void HttpServer::Stop() {
  if (server_ != nullptr) server_->stop();
  if (thread_.joinable()) thread_.join();
  // No mail or audit row after the listener has stopped.
  if (sessions_ != nullptr) sessions_->OnEnd(nullptr);
  email_.reset();
}

HttpServer::~HttpServer() { Stop(); }

}  // namespace sendcase::http
