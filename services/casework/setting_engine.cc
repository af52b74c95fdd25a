#include "services/casework/setting_engine.h"

#include "absl/strings/str_cat.h"
#include "services/auth/authorizer.h"
#include "services/casework/paging.h"
#include "services/casework/validation.h"
#include "services/common/error_reason.h"
#include "services/common/status_macros.h"

namespace sendcase::casework {
namespace {

absl::Status ValidateSetting(const v1::Setting& s) {
  if (!IsDigits(s.urn(), 6)) {
    return absl::InvalidArgumentError("setting.urn: required, 6 digits");
  }
  RETURN_IF_ERROR(ValidateText(s.display_name(), "setting.display_name", 200));
  if (s.phase() == v1::Setting::PHASE_UNSPECIFIED ||
      !v1::Setting::Phase_IsValid(s.phase())) {
    return absl::InvalidArgumentError("setting.phase: required");
  }
  if (!IsDigits(s.local_authority_code(), 3)) {
    return absl::InvalidArgumentError(
        "setting.local_authority_code: required, 3 digits");
  }
  if (!s.trust_id().empty() &&
      !auth::Scope::Parse(absl::StrCat("trust:", s.trust_id())).ok()) {
    return absl::InvalidArgumentError(
        "setting.trust_id: up to 64 letters, digits, - or _");
  }
  return absl::OkStatus();
}

// Registering a setting decides who sees the children recorded there: its
// trust, through the trust's scope. So only an authority over the setting
// may do it: ADMIN, or an officer of the setting's own LA, and then only
// while no child of another LA is already recorded at that URN (else the
// officer would hand another LA's children to a trust). A trust never
// registers or claims a setting itself.
absl::Status CheckRegisters(const auth::Principal& caller,
                            const v1::Setting& s) {
  const auth::Scope& scope = caller.scope;
  if (scope.kind == auth::Scope::Kind::kAll) return absl::OkStatus();
  if (scope.kind != auth::Scope::Kind::kLocalAuthority ||
      scope.id != s.local_authority_code()) {
    return absl::PermissionDeniedError(absl::StrCat(
        "scope ", scope.ToString(), " does not cover settings/", s.urn(),
        ": a setting is registered by its local authority or an "
        "administrator"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<v1::Setting> SettingEngine::CreateSetting(
    const auth::Principal& caller, const v1::CreateSettingRequest& request) {
  RETURN_IF_ERROR(auth::AuthorizeMethod(caller, auth::Method::kCreateSetting));
  v1::Setting setting = request.setting();
  RETURN_IF_ERROR(ValidateSetting(setting));
  RETURN_IF_ERROR(CheckRegisters(caller, setting));
  // An LA officer's registration holds only while no child of another LA is
  // recorded at the URN (checked in the same statement as the insert).
  std::optional<std::string> own_la;
  if (!caller.admin && caller.scope.kind != auth::Scope::Kind::kAll) {
    own_la = caller.scope.id;
  }
  absl::Status put = settings_.PutSetting(setting, clock_.Now(), own_la);
  const auto reason = ReasonOf(put);
  if (reason.has_value() && reason->reason() == storage::kOtherLaPupilsReason) {
    return absl::PermissionDeniedError(
        absl::StrCat(put.message(), "; an administrator must register it"));
  }
  RETURN_IF_ERROR(put);
  setting.set_name(absl::StrCat("settings/", setting.urn()));
  return setting;
}

absl::StatusOr<v1::ListSettingsResponse> SettingEngine::ListSettings(
    const auth::Principal& caller, const v1::ListSettingsRequest& request) {
  RETURN_IF_ERROR(auth::AuthorizeMethod(caller, auth::Method::kListSettings));
  ASSIGN_OR_RETURN(storage::PageRequest page,
                   ParsePage(request.page_size(), request.page_token(), "s"));
  ASSIGN_OR_RETURN(auto result,
                   settings_.ListSettings(auth::VisibilityFor(caller), page));
  v1::ListSettingsResponse response;
  for (auto& s : result.items) *response.add_settings() = std::move(s);
  response.set_next_page_token(NextPageToken(result.next_after, "s"));
  return response;
}

}  // namespace sendcase::casework
