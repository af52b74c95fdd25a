#ifndef SENDCASE_SERVICES_STORAGE_SQLITE_NEEDS_COLUMN_H_
#define SENDCASE_SERVICES_STORAGE_SQLITE_NEEDS_COLUMN_H_

// How pupils.needs stores a pupil's types of need: census codes by rank,
// comma-separated ("ASD,SLCN"), so the column reads the way the census does.
// Internal to services/storage.

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

}  // namespace sendcase::storage

#endif  // SENDCASE_SERVICES_STORAGE_SQLITE_NEEDS_COLUMN_H_
