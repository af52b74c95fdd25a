#ifndef SENDCASE_RULES_CALENDAR_BUSINESS_CALENDAR_H_
#define SENDCASE_RULES_CALENDAR_BUSINESS_CALENDAR_H_

// BusinessCalendar: England and Wales working days. A working day is Monday
// to Friday and not a bank holiday. Bank holidays follow rules (Banking and
// Financial Dealings Act 1971 and the standing proclamations): New Year's
// Day, Good Friday, Easter Monday, the first and last Mondays of May, the
// last Monday of August, Christmas Day and Boxing Day, each with its
// substitute weekday; one-off and moved days by proclamation are data
// (rules/definitions/calendar_england.textproto). Every year from
// `first_year` on is computed; before it no bank holiday is known, and a
// date there is not refused but marked (Known() is false). Immutable after
// construction; thread-safe. No clock.

#include <map>
#include <set>
#include <string>

#include "services/common/civil_date.h"

namespace sendcase::rules {

// The bank holidays of `year` by the standing rules alone (no one-offs),
// each with its GOV.UK name, e.g. "Boxing Day (substitute day)".
std::map<Day, std::string> StandardBankHolidays(int year);

// Easter Sunday (Gregorian; the anonymous algorithm).
Day EasterSunday(int year);

class BusinessCalendar {
 public:
  // The last year computed; later days count weekends only (and are marked).
  static constexpr int kLastComputedYear = 2199;

  // `one_offs` adds proclaimed days (name by day); `moved_from` removes the
  // standard day a proclamation moved. Rules apply from `first_year`;
  // `published_through` is the last year checked against GOV.UK's list
  // (later years are projections, replaceable by data).
  BusinessCalendar(const std::map<Day, std::string>& one_offs,
                   const std::set<Day>& moved_from, int first_year,
                   int published_through);

  // True on a weekend day.
  static bool IsWeekend(Day day);

  // False when bank holidays are not known for `day`'s year (before
  // first_year, or after kLastComputedYear): then only weekends count.
  bool Known(Day day) const;
  bool IsWorkingDay(Day day) const;
  // The bank holiday's name, or "".
  std::string HolidayName(Day day) const;
  // The first working day on or after `day`.
  Day NextWorkingDayOnOrAfter(Day day) const;
  // The n-th working day after `day` (n >= 1; `day` itself not counted).
  Day AddWorkingDays(Day day, int n) const;

  // "[WEEKEND]", "[BH: name]" or "" — the flag on deadlines that are not
  // rolled forward — plus "[BH unknown: YEAR]" where holidays are unknown.
  std::string Flag(Day day) const;

  int first_year() const { return first_year_; }
  int published_through() const { return published_through_; }
  // Every bank holiday in [from, to], for exports (the JS benchmark peer).
  std::map<Day, std::string> HolidaysBetween(Day from, Day to) const;

 private:
  std::map<Day, std::string> holidays_;
  int first_year_;
  int published_through_;
};

}  // namespace sendcase::rules

#endif  // SENDCASE_RULES_CALENDAR_BUSINESS_CALENDAR_H_
