#include "services/auth/principal.h"

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/common/resource_name.h"

namespace sendcase::auth {
namespace {

bool IsScopeId(absl::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-' &&
        c != '_') {
      return false;
    }
  }
  return true;
}

}  // namespace

absl::StatusOr<Scope> Scope::Parse(absl::string_view text) {
  if (text == "*") return Scope{Kind::kAll, ""};
  struct Prefix {
    absl::string_view prefix;
    Kind kind;
  };
  for (const Prefix& p :
       {Prefix{"setting:", Kind::kSetting}, Prefix{"trust:", Kind::kTrust},
        Prefix{"la:", Kind::kLocalAuthority}, Prefix{"pupil:", Kind::kPupil}}) {
    if (absl::StartsWith(text, p.prefix)) {
      const absl::string_view id = text.substr(p.prefix.size());
      if (!IsScopeId(id)) break;
      return Scope{p.kind, std::string(id)};
    }
  }
  return absl::InvalidArgumentError(
      "scope: must be *, setting:URN, trust:ID, la:CODE or pupil:ID (ids of "
      "up to 64 letters, digits, - or _)");
}

std::string Scope::ToString() const {
  switch (kind) {
    case Kind::kAll:
      return "*";
    case Kind::kSetting:
      return absl::StrCat("setting:", id);
    case Kind::kTrust:
      return absl::StrCat("trust:", id);
    case Kind::kLocalAuthority:
      return absl::StrCat("la:", id);
    case Kind::kPupil:
      return absl::StrCat("pupil:", id);
  }
  return "";
}

std::string Principal::RoleName() const {
  return admin ? "ADMIN" : v1::Role_Name(role);
}

bool Principal::HasSetting(absl::string_view urn) const {
  return std::find(setting_urns.begin(), setting_urns.end(), urn) !=
         setting_urns.end();
}

std::string Principal::Key() const {
  return absl::StrCat(subject, " ", RoleName(), " ", scope.ToString());
}

absl::Status ParseRole(absl::string_view text, bool* admin, v1::Role* role) {
  *admin = false;
  *role = v1::ROLE_UNSPECIFIED;
  if (text == "ADMIN") {
    *admin = true;
    return absl::OkStatus();
  }
  v1::Role parsed;
  if (v1::Role_Parse(std::string(text), &parsed) &&
      parsed != v1::ROLE_UNSPECIFIED) {
    *role = parsed;
    return absl::OkStatus();
  }
  return absl::InvalidArgumentError(
      "role: must be ADMIN or one of SENCO, CLASS_TEACHER, HEADTEACHER, "
      "LA_CASE_OFFICER, EDUCATIONAL_PSYCHOLOGIST, HEALTH, SOCIAL_CARE, "
      "PARENT, TRUST, AREA_SENCO");
}

absl::Status CheckRoleScope(bool admin, v1::Role role, const Scope& scope) {
  const bool parent = !admin && role == v1::PARENT;
  if (parent && scope.kind != Scope::Kind::kPupil) {
    return absl::InvalidArgumentError(
        "scope: a PARENT's scope is one child, pupil:ID");
  }
  if (parent && !IsValidResourceId(scope.id)) {
    return absl::InvalidArgumentError(
        "scope: pupil:ID takes the id of a pupil, the part after pupils/");
  }
  if (!parent && scope.kind == Scope::Kind::kPupil) {
    return absl::InvalidArgumentError(
        "scope: pupil:ID is a PARENT's scope only");
  }
  return absl::OkStatus();
}

}  // namespace sendcase::auth
