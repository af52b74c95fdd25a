// Properties over every day from 2014 to 2035: the counting rules hold for
// every date, not only the worked examples, and the computed bank holidays
// are GOV.UK's published list for every year the project ships.
#include <fstream>
#include <set>
#include <sstream>

#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "rules/calendar/due_date.h"
#include "rules/calendar/test_calendar.h"
#include "sendcase/rules/v1/rules.pb.h"

namespace sendcase::rules {
namespace {

using date::days;

constexpr auto kFirst = [] { return D(2014, 1, 1); };
constexpr auto kLast = [] { return D(2035, 12, 31); };

TEST(CalendarPropertyTest, WeeksKeepTheWeekdayAndAreExact) {
  for (Day d = kFirst(); d <= kLast(); d += days{1}) {
    for (int weeks : {4, 6, 8, 14, 16, 20}) {
      const Day due = AddWeeks(d, weeks);
      ASSERT_EQ(date::weekday(due), date::weekday(d)) << FormatDay(d);
      ASSERT_EQ((due - d).count(), 7 * weeks) << FormatDay(d);
    }
  }
}

TEST(CalendarPropertyTest, S44LastDayIsTheDayBeforeTheClampedAnniversary) {
  int leap_days = 0;
  for (Day d = kFirst(); d <= kLast(); d += days{1}) {
    const date::year_month_day ymd(d);
    const Day last = MonthsPeriodLastDay(d, 12);
    const Day anniversary = AddMonthsClamped(d, 12);
    if (ymd.month() == date::February && ymd.day() == date::day{29}) {
      // rules/REFERENCE.md §9.1: 29 Feb -> 1 Mar first, so the period ends on
      // 28 Feb, the clamped anniversary itself.
      ASSERT_EQ(last, anniversary) << FormatDay(d);
      ++leap_days;
    } else {
      ASSERT_EQ(last + days{1}, anniversary) << FormatDay(d);
    }
    // The period is a year long: 365 or 366 days including both ends.
    const auto length = (last - d).count() + 1;
    ASSERT_TRUE(length == 365 || length == 366) << FormatDay(d);
  }
  EXPECT_EQ(leap_days, 5);  // 2016, 2020, 2024, 2028, 2032
}

TEST(CalendarPropertyTest, FifteenDayWindowIsFifteenDaysLong) {
  for (Day d = kFirst(); d <= kLast(); d += days{1}) {
    ASSERT_EQ((InclusiveDays(d, 15) - d).count() + 1, 15);
  }
}

bool InAppealWindow(Day day) {
  const date::year_month_day ymd(day);
  return ymd.month() == date::August ||
         (ymd.month() == date::December && ymd.day() >= date::day{25}) ||
         (ymd.month() == date::January && ymd.day() == date::day{1});
}

bool Working(Day day) { return England().IsWorkingDay(day); }

// r.12 read literally (rules/REFERENCE.md §3.3): a base in August or 25 Dec-1
// Jan moves past the window; otherwise a non-working base moves to the next
// working day, which r.12(2) may carry into a window (e.g. Sat 31 July ->
// Mon 2 August): that is the only way a deadline lands in one.
TEST(CalendarPropertyTest, AppealDeadlineIsTheFirstAllowedWorkingDay) {
  int carried_into_window = 0;
  for (Day d = kFirst(); d <= kLast(); d += days{1}) {
    const AppealDay appeal = TribunalAppealDeadline(d, nullptr, England());
    const Day* deadline = &appeal.due;
    const Day base = AddMonthsClamped(d, 2);
    SCOPED_TRACE(FormatDay(d) + " base " + FormatDay(base) + " deadline " +
                 FormatDay(*deadline));
    ASSERT_TRUE(Working(*deadline));
    ASSERT_GE(*deadline, base);
    if (InAppealWindow(*deadline)) {
      ASSERT_FALSE(InAppealWindow(base));
      for (Day x = base; x < *deadline; x += days{1}) ASSERT_FALSE(Working(x));
      ++carried_into_window;
      continue;
    }
    // Minimal: every earlier day from the base was excluded.
    for (Day x = base; x < *deadline; x += days{1}) {
      ASSERT_TRUE(!Working(x) || InAppealWindow(x) || InAppealWindow(base))
          << FormatDay(x) << " was available";
    }
  }
  // Rare but real: e.g. bases on Sat/Sun 30-31 July, or 23-24 Dec weekends.
  EXPECT_GT(carried_into_window, 0);
  EXPECT_LT(carried_into_window, 120);
}

// The published list (2014 to 2027, and the projections 2028 to 2030 that
// shipped as data before), day by day: the computed calendar has exactly
// its holidays, no more, no fewer.
TEST(CalendarPropertyTest, ComputedHolidaysAreThePublishedList) {
  std::ifstream in(std::string(SENDCASE_CALENDAR_TESTDATA) +
                   "/published_bank_holidays.textproto");
  std::stringstream text;
  text << in.rdbuf();
  sendcase::rules::v1::RuleFile published;
  ASSERT_TRUE(
      google::protobuf::TextFormat::ParseFromString(text.str(), &published));
  std::set<Day> listed;
  for (const auto& h : published.holidays()) {
    auto day = ParseDay(h.date(), "date");
    ASSERT_TRUE(day.ok()) << h.date();
    listed.insert(*day);
  }
  ASSERT_EQ(listed.size(), 139u);  // 17 years
  for (Day d = D(2014, 1, 1); d <= D(2030, 12, 31); d += days{1}) {
    EXPECT_EQ(!England().HolidayName(d).empty(), listed.count(d) == 1)
        << FormatDay(d);
  }
}

}  // namespace
}  // namespace sendcase::rules
