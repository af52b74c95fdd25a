#include "rules/calendar/due_date.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace sendcase::rules {

using date::days;
using date::months;
using date::year_month_day;

Day AddWeeks(Day anchor, int weeks, bool include_event_day) {
  return anchor + days{7 * weeks - (include_event_day ? 1 : 0)};
}

Day InclusiveDays(Day start, int n) { return start + days{n - 1}; }

Day AddMonthsClamped(Day day, int n) {
  const year_month_day ymd(day);
  const date::year_month ym =
      date::year_month(ymd.year(), ymd.month()) + months{n};
  const date::year_month_day_last last(ym.year(),
                                       date::month_day_last(ym.month()));
  return Day(
      year_month_day(ym.year(), ym.month(), std::min(ymd.day(), last.day())));
}

Day MonthsPeriodLastDay(Day start, int n) {
  const year_month_day ymd(start);
  const date::year_month ym =
      date::year_month(ymd.year(), ymd.month()) + months{n};
  const year_month_day target(ym.year(), ym.month(), ymd.day());
  // A missing day number (29 Feb in a common year) rolls to the 1st of the
  // next month before the one-day step back (rules/REFERENCE.md §9.1 A12).
  const Day anniversary =
      target.ok() ? Day(target)
                  : Day(year_month_day(ym.year(), ym.month(), date::day{1}) +
                        months{1});
  return anniversary - days{1};
}

absl::StatusOr<Day> DayBeforeInYear(Day anchor, unsigned month, unsigned day) {
  const year_month_day target(year_month_day(anchor).year(), date::month{month},
                              date::day{day});
  if (!target.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("before_in_year: ", month, "/", day, " is not a date"));
  }
  return Day(target) - days{1};
}

AppealDay TribunalAppealDeadline(Day decision_sent, const Day* certificate,
                                 const BusinessCalendar& calendar) {
  Day base = AddMonthsClamped(decision_sent, 2);
  if (certificate != nullptr) {
    base = std::max(base, AddMonthsClamped(*certificate, 1));
  }
  return TribunalAdjust(base, calendar);
}

AppealDay TribunalAdjust(Day base, const BusinessCalendar& calendar) {
  const year_month_day ymd(base);
  if (ymd.month() == date::August) {
    return {
        base,
        calendar.NextWorkingDayOnOrAfter(Day(ymd.year() / date::September / 1)),
        "r.12(3)(a): it ends in August, so the first working day after "
        "31 August is in time"};
  }
  const bool christmas =
      ymd.month() == date::December && ymd.day() >= date::day{25};
  const bool new_year =
      ymd.month() == date::January && ymd.day() == date::day{1};
  if (christmas || new_year) {
    const date::year year =
        christmas ? ymd.year() + date::years{1} : ymd.year();
    return {base,
            calendar.NextWorkingDayOnOrAfter(Day(year / date::January / 2)),
            "r.12(3)(a): it ends between 25 December and 1 January, so the "
            "first working day after 1 January is in time"};
  }
  const Day next = calendar.NextWorkingDayOnOrAfter(base);
  if (next == base) return {base, base, ""};
  const std::string holiday = calendar.HolidayName(base);
  return {base, next,
          absl::StrCat("r.12(2): it ends on ",
                       holiday.empty() ? "a weekend day" : holiday,
                       ", not a working day, so the next working day is in "
                       "time")};
}

}  // namespace sendcase::rules
