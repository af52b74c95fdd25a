#ifndef SENDCASE_TESTS_TESTING_HTTP_LISTENER_H_
#define SENDCASE_TESTS_TESTING_HTTP_LISTENER_H_

// The HTTP listener on a free loopback port over a running test server,
// as sendcased wires it (JSON API, sessions on `clock`, the web app's
// files when `web_root` is set, sign-in links by e-mail with `email`, and
// the address people open it at, `public_url`).

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "services/common/clock.h"
#include "services/http/http_server.h"
#include "services/server/server.h"
#include "services/server/web_auth.h"

namespace sendcase::testing {

inline absl::StatusOr<std::unique_ptr<http::HttpServer>> StartHttpListener(
    server::Server* server, const Clock* clock,
    const std::string& web_root = "", http::EmailSignIn* email = nullptr,
    const std::string& public_url = "") {
  http::HttpOptions options;
  options.email_sign_in = email;
  options.public_url = public_url;
  options.listen = "127.0.0.1:0";
  options.clock = clock;
  options.web_root = web_root;
  options.authenticate_and_audit = server::WebAuthenticator(server);
  return http::HttpServer::Start(
      options, std::make_unique<http::JsonGateway>(server->InProcessChannel()));
}

}  // namespace sendcase::testing

#endif  // SENDCASE_TESTS_TESTING_HTTP_LISTENER_H_
