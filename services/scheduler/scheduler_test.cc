// The reminder outbox end to end below the RPC layer: CaseEngine writes
// tasks and alerts, Scheduler::RunDue fires and sends them, with a fake
// clock and a recording sender. No sleeping: the clock is moved by hand.
#include "services/scheduler/scheduler.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/casework/case_engine.h"
#include "services/common/proto_time.h"
#include "services/scheduler/email.h"
#include "tests/testing/casework_env.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/recording_reminder_sender.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace sendcase::scheduler {
namespace {

using std::chrono::seconds;
using ::testing::HasSubstr;
using ::testing::Not;

Day D(int y, unsigned m, unsigned d) { return Day(date::year{y} / m / d); }

class SchedulerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Open();
    admin_.subject = "admin";
    admin_.admin = true;
    AddContact(v1::SENCO, {storage::ScopeKind::kSetting, "100001"},
               "senco@school.example");
    AddContact(v1::LA_CASE_OFFICER,
               {storage::ScopeKind::kLocalAuthority, "201"},
               "officer@la.example");
    AddContact(v1::SENCO, {storage::ScopeKind::kSetting, "999999"},
               "other-senco@elsewhere.example");
  }

  // (Re)opens the database file: a restart.
  void Open() {
    scheduler_.reset();
    env_ = testing::CaseworkEnv();  // closes the database first
    auto env = testing::CaseworkEnv::Open(dir_.File("s.db"), clock_, ids_);
    ASSERT_OK(env);
    env_ = *std::move(env);
    store_ = env_.store.get();
    engine_ = env_.engine.get();
    scheduler_ = std::make_unique<Scheduler>(*store_, &sender_, &bus_);
  }

  void AddContact(v1::Role role, const storage::ContactScope& scope,
                  const std::string& email) {
    v1::Contact c;
    c.set_role(role);
    c.set_scope(
        (scope.kind == storage::ScopeKind::kSetting ? "setting:" : "la:") +
        scope.id);
    c.set_email(email);
    ASSERT_OK(store_->PutContact(c, scope, true, clock_.Now()).status());
  }

  std::string NewJourney(const std::string& upn) {
    v1::CreatePupilRequest req;
    auto* p = req.mutable_pupil();
    p->set_upn(upn);
    p->set_given_name("Zebedee");
    p->set_family_name("Quartermaine");
    *p->mutable_birth_date() = ToProtoDate(D(2015, 6, 1));
    p->set_setting_urn("100001");
    p->set_local_authority_code("201");
    auto pupil = engine_->CreatePupil(admin_, req);
    EXPECT_OK(pupil);
    return pupil->current_journey();
  }

  void Record(const std::string& journey, v1::JourneyEvent event, Day day) {
    v1::RecordEventRequest req;
    req.set_journey(journey);
    *event.mutable_event_date() = ToProtoDate(day);
    *req.mutable_event() = event;
    ASSERT_OK(engine_->RecordEvent(admin_, req));
  }

  // A plan issued on 2024-03-15 with no review since (issue #5's case).
  std::string PlanIssued20240315() {
    const std::string j = NewJourney("B801200005001");
    v1::JourneyEvent e;
    e.mutable_assessment_requested();
    Record(j, e, D(2023, 11, 1));
    e.mutable_assessment_agreed();
    Record(j, e, D(2023, 12, 1));
    e.mutable_draft_plan_issued();
    Record(j, e, D(2024, 2, 20));
    e.mutable_final_plan_issued();
    Record(j, e, D(2024, 3, 15));
    return j;
  }

  void CompleteOpenTasks(const std::string& journey) {
    v1::ListTasksRequest list;
    list.set_parent(journey);
    auto tasks = engine_->ListTasks(admin_, list);
    ASSERT_OK(tasks);
    for (const auto& t : tasks->tasks()) {
      if (t.state() != v1::Task::OPEN) continue;
      v1::CompleteTaskRequest done;
      done.set_name(t.name());
      ASSERT_OK(engine_->CompleteTask(admin_, done));
    }
  }

  RunStats Run() {
    auto stats = scheduler_->RunDue(clock_.Now());
    EXPECT_OK(stats);
    return stats.ok() ? *stats : RunStats{};
  }

  std::vector<EmailMessage> SentTo(const std::string& email) {
    std::vector<EmailMessage> out;
    for (const auto& m : sender_.sent()) {
      if (m.to == email) out.push_back(m);
    }
    return out;
  }

  testing::TempDir dir_;
  testing::FakeClock clock_{testing::FakeClock::NoonUtc(D(2026, 11, 25))};
  casework::IdGenerator ids_{3};
  testing::RecordingReminderSender sender_;
  AlertBus bus_;
  testing::CaseworkEnv env_;
  storage::SqliteStore* store_ = nullptr;
  casework::CaseEngine* engine_ = nullptr;
  std::unique_ptr<Scheduler> scheduler_;
  auth::Principal admin_;
};

TEST_F(SchedulerTest, OverdueAnnualReviewEmailsTheSencoOnceAcrossRestarts) {
  const std::string journey = PlanIssued20240315();
  v1::ListTasksRequest overdue;
  overdue.set_owner_role(v1::SENCO);
  overdue.set_overdue_only(true);
  auto tasks = engine_->ListTasks(admin_, overdue);
  ASSERT_OK(tasks);
  ASSERT_EQ(tasks->tasks_size(), 1);
  EXPECT_EQ(tasks->tasks(0).rule_id(), "review.annual");

  Run();
  const auto senco = SentTo("senco@school.example");
  ASSERT_EQ(senco.size(), 1u);
  EXPECT_THAT(senco[0].subject,
              AllOf(HasSubstr("Hold the annual review meeting"),
                    HasSubstr("OVERDUE since 2025-03-14 Fri")));
  EXPECT_THAT(senco[0].body,
              AllOf(HasSubstr(journey), HasSubstr("review.annual"),
                    HasSubstr("CFA 2014 s44(1)"),
                    HasSubstr("for Zebedee Quartermaine (UPN B801200005001)")));
  // The pupil is named in the body (the contact's scope covers it), never
  // in a subject line.
  for (const auto& m : sender_.sent()) {
    EXPECT_THAT(m.subject,
                AllOf(Not(HasSubstr("Zebedee")), Not(HasSubstr("Quartermaine")),
                      Not(HasSubstr("B801200005001"))));
  }
  EXPECT_TRUE(SentTo("other-senco@elsewhere.example").empty());

  const size_t total = sender_.sent().size();
  EXPECT_EQ(Run().sent, 0);
  Open();  // restart
  EXPECT_EQ(Run().sent, 0);
  clock_.Advance(seconds(24 * 3600));
  Open();
  EXPECT_EQ(Run().sent, 0);
  EXPECT_EQ(sender_.sent().size(), total);
}

TEST_F(SchedulerTest, RemindersNeverFireEarly) {
  // Received today (2026-11-25): the 6-week decision is due 2027-01-06, so
  // its 14-day reminder fires at London midnight starting 2026-12-23.
  const std::string j = NewJourney("B801200005001");
  v1::JourneyEvent e;
  e.mutable_assessment_requested();
  Record(j, e, D(2026, 11, 25));
  // The request is news at once: its notices to the LA and the school
  // (recorded by ADMIN, so both are told)...
  EXPECT_EQ(Run().fired, 2);
  ASSERT_EQ(sender_.sent().size(), 2u);
  EXPECT_THAT(sender_.sent()[0].subject,
              HasSubstr("EHC needs assessment requested"));
  // ...but its reminders wait for their day.
  EXPECT_EQ(Run().fired, 0);
  clock_.Set(LondonMidnight(D(2026, 12, 23)) - seconds(1));
  EXPECT_EQ(Run().fired, 0);
  EXPECT_EQ(sender_.sent().size(), 2u);
  clock_.Set(LondonMidnight(D(2026, 12, 23)));
  const RunStats stats = Run();
  EXPECT_EQ(stats.fired, 1);
  ASSERT_EQ(sender_.sent().size(), 3u);
  EXPECT_EQ(sender_.sent()[2].to, "officer@la.example");
  EXPECT_THAT(sender_.sent()[2].subject,
              HasSubstr("Decide whether to assess and notify the family: due "
                        "2027-01-06 Wed"));
}

TEST_F(SchedulerTest, FailedSendIsRetriedWithBackoffAndSentOnce) {
  PlanIssued20240315();
  sender_.FailNext(2);
  RunStats first = Run();
  EXPECT_EQ(first.sent, 0);
  EXPECT_GE(first.failed, 1);
  clock_.Advance(seconds(59));
  EXPECT_EQ(Run().sent, 0);  // backoff not yet over
  clock_.Advance(seconds(1));
  EXPECT_EQ(Run().sent, 0);  // second attempt fails too
  clock_.Advance(seconds(119));
  EXPECT_EQ(Run().sent, 0);
  clock_.Advance(seconds(1));
  EXPECT_GE(Run().sent, 1);
  EXPECT_EQ(SentTo("senco@school.example").size(), 1u);
  EXPECT_EQ(Run().sent, 0);
  // For /metrics: the two failed attempts, each followed by exactly one
  // retry (the second failed, the third was sent), and every send.
  const DeliveryCounts counts = scheduler_->delivery_counts();
  EXPECT_EQ(counts.failed, 2);
  EXPECT_EQ(counts.retried, 2);
  EXPECT_EQ(counts.sent, static_cast<int64_t>(sender_.sent().size()));
}

TEST_F(SchedulerTest, ADeliveryLeasedByADeadProcessIsRetriedAfterTheLease) {
  PlanIssued20240315();
  ASSERT_OK(store_->FireDue(clock_.Now(), 100, true));
  auto claimed = store_->ClaimDeliveries(clock_.Now(), seconds(300), 100);
  ASSERT_OK(claimed);
  ASSERT_FALSE(claimed->empty());
  Open();  // the claimer died before sending
  EXPECT_EQ(Run().sent, 0);
  clock_.Advance(seconds(300));
  EXPECT_EQ(Run().sent, static_cast<int>(claimed->size()));
  EXPECT_EQ(SentTo("senco@school.example").size(), 1u);
}

TEST_F(SchedulerTest, CompletedTasksSendNothing) {
  const std::string j = PlanIssued20240315();
  CompleteOpenTasks(j);
  const RunStats stats = Run();
  EXPECT_EQ(stats.fired, 0);
  EXPECT_TRUE(sender_.sent().empty());
}

// Two journeys: the first's tasks are completed, the second's left open.
// With one alert per batch, the first's alerts come first in fire-time
// order and are cancelled batch by batch; the second's still fire.
TEST_F(SchedulerTest, ClosedTasksAheadInTheQueueDoNotHideOpenOnes) {
  const std::string closed = PlanIssued20240315();
  clock_.Advance(std::chrono::hours(24));
  const std::string open = NewJourney("Q801200005002");
  v1::JourneyEvent e;
  e.mutable_assessment_requested();
  Record(open, e, D(2024, 6, 3));
  CompleteOpenTasks(closed);
  SchedulerOptions one_at_a_time;
  one_at_a_time.batch = 1;
  Scheduler scheduler(*store_, &sender_, &bus_, one_at_a_time);
  auto stats = scheduler.RunDue(clock_.Now());
  ASSERT_OK(stats);
  EXPECT_GE(stats->fired, 1);
  auto fired =
      store_->ListFired(storage::Visibility::All(), std::nullopt, 0, 1000);
  ASSERT_OK(fired);
  ASSERT_EQ(static_cast<int>(fired->size()), stats->fired);
  for (const v1::Alert& alert : *fired) {
    EXPECT_THAT(alert.task(), ::testing::StartsWith(open + "/"));
  }
  EXPECT_EQ(stats->sent, stats->fired);  // one LA officer contact each
}

TEST_F(SchedulerTest, WithoutASenderAlertsStillFireForStreams) {
  PlanIssued20240315();
  Scheduler no_mail(*store_, nullptr, &bus_);
  auto stats = no_mail.RunDue(clock_.Now());
  ASSERT_OK(stats);
  EXPECT_GE(stats->fired, 1);
  EXPECT_EQ(bus_.WaitForRevision(0, absl::ZeroDuration()), stats->fired);
  auto fired =
      store_->ListFired(storage::Visibility::All(), std::nullopt, 0, 100);
  ASSERT_OK(fired);
  EXPECT_EQ(static_cast<int>(fired->size()), stats->fired);
  EXPECT_TRUE(sender_.sent().empty());
}

// The body names the pupil by name and UPN; a nursery child with no UPN yet
// is named without one, never with an empty "(UPN )".
TEST(EmailTest, APupilWithoutAUpnIsNamedWithoutOne) {
  v1::Alert alert;
  alert.set_pupil("pupils/p1");
  alert.set_given_name("Zebedee");
  alert.set_family_name("Quartermaine");
  alert.set_title("SEN support review");
  *alert.mutable_due_date() = ToProtoDate(Day(date::year{2027} / 1 / 4));
  EmailMessage m = ComposeReminder(alert, "senco@school.example");
  EXPECT_THAT(m.body, HasSubstr("for Zebedee Quartermaine (no UPN yet)"));
  EXPECT_THAT(m.body, Not(HasSubstr("UPN )")));
  alert.set_upn("B801200005001");
  m = ComposeReminder(alert, "senco@school.example");
  EXPECT_THAT(m.body,
              HasSubstr("for Zebedee Quartermaine (UPN B801200005001)"));
}

TEST(BackoffTest, DoublesAndCaps) {
  testing::RecordingReminderSender sender;
  auto store = storage::SqliteStore::Open(":memory:");
  ASSERT_OK(store);
  Scheduler s(**store, &sender, nullptr);
  EXPECT_EQ(s.Backoff(1), seconds(60));
  EXPECT_EQ(s.Backoff(2), seconds(120));
  EXPECT_EQ(s.Backoff(5), seconds(960));
  EXPECT_EQ(s.Backoff(40), seconds(6 * 3600));
}

}  // namespace
}  // namespace sendcase::scheduler
