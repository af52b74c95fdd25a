#ifndef SENDCASE_SERVICES_HTTP_HTTP_SERVER_H_
#define SENDCASE_SERVICES_HTTP_HTTP_SERVER_H_

// sendcased's HTTP listener (--http_listen): the JSON API under /api/v1/
// (json_gateway.h), served by cpp-httplib on its own threads, with TLS from
// the same certificate flags as gRPC. Every reply carries the security
// headers (no caching, no sniffing, no framing, a Content-Security-Policy
// that allows nothing); requests over 1 MiB are refused (413).
//
// A caller sends `Authorization: Bearer TOKEN`, or signs in once for a
// browser session (sessions.h):
//   POST /api/v1/session {"token": "..."} -> {"csrfToken": "..."} and the
//        cookie sendcase_session (HttpOnly, SameSite=Strict, Path=/,
//        Max-Age the absolute lifetime);
//   later calls send the cookie, and every write (POST, PATCH) the header
//        X-CSRF-Token with that token, else 403;
//   POST /api/v1/session:signOut ends it;
//   with e-mail sign-in set up, POST /api/v1/session:emailLink asks for a
//        one-time link and POST /api/v1/session {"link": "..."} spends it
//        (email_sign_in.h), the asking browser marked by a nonce cookie
//        (sendcase_link, HttpOnly, SameSite=Strict, Path=/).
//   Over HTTPS (TLS here, or an https --public-url at a proxy) both cookies
//        are Secure and named __Host-sendcase_session, __Host-sendcase_link:
//        a browser takes such a cookie only from this origin, so no sibling
//        subdomain or plain-HTTP page can plant one.
//   GET /api/v1/session -> who is signed in and the CSRF token, for a page
//        that has been reloaded; without a live session, {} or
//        {"emailSignIn": true} when links by e-mail are offered.
// Sign-in and sign-out are audited as SignIn and SignOut.
//
// With a web root, every other GET is the web app (static_files.h): a file
// of the app, or for a path of its own (no "." in the last segment)
// index.html, where the app's router takes over. Pages carry a
// Content-Security-Policy that allows only this origin's scripts, styles
// and images, no inline script or style, no framing. GET /api/v1/eventKinds
// is the shape of every event kind (event_kinds.h).

#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "services/common/clock.h"
#include "services/http/email_sign_in.h"
#include "services/http/json_gateway.h"
#include "services/http/sessions.h"
#include "services/http/static_files.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace sendcase::http {

// Authenticates "Bearer TOKEN" for SignIn/SignOut and audits the call under
// that method name, a refusal counted per peer address; who the token names
// (server/web_auth.h).
using AuthenticateFn = std::function<absl::StatusOr<Identity>(
    absl::string_view authorization, absl::string_view method,
    absl::string_view peer)>;

struct HttpOptions {
  std::string listen;  // HOST:PORT; port 0 picks a free one
  // PEM files; with cert and key the listener speaks TLS only, with
  // client_ca too it requires client certificates.
  std::string cert_file;
  std::string key_file;
  std::string client_ca_file;
  size_t max_body_bytes = 1 << 20;
  // Sessions' expiry and clock (default SystemClock()).
  SessionOptions sessions;
  const Clock* clock = nullptr;
  // Required.
  AuthenticateFn authenticate_and_audit;
  // The web app's folder (static_files.h); empty serves the JSON API only.
  std::string web_root;
  // Sign-in links by e-mail (null: not offered), and the address links
  // start with (CheckPublicUrl). Without one, links are offered only on a
  // loopback listener (its own address); elsewhere not at all.
  EmailSignIn* email_sign_in = nullptr;
  std::string public_url;
  // GET /metrics answers with what this returns, in the Prometheus text
  // format, without authentication (it holds no personal data); empty: no
  // /metrics here (--metrics-listen serves it elsewhere, metrics_server.h).
  std::function<std::string()> metrics;
};

class HttpServer {
 public:
  // Binds and starts serving. Unavailable if the address cannot be bound;
  // InvalidArgument for a bad HOST:PORT or TLS files that do not load.
  static absl::StatusOr<std::unique_ptr<HttpServer>> Start(
      const HttpOptions& options, std::unique_ptr<JsonGateway> gateway);
  ~HttpServer();  // stops

  int port() const { return port_; }
  // Whether sign-in links by e-mail are offered, and the handler (tests).
  EmailSignInHandler* email_sign_in() { return email_.get(); }
  void Stop();

 private:
  HttpServer() = default;
  void SignIn(const httplib::Request& req, httplib::Response& res);
  void SignOut(const httplib::Request& req, httplib::Response& res);
  void Api(const httplib::Request& req, httplib::Response& res);
  void WhoAmI(const httplib::Request& req, httplib::Response& res);
  void Page(const httplib::Request& req, httplib::Response& res);
  void EmailLink(const httplib::Request& req, httplib::Response& res);
  std::string CookieName(const char* name) const;
  std::string SetCookie(const char* name, absl::string_view value,
                        int64_t max_age_seconds) const;
  std::string SessionCookie(const httplib::Request& req) const;

  std::unique_ptr<JsonGateway> gateway_;
  std::unique_ptr<SessionStore> sessions_;
  AuthenticateFn authenticate_and_audit_;
  std::unique_ptr<StaticFiles> web_;
  std::unique_ptr<EmailSignInHandler> email_;
  bool tls_ = false;
  bool secure_ = false;  // HTTPS here or at a proxy: Secure, __Host- cookies
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace sendcase::http

#endif  // SENDCASE_SERVICES_HTTP_HTTP_SERVER_H_
