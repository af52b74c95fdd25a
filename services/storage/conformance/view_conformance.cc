// The conformance suite, the work views (view_store.h): data built through
// the write ports, read back exactly as far as the caller sees.
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "services/storage/conformance/store_conformance.h"
#include "services/storage/conformance/view_fixtures.h"

namespace sendcase::storage::conformance {
namespace {

using ::sendcase::testing::IsOkAndHolds;
using ::testing::_;
using ::testing::ElementsAre;
using ::testing::FieldsAre;
using ::testing::IsEmpty;
using ::testing::SizeIs;

TEST_P(ViewConformance, OpenAssessmentsComeMostUrgentFirstAfterTheCursor) {
  // p1 (received 2024-01-08): the decision is MET, the advice in EXCEPTION
  // and the family's comment window open. Neither the met step nor the
  // window is a date the LA must meet: the advice (2024-04-01) is next.
  TransitionEffects c = Commit(1);
  ClockRecord advice =
      WithException(Step("ehc.advice", D(2024, 1, 8), D(2024, 4, 1)));
  advice.status = v1::Clock::EXCEPTION;
  ClockRecord comments =
      Step("ehc.draft_comments", D(2024, 1, 8), D(2024, 3, 11));
  comments.window = true;
  c.clock_changes = {
      Limit(D(2024, 1, 8), D(2024, 5, 27)),
      Met(Step("ehc.decision_to_assess", D(2024, 1, 8), D(2024, 2, 19)),
          D(2024, 2, 12)),
      advice, comments};
  ASSERT_OK(db_.cases->CommitTransition(c, std::nullopt, ""));
  // p2: its decision (2024-03-18) comes before p1's advice.
  ASSERT_OK(
      Add(db_, 2, v1::Journey::ASSESSMENT_REQUESTED,
          {Limit(D(2024, 2, 5), D(2024, 6, 24)),
           Step("ehc.decision_to_assess", D(2024, 2, 5), D(2024, 3, 18))}));
  ASSERT_OK(Assign(db_, "p2", "jp2", "ann.officer"));
  // p3, the most urgent, is in another setting and LA.
  ASSERT_OK(
      Add(db_, 3, v1::Journey::ASSESSMENT_REQUESTED,
          {Limit(D(2024, 1, 15), D(2024, 6, 3)),
           Step("ehc.decision_to_assess", D(2024, 1, 15), D(2024, 2, 26))},
          {}, "100002", "202"));
  // p4's plan was issued: its limit is MET, so it is no open assessment.
  ASSERT_OK(Add(db_, 4, v1::Journey::EHC_PLAN,
                {Met(Limit(D(2024, 1, 1), D(2024, 5, 20)), D(2024, 5, 13))}));

  auto all =
      db_.views->ListOpenAssessments(Visibility::All(), std::nullopt, 50);
  ASSERT_OK(all);
  EXPECT_THAT(JourneyIds(*all), ElementsAre("jp3", "jp2", "j1"));
  auto rows = db_.views->ListOpenAssessments(La201(), std::nullopt, 50);
  ASSERT_OK(rows);
  // (label, journey, pupil, seq, state, received, final_due, next_due,
  // next_rule_id, exception_rule_ids, case_officer)
  ASSERT_THAT(
      *rows,
      ElementsAre(FieldsAre(FieldsAre("B801200005002", "Given", "Family", 0),
                            "jp2", "p2", _, v1::Journey::ASSESSMENT_REQUESTED,
                            D(2024, 2, 5), D(2024, 6, 24), D(2024, 3, 18),
                            "ehc.decision_to_assess", IsEmpty(), "ann.officer"),
                  FieldsAre(FieldsAre("B801200005001", "G", "F", 0), "j1", "p1",
                            _, v1::Journey::ASSESSMENT_REQUESTED, D(2024, 1, 8),
                            D(2024, 5, 27), D(2024, 4, 1), "ehc.advice",
                            ElementsAre("ehc.advice"), "")));
  const AssessmentRow& p2 = (*rows)[0];

  auto first = db_.views->ListOpenAssessments(La201(), std::nullopt, 1);
  ASSERT_OK(first);
  EXPECT_THAT(JourneyIds(*first), ElementsAre("jp2"));
  auto rest = db_.views->ListOpenAssessments(
      La201(), AssessmentCursor{p2.next_due, p2.seq}, 50);
  ASSERT_OK(rest);
  EXPECT_THAT(JourneyIds(*rest), ElementsAre("j1"));
}

TEST_P(ViewConformance, IssuedPlansAreTheFinalPlansMetInTheRange) {
  // p1's plan, issued on the range's first day; its advice came late with
  // an exception, after the request and before the plan.
  TransitionEffects c = Commit(1);
  c.new_state = v1::Journey::EHC_PLAN;
  c.clock_changes = {
      Met(Limit(D(2024, 1, 8), D(2024, 5, 27)), D(2024, 5, 20)),
      Met(WithException(Step("ehc.advice", D(2024, 1, 8), D(2024, 4, 1))),
          D(2024, 4, 22))};
  ASSERT_OK(db_.cases->CommitTransition(c, std::nullopt, ""));
  // p2's, issued late on the range's last day; its only exception was on an
  // earlier request (started before this one was received).
  ClockRecord earlier =
      WithException(Step("ehc.advice", D(2023, 9, 4), D(2023, 11, 27)));
  earlier.status = v1::Clock::CANCELLED;
  ASSERT_OK(
      Add(db_, 2, v1::Journey::EHC_PLAN,
          {earlier, Met(Limit(D(2024, 2, 5), D(2024, 6, 24)), D(2024, 7, 1))}));
  // p3's, the day after the range; p4's, in range but in another LA.
  ASSERT_OK(Add(db_, 3, v1::Journey::EHC_PLAN,
                {Met(Limit(D(2024, 2, 12), D(2024, 7, 1)), D(2024, 7, 2))}));
  ASSERT_OK(Add(db_, 4, v1::Journey::EHC_PLAN,
                {Met(Limit(D(2024, 1, 15), D(2024, 6, 3)), D(2024, 6, 3))}, {},
                "100002", "202"));
  ASSERT_OK(Assign(db_, "p2", "jp2", "ann.officer"));

  auto rows =
      db_.views->ListIssuedPlans(La201(), D(2024, 5, 20), D(2024, 7, 1));
  ASSERT_OK(rows);
  // (received, issued, due, exception, pupil, journey, officer), by issue
  // date.
  EXPECT_THAT(
      *rows, ElementsAre(FieldsAre(D(2024, 1, 8), D(2024, 5, 20),
                                   D(2024, 5, 27), true, "p1", "j1", ""),
                         FieldsAre(D(2024, 2, 5), D(2024, 7, 1), D(2024, 6, 24),
                                   false, "p2", "jp2", "ann.officer")));
}

TEST_P(ViewConformance, TheRegisterListsASettingsPupilsInTheStatesByPage) {
  // p1 (the fixture's) is in CONCERN with nothing owed. p2 is on SEN
  // support: its next review is the live one (neither the met review nor
  // the sooner non-review clock); of its tasks t1 is overdue, t2 is due
  // today (not overdue) and t3 is done.
  ASSERT_OK(Add(
      db_, 2, v1::Journey::SEN_SUPPORT,
      {Met(Review("support.review", D(2026, 6, 1), v1::SENCO), D(2026, 6, 1)),
       Review("support.review", D(2026, 12, 7), v1::SENCO),
       Statutory("support.agency_response", D(2026, 10, 5), D(2026, 11, 30))},
      {DueTask("t1", "support.review", D(2026, 11, 20)),
       DueTask("t2", "support.review", kToday),
       DueTask("t3", "support.review", D(2026, 11, 2))},
      "100001", "201", {v1::SLCN, v1::ASD}));
  TransitionEffects done = MakeCommit("p2", 2, v1::Journey::SEN_SUPPORT);
  done.closed_tasks = {{"t3", v1::Task::DONE}};
  ASSERT_OK(db_.cases->CommitTransition(done, std::nullopt, ""));
  // Not on the register asked for: another state, another setting.
  ASSERT_OK(Add(db_, 3, v1::Journey::EHC_PLAN, {}));
  ASSERT_OK(Add(db_, 4, v1::Journey::SEN_SUPPORT, {}, {}, "100002"));

  const std::vector<int> states = {v1::Journey::CONCERN,
                                   v1::Journey::SEN_SUPPORT};
  auto page1 = db_.views->ListRegister(Visibility::All(), "100001", states,
                                       kToday, PageRequest{0, 1});
  ASSERT_OK(page1);
  // (seq, pupil, upn, given_name, family_name, upn_unknown, needs, journey,
  // state, next_review, next_review_rule_id, open_tasks, overdue_tasks)
  ASSERT_THAT(page1->items,
              ElementsAre(FieldsAre(_, "p1", "B801200005001", "G", "F", 0,
                                    IsEmpty(), "j1", v1::Journey::CONCERN,
                                    std::optional<Day>(), "", 0, 0)));
  const int64_t p1_seq = page1->items[0].seq;
  EXPECT_EQ(page1->next_after, p1_seq);

  auto page2 = db_.views->ListRegister(Visibility::All(), "100001", states,
                                       kToday, PageRequest{p1_seq, 1});
  ASSERT_OK(page2);
  EXPECT_THAT(
      page2->items,
      ElementsAre(FieldsAre(
          _, "p2", "B801200005002", "Given", "Family", 0,
          ElementsAre(v1::SLCN, v1::ASD), "jp2", v1::Journey::SEN_SUPPORT,
          std::optional<Day>(D(2026, 12, 7)), "support.review", 2, 1)));
  EXPECT_FALSE(page2->next_after.has_value());
}

TEST_P(ViewConformance, ReviewsDueAreTheLiveReviewClocksUpToTheDay) {
  const Day until = D(2026, 12, 1);
  // p1's annual review is due on `until` itself (last year's was met), and
  // its phase transfer review (no review clock itself) by 2027-02-14.
  TransitionEffects c = Commit(1);
  c.new_state = v1::Journey::EHC_PLAN;
  c.clock_changes = {
      Met(Review("review.annual", D(2025, 12, 1), v1::LA_CASE_OFFICER),
          D(2025, 11, 24)),
      Review("review.annual", until, v1::LA_CASE_OFFICER),
      Statutory("review.phase_transfer", D(2026, 9, 7), D(2027, 2, 14))};
  ASSERT_OK(db_.cases->CommitTransition(c, std::nullopt, ""));
  ASSERT_OK(Add(db_, 2, v1::Journey::SEN_SUPPORT,
                {Review("support.review", D(2026, 11, 16), v1::SENCO)}));
  // p3 is at another setting; its agency clock is no review.
  ASSERT_OK(Add(
      db_, 3, v1::Journey::SEN_SUPPORT,
      {Review("support.review", D(2026, 11, 30), v1::SENCO),
       Statutory("support.agency_response", D(2026, 10, 5), D(2026, 11, 20))},
      {}, "100002"));
  // p4's review is due the day after `until`.
  ASSERT_OK(Add(db_, 4, v1::Journey::SEN_SUPPORT,
                {Review("support.review", D(2026, 12, 2), v1::SENCO)}));

  auto rows =
      db_.views->ListReviewsDue(Visibility::All(), "", until, std::nullopt, 50);
  ASSERT_OK(rows);
  // (label, clock_id, pupil, journey, setting_urn, rule_id, due,
  // owner_role, phase_transfer_due)
  ASSERT_THAT(
      *rows,
      ElementsAre(FieldsAre(FieldsAre("B801200005002", "Given", "Family", 0), _,
                            "p2", "jp2", "100001", "support.review",
                            D(2026, 11, 16), v1::SENCO, std::nullopt),
                  FieldsAre(_, _, "p3", "jp3", "100002", "support.review",
                            D(2026, 11, 30), v1::SENCO, std::nullopt),
                  FieldsAre(_, _, "p1", "j1", "100001", "review.annual", until,
                            v1::LA_CASE_OFFICER, D(2027, 2, 14))));
  const ReviewRow& p2 = (*rows)[0];

  auto at_setting = db_.views->ListReviewsDue(Visibility::All(), "100001",
                                              until, std::nullopt, 50);
  ASSERT_OK(at_setting);
  EXPECT_THAT(JourneyIds(*at_setting), ElementsAre("jp2", "j1"));
  const ReviewCursor after{p2.due, p2.clock_id};
  auto next = db_.views->ListReviewsDue(Visibility::All(), "", until, after, 1);
  ASSERT_OK(next);
  EXPECT_THAT(JourneyIds(*next), ElementsAre("jp3"));
  auto rest =
      db_.views->ListReviewsDue(Visibility::All(), "", until, after, 50);
  ASSERT_OK(rest);
  EXPECT_THAT(JourneyIds(*rest), ElementsAre("jp3", "j1"));
}

TEST_P(ViewConformance, CountsSumTheCurrentJourneysPerOfficerAndPerSetting) {
  v1::Setting school;
  school.set_urn("100001");
  school.set_display_name("School");
  school.set_phase(v1::Setting::PRIMARY);
  school.set_local_authority_code("201");
  ASSERT_OK(db_.settings->PutSetting(school, kNow, std::nullopt));
  // p1 (100001, ann.officer): an assessment whose decision, and the task
  // for it, are overdue.
  TransitionEffects c = Commit(1);
  c.clock_changes = {
      Limit(D(2026, 9, 7), D(2027, 1, 25)),
      Step("ehc.decision_to_assess", D(2026, 9, 7), D(2026, 10, 19))};
  c.new_tasks = {DueTask("t1", "ehc.decision_to_assess", D(2026, 10, 19))};
  ASSERT_OK(db_.cases->CommitTransition(c, std::nullopt, ""));
  ASSERT_OK(Assign(db_, "p1", "j1", "ann.officer"));
  // p2 (100001, unassigned): SEN support; its review is overdue, its task
  // is not.
  ASSERT_OK(Add(db_, 2, v1::Journey::SEN_SUPPORT,
                {Review("support.review", D(2026, 11, 16), v1::SENCO)},
                {DueTask("t2", "support.review", D(2026, 12, 7))}));
  // p3 (100002, ann.officer): a plan, reviewed next year.
  ASSERT_OK(Add(db_, 3, v1::Journey::EHC_PLAN,
                {Review("review.annual", D(2027, 3, 1), v1::LA_CASE_OFFICER)},
                {}, "100002"));
  ASSERT_OK(Assign(db_, "p3", "jp3", "ann.officer"));
  // p4 (100002, bob.officer): a draft plan. Its advice came late with an
  // exception but is met, and the family's comment window has passed:
  // neither is overdue.
  ClockRecord comments =
      Step("ehc.draft_comments", D(2026, 10, 5), D(2026, 11, 23));
  comments.window = true;
  ASSERT_OK(Add(
      db_, 4, v1::Journey::DRAFT_PLAN,
      {Limit(D(2026, 10, 5), D(2027, 2, 22)),
       Met(WithException(Step("ehc.advice", D(2026, 10, 5), D(2026, 11, 16))),
           D(2026, 11, 23)),
       comments},
      {}, "100002"));
  ASSERT_OK(Assign(db_, "p4", "jp4", "bob.officer"));
  // p5, in LA 202, is not seen.
  ASSERT_OK(Add(db_, 5, v1::Journey::EHC_PLAN, {}, {}, "100003", "202"));
  const ProvisionStates provision{
      {v1::Journey::SEN_SUPPORT, v1::Journey::AGENCY_INVOLVEMENT},
      {v1::Journey::EHC_PLAN}};

  // Each row: key, display_name, pupils, sen_support, ehc_plans,
  // open_assessments, overdue_assessments, assessments_with_exceptions,
  // overdue_reviews, open_tasks, overdue_tasks.
  auto officers = db_.views->CountByOfficer(La201(), provision, kToday);
  ASSERT_OK(officers);
  EXPECT_THAT(
      *officers,
      ElementsAre(
          FieldsAre("", "", 1, 1, 0, 0, 0, 0, 1, 1, 0),               // p2
          FieldsAre("ann.officer", "", 2, 0, 1, 1, 1, 0, 0, 1, 1),    // p1, p3
          FieldsAre("bob.officer", "", 1, 0, 0, 1, 0, 1, 0, 0, 0)));  // p4
  // The same per journey, named by its officer (ListCaseloads' cases).
  auto journeys = db_.views->CountByJourney(La201(), provision, kToday);
  ASSERT_OK(journeys);
  EXPECT_THAT(
      *journeys,
      ElementsAre(
          FieldsAre("p1/j1", "ann.officer", 1, 0, 0, 1, 1, 0, 0, 1, 1),
          FieldsAre("p2/jp2", "", 1, 1, 0, 0, 0, 0, 1, 1, 0),
          FieldsAre("p3/jp3", "ann.officer", 1, 0, 1, 0, 0, 0, 0, 0, 0),
          FieldsAre("p4/jp4", "bob.officer", 1, 0, 0, 1, 0, 1, 0, 0, 0)));
  auto settings = db_.views->CountBySetting(La201(), provision, kToday);
  ASSERT_OK(settings);
  // p1 and p2; p3 and p4, at a URN not in the register (so no name).
  EXPECT_THAT(
      *settings,
      ElementsAre(FieldsAre("100001", "School", 2, 1, 0, 1, 1, 0, 1, 2, 1),
                  FieldsAre("100002", "", 2, 0, 1, 1, 0, 1, 0, 0, 0)));
}

// A caller with no scope at all sees no row of any view (fail closed).
TEST_P(ViewConformance, ACallerWithNoScopeSeesNoRowOfAnyView) {
  TransitionEffects c = Commit(1);
  c.clock_changes = {Limit(D(2026, 9, 7), D(2027, 1, 25)),
                     Review("support.review", D(2026, 11, 16), v1::SENCO)};
  c.new_tasks = {DueTask("t1", "ehc.final_plan", D(2026, 11, 16))};
  ASSERT_OK(db_.cases->CommitTransition(c, std::nullopt, ""));
  ASSERT_OK(Add(db_, 2, v1::Journey::EHC_PLAN,
                {Met(Limit(D(2026, 1, 5), D(2026, 5, 25)), D(2026, 5, 18))}));
  const std::vector<int> states = {v1::Journey::ASSESSMENT_REQUESTED,
                                   v1::Journey::EHC_PLAN};
  const ProvisionStates provision{{v1::Journey::SEN_SUPPORT},
                                  {v1::Journey::EHC_PLAN}};
  // Each view has rows for a caller who sees all, none without a scope.
  for (const Visibility& v : {Visibility::All(), Visibility{}}) {
    const size_t n = v.all ? 1 : 0;
    SCOPED_TRACE(v.all ? "all" : "none");
    EXPECT_THAT(db_.views->ListOpenAssessments(v, std::nullopt, 50),
                IsOkAndHolds(SizeIs(n)));
    EXPECT_THAT(db_.views->ListIssuedPlans(v, D(2026, 1, 1), kToday),
                IsOkAndHolds(SizeIs(n)));
    auto pupils = db_.views->ListRegister(v, "100001", states, kToday,
                                          PageRequest{0, 50});
    ASSERT_OK(pupils);
    EXPECT_THAT(pupils->items, SizeIs(2 * n));  // p1 and p2
    EXPECT_THAT(db_.views->ListReviewsDue(v, "", kToday, std::nullopt, 50),
                IsOkAndHolds(SizeIs(n)));
    EXPECT_THAT(db_.views->CountByOfficer(v, provision, kToday),
                IsOkAndHolds(SizeIs(n)));  // both unassigned
    EXPECT_THAT(db_.views->CountBySetting(v, provision, kToday),
                IsOkAndHolds(SizeIs(n)));  // both at 100001
  }
}

}  // namespace
}  // namespace sendcase::storage::conformance
