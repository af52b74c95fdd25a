#include "rules/calendar/business_calendar.h"

#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"

namespace sendcase::rules {

BusinessCalendar::BusinessCalendar(std::map<Day, std::string> holidays,
                                   int first_year, int last_year)
    : holidays_(std::move(holidays)),
      first_year_(first_year),
      last_year_(last_year) {}

bool BusinessCalendar::IsWeekend(Day day) {
  const date::weekday wd(day);
  return wd == date::Saturday || wd == date::Sunday;
}

absl::Status BusinessCalendar::CheckCovered(Day day) const {
  const int year = int(date::year_month_day(day).year());
  if (year < first_year_ || year > last_year_) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the bank-holiday calendar covers ", first_year_, " to ", last_year_,
        ", not ", year, "; add that year to calendar_england.textproto"));
  }
  return absl::OkStatus();
}

absl::StatusOr<bool> BusinessCalendar::IsWorkingDay(Day day) const {
  RETURN_IF_ERROR(CheckCovered(day));
  return !IsWeekend(day) && holidays_.count(day) == 0;
}

std::string BusinessCalendar::HolidayName(Day day) const {
  auto it = holidays_.find(day);
  return it == holidays_.end() ? "" : it->second;
}

absl::StatusOr<Day> BusinessCalendar::NextWorkingDayOnOrAfter(Day day) const {
  // At most a handful of iterations: the longest run of non-working days in
  // England is five (e.g. Christmas + weekend + substitute days).
  while (true) {
    ASSIGN_OR_RETURN(bool working, IsWorkingDay(day));
    if (working) return day;
    day += date::days{1};
  }
}

absl::StatusOr<Day> BusinessCalendar::AddWorkingDays(Day day, int n) const {
  for (int counted = 0; counted < n;) {
    day += date::days{1};
    ASSIGN_OR_RETURN(bool working, IsWorkingDay(day));
    if (working) ++counted;
  }
  return day;
}

std::string BusinessCalendar::Flag(Day day) const {
  const std::string holiday = HolidayName(day);
  if (!holiday.empty()) return absl::StrCat("[BH: ", holiday, "]");
  if (IsWeekend(day)) return "[WEEKEND]";
  return "";
}

}  // namespace sendcase::rules
