#include "services/common/civil_date.h"

#include "gtest/gtest.h"

namespace sendcase {
namespace {

using date::days;
using std::chrono::hours;
using std::chrono::minutes;

Instant Utc(int y, unsigned m, unsigned d, int h, int min = 0) {
  return Instant(Day(date::year{y} / m / d)) + hours(h) + minutes(min);
}

Day D(int y, unsigned m, unsigned d) { return Day(date::year{y} / m / d); }

struct LondonCase {
  Instant utc;
  Day london;
  const char* why;
};

TEST(CivilDateTest, LondonDateAcrossDstAndYearEnds) {
  const LondonCase cases[] = {
      {Utc(2024, 1, 15, 23, 59), D(2024, 1, 15), "winter: GMT = UTC"},
      {Utc(2024, 6, 15, 22, 59), D(2024, 6, 15), "summer, before midnight BST"},
      {Utc(2024, 6, 15, 23, 0), D(2024, 6, 16), "summer: 23:00 UTC is 00:00"},
      {Utc(2024, 3, 31, 0, 59), D(2024, 3, 31), "spring forward morning"},
      {Utc(2024, 3, 30, 23, 30), D(2024, 3, 30), "night before spring, GMT"},
      {Utc(2024, 10, 26, 23, 30), D(2024, 10, 27), "last BST night"},
      {Utc(2024, 10, 27, 23, 30), D(2024, 10, 27), "first GMT night"},
      {Utc(2024, 12, 31, 23, 59), D(2024, 12, 31), "year end in GMT"},
      {Utc(2024, 2, 29, 12), D(2024, 2, 29), "leap day"},
  };
  for (const LondonCase& c : cases) {
    EXPECT_EQ(LondonDate(c.utc), c.london) << c.why;
  }
}

TEST(CivilDateTest, LondonMidnightIsDstSafe) {
  EXPECT_EQ(LondonMidnight(D(2024, 1, 15)), Utc(2024, 1, 15, 0));
  EXPECT_EQ(LondonMidnight(D(2024, 6, 15)), Utc(2024, 6, 14, 23));
  // The days the clocks change: midnight is before the change.
  EXPECT_EQ(LondonMidnight(D(2024, 3, 31)), Utc(2024, 3, 31, 0));
  EXPECT_EQ(LondonMidnight(D(2024, 10, 27)), Utc(2024, 10, 26, 23));
  for (Day d = D(2024, 1, 1); d <= D(2026, 12, 31); d += days{1}) {
    ASSERT_EQ(LondonDate(LondonMidnight(d)), d) << FormatDay(d);
    ASSERT_EQ(LondonDate(LondonMidnight(d) - std::chrono::seconds(1)),
              d - days{1});
  }
}

TEST(CivilDateTest, ParsesAndFormatsDays) {
  auto day = ParseDay("2024-02-29", "event_date");
  ASSERT_TRUE(day.ok());
  EXPECT_EQ(*day, D(2024, 2, 29));
  EXPECT_EQ(FormatDay(*day), "2024-02-29");
  EXPECT_EQ(FormatDayWithWeekday(D(2024, 5, 27)), "2024-05-27 Mon");
}

TEST(CivilDateTest, RejectsNonDates) {
  for (const char* text :
       {"2023-02-29", "2024-13-01", "2024-00-10", "2024-1-01", "20240101",
        "2024-01-32", "abcd-ef-gh", "", "2024-01-01x"}) {
    auto day = ParseDay(text, "event_date");
    ASSERT_FALSE(day.ok()) << text;
    EXPECT_EQ(day.status().code(), absl::StatusCode::kInvalidArgument);
  }
}

}  // namespace
}  // namespace sendcase
