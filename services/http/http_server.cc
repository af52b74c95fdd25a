// The HTTP listener (http_server.h) on cpp-httplib.
#include "services/http/http_server.h"

#include <httplib.h>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "services/http/event_kinds.h"

namespace sendcase::http {
namespace {

// An API reply is never cached and its CSP allows nothing. A page of the
// web app may be cached if revalidated, and may load this origin's
// scripts, styles and images and call the API: nothing inline, nothing
// from elsewhere.
void Headers(httplib::Response& res, bool page = false) {
  res.set_header("Cache-Control", page ? "no-cache" : "no-store");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("Content-Security-Policy",
                 page ? "default-src 'none'; script-src 'self'; style-src "
                        "'self'; img-src 'self'; connect-src 'self'; "
                        "form-action 'self'; base-uri 'none'; "
                        "frame-ancestors 'none'"
                      : "default-src 'none'; frame-ancestors 'none'");
}
void SecurityHeaders(httplib::Response& res) { Headers(res); }
void PageHeaders(httplib::Response& res) { Headers(res, true); }

// Sign-in takes JSON only: a cross-site form can post text/plain without a
// preflight (login CSRF), a page's fetch with this type cannot.
bool JsonBody(const httplib::Request& req) {
  return absl::StartsWith(req.get_header_value("Content-Type"),
                          "application/json");
}
HttpReply NotJson() {
  return ErrorReply(415, "UNSUPPORTED_MEDIA_TYPE",
                    "Content-Type: application/json required");
}

// {"subject", "role", "scope", "csrfToken"}: who a session is.
std::string IdentityJson(const Identity& who, const std::string& csrf,
                         std::chrono::seconds lifetime) {
  google::protobuf::Struct out;
  auto& f = *out.mutable_fields();
  f["subject"].set_string_value(who.subject);
  f["role"].set_string_value(who.role);
  f["scope"].set_string_value(who.scope);
  f["csrfToken"].set_string_value(csrf);
  if (lifetime.count() > 0) {
    f["expiresInSeconds"].set_number_value(
        static_cast<double>(lifetime.count()));
  }
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(out, &json);
  return json;
}

constexpr char kCookie[] = "sendcase_session";
constexpr char kLinkCookie[] = "sendcase_link";  // the asking browser's nonce

void Json(httplib::Response& res, const HttpReply& reply) {
  res.status = reply.status;
  res.set_content(reply.body, "application/json");
  SecurityHeaders(res);
}

// The cookie `name` from the Cookie header, or "".
std::string CookieValue(const httplib::Request& req, absl::string_view name) {
  for (absl::string_view part :
       absl::StrSplit(req.get_header_value("Cookie"), ';')) {
    part = absl::StripAsciiWhitespace(part);
    if (absl::ConsumePrefix(&part, name) && absl::ConsumePrefix(&part, "=")) {
      return std::string(part);
    }
  }
  return "";
}

HttpReply StatusReply(const absl::Status& status) {
  const auto code = static_cast<grpc::StatusCode>(status.code());
  return ErrorReply(HttpStatusOf(code), absl::StatusCodeToString(status.code()),
                    status.message());
}

bool IsLoopback(absl::string_view host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1" ||
         host == "[::1]";
}

// 43 characters of web-safe base64: the shape of RandomSecret().
bool LooksLikeNonce(absl::string_view v) {
  if (v.size() != 43) return false;
  for (char c : v) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-' &&
        c != '_') {
      return false;
    }
  }
  return true;
}

}  // namespace

// Over HTTPS (here, or at a proxy in front: an https --public-url) the
// cookies are Secure and take the __Host- prefix, which a browser accepts
// only from this origin with Path=/: no sibling subdomain or plain-HTTP
// page can plant one (session or sign-in fixation).
std::string HttpServer::CookieName(const char* name) const {
  return secure_ ? absl::StrCat("__Host-", name) : name;
}

std::string HttpServer::SetCookie(const char* name, absl::string_view value,
                                  int64_t max_age_seconds) const {
  return absl::StrCat(CookieName(name), "=", value,
                      "; Path=/; HttpOnly; SameSite=Strict; Max-Age=",
                      max_age_seconds, secure_ ? "; Secure" : "");
}

std::string HttpServer::SessionCookie(const httplib::Request& req) const {
  return CookieValue(req, CookieName(kCookie));
}

void HttpServer::EmailLink(const httplib::Request& req,
                           httplib::Response& res) {
  if (!JsonBody(req)) return Json(res, NotJson());
  if (email_ == nullptr) {
    return Json(res, ErrorReply(404, "NOT_FOUND",
                                "sign-in by e-mail is not set up on this "
                                "server (sendcased --smtp-url, --public-url)"));
  }
  // The browser keeps one nonce for all its links, so asking twice leaves
  // both usable there; a value that is not one of ours is replaced.
  std::string nonce = CookieValue(req, CookieName(kLinkCookie));
  if (!LooksLikeNonce(nonce)) {
    auto fresh = RandomSecret();
    if (!fresh.ok()) return Json(res, StatusReply(fresh.status()));
    nonce = *std::move(fresh);
  }
  const HttpReply reply = email_->RequestLink(req.body, nonce, req.remote_addr);
  if (reply.status == 202) {
    // Twice the link's life: the link's starts when it is made, a moment
    // after this answer.
    res.set_header("Set-Cookie", SetCookie(kLinkCookie, nonce,
                                           2 * email_->lifetime().count()));
  }
  Json(res, reply);
}

void HttpServer::SignIn(const httplib::Request& req, httplib::Response& res) {
  if (!JsonBody(req)) return Json(res, NotJson());
  google::protobuf::Struct body;
  std::string token, link;
  if (google::protobuf::util::JsonStringToMessage(req.body, &body).ok()) {
    auto it = body.fields().find("token");
    if (it != body.fields().end()) token = it->second.string_value();
    it = body.fields().find("link");
    if (it != body.fields().end()) link = it->second.string_value();
  }
  if (token.empty() && (link.empty() || email_ == nullptr)) {
    return Json(res, ErrorReply(400, "INVALID_ARGUMENT",
                                "token: required: {\"token\": \"...\"}"));
  }
  std::string bearer, own_token_id;
  absl::StatusOr<Identity> signed_in;
  if (!token.empty()) {
    bearer = absl::StrCat("Bearer ", token);
    signed_in = authenticate_and_audit_(bearer, "SignIn", req.remote_addr);
  } else {
    auto redeemed =
        email_->Redeem(link, CookieValue(req, CookieName(kLinkCookie)),
                       sessions_->absolute(), req.remote_addr);
    if (redeemed.ok()) {
      bearer = redeemed->token.bearer;
      own_token_id = redeemed->token.token_id;
      signed_in = redeemed->who;
    } else {
      signed_in = redeemed.status();
    }
  }
  if (!signed_in.ok()) return Json(res, StatusReply(signed_in.status()));
  auto session = sessions_->Create(bearer, *signed_in, own_token_id);
  if (!session.ok()) {
    return Json(res, ErrorReply(500, "INTERNAL", session.status().message()));
  }
  res.set_header("Set-Cookie", SetCookie(kCookie, session->id,
                                         sessions_->absolute().count()));
  Json(res, HttpReply{200, IdentityJson(session->identity, session->csrf,
                                        sessions_->absolute())});
}

void HttpServer::WhoAmI(const httplib::Request& req, httplib::Response& res) {
  const std::string id = SessionCookie(req);
  const std::optional<Session> session =
      id.empty() ? std::nullopt : sessions_->Use(id);
  // "Nobody" is an answer, not an error: a page asks before it signs in,
  // and learns whether it may offer a link by e-mail.
  if (!session.has_value()) {
    return Json(res, HttpReply{200, email_ != nullptr ? "{\"emailSignIn\":true}"
                                                      : "{}"});
  }
  Json(res, HttpReply{200, IdentityJson(session->identity, session->csrf,
                                        std::chrono::seconds(0))});
}

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

void HttpServer::SignOut(const httplib::Request& req, httplib::Response& res) {
  const std::string id = SessionCookie(req);
  const std::optional<Session> session =
      id.empty() ? std::nullopt : sessions_->Use(id);
  if (!session.has_value()) {
    return Json(res, ErrorReply(401, "UNAUTHENTICATED", "no session"));
  }
  if (!SameSecret(req.get_header_value("X-CSRF-Token"), session->csrf)) {
    return Json(res, ErrorReply(403, "PERMISSION_DENIED",
                                "X-CSRF-Token: missing or not this session's"));
  }
  sessions_->Delete(id);
  (void)authenticate_and_audit_(session->bearer, "SignOut", req.remote_addr);
  // A token made for this session alone ends with it.
  if (!session->own_token_id.empty() && email_ != nullptr) {
    email_->EndSession(session->own_token_id);
  }
  res.set_header("Set-Cookie", SetCookie(kCookie, "", 0));
  Json(res, HttpReply{200, "{}"});
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
       gateway_->Handle(req.method, req.path, query, req.body, authorization));
}

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
