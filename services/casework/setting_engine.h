#ifndef SENDCASE_SERVICES_CASEWORK_SETTING_ENGINE_H_
#define SENDCASE_SERVICES_CASEWORK_SETTING_ENGINE_H_

// SettingEngine: the settings register (schools, colleges, early-years
// providers, and the trust each belongs to). An LA officer registers
// settings of their LA (PermissionDenied if children of another LA are
// already recorded at the URN); ADMIN any; a trust none, since naming a
// setting's trust widens the trust's scope. Lists are scoped.
// Error codes as CaseEngine. Thread-safe.

#include "absl/status/statusor.h"
#include "sendcase/v1/case_service.pb.h"
#include "services/auth/principal.h"
#include "services/common/clock.h"
#include "services/storage/setting_store.h"

namespace sendcase::casework {

class SettingEngine {
 public:
  SettingEngine(storage::SettingStore& settings, const Clock& clock)
      : settings_(settings), clock_(clock) {}

  absl::StatusOr<v1::Setting> CreateSetting(
      const auth::Principal& caller, const v1::CreateSettingRequest& request);
  absl::StatusOr<v1::ListSettingsResponse> ListSettings(
      const auth::Principal& caller, const v1::ListSettingsRequest& request);

 private:
  storage::SettingStore& settings_;
  const Clock& clock_;
};

}  // namespace sendcase::casework

#endif  // SENDCASE_SERVICES_CASEWORK_SETTING_ENGINE_H_
