#ifndef SENDCASE_SERVICES_STORAGE_NEEDS_COLUMN_H_
#define SENDCASE_SERVICES_STORAGE_NEEDS_COLUMN_H_

// How pupils.needs stores a pupil's types of need: census codes by rank,
// comma-separated ("ASD,SLCN"), so the column reads the way the census does;
// and how pupils.upn and pupils.upn_unknown store a UPN or the reason there
// is none (NULL for the one not set, so UNIQUE holds only real UPNs).
// Internal to services/storage.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "sendcase/v1/pupil.pb.h"

namespace sendcase::storage {

inline std::string FormatNeeds(const std::vector<int>& needs) {
  return absl::StrJoin(needs, ",", [](std::string* out, int need) {
    out->append(v1::NeedType_Name(static_cast<v1::NeedType>(need)));
  });
}

// Internal if the column holds an unknown code (a bug or corruption).
inline absl::StatusOr<std::vector<int>> ParseNeeds(const std::string& column) {
  std::vector<int> needs;
  if (column.empty()) return needs;
  for (absl::string_view code : absl::StrSplit(column, ',')) {
    v1::NeedType need;
    if (!v1::NeedType_Parse(std::string(code), &need)) {
      return absl::InternalError(
          absl::StrCat("pupils.needs: unknown code ", code));
    }
    needs.push_back(need);
  }
  return needs;
}

inline std::optional<std::string> UpnColumn(const v1::Pupil& pupil) {
  if (pupil.upn().empty()) return std::nullopt;
  return pupil.upn();
}

inline std::optional<int64_t> UpnUnknownColumn(const v1::Pupil& pupil) {
  if (pupil.upn_unknown() == v1::UPN_UNKNOWN_REASON_UNSPECIFIED) {
    return std::nullopt;
  }
  return static_cast<int64_t>(pupil.upn_unknown());
}

}  // namespace sendcase::storage

#endif  // SENDCASE_SERVICES_STORAGE_NEEDS_COLUMN_H_
