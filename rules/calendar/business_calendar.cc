#include "rules/calendar/business_calendar.h"

#include "absl/strings/str_cat.h"

namespace sendcase::rules {
namespace {

using date::days;

Day Ymd(int y, unsigned m, unsigned d) {
  return Day(date::year{y} / date::month{m} / date::day{d});
}

// The n-th (1-based) `wd` of month m, or the last one when n == 0.
Day NthWeekday(int y, unsigned m, date::weekday wd, unsigned n) {
  if (n == 0) {
    return Day(date::year_month_weekday_last(date::year{y}, date::month{m},
                                             date::weekday_last{wd}));
  }
  return Day(date::year_month_weekday(date::year{y}, date::month{m},
                                      date::weekday_indexed{wd, n}));
}

}  // namespace

Day EasterSunday(int y) {
  const int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
  const int f = (b + 8) / 25, g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4, k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = ((h + l - 7 * m + 114) % 31) + 1;
  return Ymd(y, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

std::map<Day, std::string> StandardBankHolidays(int y) {
  std::map<Day, std::string> out;
  // New Year's Day, or the Monday after when it falls at a weekend.
  const Day new_year = Ymd(y, 1, 1);
  const date::weekday ny(new_year);
  if (ny == date::Saturday) {
    out[new_year + days{2}] = "New Year's Day (substitute day)";
  } else if (ny == date::Sunday) {
    out[new_year + days{1}] = "New Year's Day (substitute day)";
  } else {
    out[new_year] = "New Year's Day";
  }
  const Day easter = EasterSunday(y);
  out[easter - days{2}] = "Good Friday";
  out[easter + days{1}] = "Easter Monday";
  out[NthWeekday(y, 5, date::Monday, 1)] = "Early May bank holiday";
  out[NthWeekday(y, 5, date::Monday, 0)] = "Spring bank holiday";
  out[NthWeekday(y, 8, date::Monday, 0)] = "Summer bank holiday";
  // Christmas and Boxing Day: a day at a weekend gets the next free weekday.
  const Day christmas = Ymd(y, 12, 25);
  const date::weekday xmas(christmas);
  if (xmas == date::Saturday) {  // Mon 27 and Tue 28 substitute both
    out[christmas + days{2}] = "Christmas Day (substitute day)";
    out[christmas + days{3}] = "Boxing Day (substitute day)";
  } else if (xmas == date::Sunday) {  // Boxing Day Mon 26, Christmas Tue 27
    out[christmas + days{1}] = "Boxing Day";
    out[christmas + days{2}] = "Christmas Day (substitute day)";
  } else if (xmas == date::Friday) {  // Boxing Day on Saturday: Mon 28
    out[christmas] = "Christmas Day";
    out[christmas + days{3}] = "Boxing Day (substitute day)";
  } else {
    out[christmas] = "Christmas Day";
    out[christmas + days{1}] = "Boxing Day";
  }
  return out;
}

BusinessCalendar::BusinessCalendar(const std::map<Day, std::string>& one_offs,
                                   const std::set<Day>& moved_from,
                                   int first_year, int published_through)
    : first_year_(first_year), published_through_(published_through) {
  for (int y = first_year; y <= kLastComputedYear; ++y) {
    holidays_.merge(StandardBankHolidays(y));
  }
  for (const Day& d : moved_from) holidays_.erase(d);
  for (const auto& [d, name] : one_offs) holidays_[d] = name;
}

bool BusinessCalendar::IsWeekend(Day day) {
  const date::weekday wd(day);
  return wd == date::Saturday || wd == date::Sunday;
}

bool BusinessCalendar::Known(Day day) const {
  const int year = int(date::year_month_day(day).year());
  return year >= first_year_ && year <= kLastComputedYear;
}

bool BusinessCalendar::IsWorkingDay(Day day) const {
  return !IsWeekend(day) && holidays_.count(day) == 0;
}

std::string BusinessCalendar::HolidayName(Day day) const {
  auto it = holidays_.find(day);
  return it == holidays_.end() ? "" : it->second;
}

Day BusinessCalendar::NextWorkingDayOnOrAfter(Day day) const {
  // A handful of iterations: the longest run of non-working days in England
  // is five (Christmas, a weekend and substitute days).
  while (!IsWorkingDay(day)) day += days{1};
  return day;
}

Day BusinessCalendar::AddWorkingDays(Day day, int n) const {
  for (int counted = 0; counted < n;) {
    day += days{1};
    if (IsWorkingDay(day)) ++counted;
  }
  return day;
}

std::string BusinessCalendar::Flag(Day day) const {
  std::string flag;
  const std::string holiday = HolidayName(day);
  if (!holiday.empty()) {
    flag = absl::StrCat("[BH: ", holiday, "]");
  } else if (IsWeekend(day)) {
    flag = "[WEEKEND]";
  }
  if (!Known(day)) {
    absl::StrAppend(&flag, flag.empty() ? "" : " ",
                    "[BH unknown: ", int(date::year_month_day(day).year()),
                    "]");
  }
  return flag;
}

std::map<Day, std::string> BusinessCalendar::HolidaysBetween(Day from,
                                                             Day to) const {
  return {holidays_.lower_bound(from), holidays_.upper_bound(to)};
}

}  // namespace sendcase::rules
