#ifndef SENDCASE_SERVICES_STORAGE_SETTING_STORE_H_
#define SENDCASE_SERVICES_STORAGE_SETTING_STORE_H_

// SettingStore: the settings register. Thread-safe.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "sendcase/v1/setting.pb.h"
#include "services/storage/records.h"

namespace sendcase::storage {

class SettingStore {
 public:
  virtual ~SettingStore() = default;
  // AlreadyExists for a known URN.
  virtual absl::Status PutSetting(const v1::Setting& setting, Instant now) = 0;
  // Settings visible under `visibility` (by URN or LA), in URN order; the
  // cursor is the row id.
  virtual absl::StatusOr<Page<v1::Setting>> ListSettings(
      const Visibility& visibility, const PageRequest& page) = 0;
  // The URNs of a trust's settings (empty for an unknown trust).
  virtual absl::StatusOr<std::vector<std::string>> TrustSettings(
      const std::string& trust_id) = 0;
  // Whether any pupil recorded at setting `urn` belongs to a local authority
  // other than `la_code`: registering that URN (and so naming its trust)
  // would widen someone's view of children the registrar has no authority
  // over.
  virtual absl::StatusOr<bool> HasPupilsOutsideLa(
      const std::string& urn, const std::string& la_code) = 0;
};

}  // namespace sendcase::storage

#endif  // SENDCASE_SERVICES_STORAGE_SETTING_STORE_H_
