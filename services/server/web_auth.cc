#include "services/server/web_auth.h"

#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/auth/tokens.h"
#include "services/common/status_macros.h"
#include "services/storage/records.h"

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
  ASSIGN_OR_RETURN(
      std::vector<v1::Contact> contacts,
      storage::ReadAllPages<v1::Contact>([&](const storage::PageRequest& page) {
        return server_->stores().contacts->ListContacts(true, {}, page);
      }));
  const std::string wanted = absl::AsciiStrToLower(address);
  std::set<std::pair<std::string, std::string>> seen;
  std::vector<http::Identity> out;
  for (const v1::Contact& c : contacts) {
    if (absl::AsciiStrToLower(c.email()) != wanted) continue;
    auto scope = auth::Scope::Parse(c.scope());
    // A contact that no token could carry (a PARENT over a whole school)
    // signs nobody in.
    if (!scope.ok() || !auth::CheckRoleScope(false, c.role(), *scope).ok()) {
      continue;
    }
    const std::string role = v1::Role_Name(c.role());
    if (!seen.insert({role, c.scope()}).second) continue;
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

absl::StatusOr<std::string> ServerEmailSignIn::IssueSessionToken(
    const http::Identity& who, std::chrono::seconds ttl,
    absl::string_view peer) {
  ASSIGN_OR_RETURN(auth::IssuedToken issued,
                   auth::IssueToken(*server_->stores().tokens, server_->clock(),
                                    who.subject, who.role, who.scope, ttl));
  const std::string bearer = absl::StrCat("Bearer ", issued.token);
  RETURN_IF_ERROR(
      server_->AuthenticateAndAudit(bearer, "SignIn", peer).status());
  return bearer;
}

}  // namespace sendcase::server
