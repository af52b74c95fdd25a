#ifndef SENDCASE_RULES_CALENDAR_BUSINESS_CALENDAR_H_
#define SENDCASE_RULES_CALENDAR_BUSINESS_CALENDAR_H_

// BusinessCalendar: England and Wales working days. A working day is Monday
// to Friday and not a bank holiday (DOMAIN.md §1.4, §7). Holidays are data
// (rules/definitions/calendar_england.textproto), covering a stated span of
// years; asking about a working day outside it is FailedPrecondition rather
// than a guess. Immutable after construction; thread-safe. No clock.

#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "services/common/civil_date.h"

namespace sendcase::rules {

class BusinessCalendar {
 public:
  // `holidays` maps each bank holiday to its name; [first_year, last_year]
  // is the span the data covers completely.
  BusinessCalendar(std::map<Day, std::string> holidays, int first_year,
                   int last_year);

  // True on a weekend day; never needs holiday data.
  static bool IsWeekend(Day day);

  // FailedPrecondition if `day`'s year is outside the covered span.
  absl::StatusOr<bool> IsWorkingDay(Day day) const;
  // The bank holiday's name, or "" (also outside the covered span).
  std::string HolidayName(Day day) const;
  // The first working day on or after `day`.
  absl::StatusOr<Day> NextWorkingDayOnOrAfter(Day day) const;
  // The n-th working day after `day` (n >= 1; `day` itself not counted).
  absl::StatusOr<Day> AddWorkingDays(Day day, int n) const;

  // "[WEEKEND]", "[BH: name]" or "" — the flag DOMAIN.md §9.1 asks for on
  // deadlines that are not rolled forward.
  std::string Flag(Day day) const;

  int first_year() const { return first_year_; }
  int last_year() const { return last_year_; }

 private:
  absl::Status CheckCovered(Day day) const;

  std::map<Day, std::string> holidays_;
  int first_year_;
  int last_year_;
};

}  // namespace sendcase::rules

#endif  // SENDCASE_RULES_CALENDAR_BUSINESS_CALENDAR_H_
