#include "rules/evaluator.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rules/calendar/test_calendar.h"
#include "services/common/proto_time.h"
#include "tests/testing/status_matchers.h"

namespace sendcase::rules {
namespace {

using ::sendcase::testing::StatusIs;
using ::testing::HasSubstr;
using C = api::Clock;

// A journey's clocks as a store would keep them.
class Journey {
 public:
  Journey() = default;
  explicit Journey(Day birth) : birth_(birth) {}

  Fact MakeFact(const api::JourneyEvent& event, Day day) const {
    return Fact{&event, day, api::Journey::STATE_UNSPECIFIED, birth_};
  }

  // Records `event` on `day`; returns the changes.
  std::vector<ClockRecord> Record(api::JourneyEvent event, Day day) {
    *event.mutable_event_date() = ToProtoDate(day);
    auto changes = Evaluate(ShippedRules(), MakeFact(event, day), Live());
    EXPECT_TRUE(changes.ok()) << changes.status();
    if (!changes.ok()) return {};
    ApplyClockChanges(clocks_, *changes, &next_id_);
    return *changes;
  }
  absl::StatusOr<std::vector<ClockRecord>> Try(api::JourneyEvent event,
                                               Day day) {
    *event.mutable_event_date() = ToProtoDate(day);
    return Evaluate(ShippedRules(), MakeFact(event, day), Live());
  }
  std::vector<ClockRecord> Live() const {
    std::vector<ClockRecord> live;
    for (const auto& c : clocks_) {
      if (c.IsLive()) live.push_back(c);
    }
    return live;
  }
  // The latest clock with this rule (and subject).
  const ClockRecord& Get(const std::string& rule,
                         const std::string& subject = "") {
    const ClockRecord* found = nullptr;
    for (const auto& c : clocks_) {
      if (c.rule_id == rule && c.subject == subject) found = &c;
    }
    // A concurrent rule's clocks are named by their decision: without a
    // subject, the latest of the rule.
    for (const auto& c : clocks_) {
      if (found == nullptr && subject.empty() && c.rule_id == rule) {
        for (const auto& d : clocks_) {
          if (d.rule_id == rule) found = &d;
        }
      }
    }
    EXPECT_NE(found, nullptr) << rule;
    static const ClockRecord kNone;
    return found ? *found : kNone;
  }

 private:
  std::vector<ClockRecord> clocks_;
  int64_t next_id_ = 1;  // the id the next new clock gets
  Day birth_ = D(2012, 1, 1);
};

api::JourneyEvent Kind(void (*set)(api::JourneyEvent&)) {
  api::JourneyEvent e;
  set(e);
  return e;
}
api::JourneyEvent Requested() {
  return Kind([](api::JourneyEvent& e) { e.mutable_assessment_requested(); });
}
api::JourneyEvent Advice(const std::string& giver, bool received) {
  api::JourneyEvent e;
  if (received) {
    e.mutable_advice_received()->set_advice_giver(giver);
  } else {
    e.mutable_advice_requested()->set_advice_giver(giver);
  }
  return e;
}
api::JourneyEvent Exception(const std::string& rule,
                            api::ExceptionRecorded::Reason reason,
                            const std::string& subject = "") {
  api::JourneyEvent e;
  auto* x = e.mutable_exception_recorded();
  x->set_clock_rule_id(rule);
  x->set_reason(reason);
  x->set_subject(subject);
  *x->mutable_start_date() = ToProtoDate(D(2024, 7, 23));
  *x->mutable_end_date() = ToProtoDate(D(2024, 9, 2));
  return e;
}

TEST(EvaluatorTest, RequestOpensTheFourEhcClocksExactly) {
  Journey j;
  const auto changes = j.Record(Requested(), D(2024, 1, 8));  // E1
  ASSERT_EQ(changes.size(), 4u);
  EXPECT_EQ(j.Get("ehc.decision_to_assess").due_date, D(2024, 2, 19));
  EXPECT_EQ(j.Get("ehc.draft_plan_target").due_date, D(2024, 4, 15));
  EXPECT_EQ(j.Get("ehc.no_plan_notice").due_date, D(2024, 4, 29));
  const ClockRecord& final_plan = j.Get("ehc.final_plan");
  EXPECT_EQ(final_plan.due_date, D(2024, 5, 27));
  EXPECT_EQ(final_plan.start_date, D(2024, 1, 8));
  EXPECT_TRUE(final_plan.statutory);
  EXPECT_FALSE(j.Get("ehc.draft_plan_target").statutory);
  EXPECT_EQ(final_plan.owner_role, api::LA_CASE_OFFICER);
  EXPECT_EQ(final_plan.rule_set_version, ShippedRules().version());
  EXPECT_THAT(final_plan.explanation,
              AllOf(HasSubstr("ehc.final_plan"),
                    HasSubstr("rule set " + ShippedRules().version()),
                    HasSubstr("reg 13(2)"), HasSubstr("2024-01-08 Mon"),
                    HasSubstr("2024-05-27 Mon [BH: Spring bank holiday]"),
                    HasSubstr("20 weeks (140 days)")));
}

TEST(EvaluatorTest, DecisionMeetsAndRefusalCancelsAndOpensAppeal) {
  Journey j;
  j.Record(Requested(), D(2025, 3, 3));
  j.Record(Kind([](api::JourneyEvent& e) { e.mutable_assessment_refused(); }),
           D(2025, 4, 11));
  EXPECT_EQ(j.Get("ehc.decision_to_assess").status, C::MET);
  EXPECT_EQ(j.Get("ehc.decision_to_assess").met_date, D(2025, 4, 11));
  EXPECT_EQ(j.Get("ehc.final_plan").status, C::CANCELLED);
  EXPECT_EQ(j.Get("ehc.no_plan_notice").status, C::CANCELLED);
  EXPECT_EQ(j.Get("ehc.draft_plan_target").status, C::CANCELLED);
  const ClockRecord& appeal = j.Get("appeal.tribunal");
  EXPECT_EQ(appeal.status, C::OPEN);
  EXPECT_EQ(appeal.owner_role, api::PARENT);
  // 11 Apr + 2 months = Wed 11 Jun 2025.
  EXPECT_EQ(appeal.due_date, D(2025, 6, 11));
}

TEST(EvaluatorTest, MediationCertificateExtendsTheOpenAppeal) {
  Journey j;
  j.Record(Requested(), D(2025, 1, 6));
  j.Record(Kind([](api::JourneyEvent& e) { e.mutable_assessment_refused(); }),
           D(2025, 3, 3));
  EXPECT_EQ(j.Get("appeal.tribunal").due_date, D(2025, 5, 6));
  j.Record(Kind([](api::JourneyEvent& e) {
             e.mutable_mediation_certificate_issued();
           }),
           D(2025, 4, 20));
  const ClockRecord& appeal = j.Get("appeal.tribunal");
  EXPECT_EQ(appeal.status, C::OPEN);
  EXPECT_EQ(appeal.start_date, D(2025, 3, 3));  // still the decision
  EXPECT_EQ(appeal.due_date, D(2025, 5, 20));
  EXPECT_THAT(appeal.explanation, HasSubstr("later of decision"));
  EXPECT_EQ(j.Live().size(), 1u);  // the old appeal clock was superseded
}

TEST(EvaluatorTest, AdviceClocksArePerAdviceGiver) {
  Journey j;
  j.Record(Requested(), D(2024, 1, 8));
  j.Record(Kind([](api::JourneyEvent& e) { e.mutable_assessment_agreed(); }),
           D(2024, 2, 16));
  j.Record(Advice("EP", false), D(2024, 2, 21));
  j.Record(Advice("ICB", false), D(2024, 2, 22));
  EXPECT_EQ(j.Get("ehc.advice", "EP").due_date, D(2024, 4, 3));  // A1
  EXPECT_EQ(j.Get("ehc.advice", "ICB").due_date, D(2024, 4, 4));
  j.Record(Advice("EP", true), D(2024, 3, 20));
  EXPECT_EQ(j.Get("ehc.advice", "EP").status, C::MET);
  EXPECT_EQ(j.Get("ehc.advice", "ICB").status, C::OPEN);
}

TEST(EvaluatorTest, ExceptionsAreCheckedPerClockAndNeverMoveTheDate) {
  Journey j;
  j.Record(Requested(), D(2024, 6, 3));
  j.Record(Kind([](api::JourneyEvent& e) { e.mutable_assessment_agreed(); }),
           D(2024, 7, 10));
  j.Record(Advice("school", false), D(2024, 7, 16));
  // reg 8 has no school-closure exception.
  EXPECT_THAT(
      j.Try(Exception("ehc.advice", api::ExceptionRecorded::SCHOOL_CLOSURE),
            D(2024, 7, 20)),
      StatusIs(absl::StatusCode::kInvalidArgument,
               AllOf(HasSubstr("SCHOOL_CLOSURE"), HasSubstr("ehc.advice"),
                     HasSubstr("MISSED_APPOINTMENT"))));
  EXPECT_THAT(
      j.Try(Exception("ehc.nope", api::ExceptionRecorded::SCHOOL_CLOSURE),
            D(2024, 7, 20)),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("clock_rule_id")));
  const Day due = j.Get("ehc.final_plan").due_date;
  j.Record(Exception("ehc.final_plan", api::ExceptionRecorded::SCHOOL_CLOSURE),
           D(2024, 7, 20));
  EXPECT_EQ(j.Get("ehc.final_plan").status, C::EXCEPTION);
  EXPECT_EQ(j.Get("ehc.final_plan").due_date, due);
  EXPECT_EQ(j.Get("ehc.final_plan").exception_reason, "SCHOOL_CLOSURE");
  // An exception on a clock that is not live is a precondition failure.
  EXPECT_THAT(j.Try(Exception("ehc.decision_to_assess",
                              api::ExceptionRecorded::PERSONAL_CIRCUMSTANCES),
                    D(2024, 7, 20)),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("no live clock ehc.decision_to_assess")));
  // A clock in EXCEPTION is still met by its event.
  j.Record(Kind([](api::JourneyEvent& e) { e.mutable_draft_plan_issued(); }),
           D(2024, 10, 1));
  j.Record(Kind([](api::JourneyEvent& e) { e.mutable_final_plan_issued(); }),
           D(2024, 10, 30));
  EXPECT_EQ(j.Get("ehc.final_plan").status, C::MET);
}

TEST(EvaluatorTest, DraftCommentWindowAdmitsNoException) {
  Journey j;
  j.Record(Requested(), D(2024, 1, 8));
  j.Record(Kind([](api::JourneyEvent& e) { e.mutable_assessment_agreed(); }),
           D(2024, 2, 1));
  j.Record(Kind([](api::JourneyEvent& e) { e.mutable_draft_plan_issued(); }),
           D(2024, 4, 15));
  EXPECT_EQ(j.Get("ehc.draft_comments").due_date, D(2024, 4, 29));
  EXPECT_EQ(j.Get("ehc.draft_plan_target").status, C::MET);
  EXPECT_THAT(
      j.Try(Exception("ehc.draft_comments",
                      api::ExceptionRecorded::PERSONAL_CIRCUMSTANCES),
            D(2024, 4, 16)),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("admits none")));
}

TEST(EvaluatorTest, AnnualReviewCycle) {
  Journey j;
  j.Record(Requested(), D(2023, 11, 1));
  j.Record(Kind([](api::JourneyEvent& e) { e.mutable_final_plan_issued(); }),
           D(2024, 3, 15));
  EXPECT_EQ(j.Get("review.annual").due_date, D(2025, 3, 14));  // AR1
  EXPECT_THAT(j.Get("review.annual").explanation,
              HasSubstr("anniversary is 2025-03-15 Sat"));
  EXPECT_EQ(j.Get("appeal.tribunal").due_date, D(2024, 5, 15));
  j.Record(Kind([](api::JourneyEvent& e) { e.mutable_annual_review_held(); }),
           D(2025, 3, 1));
  EXPECT_EQ(j.Get("review.decision").due_date, D(2025, 3, 29));
  const ClockRecord& next = j.Get("review.annual");
  EXPECT_EQ(next.status, C::OPEN);
  EXPECT_EQ(next.due_date, D(2026, 2, 28));
  j.Record(
      Kind([](api::JourneyEvent& e) {
        e.mutable_review_decision()->set_outcome(api::ReviewDecision::AMEND);
      }),
      D(2025, 3, 20));
  EXPECT_EQ(j.Get("review.decision").status, C::MET);
  j.Record(
      Kind([](api::JourneyEvent& e) { e.mutable_amendment_notice_issued(); }),
      D(2025, 3, 20));
  EXPECT_EQ(j.Get("review.amended_plan").due_date, D(2025, 5, 15));
}

TEST(EvaluatorTest, UnderFivesGetAThreeMonthReviewPrompt) {
  // AR2: born 2021-06-01, plan issued Fri 2025-01-10 aged 3.
  Journey young(D(2021, 6, 1));
  young.Record(Requested(), D(2024, 9, 2));
  young.Record(
      Kind([](api::JourneyEvent& e) { e.mutable_final_plan_issued(); }),
      D(2025, 1, 10));
  EXPECT_EQ(young.Get("review.early_years").due_date, D(2025, 4, 10));
  EXPECT_FALSE(young.Get("review.early_years").statutory);
  EXPECT_EQ(young.Get("review.annual").due_date, D(2026, 1, 9));
  // A pupil of 5 or more gets no prompt.
  Journey older(D(2019, 1, 10));
  older.Record(Requested(), D(2024, 9, 2));
  older.Record(
      Kind([](api::JourneyEvent& e) { e.mutable_final_plan_issued(); }),
      D(2025, 1, 10));
  for (const auto& c : older.Live()) EXPECT_NE(c.rule_id, "review.early_years");
}

TEST(EvaluatorTest, PhaseTransferVariants) {
  struct Case {
    bool post16, mid_year;
    Day transfer, due;
  };
  const Case cases[] = {
      {false, false, D(2026, 9, 1), D(2026, 2, 14)},  // AR4
      {true, false, D(2026, 9, 1), D(2026, 3, 30)},
      {true, true, D(2026, 1, 5), D(2025, 8, 5)},  // AR6
  };
  for (const Case& c : cases) {
    Journey j;
    api::JourneyEvent e;
    auto* p = e.mutable_phase_transfer_planned();
    p->set_post16(c.post16);
    p->set_post16_mid_year(c.mid_year);
    *p->mutable_transfer_date() = ToProtoDate(c.transfer);
    j.Record(e, D(2025, 6, 1));
    EXPECT_EQ(j.Get("review.phase_transfer").due_date, c.due)
        << c.post16 << c.mid_year;
  }
}

TEST(EvaluatorTest, SupportReviewUsesTheAgreedDate) {
  Journey j;
  api::JourneyEvent start;
  *start.mutable_sen_support_started()->mutable_review_date() =
      ToProtoDate(D(2025, 12, 12));
  j.Record(start, D(2025, 9, 15));
  EXPECT_EQ(j.Get("support.review").due_date, D(2025, 12, 12));
  EXPECT_EQ(j.Get("support.review").owner_role, api::SENCO);
  api::JourneyEvent reviewed;
  *reviewed.mutable_support_reviewed()->mutable_next_review_date() =
      ToProtoDate(D(2026, 3, 20));
  j.Record(reviewed, D(2025, 12, 10));
  EXPECT_EQ(j.Get("support.review").due_date, D(2026, 3, 20));
  EXPECT_EQ(j.Live().size(), 1u);
}

// The early years' rhythm (sen_support.textproto, at_most_months: 3 for a
// child under 5): the agreed date may be the corresponding day 3 months on,
// clamped to the month's end, and no later; a stored event replays whatever
// its date; a child of 5 has no limit.
TEST(EvaluatorTest, AnUnder5sSupportReviewIsAtMostThreeMonthsAhead) {
  struct Case {
    Day meeting, review;
    bool accepted;
  };
  const Case cases[] = {
      {D(2026, 11, 25), D(2027, 2, 25), true},
      {D(2026, 11, 25), D(2027, 2, 26), false},
      {D(2026, 11, 30), D(2027, 2, 28), true},  // 30 Feb -> 28 Feb
      {D(2026, 11, 30), D(2027, 3, 1), false},
      {D(2027, 11, 30), D(2028, 2, 29), true},  // leap year
      {D(2027, 11, 30), D(2028, 3, 1), false},
      {D(2026, 12, 31), D(2027, 3, 31), true},  // across the year end
      {D(2026, 12, 31), D(2027, 4, 1), false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(
        absl::StrCat(FormatDay(c.meeting), " -> ", FormatDay(c.review)));
    Journey young(D(2024, 1, 1));  // 2 or 3 years old throughout
    api::JourneyEvent start;
    *start.mutable_sen_support_started()->mutable_review_date() =
        ToProtoDate(c.review);
    auto changes = young.Try(start, c.meeting);
    if (c.accepted) {
      ASSERT_OK(changes);
      ASSERT_EQ(changes->size(), 1u);
      EXPECT_EQ((*changes)[0].due_date, c.review);
    } else {
      EXPECT_THAT(changes,
                  StatusIs(absl::StatusCode::kInvalidArgument,
                           HasSubstr(absl::StrCat(
                               "event.sen_support_started.review_date: ",
                               FormatDay(c.review),
                               " is more than 3 months "
                               "after ",
                               FormatDay(c.meeting),
                               "; for a child under 5, support.review"))));
      // Stored before the limit existed: replayed as it was.
      Fact stored = young.MakeFact(start, c.meeting);
      stored.is_new = false;
      *start.mutable_event_date() = ToProtoDate(c.meeting);
      auto replayed = Evaluate(ShippedRules(), stored, {});
      ASSERT_OK(replayed);
      EXPECT_EQ((*replayed)[0].due_date, c.review);
      // A child of 5 (born 2021-01-01) has no limit.
      Journey five(D(2021, 1, 1));
      EXPECT_OK(five.Try(start, c.meeting));
    }
  }
}

TEST(EvaluatorTest, RepeatedRequestSupersedesTheOldClocks) {
  Journey j;
  j.Record(Requested(), D(2024, 1, 8));
  j.Record(Requested(), D(2024, 3, 1));
  EXPECT_EQ(j.Live().size(), 4u);
  EXPECT_EQ(j.Get("ehc.final_plan").start_date, D(2024, 3, 1));
}

TEST(EvaluatorTest, ADueDatePastYear9999IsRefusedNotStored) {
  Journey j;
  api::JourneyEvent request;
  request.mutable_assessment_requested();
  EXPECT_THAT(j.Try(request, Day(date::year{9999} / 10 / 1)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("after 9999-12-31")));
  EXPECT_OK(j.Try(request, Day(date::year{9999} / 1 / 4)));
}

}  // namespace
}  // namespace sendcase::rules
