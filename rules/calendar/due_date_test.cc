#include "rules/calendar/due_date.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rules/calendar/test_calendar.h"

namespace sendcase::rules {
namespace {

// rules/REFERENCE.md §9.2 rows E1-E7 and more: received, +6w, +14w, +16w, +20w.
struct EhcCase {
  const char* id;
  Day received, w6, w14, w16, w20;
};

TEST(DueDateTest, EhcWeeksNeverRollForward) {
  const EhcCase cases[] = {
      {"E1 20w on a bank holiday", D(2024, 1, 8), D(2024, 2, 19),
       D(2024, 4, 15), D(2024, 4, 29), D(2024, 5, 27)},
      {"E2 leap day", D(2024, 2, 29), D(2024, 4, 11), D(2024, 6, 6),
       D(2024, 6, 20), D(2024, 7, 18)},
      {"E3 late December", D(2024, 12, 23), D(2025, 2, 3), D(2025, 3, 31),
       D(2025, 4, 14), D(2025, 5, 12)},
      {"E4 Christmas Eve", D(2025, 12, 24), D(2026, 2, 4), D(2026, 4, 1),
       D(2026, 4, 15), D(2026, 5, 13)},
      {"E5 20w on the Summer bank holiday", D(2025, 4, 7), D(2025, 5, 19),
       D(2025, 7, 14), D(2025, 7, 28), D(2025, 8, 25)},
      {"E7", D(2025, 6, 2), D(2025, 7, 14), D(2025, 9, 8), D(2025, 9, 22),
       D(2025, 10, 20)},
      {"received on a Saturday: deadlines stay on Saturdays", D(2025, 3, 1),
       D(2025, 4, 12), D(2025, 6, 7), D(2025, 6, 21), D(2025, 7, 19)},
      {"year end, 31 Dec", D(2025, 12, 31), D(2026, 2, 11), D(2026, 4, 8),
       D(2026, 4, 22), D(2026, 5, 20)},
      {"month end across February of a common year", D(2027, 1, 31),
       D(2027, 3, 14), D(2027, 5, 9), D(2027, 5, 23), D(2027, 6, 20)},
  };
  for (const EhcCase& c : cases) {
    SCOPED_TRACE(c.id);
    EXPECT_EQ(AddWeeks(c.received, 6), c.w6);
    EXPECT_EQ(AddWeeks(c.received, 14), c.w14);
    EXPECT_EQ(AddWeeks(c.received, 16), c.w16);
    EXPECT_EQ(AddWeeks(c.received, 20), c.w20);
  }
}

TEST(DueDateTest, IncludeEventDayConventionIsOneDayEarlier) {
  EXPECT_EQ(AddWeeks(D(2024, 1, 8), 20, /*include_event_day=*/true),
            D(2024, 5, 26));
}

TEST(DueDateTest, AdviceAndReviewWeeks) {
  EXPECT_EQ(AddWeeks(D(2024, 2, 21), 6), D(2024, 4, 3));   // A1
  EXPECT_EQ(AddWeeks(D(2025, 7, 16), 6), D(2025, 8, 27));  // A2
  EXPECT_EQ(AddWeeks(D(2025, 6, 10), 4), D(2025, 7, 8));   // AR7 decision
  EXPECT_EQ(AddWeeks(D(2025, 7, 8), 8), D(2025, 9, 2));    // AR7 amended
}

TEST(DueDateTest, FifteenDaysBeginningWithService) {
  EXPECT_EQ(InclusiveDays(D(2024, 4, 15), 15), D(2024, 4, 29));
  EXPECT_EQ(InclusiveDays(D(2024, 5, 10), 15), D(2024, 5, 24));
  EXPECT_EQ(InclusiveDays(D(2025, 7, 8), 15), D(2025, 7, 22));   // AR7
  EXPECT_EQ(InclusiveDays(D(2024, 2, 20), 15), D(2024, 3, 5));   // leap Feb
  EXPECT_EQ(InclusiveDays(D(2025, 12, 20), 15), D(2026, 1, 3));  // year end
}

struct A12Case {
  Day start, last_day, anniversary;
  const char* why;
};

TEST(DueDateTest, AnnualReviewPeriod) {
  const A12Case cases[] = {
      {D(2024, 3, 15), D(2025, 3, 14), D(2025, 3, 15), "AR1"},
      {D(2025, 1, 10), D(2026, 1, 9), D(2026, 1, 10), "AR2"},
      {D(2023, 10, 5), D(2024, 10, 4), D(2024, 10, 5), "AR4 first review"},
      {D(2025, 6, 10), D(2026, 6, 9), D(2026, 6, 10), "AR7 next review"},
      {D(2024, 2, 29), D(2025, 2, 28), D(2025, 2, 28), "leap day: 1 Mar - 1"},
      {D(2023, 2, 28), D(2024, 2, 27), D(2024, 2, 28), "into a leap year"},
      {D(2023, 3, 1), D(2024, 2, 29), D(2024, 3, 1), "ends on a leap day"},
      {D(2024, 1, 1), D(2024, 12, 31), D(2025, 1, 1), "calendar year"},
      {D(2024, 12, 31), D(2025, 12, 30), D(2025, 12, 31), "year end"},
      {D(2025, 1, 31), D(2026, 1, 30), D(2026, 1, 31), "month end"},
  };
  for (const A12Case& c : cases) {
    SCOPED_TRACE(c.why);
    EXPECT_EQ(MonthsPeriodLastDay(c.start, 12), c.last_day);
    EXPECT_EQ(AddMonthsClamped(c.start, 12), c.anniversary);
  }
  // Under-5 prompts (AR2): 3 and 6 months by corresponding date.
  EXPECT_EQ(AddMonthsClamped(D(2025, 1, 10), 3), D(2025, 4, 10));
  EXPECT_EQ(AddMonthsClamped(D(2025, 1, 10), 6), D(2025, 7, 10));
}

TEST(DueDateTest, CorrespondingDateClampsToMonthEnd) {
  EXPECT_EQ(AddMonthsClamped(D(2025, 12, 31), 2), D(2026, 2, 28));
  EXPECT_EQ(AddMonthsClamped(D(2023, 12, 31), 2), D(2024, 2, 29));
  EXPECT_EQ(AddMonthsClamped(D(2025, 1, 31), 1), D(2025, 2, 28));
  EXPECT_EQ(AddMonthsClamped(D(2025, 3, 31), 1), D(2025, 4, 30));
  EXPECT_EQ(AddMonthsClamped(D(2026, 1, 5), -5), D(2025, 8, 5));  // AR6
  EXPECT_EQ(AddMonthsClamped(D(2026, 7, 31), -5), D(2026, 2, 28));
}

TEST(DueDateTest, PhaseTransferBeforeFixedDates) {
  EXPECT_EQ(*DayBeforeInYear(D(2026, 9, 1), 2, 15), D(2026, 2, 14));  // AR4
  EXPECT_EQ(*DayBeforeInYear(D(2026, 9, 1), 3, 31), D(2026, 3, 30));
  EXPECT_EQ(*DayBeforeInYear(D(2028, 9, 4), 2, 15), D(2028, 2, 14));
  EXPECT_EQ(*DayBeforeInYear(D(2028, 9, 4), 3, 1), D(2028, 2, 29));
  EXPECT_EQ(DayBeforeInYear(D(2028, 9, 4), 2, 30).status().code(),
            absl::StatusCode::kInvalidArgument);
}

struct AppealCase {
  const char* id;
  Day decision;
  std::optional<Day> certificate;
  Day deadline;
};

TEST(DueDateTest, TribunalAppealDeadlines) {
  const AppealCase cases[] = {
      {"AP1 base in August", D(2025, 6, 20), std::nullopt, D(2025, 9, 1)},
      {"AP3 base on a Saturday", D(2025, 3, 31), std::nullopt, D(2025, 6, 2)},
      {"plain weekday", D(2025, 3, 12), std::nullopt, D(2025, 5, 12)},
      {"base 27 Dec -> first working day after 1 Jan", D(2025, 10, 27),
       std::nullopt, D(2026, 1, 2)},
      {"base 1 Jan", D(2025, 11, 1), std::nullopt, D(2026, 1, 2)},
      {"base 24 Dec is a working day", D(2025, 10, 24), std::nullopt,
       D(2025, 12, 24)},
      {"base on Easter Monday", D(2026, 2, 6), std::nullopt, D(2026, 4, 7)},
      {"31 Dec + 2 months, leap year", D(2023, 12, 31), std::nullopt,
       D(2024, 2, 29)},
      {"31 Dec + 2 months, common year", D(2024, 12, 31), std::nullopt,
       D(2025, 2, 28)},
      {"30 Dec + 2 months lands on Sun 28 Feb 2027 -> Mon 1 Mar",
       D(2026, 12, 30), std::nullopt, D(2027, 3, 1)},
      {"certificate later wins", D(2025, 3, 3), D(2025, 4, 20), D(2025, 5, 20)},
      {"decision later wins", D(2025, 3, 3), D(2025, 3, 10), D(2025, 5, 6)},
      {"certificate month end clamps", D(2024, 11, 15), D(2025, 1, 31),
       D(2025, 2, 28)},
      {"certificate pushes into August", D(2025, 5, 1), D(2025, 7, 20),
       D(2025, 9, 1)},
      {"Christmas 2026 substitute days", D(2026, 10, 28), std::nullopt,
       D(2027, 1, 4)},
  };
  for (const AppealCase& c : cases) {
    SCOPED_TRACE(c.id);
    const AppealDay deadline = TribunalAppealDeadline(
        c.decision, c.certificate ? &*c.certificate : nullptr, England());
    EXPECT_EQ(deadline.due, c.deadline) << FormatDay(deadline.due);
    // r.12 is named exactly when it moved the date.
    EXPECT_EQ(deadline.moved_by.empty(), deadline.due == deadline.base);
  }
}

struct MovedCase {
  Day base;
  const char* part;  // the r.12 paragraph that moves it, "" for none
};

TEST(DueDateTest, TheExplanationNamesThePartOfR12ThatMovedTheDate) {
  const MovedCase cases[] = {
      {D(2025, 5, 14), ""},             // a Wednesday
      {D(2025, 5, 17), "r.12(2)"},      // a Saturday
      {D(2025, 5, 26), "r.12(2)"},      // Spring bank holiday
      {D(2025, 8, 12), "r.12(3)(a)"},   // August
      {D(2025, 12, 29), "r.12(3)(a)"},  // Christmas to New Year
      {D(2030, 12, 27), "r.12(3)(a)"},  // beyond the published years
  };
  for (const MovedCase& c : cases) {
    SCOPED_TRACE(FormatDay(c.base));
    const AppealDay day = TribunalAdjust(c.base, England());
    EXPECT_EQ(day.base, c.base);
    EXPECT_EQ(day.moved_by.substr(0, std::string(c.part).size()), c.part);
    EXPECT_EQ(day.moved_by.empty(), std::string(c.part).empty());
  }
  EXPECT_THAT(TribunalAdjust(D(2025, 5, 26), England()).moved_by,
              ::testing::HasSubstr("Spring bank holiday"));
}

TEST(DueDateTest, AppealsAreComputedInAnyYear) {
  // 2031 is beyond the published list: computed by the rules (New Year's
  // Day 2032 is a Thursday, so 2 January 2032 is the first working day).
  EXPECT_EQ(TribunalAppealDeadline(D(2031, 10, 27), nullptr, England()).due,
            D(2032, 1, 2));
  // 2013, before the computed years: weekends only, never refused.
  EXPECT_EQ(TribunalAppealDeadline(D(2013, 1, 31), nullptr, England()).due,
            D(2013, 4, 1));  // Sun 31 Mar 2013 (Easter) -> Mon 1 Apr
  EXPECT_EQ(England().Flag(D(2013, 4, 1)), "[BH unknown: 2013]");
}

}  // namespace
}  // namespace sendcase::rules
