#include "rules/calendar/business_calendar.h"

#include "gtest/gtest.h"
#include "rules/calendar/test_calendar.h"

namespace sendcase::rules {
namespace {

struct WorkingCase {
  Day day;
  bool working;
  const char* why;
};

TEST(BusinessCalendarTest, WorkingDays) {
  const WorkingCase cases[] = {
      {D(2024, 5, 24), true, "Friday before the Spring bank holiday"},
      {D(2024, 5, 25), false, "Saturday"},
      {D(2024, 5, 26), false, "Sunday"},
      {D(2024, 5, 27), false, "Spring bank holiday"},
      {D(2024, 5, 28), true, "Tuesday after"},
      {D(2020, 5, 8), false, "VE Day, moved Early May holiday (Friday)"},
      {D(2020, 5, 4), true, "the Monday it moved from"},
      {D(2022, 9, 19), false, "State funeral (one-off)"},
      {D(2022, 6, 3), false, "Platinum Jubilee"},
      {D(2022, 5, 30), true, "the Monday the Spring holiday moved from"},
      {D(2026, 12, 28), false, "Boxing Day substitute 2026"},
      {D(2027, 12, 27), false, "Christmas substitute 2027"},
      {D(2027, 12, 28), false, "Boxing Day substitute 2027"},
      {D(2028, 1, 3), false, "New Year substitute 2028"},
      {D(2025, 1, 2), true, "2 January is not a bank holiday in England"},
      {D(2024, 2, 29), true, "leap day, a Thursday"},
      {D(2030, 12, 31), true, "a Tuesday in a projected year"},
      {D(2014, 12, 26), false, "Boxing Day 2014, the first computed year"},
      {D(2016, 12, 27), false, "Christmas substitute 2016"},
      {D(2045, 12, 26), false, "Boxing Day 2045, computed"},
  };
  for (const WorkingCase& c : cases) {
    EXPECT_EQ(England().IsWorkingDay(c.day), c.working)
        << c.why << " " << FormatDay(c.day);
  }
}

TEST(BusinessCalendarTest, BeforeTheComputedYearsOnlyWeekendsCountAndItSaysSo) {
  EXPECT_TRUE(England().Known(D(2014, 1, 1)));
  EXPECT_FALSE(England().Known(D(2013, 12, 31)));
  // Christmas Day 2013 is unknown here: a Wednesday counts as working.
  EXPECT_TRUE(England().IsWorkingDay(D(2013, 12, 25)));
  EXPECT_EQ(England().Flag(D(2013, 12, 25)), "[BH unknown: 2013]");
  EXPECT_EQ(England().Flag(D(2013, 12, 28)), "[WEEKEND] [BH unknown: 2013]");
  // Across the boundary: Tue 31 Dec 2013 + 1 working day = Thu 2 Jan 2014.
  EXPECT_EQ(England().AddWorkingDays(D(2013, 12, 31), 1), D(2014, 1, 2));
}

TEST(BusinessCalendarTest, NextAndAddWorkingDays) {
  // Christmas 2026: Fri 25 BH, Sat, Sun, Mon 28 substitute -> Tue 29.
  EXPECT_EQ(England().NextWorkingDayOnOrAfter(D(2026, 12, 25)),
            D(2026, 12, 29));
  EXPECT_EQ(England().NextWorkingDayOnOrAfter(D(2026, 12, 24)),
            D(2026, 12, 24));
  // 3 working days after Thu 24 Dec 2026: 29, 30, 31 Dec.
  EXPECT_EQ(England().AddWorkingDays(D(2026, 12, 24), 3), D(2026, 12, 31));
  // Easter 2025: Thu 17 Apr + 1 = Tue 22 Apr (Good Friday, weekend, Easter
  // Monday skipped).
  EXPECT_EQ(England().AddWorkingDays(D(2025, 4, 17), 1), D(2025, 4, 22));
  // Across a year end: Wed 31 Dec 2025 + 1 = Fri 2 Jan 2026.
  EXPECT_EQ(England().AddWorkingDays(D(2025, 12, 31), 1), D(2026, 1, 2));
}

TEST(BusinessCalendarTest, Flags) {
  EXPECT_EQ(England().Flag(D(2024, 5, 27)), "[BH: Spring bank holiday]");
  EXPECT_EQ(England().Flag(D(2025, 3, 15)), "[WEEKEND]");
  EXPECT_EQ(England().Flag(D(2025, 3, 14)), "");
}

TEST(BusinessCalendarTest, EveryYearHasEveryStandardHoliday) {
  for (int y = 2014; y <= 2060; ++y) {
    SCOPED_TRACE(y);
    const Day easter = EasterSunday(y);
    EXPECT_EQ(England().HolidayName(easter - date::days{2}), "Good Friday");
    EXPECT_EQ(England().HolidayName(easter + date::days{1}), "Easter Monday");
    // Last Monday in August (Summer bank holiday).
    const Day summer =
        Day(date::year{y} / date::August / date::Monday[date::last]);
    EXPECT_EQ(England().HolidayName(summer), "Summer bank holiday");
    int count = 0;
    for (Day d = D(y, 1, 1); d <= D(y, 12, 31); d += date::days{1}) {
      if (!England().HolidayName(d).empty()) {
        ++count;
        EXPECT_FALSE(BusinessCalendar::IsWeekend(d))
            << "holiday on a weekend: " << FormatDay(d);
      }
    }
    EXPECT_GE(count, 8);
  }
}

}  // namespace
}  // namespace sendcase::rules
