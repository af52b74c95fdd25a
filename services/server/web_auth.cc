#include "services/server/web_auth.h"

namespace sendcase::server {

http::AuthenticateFn WebAuthenticator(Server* server) {
  return [server](absl::string_view bearer, absl::string_view method,
                  absl::string_view peer) -> absl::StatusOr<http::Identity> {
    absl::StatusOr<auth::Principal> principal =
        server->AuthenticateAndAudit(bearer, method, peer);
    if (!principal.ok()) return principal.status();
    return http::Identity{principal->subject, principal->RoleName(),
                          principal->scope.ToString()};
  };
}

}  // namespace sendcase::server
