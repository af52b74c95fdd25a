#ifndef SENDCASE_SERVICES_COMMON_CIVIL_DATE_H_
#define SENDCASE_SERVICES_COMMON_CIVIL_DATE_H_

// Civil dates: statutory deadlines and event dates are days, not instants.
// "Today" is the civil date in Europe/London (rules/REFERENCE.md §1.4).

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "date/date.h"
#include "services/common/clock.h"

namespace sendcase {

// A calendar day.
using Day = date::sys_days;

// Returns the civil date in Europe/London at `instant`; DST-safe (the day
// changes at local midnight, 23:00 or 00:00 UTC). Thread-safe.
Day LondonDate(Instant instant);

// The instant London's clocks read 00:00 on `day` (23:00 UTC the day before
// in summer time, 00:00 UTC in winter). Midnight always exists in London:
// the clocks change at 01:00 and 02:00.
Instant LondonMidnight(Day day);

// Parses "YYYY-MM-DD" (a real calendar date). InvalidArgument naming `field`
// otherwise.
absl::StatusOr<Day> ParseDay(absl::string_view text, absl::string_view field);

// Formats as "YYYY-MM-DD".
std::string FormatDay(Day day);

// Formats as "YYYY-MM-DD Ddd" (e.g. "2024-05-27 Mon"), for explanations.
std::string FormatDayWithWeekday(Day day);

}  // namespace sendcase

#endif  // SENDCASE_SERVICES_COMMON_CIVIL_DATE_H_
