#ifndef SENDCASE_SERVICES_SERVER_WEB_AUTH_H_
#define SENDCASE_SERVICES_SERVER_WEB_AUTH_H_

// The HTTP listener's sign-in check on a running Server: authenticates and
// audits a bearer token (Server::AuthenticateAndAudit) and tells the session
// who it names. Used by sendcased and the tests that start a listener.

#include "services/http/http_server.h"
#include "services/server/server.h"

namespace sendcase::server {

// The function for HttpOptions::authenticate_and_audit. `server` must
// outlive the listener.
http::AuthenticateFn WebAuthenticator(Server* server);

}  // namespace sendcase::server

#endif  // SENDCASE_SERVICES_SERVER_WEB_AUTH_H_
