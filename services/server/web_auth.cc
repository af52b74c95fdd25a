#include "services/server/web_auth.h"

#include <cstdio>
#include <set>

#include "absl/strings/str_cat.h"
#include "services/auth/tokens.h"
#include "services/common/log.h"
#include "services/common/status_macros.h"

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

absl::StatusOr<std::vector<http::Identity>> ServerEmailSignIn::ContactsFor(
    const std::string& address) {
  ASSIGN_OR_RETURN(std::vector<v1::Contact> contacts,
                   server_->stores().contacts->SignInContacts(address));
  std::set<std::pair<std::string, std::string>> seen;
  std::vector<http::Identity> out;
  for (const v1::Contact& c : contacts) {
    auto scope = auth::Scope::Parse(c.scope());
    // A contact that no token could carry signs nobody in.
    if (!scope.ok() || !auth::CheckRoleScope(false, c.role(), *scope).ok()) {
      continue;
    }
    const std::string role = v1::Role_Name(c.role());
    if (!seen.insert({role, c.scope()}).second) continue;
    // The subject is the address as the ADMIN registered it, whatever case
    // the person typed.
    out.push_back(http::Identity{c.email(), role, c.scope()});
  }
  return out;
}

absl::Status ServerEmailSignIn::Send(const std::string& address,
                                     const std::string& subject,
                                     const std::string& body) {
  scheduler::ReminderSender* sender = server_->sender();
  if (sender == nullptr) return absl::UnavailableError("no --smtp-url");
  scheduler::EmailMessage message;
  message.to = address;
  message.subject = subject;
  message.body = body;
  ASSIGN_OR_RETURN(const std::string id, http::RandomSecret());
  message.message_id = absl::StrCat("<signin.", id, "@sendcase>");
  return sender->Send(message);
}

absl::Status ServerEmailSignIn::AuditLink(const http::Identity& who) {
  auth::Principal principal;
  principal.subject = who.subject;
  RETURN_IF_ERROR(auth::ParseRole(who.role, &principal.admin, &principal.role));
  ASSIGN_OR_RETURN(principal.scope, auth::Scope::Parse(who.scope));
  return server_->AuditOnBehalfOf(principal, "RequestSignInLink");
}

absl::StatusOr<http::EmailSignIn::SessionToken>
ServerEmailSignIn::IssueSessionToken(const http::Identity& who,
                                     std::chrono::seconds ttl,
                                     absl::string_view peer) {
  ASSIGN_OR_RETURN(auth::IssuedToken issued,
                   auth::IssueToken(*server_->stores().tokens, server_->clock(),
                                    who.subject, who.role, who.scope, ttl));
  SessionToken out{absl::StrCat("Bearer ", issued.token), issued.token_id};
  // The sign-in is audited, and the token checked, as any other's.
  RETURN_IF_ERROR(
      server_->AuthenticateAndAudit(out.bearer, "SignIn", peer).status());
  return out;
}

void ServerEmailSignIn::RevokeSessionToken(const std::string& token_id) {
  const absl::StatusOr<int> revoked = server_->stores().tokens->RevokeTokens(
      token_id, "", server_->clock().Now());
  if (!revoked.ok()) {
    // It expires with the session anyway; say so without the token.
    Log(LogLevel::kWarning, "a session's token was not revoked",
        {{"status", revoked.status().ToString()}});
  }
}

}  // namespace sendcase::server
