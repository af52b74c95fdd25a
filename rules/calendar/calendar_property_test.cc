// Properties over every day from 2020 to 2030: the counting rules hold for
// every date, not only the worked examples.
#include "gtest/gtest.h"
#include "rules/calendar/due_date.h"
#include "rules/calendar/test_calendar.h"

namespace sendcase::rules {
namespace {

using date::days;

constexpr auto kFirst = [] { return D(2020, 1, 1); };
constexpr auto kLast = [] { return D(2030, 12, 31); };

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
      // DOMAIN.md §9.1: 29 Feb -> 1 Mar first, so the period ends on
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
  EXPECT_EQ(leap_days, 3);  // 2020, 2024, 2028
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

bool Working(Day day) { return *England().IsWorkingDay(day); }

// r.12 read literally (DOMAIN.md §9.1): a base in August or 25 Dec-1 Jan
// moves past the window; otherwise a non-working base moves to the next
// working day, which r.12(2) may carry into a window (e.g. Sat 31 July ->
// Mon 2 August): that is the only way a deadline lands in one.
TEST(CalendarPropertyTest, AppealDeadlineIsTheFirstAllowedWorkingDay) {
  int carried_into_window = 0;
  for (Day d = kFirst(); d <= D(2030, 10, 20); d += days{1}) {
    auto deadline = TribunalAppealDeadline(d, nullptr, England());
    ASSERT_TRUE(deadline.ok()) << FormatDay(d) << " " << deadline.status();
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
  EXPECT_LT(carried_into_window, 60);
}

}  // namespace
}  // namespace sendcase::rules
