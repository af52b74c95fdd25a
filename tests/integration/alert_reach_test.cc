// Alerts that reach people, through the real server and a real SMTP server:
// a contact added after reminders fired still hears about the tasks that
// are open (once each); a caller's alert stream carries its own role's
// alerts unless it asks for all; alerts and e-mails say what is due, with
// its party ("Chase advice (EP)"), and for whom.
#include "tests/integration/reminders_fixture.h"
#include "tests/testing/requests.h"

namespace sendcase {
namespace {

using ::testing::AllOf;
using testing::D;
using ::testing::HasSubstr;
using testing::Mails;
using testing::RemindersTest;

class AlertReachTest : public RemindersTest {
 protected:
  // An assessment whose advice from `giver`, asked for on 2026-10-02, is
  // overdue (6 weeks: 2026-11-13) on the test's today, 2026-11-25.
  std::string AdviceOverdue(const std::string& upn, const std::string& giver) {
    const std::string journey = NewPupil(upn, "Ada", "Lovelace");
    Record(journey, "assessment_requested", D(2026, 9, 1));
    Record(journey, "assessment_agreed", D(2026, 10, 1));
    v1::RecordEventRequest req;
    req.set_journey(journey);
    *req.mutable_event()->mutable_event_date() = ToProtoDate(D(2026, 10, 2));
    req.mutable_event()->mutable_advice_requested()->set_advice_giver(giver);
    v1::Journey out;
    const grpc::Status s = stub_->RecordEvent(Ctx().get(), req, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return journey;
  }
};

TEST_F(AlertReachTest, AContactAddedLaterHearsOfOpenTasksOnce) {
  const std::string journey = PlanIssued("B801200005001");
  scheduler::RunStats fired = RunDue();
  ASSERT_GE(fired.fired, 1);
  EXPECT_EQ(fired.sent, 0);  // nobody to tell yet

  const v1::Contact added =
      AddContact(v1::SENCO, "setting:100001", "senco@school.example");
  EXPECT_EQ(added.earlier_alerts_queued(), 1);  // the annual review's
  EXPECT_EQ(RunDue().sent, 1);
  auto mails = Mails(dir_.path() / "mail");
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_THAT(mails[0], AllOf(HasSubstr("To: <senco@school.example>"),
                              HasSubstr("Hold the annual review meeting for "
                                        "Ottoline Featherstonehaugh"),
                              HasSubstr(journey)));

  // Removing and adding the same address again sends nothing twice; another
  // role or another setting's address hears nothing of this pupil.
  v1::DeleteContactRequest remove;
  *remove.mutable_contact() = added;
  remove.mutable_contact()->clear_earlier_alerts_queued();
  google::protobuf::Empty empty;
  ASSERT_TRUE(stub_->DeleteContact(Ctx().get(), remove, &empty).ok());
  EXPECT_EQ(AddContact(v1::SENCO, "setting:100001", "senco@school.example")
                .earlier_alerts_queued(),
            0);
  EXPECT_EQ(AddContact(v1::PARENT, "setting:100001", "parent@home.example")
                .earlier_alerts_queued(),
            0);
  EXPECT_EQ(AddContact(v1::SENCO, "setting:100002", "other@school.example")
                .earlier_alerts_queued(),
            0);
  EXPECT_EQ(RunDue().sent, 0);
  EXPECT_EQ(Mails(dir_.path() / "mail").size(), 1u);

  // A task done before anyone was listed is not announced.
  v1::ListTasksRequest list;
  list.set_parent(journey);
  list.set_owner_role(v1::SENCO);
  v1::ListTasksResponse tasks;
  ASSERT_TRUE(stub_->ListTasks(Ctx().get(), list, &tasks).ok());
  ASSERT_EQ(tasks.tasks_size(), 1);
  v1::CompleteTaskRequest done;
  done.set_name(tasks.tasks(0).name());
  v1::Task task;
  ASSERT_TRUE(stub_->CompleteTask(Ctx().get(), done, &task).ok());
  EXPECT_EQ(AddContact(v1::SENCO, "la:201", "sen-team@la.example")
                .earlier_alerts_queued(),
            0);
}

TEST_F(AlertReachTest, LateContactsOfAnLaOrTrustHearOfTheirPupils) {
  RegisterTrustSchool();
  PlanIssued("B801200005001");
  ASSERT_GE(RunDue().fired, 1);
  EXPECT_EQ(AddContact(v1::SENCO, "la:201", "sen-team@la.example")
                .earlier_alerts_queued(),
            1);
  EXPECT_EQ(AddContact(v1::SENCO, "trust:T1", "sen-lead@trust.example")
                .earlier_alerts_queued(),
            1);
  EXPECT_EQ(AddContact(v1::SENCO, "trust:T2", "other@trust.example")
                .earlier_alerts_queued(),
            0);
  EXPECT_EQ(
      AddContact(v1::SENCO, "*", "everyone@la.example").earlier_alerts_queued(),
      1);
  EXPECT_EQ(RunDue().sent, 3);
}

// A pupil who moved is the new school's: its earlier alerts name the pupil,
// so the old school neither receives nor sees them.
TEST_F(AlertReachTest, AlertsFollowThePupilWhenItMoves) {
  const std::string moved = PlanIssued("B801200005001");
  ASSERT_GE(RunDue().fired, 1);
  v1::UpdatePupilRequest move;
  move.mutable_pupil()->set_name(moved.substr(0, moved.find("/journeys/")));
  move.mutable_pupil()->set_setting_urn("100002");
  move.mutable_update_mask()->add_paths("setting_urn");
  v1::Pupil pupil;
  ASSERT_TRUE(stub_->UpdatePupil(Ctx().get(), move, &pupil).ok());
  EXPECT_EQ(AddContact(v1::SENCO, "setting:100001", "old@school.example")
                .earlier_alerts_queued(),
            0);
  EXPECT_EQ(AddContact(v1::SENCO, "setting:100002", "new@school.example")
                .earlier_alerts_queued(),
            1);

  const std::string stayed = PlanIssued("P207000016049");  // at 100001
  ASSERT_GE(RunDue().fired, 1);
  const std::string old_senco = *auth::IssueToken(
      *server_->stores().tokens, clock_, "old", "SENCO", "setting:100001");
  const auto seen = Watch(0, 1, old_senco, /*all_roles=*/true);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].journey(), stayed);  // the moved pupil's came first
}

TEST_F(AlertReachTest, RolesWithoutTasksHearEveryAlertInTheirScope) {
  PlanIssued("B801200005001");
  ASSERT_GE(RunDue().fired, 1);
  const std::string head =
      *auth::IssueToken(*server_->stores().tokens, clock_, "head",
                        "HEADTEACHER", "setting:100001");
  const auto seen = Watch(0, 1, head);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].owner_role(), v1::SENCO);
}

TEST_F(AlertReachTest, EachRoleHearsItsOwnAlertsUnlessItAsksForAll) {
  AdviceOverdue("P207000016049", "EP");  // the LA's task, fires first
  ASSERT_GE(RunDue().fired, 1);
  PlanIssued("B801200005001");  // the SENCO's annual review
  ASSERT_GE(RunDue().fired, 1);
  const std::string senco = *auth::IssueToken(
      *server_->stores().tokens, clock_, "senco", "SENCO", "setting:100001");
  const auto mine = Watch(0, 1, senco);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].owner_role(), v1::SENCO);
  EXPECT_EQ(mine[0].rule_id(), "review.annual");
  const auto all = Watch(0, 1, senco, /*all_roles=*/true);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].owner_role(), v1::LA_CASE_OFFICER);
  EXPECT_LT(all[0].revision(), mine[0].revision());
}

TEST_F(AlertReachTest, AlertsAndMailsNameWhatIsDueItsPartyAndThePupil) {
  AddContact(v1::LA_CASE_OFFICER, "la:201", "officer@la.example");
  const std::string journey = AdviceOverdue("P207000016049", "EP");
  const int sent = RunDue().sent;  // the advice, and the 20-week reminders
  ASSERT_GE(sent, 1);
  const auto alerts = Watch(0, sent);
  const auto advice = std::find_if(
      alerts.begin(), alerts.end(),
      [](const v1::Alert& a) { return a.rule_id() == "ehc.advice"; });
  ASSERT_NE(advice, alerts.end());
  EXPECT_EQ(advice->title(), "Chase advice");
  EXPECT_EQ(advice->subject(), "EP");
  EXPECT_EQ(advice->upn(), "P207000016049");
  EXPECT_EQ(advice->given_name(), "Ada");
  EXPECT_EQ(advice->family_name(), "Lovelace");
  std::vector<std::string> mails;
  for (const std::string& m : Mails(dir_.path() / "mail")) {
    if (m.find("Chase advice") != std::string::npos) mails.push_back(m);
  }
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_THAT(mails[0],
              AllOf(HasSubstr("Subject: [sendcase] Chase advice (EP): OVERDUE "
                              "since 2026-11-13 Fri"),
                    HasSubstr("Chase advice (EP) for Ada Lovelace (UPN "
                              "P207000016049) is OVERDUE since 2026-11-13 "
                              "Fri."),
                    HasSubstr(journey)));
}

// Without an SMTP server nothing would ever send a catch-up: none is queued.
TEST(AlertReachNoMailTest, ACatchUpNeedsEmail) {
  testing::FakeClock clock{testing::FakeClock::NoonUtc(D(2026, 11, 25))};
  testing::TestServer t = testing::StartTestServer(clock);
  ASSERT_NE(t.server, nullptr);
  const std::string admin =
      *auth::IssueToken(*t.server->stores().tokens, clock, "a", "ADMIN", "*");
  v1::Pupil pupil;
  ASSERT_TRUE(t.stub
                  ->CreatePupil(testing::BearerContext(admin).get(),
                                testing::NewPupilRequest("B801200005001"),
                                &pupil)
                  .ok());
  v1::RecordEventRequest req;
  req.set_journey(pupil.current_journey());
  *req.mutable_event()->mutable_event_date() = ToProtoDate(D(2024, 3, 15));
  req.mutable_event()->mutable_sen_support_started();
  *req.mutable_event()->mutable_sen_support_started()->mutable_review_date() =
      ToProtoDate(D(2024, 6, 14));
  v1::Journey journey;
  ASSERT_TRUE(
      t.stub->RecordEvent(testing::BearerContext(admin).get(), req, &journey)
          .ok());
  auto fired = t.server->scheduler().RunDue(clock.Now());
  ASSERT_TRUE(fired.ok());
  ASSERT_GE(fired->fired, 1);
  v1::CreateContactRequest contact;
  contact.mutable_contact()->set_role(v1::SENCO);
  contact.mutable_contact()->set_scope("setting:100001");
  contact.mutable_contact()->set_email("senco@school.example");
  v1::Contact created;
  ASSERT_TRUE(t.stub
                  ->CreateContact(testing::BearerContext(admin).get(), contact,
                                  &created)
                  .ok());
  EXPECT_EQ(created.earlier_alerts_queued(), 0);
}

}  // namespace
}  // namespace sendcase
