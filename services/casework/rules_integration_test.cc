// CaseEngine with the shipped rules: clocks, tasks, OVERDUE, exceptions and
// rule-set versions, against a real in-memory store.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rules/loader.h"
#include "services/casework/case_engine.h"
#include "services/common/proto_time.h"
#include "services/storage/sqlite/sqlite_store.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/status_matchers.h"

namespace sendcase::casework {
namespace {

using ::sendcase::testing::StatusIs;
using ::testing::HasSubstr;

Day D(int y, unsigned m, unsigned d) { return Day(date::year{y} / m / d); }

class RulesIntegrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = storage::SqliteStore::Open(":memory:");
    ASSERT_OK(store);
    store_ = *std::move(store);
    auto source = rules::LoadRuleSource(SENDCASE_RULES_DIR);
    ASSERT_OK(source);
    source_ = *source;
    ASSERT_OK(Use(source_));
    admin_.subject = "admin";
    admin_.admin = true;
  }

  // Switches the engine to `source` as the current rule set.
  absl::Status Use(const rules::RuleSource& source) {
    auto compiled = rules::RuleSet::Create(source);
    if (!compiled.ok()) return compiled.status();
    auto registry = RuleRegistry::Create(*store_, *compiled, clock_.Now());
    if (!registry.ok()) return registry.status();
    registry_ = *std::move(registry);
    engine_ = std::make_unique<CaseEngine>(*store_, *store_, *registry_, clock_,
                                           ids_);
    return absl::OkStatus();
  }

  v1::Pupil Create(const std::string& upn) {
    v1::CreatePupilRequest req;
    auto* p = req.mutable_pupil();
    p->set_upn(upn);
    p->set_given_name("G");
    p->set_family_name("F");
    *p->mutable_birth_date() = ToProtoDate(D(2015, 6, 1));
    p->set_setting_urn("100001");
    p->set_local_authority_code("201");
    auto pupil = engine_->CreatePupil(admin_, req);
    EXPECT_OK(pupil);
    return *pupil;
  }

  absl::StatusOr<v1::Journey> Record(const std::string& journey,
                                     v1::JourneyEvent event, Day day) {
    v1::RecordEventRequest req;
    req.set_journey(journey);
    *event.mutable_event_date() = ToProtoDate(day);
    *req.mutable_event() = event;
    return engine_->RecordEvent(admin_, req);
  }

  v1::Journey Get(const std::string& journey) {
    v1::GetJourneyRequest req;
    req.set_name(journey);
    auto j = engine_->GetJourney(admin_, req);
    EXPECT_OK(j);
    return *j;
  }

  static const v1::Clock* Find(const v1::Journey& j, const std::string& rule) {
    const v1::Clock* found = nullptr;
    for (const auto& c : j.clocks()) {
      if (c.rule_id() == rule) found = &c;
    }
    return found;
  }

  static v1::JourneyEvent Requested() {
    v1::JourneyEvent e;
    e.mutable_assessment_requested();
    return e;
  }

  testing::FakeClock clock_{testing::FakeClock::NoonUtc(D(2024, 1, 10))};
  IdGenerator ids_{7};
  std::unique_ptr<storage::SqliteStore> store_;
  rules::RuleSource source_;
  std::unique_ptr<RuleRegistry> registry_;
  std::unique_ptr<CaseEngine> engine_;
  auth::Principal admin_;
};

TEST_F(RulesIntegrationTest, GetJourneyCarriesTheFourEhcClocks) {
  const v1::Pupil pupil = Create("B801200005001");
  ASSERT_OK(Record(pupil.current_journey(), Requested(), D(2024, 1, 8)));
  const v1::Journey j = Get(pupil.current_journey());
  EXPECT_EQ(j.rule_set_version(), registry_->current().version());
  ASSERT_EQ(j.clocks_size(), 4);
  const struct {
    const char* rule;
    int y, m, d;
  } expected[] = {{"ehc.decision_to_assess", 2024, 2, 19},
                  {"ehc.draft_plan_target", 2024, 4, 15},
                  {"ehc.no_plan_notice", 2024, 4, 29},
                  {"ehc.final_plan", 2024, 5, 27}};
  for (const auto& e : expected) {
    const v1::Clock* c = Find(j, e.rule);
    ASSERT_NE(c, nullptr) << e.rule;
    EXPECT_EQ(c->due_date().year(), e.y);
    EXPECT_EQ(c->due_date().month(), e.m);
    EXPECT_EQ(c->due_date().day(), e.d);
    EXPECT_EQ(c->status(), v1::Clock::OPEN);
    EXPECT_THAT(c->explanation(), HasSubstr(e.rule));
  }
}

TEST_F(RulesIntegrationTest, ClocksTurnOverdueAsDaysPassAndTasksFollow) {
  const v1::Pupil pupil = Create("B801200005001");
  ASSERT_OK(Record(pupil.current_journey(), Requested(), D(2024, 1, 8)));
  clock_.Set(testing::FakeClock::NoonUtc(D(2024, 2, 19)));  // due day itself
  EXPECT_EQ(
      Find(Get(pupil.current_journey()), "ehc.decision_to_assess")->status(),
      v1::Clock::OPEN);
  clock_.Set(testing::FakeClock::NoonUtc(D(2024, 2, 20)));
  EXPECT_EQ(
      Find(Get(pupil.current_journey()), "ehc.decision_to_assess")->status(),
      v1::Clock::OVERDUE);

  v1::ListTasksRequest overdue;
  overdue.set_overdue_only(true);
  auto tasks = engine_->ListTasks(admin_, overdue);
  ASSERT_OK(tasks);
  ASSERT_EQ(tasks->tasks_size(), 1);
  EXPECT_EQ(tasks->tasks(0).rule_id(), "ehc.decision_to_assess");
  EXPECT_TRUE(tasks->tasks(0).overdue());

  // Deciding late meets the clock (MET, not OVERDUE) and closes the task.
  v1::JourneyEvent agreed;
  agreed.mutable_assessment_agreed();
  auto j = Record(pupil.current_journey(), agreed, D(2024, 2, 20));
  ASSERT_OK(j);
  EXPECT_EQ(Find(*j, "ehc.decision_to_assess")->status(), v1::Clock::MET);
  tasks = engine_->ListTasks(admin_, overdue);
  ASSERT_OK(tasks);
  EXPECT_EQ(tasks->tasks_size(), 0);
}

TEST_F(RulesIntegrationTest, CompletingATaskDoesNotTouchItsClock) {
  const v1::Pupil pupil = Create("B801200005001");
  ASSERT_OK(Record(pupil.current_journey(), Requested(), D(2024, 1, 8)));
  v1::ListTasksRequest list;
  list.set_parent(pupil.current_journey());
  list.set_owner_role(v1::LA_CASE_OFFICER);
  auto tasks = engine_->ListTasks(admin_, list);
  ASSERT_OK(tasks);
  ASSERT_EQ(tasks->tasks_size(), 3);  // decision, draft target, final plan
  v1::CompleteTaskRequest done;
  done.set_name(tasks->tasks(0).name());
  auto task = engine_->CompleteTask(admin_, done);
  ASSERT_OK(task);
  EXPECT_EQ(task->state(), v1::Task::DONE);
  const v1::Journey journey = Get(pupil.current_journey());
  const v1::Clock* clock = Find(journey, task->rule_id());
  ASSERT_NE(clock, nullptr);
  EXPECT_EQ(clock->status(), v1::Clock::OPEN);
}

TEST_F(RulesIntegrationTest, ExceptionReasonIsCheckedBeforeTheStateMachine) {
  const v1::Pupil pupil = Create("B801200005001");  // CONCERN: no clocks
  v1::JourneyEvent x;
  auto* e = x.mutable_exception_recorded();
  e->set_clock_rule_id("ehc.draft_comments");
  e->set_reason(v1::ExceptionRecorded::PERSONAL_CIRCUMSTANCES);
  *e->mutable_start_date() = ToProtoDate(D(2024, 1, 1));
  *e->mutable_end_date() = ToProtoDate(D(2024, 1, 5));
  EXPECT_THAT(Record(pupil.current_journey(), x, D(2024, 1, 8)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("PERSONAL_CIRCUMSTANCES"),
                             HasSubstr("ehc.draft_comments"))));
  e->set_clock_rule_id("ehc.final_plan");
  EXPECT_THAT(Record(pupil.current_journey(), x, D(2024, 1, 8)),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("exception_recorded")));
}

TEST_F(RulesIntegrationTest, JourneysKeepTheRuleSetTheyStartedOn) {
  const v1::Pupil old_pupil = Create("B801200005001");
  const std::string old_version = registry_->current().version();

  // The same version with changed rules is refused.
  rules::RuleSource changed = source_;
  for (auto& rule : *changed.merged.mutable_rules()) {
    if (rule.id() == "ehc.final_plan") {
      rule.mutable_opens(0)->mutable_due()->set_weeks(21);
    }
  }
  EXPECT_THAT(Use(changed), StatusIs(absl::StatusCode::kFailedPrecondition,
                                     HasSubstr("new version")));
  // With a new version it is accepted, for new journeys only.
  changed.merged.set_version("test.2");
  ASSERT_OK(Use(changed));
  const v1::Pupil new_pupil = Create("P207000016049");

  auto old_j = Record(old_pupil.current_journey(), Requested(), D(2024, 1, 8));
  auto new_j = Record(new_pupil.current_journey(), Requested(), D(2024, 1, 8));
  ASSERT_OK(old_j);
  ASSERT_OK(new_j);
  EXPECT_EQ(old_j->rule_set_version(), old_version);
  EXPECT_EQ(Find(*old_j, "ehc.final_plan")->due_date().day(), 27);  // 20 w
  EXPECT_EQ(new_j->rule_set_version(), "test.2");
  EXPECT_EQ(Find(*new_j, "ehc.final_plan")->due_date().month(), 6);  // 21 w
  EXPECT_EQ(Find(*new_j, "ehc.final_plan")->due_date().day(), 3);
}

TEST_F(RulesIntegrationTest, PreviewReportsChangedClocksAndWritesNothing) {
  const v1::Pupil pupil = Create("B801200005001");
  ASSERT_OK(Record(pupil.current_journey(), Requested(), D(2024, 1, 8)));
  v1::PreviewRulesRequest req;
  *req.mutable_rule_set() = source_.merged;
  auto same = engine_->PreviewRules(admin_, req);
  ASSERT_OK(same);
  EXPECT_EQ(same->journeys_checked(), 1);
  EXPECT_EQ(same->changes_size(), 0);

  for (auto& rule : *req.mutable_rule_set()->mutable_rules()) {
    if (rule.id() == "ehc.final_plan") {
      rule.mutable_opens(0)->mutable_due()->set_weeks(21);
    }
  }
  req.mutable_rule_set()->set_version("candidate");
  auto changed = engine_->PreviewRules(admin_, req);
  ASSERT_OK(changed);
  EXPECT_EQ(changed->candidate_version(), "candidate");
  ASSERT_EQ(changed->changes_size(), 1);
  const v1::ClockPreview& c = changed->changes(0);
  EXPECT_EQ(c.rule_id(), "ehc.final_plan");
  EXPECT_EQ(c.current_due_date().day(), 27);
  EXPECT_EQ(c.candidate_due_date().month(), 6);
  EXPECT_EQ(c.candidate_due_date().day(), 3);
  EXPECT_THAT(c.explanation(), HasSubstr("rule set candidate"));
  // Nothing was written: the journey still has its 20-week date.
  EXPECT_EQ(
      Find(Get(pupil.current_journey()), "ehc.final_plan")->due_date().day(),
      27);

  req.mutable_rule_set()->mutable_rules(0)->clear_opens();
  EXPECT_THAT(
      engine_->PreviewRules(admin_, req),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("has no opens")));
  auth::Principal senco;
  senco.role = v1::SENCO;
  senco.scope = *auth::Scope::Parse("setting:100001");
  EXPECT_THAT(engine_->PreviewRules(senco, req),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

// A corrected rule set reaches a running journey only through an explicit
// upgrade: previewed (every clock that would move, nothing written), then
// applied (the chronology replayed under the new rules, tasks following).
TEST_F(RulesIntegrationTest,
       UpgradeMovesAJourneyToTheCurrentRulesOnlyWhenApplied) {
  // The rule set of 2026.3, as stored for journeys started on it: no outer
  // limit on the amended plan, no live_in (compiled as a legacy set).
  auto old_source = rules::LoadRuleSource(SENDCASE_LEGACY_RULES_DIR);
  ASSERT_OK(old_source);
  rules::RuleSource old = *old_source;
  old.legacy = true;
  ASSERT_OK(Use(old));
  clock_.Set(testing::FakeClock::NoonUtc(D(2025, 3, 18)));
  const std::string j = Create("B801200005001").current_journey();
  auto kind = [](auto set) {
    v1::JourneyEvent e;
    set(e);
    return e;
  };
  ASSERT_OK(Record(j, kind([](auto& e) { e.mutable_assessment_requested(); }),
                   D(2023, 9, 4)));
  ASSERT_OK(Record(j, kind([](auto& e) { e.mutable_assessment_agreed(); }),
                   D(2023, 10, 2)));
  ASSERT_OK(Record(j, kind([](auto& e) { e.mutable_draft_plan_issued(); }),
                   D(2023, 12, 4)));
  ASSERT_OK(Record(j, kind([](auto& e) { e.mutable_final_plan_issued(); }),
                   D(2024, 1, 15)));
  ASSERT_OK(Record(j, kind([](auto& e) { e.mutable_annual_review_held(); }),
                   D(2025, 1, 13)));
  ASSERT_OK(Record(j, kind([](auto& e) {
                     e.mutable_review_decision()->set_outcome(
                         v1::ReviewDecision::AMEND);
                   }),
                   D(2025, 3, 17)));
  ASSERT_OK(Record(j,
                   kind([](auto& e) { e.mutable_amendment_notice_issued(); }),
                   D(2025, 3, 17)));
  EXPECT_EQ(Find(Get(j), "review.amended_plan")->due_date().day(), 12);

  ASSERT_OK(Use(source_));
  // The journey keeps its rule set and keeps working before any upgrade.
  ASSERT_OK(Record(j, kind([](auto& e) { e.mutable_concern_raised(); }),
                   D(2025, 3, 18)));
  EXPECT_EQ(Get(j).rule_set_version(), "2026.3");
  v1::UpgradeJourneyRulesRequest req;
  req.set_rule_set_version(source_.merged.version());
  req.set_validate_only(true);
  auto preview = engine_->UpgradeJourneyRules(admin_, req);
  ASSERT_OK(preview);
  EXPECT_EQ(preview->journeys_checked(), 1);
  ASSERT_EQ(preview->journeys_size(), 1);
  const v1::JourneyUpgrade& p = preview->journeys(0);
  EXPECT_EQ(p.from_version(), "2026.3");
  EXPECT_FALSE(p.applied());
  const v1::ClockChange* amended = nullptr;
  for (const auto& c : p.clock_changes()) {
    if (c.rule_id() == "review.amended_plan") amended = &c;
  }
  ASSERT_NE(amended, nullptr);
  EXPECT_EQ(amended->old_due_date().day(), 12);
  EXPECT_EQ(amended->new_due_date().day(), 7);
  // The preview wrote nothing.
  EXPECT_EQ(Get(j).rule_set_version(), "2026.3");
  EXPECT_EQ(Find(Get(j), "review.amended_plan")->due_date().day(), 12);

  req.set_validate_only(false);
  auto applied = engine_->UpgradeJourneyRules(admin_, req);
  ASSERT_OK(applied);
  ASSERT_EQ(applied->journeys_size(), 1);
  EXPECT_TRUE(applied->journeys(0).applied());
  const v1::Journey after = Get(j);
  EXPECT_EQ(after.rule_set_version(), source_.merged.version());
  EXPECT_EQ(Find(after, "review.amended_plan")->due_date().month(), 4);
  EXPECT_EQ(Find(after, "review.amended_plan")->due_date().day(), 7);
  // The task follows its clock: the old one cancelled, a new one due then.
  v1::ListTasksRequest tasks;
  tasks.set_parent(j);
  auto listed = engine_->ListTasks(admin_, tasks);
  ASSERT_OK(listed);
  int open = 0, cancelled = 0;
  for (const auto& t : listed->tasks()) {
    if (t.rule_id() != "review.amended_plan") continue;
    if (t.state() == v1::Task::OPEN) {
      ++open;
      EXPECT_EQ(t.due_date().day(), 7);
    }
    cancelled += t.state() == v1::Task::CANCELLED ? 1 : 0;
  }
  EXPECT_EQ(open, 1);
  EXPECT_EQ(cancelled, 1);
  // Nothing left to upgrade; another version is refused.
  auto again = engine_->UpgradeJourneyRules(admin_, req);
  ASSERT_OK(again);
  EXPECT_EQ(again->journeys_checked(), 0);
  req.set_rule_set_version("2026.3");
  EXPECT_THAT(engine_->UpgradeJourneyRules(admin_, req),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("rule_set_version")));
}

}  // namespace
}  // namespace sendcase::casework
