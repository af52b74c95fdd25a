#include "services/auth/authenticator.h"

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "services/auth/tokens.h"
#include "services/common/error_reason.h"

namespace sendcase::auth {

absl::StatusOr<Principal> TokenAuthenticator::Authenticate(
    absl::string_view authorization) {
  constexpr absl::string_view kBearer = "Bearer ";
  if (authorization.empty()) {
    return WithReason(
        absl::UnauthenticatedError("missing authorization metadata: send "
                                   "'authorization: Bearer TOKEN'"),
        "TOKEN_MISSING");
  }
  if (!absl::StartsWithIgnoreCase(authorization, kBearer) ||
      authorization.size() == kBearer.size() || authorization.size() > 512) {
    return absl::UnauthenticatedError(
        "authorization metadata must be 'Bearer TOKEN'");
  }
  auto record =
      VerifyToken(store_, authorization.substr(kBearer.size()), clock_.Now());
  if (!record.ok()) return record.status();  // e.g. Unavailable: retry
  Principal principal;
  principal.subject = record->subject;
  if (!ParseRole(record->role, &principal.admin, &principal.role).ok()) {
    return absl::UnauthenticatedError("token has an unknown role");
  }
  auto scope = Scope::Parse(record->scope);
  if (!scope.ok()) return absl::UnauthenticatedError("token has a bad scope");
  // A PARENT token issued with a wider scope, before a family's scope was
  // one child, would read every child's family view there: refuse it.
  if (!CheckRoleScope(principal.admin, principal.role, *scope).ok()) {
    return absl::UnauthenticatedError(
        "token's role and scope do not go together: issue a new one");
  }
  principal.scope = *scope;
  if (principal.NarrowedToSettings() && settings_ != nullptr) {
    auto urns = scope->kind == Scope::Kind::kTrust
                    ? settings_->TrustSettings(scope->id)
                    : settings_->EarlyYearsSettings(scope->id);
    if (!urns.ok()) return urns.status();
    principal.setting_urns = *std::move(urns);
  }
  return principal;
}

}  // namespace sendcase::auth
