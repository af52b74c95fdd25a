#ifndef SENDCASE_SERVICES_STORAGE_STORED_TIME_H_
#define SENDCASE_SERVICES_STORAGE_STORED_TIME_H_

// How the storage backends store time: instants as Unix seconds (INTEGER),
// days as "YYYY-MM-DD" (TEXT, which sorts). Internal to services/storage.

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/common/civil_date.h"
#include "services/common/clock.h"

namespace sendcase::storage {

inline int64_t ToSeconds(Instant t) { return t.time_since_epoch().count(); }
inline Instant FromSeconds(int64_t s) {
  return Instant(std::chrono::seconds(s));
}
inline std::optional<std::string> OptionalDay(const std::optional<Day>& day) {
  if (!day.has_value()) return std::nullopt;
  return FormatDay(*day);
}

// Reads a stored day back: whatever FormatDay wrote, including a year
// outside 0000-9999 (which ParseDay, the input check, refuses), so that one
// odd stored value, say from a rule set since corrected, never makes a
// whole list unreadable. InvalidArgument naming `field` only for text
// FormatDay cannot have written.
absl::StatusOr<Day> ParseStoredDay(absl::string_view text,
                                   absl::string_view field);

}  // namespace sendcase::storage

#endif  // SENDCASE_SERVICES_STORAGE_STORED_TIME_H_
