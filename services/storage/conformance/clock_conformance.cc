// The conformance suite, part 2: clocks and their tasks commit with the
// event, and rule sets are immutable (store_conformance.h).
#include "gmock/gmock.h"
#include "services/storage/conformance/store_conformance.h"

namespace sendcase::storage::conformance {

using ::sendcase::testing::StatusIs;

void ClockConformance::SetUp() {
  StoreConformance::SetUp();
  if (HasFatalFailure()) return;
  NewPupil in;
  in.pupil.set_name("pupils/p1");
  in.pupil.set_upn("B801200005001");
  in.pupil.set_given_name("G");
  in.pupil.set_family_name("F");
  *in.pupil.mutable_birth_date() = ToProtoDate(D(2015, 1, 1));
  in.pupil.set_setting_urn("100001");
  in.pupil.set_local_authority_code("201");
  in.journey.set_name("pupils/p1/journeys/j1");
  in.journey.set_state(v1::Journey::CONCERN);
  in.journey.set_rule_set_version("r1");
  in.create_time = kNow;
  ASSERT_OK(db_.cases->CreatePupil(in, {}, ""));
}

TransitionEffects ClockConformance::Commit(int64_t version) {
  TransitionEffects c;
  c.journey = JourneyName{"p1", "j1"};
  c.expected_version = version;
  c.new_state = v1::Journey::ASSESSMENT_REQUESTED;
  c.latest_event_date = D(2024, 1, 8);
  *c.event.mutable_event_date() = ToProtoDate(D(2024, 1, 8));
  c.event.mutable_assessment_requested();
  c.record_time = kNow;
  return c;
}

ClockRecord ClockConformance::NewClock(const std::string& rule, Day due) {
  ClockRecord c;
  c.rule_id = rule;
  c.start_date = D(2024, 1, 8);
  c.due_date = due;
  c.statutory = true;
  c.owner_role = v1::LA_CASE_OFFICER;
  c.explanation = rule + " because";
  c.rule_set_version = "r1";
  return c;
}

namespace {

TEST_P(ClockConformance, ClocksAndTasksCommitWithTheEventAndCloseTogether) {
  TransitionEffects first = Commit(1);
  first.clock_changes = {NewClock("ehc.final_plan", D(2024, 5, 27))};
  first.new_tasks = {NewTask{"t1",
                             "ehc.final_plan",
                             "",
                             "Issue the plan",
                             v1::LA_CASE_OFFICER,
                             D(2024, 5, 27),
                             "why",
                             {}}};
  ASSERT_OK(db_.cases->CommitTransition(first, {}, ""));
  auto journey = db_.cases->GetJourney(JourneyName{"p1", "j1"});
  ASSERT_OK(journey);
  ASSERT_EQ(journey->clocks.size(), 1u);
  const ClockRecord stored = journey->clocks[0];
  EXPECT_EQ(stored.due_date, D(2024, 5, 27));
  EXPECT_EQ(stored.explanation, "ehc.final_plan because");
  EXPECT_TRUE(stored.statutory);
  auto task = db_.tasks->GetTask(TaskName{"p1", "j1", "t1"});
  ASSERT_OK(task);
  EXPECT_EQ(task->task.state(), v1::Task::OPEN);

  TransitionEffects second = Commit(2);
  ClockRecord met = stored;
  met.status = v1::Clock::MET;
  met.met_date = D(2024, 5, 1);
  second.clock_changes = {met};
  second.closed_tasks = {{"t1", v1::Task::DONE}};
  ASSERT_OK(db_.cases->CommitTransition(second, {}, ""));
  journey = db_.cases->GetJourney(JourneyName{"p1", "j1"});
  ASSERT_OK(journey);
  EXPECT_EQ(journey->clocks[0].status, v1::Clock::MET);
  EXPECT_EQ(journey->clocks[0].met_date, D(2024, 5, 1));
  EXPECT_EQ(db_.tasks->GetTask(TaskName{"p1", "j1", "t1"})->task.state(),
            v1::Task::DONE);
}

TEST_P(ClockConformance, ABadClockChangeRollsBackTheEvent) {
  TransitionEffects bad = Commit(1);
  ClockRecord ghost = NewClock("x", D(2024, 2, 1));
  ghost.id = 999;  // not on this journey
  ghost.status = v1::Clock::MET;
  bad.clock_changes = {ghost};
  EXPECT_THAT(db_.cases->CommitTransition(bad, {}, ""),
              StatusIs(absl::StatusCode::kInternal));
  auto journey = db_.cases->GetJourney(JourneyName{"p1", "j1"});
  ASSERT_OK(journey);
  EXPECT_EQ(journey->version, 1);
  EXPECT_EQ(journey->journey.state(), v1::Journey::CONCERN);
  EXPECT_TRUE(
      db_.cases->ListEvents(JourneyName{"p1", "j1"}, {0, 10})->items.empty());
}

// A due date far outside the years people use (written by a rule set that
// has since been corrected) is read back as it was written: it shows in
// the lists, and breaks none of them.
TEST_P(ClockConformance, AnOutlandishStoredDueDateBreaksNoList) {
  TransitionEffects c = Commit(1);
  const Day far = D(11609, 3, 2);
  c.clock_changes.push_back(NewClock("ehc.final_plan", far));
  c.new_tasks.push_back({"t1",
                         "ehc.final_plan",
                         "",
                         "Issue the plan",
                         v1::LA_CASE_OFFICER,
                         far,
                         "why",
                         {}});
  ASSERT_OK(db_.cases->CommitTransition(c, std::nullopt, ""));
  auto journey = db_.cases->GetJourney(JourneyName{"p1", "j1"});
  ASSERT_OK(journey);
  ASSERT_EQ(journey->clocks.size(), 1u);
  EXPECT_EQ(journey->clocks[0].due_date, far);
  auto tasks = db_.tasks->ListTasks(Visibility::All(), {}, {0, 50});
  ASSERT_OK(tasks);
  ASSERT_EQ(tasks->items.size(), 1u);
  EXPECT_EQ(tasks->items[0].task.due_date().year(), 11609);
  EXPECT_OK(
      db_.views->ListOpenAssessments(Visibility::All(), std::nullopt, 50));
}

// The tracker's row carries the journey's case officer, so an officer picks
// out their own cases without reading every journey.
TEST_P(ClockConformance, AnOpenAssessmentNamesItsCaseOfficer) {
  TransitionEffects c = Commit(1);
  ClockRecord limit = NewClock("ehc.final_plan", D(2024, 5, 27));
  limit.assessment_step = limit.assessment_limit = true;
  c.clock_changes.push_back(limit);
  ASSERT_OK(db_.cases->CommitTransition(c, std::nullopt, ""));
  auto before =
      db_.views->ListOpenAssessments(Visibility::All(), std::nullopt, 50);
  ASSERT_OK(before);
  ASSERT_EQ(before->size(), 1u);
  EXPECT_EQ((*before)[0].case_officer, "");
  ASSERT_OK(db_.cases->AssignCaseOfficer(JourneyName{"p1", "j1"}, "ann.officer",
                                         2, kNow));
  auto after =
      db_.views->ListOpenAssessments(Visibility::All(), std::nullopt, 50);
  ASSERT_OK(after);
  ASSERT_EQ(after->size(), 1u);
  EXPECT_EQ((*after)[0].case_officer, "ann.officer");
}

}  // namespace
}  // namespace sendcase::storage::conformance
