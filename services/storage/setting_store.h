#ifndef SENDCASE_SERVICES_STORAGE_SETTING_STORE_H_
#define SENDCASE_SERVICES_STORAGE_SETTING_STORE_H_

// SettingStore: the settings register. Thread-safe.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "sendcase/v1/setting.pb.h"
#include "services/storage/records.h"

namespace sendcase::storage {

inline constexpr char kOtherLaPupilsReason[] = "SETTING_HAS_OTHER_LA_PUPILS";

class SettingStore {
 public:
  virtual ~SettingStore() = default;
  // AlreadyExists for a known URN. With `only_if_all_pupils_in_la`, the
  // insert and the check are one statement: FailedPrecondition with reason
  // kOtherLaPupilsReason (nothing written) if any pupil recorded at the URN
  // belongs to another LA.
  virtual absl::Status PutSetting(
      const v1::Setting& setting, Instant now,
      const std::optional<std::string>& only_if_all_pupils_in_la) = 0;
  // Settings visible under `visibility` (by URN or LA), in URN order; the
  // cursor is the row id.
  virtual absl::StatusOr<Page<v1::Setting>> ListSettings(
      const Visibility& visibility, const PageRequest& page) = 0;
  // The URNs of a trust's settings (empty for an unknown trust).
  virtual absl::StatusOr<std::vector<std::string>> TrustSettings(
      const std::string& trust_id) = 0;
  // The URNs of an LA's early-years settings (phase EARLY_YEARS), in URN
  // order: an Area SENCO's reach. Empty for an unknown LA.
  virtual absl::StatusOr<std::vector<std::string>> EarlyYearsSettings(
      const std::string& local_authority_code) = 0;
};

}  // namespace sendcase::storage

#endif  // SENDCASE_SERVICES_STORAGE_SETTING_STORE_H_
