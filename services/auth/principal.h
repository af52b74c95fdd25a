#ifndef SENDCASE_SERVICES_AUTH_PRINCIPAL_H_
#define SENDCASE_SERVICES_AUTH_PRINCIPAL_H_

// Who is calling: the subject named when the token was issued, the role it
// acts as, and the scope it may act in (README, Security).

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "sendcase/v1/role.pb.h"

namespace sendcase::auth {

// Where a principal may act.
struct Scope {
  // kPupil: one child, for a PARENT (the family view only).
  enum class Kind { kAll, kSetting, kTrust, kLocalAuthority, kPupil };
  Kind kind = Kind::kAll;
  std::string id;  // URN, trust id, LA code or pupil id; empty for kAll

  // Parses "*", "setting:URN", "trust:ID", "la:CODE" or "pupil:ID".
  // InvalidArgument naming "scope" otherwise.
  static absl::StatusOr<Scope> Parse(absl::string_view text);
  std::string ToString() const;
};

struct Principal {
  std::string subject;
  bool admin = false;                    // role ADMIN
  v1::Role role = v1::ROLE_UNSPECIFIED;  // when not admin
  Scope scope;
  // For a trust scope, the URNs of the trust's settings; for an Area SENCO
  // with an LA scope, the LA's early-years settings. Resolved from the
  // settings register when the caller authenticates.
  std::vector<std::string> setting_urns;

  // True when the scope covers exactly `setting_urns` (a trust, or an Area
  // SENCO's LA), rather than its kind's usual reach.
  bool NarrowedToSettings() const {
    return scope.kind == Scope::Kind::kTrust ||
           (scope.kind == Scope::Kind::kLocalAuthority &&
            role == v1::AREA_SENCO && !admin);
  }
  // True if `urn` is one of `setting_urns`.
  bool HasSetting(absl::string_view urn) const;

  // "ADMIN" or the Role name.
  std::string RoleName() const;
  // "SUBJECT ROLE SCOPE": the principal as a key for what must never cross
  // tenants (request-id replays, stream limits). Two tokens share a key only
  // if they name the same subject, role and scope. Subjects hold no spaces.
  std::string Key() const;
};

// Parses a role name: a v1::Role name other than ROLE_UNSPECIFIED, or
// "ADMIN". Sets `*admin` or `*role`. InvalidArgument naming "role" otherwise.
absl::Status ParseRole(absl::string_view text, bool* admin, v1::Role* role);

// A token's role and scope belong together: a PARENT's scope is one child
// (`pupil:ID`) and only a PARENT's is. InvalidArgument naming "scope"
// otherwise.
absl::Status CheckRoleScope(bool admin, v1::Role role, const Scope& scope);

}  // namespace sendcase::auth

#endif  // SENDCASE_SERVICES_AUTH_PRINCIPAL_H_
