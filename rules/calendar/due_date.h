#ifndef SENDCASE_RULES_CALENDAR_DUE_DATE_H_
#define SENDCASE_RULES_CALENDAR_DUE_DATE_H_

// The counting rules of rules/REFERENCE.md §1.4, §2, §3.3 and §9.1, each as one
// pure function of dates. This is the only place a rule duration becomes a
// date.

#include <string>

#include "absl/status/statusor.h"
#include "rules/calendar/business_calendar.h"
#include "services/common/civil_date.h"

namespace sendcase::rules {

// W(N) "within N weeks of D": D + 7N (event day excluded), or D + 7N - 1
// when the event day counts as day 1. Never rolled forward.
Day AddWeeks(Day anchor, int weeks, bool include_event_day = false);

// B(N) "at least N days beginning with S": the last day of the window,
// S + N - 1.
Day InclusiveDays(Day start, int n);

// The corresponding date `months` later (negative: earlier), clamped to the
// end of the month (Dodds v Walker): 31 Dec + 2 months = 28/29 Feb.
Day AddMonthsClamped(Day day, int months);

// A12, CFA s44 "the period of N months starting with D": its last day.
// (D + N months) - 1 day, where a day number missing from the target month
// (29 Feb) becomes the 1st of the next month first: 29 Feb 2024 -> 28 Feb
// 2025.
Day MonthsPeriodLastDay(Day start, int months);

// The last day before month/day in `anchor`'s calendar year ("before 15
// February" -> 14 February). InvalidArgument for an impossible month/day.
absl::StatusOr<Day> DayBeforeInYear(Day anchor, unsigned month, unsigned day);

// FtT r.12 applied to an SEN appeal notice's period ending on `base`.
struct AppealDay {
  Day base;  // the period's last day before r.12
  Day due;   // the last day the Tribunal may receive the notice
  // Which part of r.12 moved it and why; empty when due == base.
  std::string moved_by;
};

// FtT r.12 for an SEN appeal notice ending on `base`: in August -> the
// first working day after 31 August (r.12(3)(a)); 25 Dec to 1 Jan -> the
// first working day after 1 January (r.12(3)(a)); otherwise a non-working
// day -> the next working day (r.12(2)).
AppealDay TribunalAdjust(Day base, const BusinessCalendar& calendar);

// FtT r.20 + r.12 for an SEN appeal notice. The base is the later of
// decision + 2 months and (if `certificate` is set) certificate + 1 month,
// both by AddMonthsClamped; then TribunalAdjust.
AppealDay TribunalAppealDeadline(Day decision_sent, const Day* certificate,
                                 const BusinessCalendar& calendar);

}  // namespace sendcase::rules

#endif  // SENDCASE_RULES_CALENDAR_DUE_DATE_H_
