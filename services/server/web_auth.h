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

// Sign-in links by e-mail on a running Server (HttpOptions::email_sign_in):
// the contacts an ADMIN vouched for (v1.Contact.sign_in), the server's SMTP
// sender, and a token per session (subject the address, the contact's role
// and scope, expiring with the session; listed by list-tokens and revoked
// at sign-out or like any other). Requires a sender (--smtp-url). `server`
// must outlive it, and it the listener.
class ServerEmailSignIn final : public http::EmailSignIn {
 public:
  explicit ServerEmailSignIn(Server* server) : server_(server) {}
  absl::StatusOr<std::vector<http::Identity>> ContactsFor(
      const std::string& address) override;
  absl::Status Send(const std::string& address, const std::string& subject,
                    const std::string& body) override;
  absl::Status AuditLink(const http::Identity& who) override;
  absl::StatusOr<SessionToken> IssueSessionToken(
      const http::Identity& who, std::chrono::seconds ttl,
      absl::string_view peer) override;
  void RevokeSessionToken(const std::string& token_id) override;

 private:
  Server* server_;
};

}  // namespace sendcase::server

#endif  // SENDCASE_SERVICES_SERVER_WEB_AUTH_H_
