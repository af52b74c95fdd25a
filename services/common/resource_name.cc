#include "services/common/resource_name.h"

#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace sendcase {
namespace {

constexpr size_t kMaxIdLength = 63;
constexpr size_t kMaxQuoted = 200;

absl::Status Malformed(absl::string_view text, absl::string_view field,
                       absl::string_view pattern) {
  if (text.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": required"));
  }
  // Bound the echo so a hostile name cannot bloat error messages or logs.
  const absl::string_view shown = text.substr(0, kMaxQuoted);
  return absl::InvalidArgumentError(
      absl::StrCat(field, ": \"", shown, text.size() > kMaxQuoted ? "..." : "",
                   "\" is not of the form ", pattern));
}

// Splits `text` into collection/id pairs and checks the collection names.
bool SplitName(absl::string_view text,
               const std::vector<absl::string_view>& collections,
               std::vector<std::string>* ids) {
  std::vector<absl::string_view> parts = absl::StrSplit(text, '/');
  if (parts.size() != 2 * collections.size()) return false;
  for (size_t i = 0; i < collections.size(); ++i) {
    if (parts[2 * i] != collections[i]) return false;
    if (!IsValidResourceId(parts[2 * i + 1])) return false;
    ids->emplace_back(parts[2 * i + 1]);
  }
  return true;
}

}  // namespace

bool IsValidResourceId(absl::string_view id) {
  if (id.empty() || id.size() > kMaxIdLength || id[0] == '-') return false;
  for (char c : id) {
    if (!absl::ascii_islower(static_cast<unsigned char>(c)) &&
        !absl::ascii_isdigit(static_cast<unsigned char>(c)) && c != '-') {
      return false;
    }
  }
  return true;
}

std::string PupilName::Format() const { return absl::StrCat("pupils/", pupil); }

std::string JourneyName::Format() const {
  return absl::StrCat("pupils/", pupil, "/journeys/", journey);
}

std::string TaskName::Format() const {
  return absl::StrCat("pupils/", pupil, "/journeys/", journey, "/tasks/", task);
}

absl::StatusOr<PupilName> ParsePupilName(absl::string_view text,
                                         absl::string_view field) {
  std::vector<std::string> ids;
  if (!SplitName(text, {"pupils"}, &ids)) {
    return Malformed(text, field, "pupils/{pupil}");
  }
  return PupilName{ids[0]};
}

absl::StatusOr<JourneyName> ParseJourneyName(absl::string_view text,
                                             absl::string_view field) {
  std::vector<std::string> ids;
  if (!SplitName(text, {"pupils", "journeys"}, &ids)) {
    return Malformed(text, field, "pupils/{pupil}/journeys/{journey}");
  }
  return JourneyName{ids[0], ids[1]};
}

absl::StatusOr<TaskName> ParseTaskName(absl::string_view text,
                                       absl::string_view field) {
  std::vector<std::string> ids;
  if (!SplitName(text, {"pupils", "journeys", "tasks"}, &ids)) {
    return Malformed(text, field,
                     "pupils/{pupil}/journeys/{journey}/tasks/{task}");
  }
  return TaskName{ids[0], ids[1], ids[2]};
}

}  // namespace sendcase
