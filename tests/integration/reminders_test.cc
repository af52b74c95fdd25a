// Reminders through the real stack: gRPC (a real port), SQLite, the
// scheduler, libcurl, and a real SMTP server on loopback (aiosmtpd). The
// clock is fake; RunDue is called directly; nothing sleeps.
#include <algorithm>

#include "tests/integration/reminders_fixture.h"

namespace sendcase {
namespace {

using testing::D;
using ::testing::HasSubstr;
using testing::Mails;
using ::testing::Not;
using testing::RemindersTest;
namespace fs = std::filesystem;

TEST_F(RemindersTest, OverdueAnnualReviewReachesTheSencoOnceBySmtp) {
  AddContact(v1::SENCO, "setting:100001", "senco@school.example");
  AddContact(v1::SENCO, "setting:100002", "other@school.example");
  const std::string journey = PlanIssued("B801200005001");

  v1::ListTasksRequest overdue;
  overdue.set_owner_role(v1::SENCO);
  overdue.set_overdue_only(true);
  v1::ListTasksResponse tasks;
  ASSERT_TRUE(stub_->ListTasks(Ctx().get(), overdue, &tasks).ok());
  ASSERT_EQ(tasks.tasks_size(), 1);
  EXPECT_EQ(tasks.tasks(0).rule_id(), "review.annual");

  const scheduler::RunStats stats = RunDue();
  EXPECT_EQ(stats.sent, 1);
  const auto mails = Mails(dir_.path() / "mail");
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_THAT(mails[0],
              AllOf(HasSubstr("To: <senco@school.example>"),
                    HasSubstr("From: <sendcase@la.example>"),
                    HasSubstr("Subject: [sendcase] Hold the annual review "
                              "meeting: OVERDUE since 2025-03-14 Fri"),
                    HasSubstr("Message-ID: <alert-"), HasSubstr(journey),
                    HasSubstr("CFA 2014 s44(1)"),
                    // For whom, in the body: the contact's scope covers
                    // the pupil.
                    HasSubstr("\r\n\r\nHold the annual review meeting for "
                              "Ottoline Featherstonehaugh (UPN B801200005001) "
                              "is OVERDUE since 2025-03-14 Fri.")));
  // Never in the subject line (lock screens, mail logs).
  const std::string subject =
      mails[0].substr(mails[0].find("Subject:"),
                      mails[0].find("\r\n", mails[0].find("Subject:")) -
                          mails[0].find("Subject:"));
  EXPECT_THAT(subject, AllOf(Not(HasSubstr("Ottoline")),
                             Not(HasSubstr("Featherstonehaugh")),
                             Not(HasSubstr("B801200005001"))));

  EXPECT_EQ(RunDue().sent, 0);
  clock_.Advance(std::chrono::hours(48));
  EXPECT_EQ(RunDue().sent, 0);
  EXPECT_EQ(Mails(dir_.path() / "mail").size(), 1u);
}

TEST_F(RemindersTest,
       WatchAlertsStreamsInOrderAndResumesWithoutGapOrDuplicate) {
  PlanIssued("B801200005001");
  ASSERT_GE(RunDue().fired, 1);
  const auto first = Watch(0, 1);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].rule_id(), "review.annual");
  EXPECT_EQ(first[0].kind(), v1::Alert::OVERDUE);

  PlanIssued("P207000016049");
  ASSERT_GE(RunDue().fired, 1);
  const auto resumed = Watch(first[0].revision(), 1);
  ASSERT_EQ(resumed.size(), 1u);
  EXPECT_EQ(resumed[0].revision(), first[0].revision() + 1);
  EXPECT_NE(resumed[0].journey(), first[0].journey());
}

TEST_F(RemindersTest, ShutdownEndsWatchAlertsUnavailableWithItsResumePoint) {
  PlanIssued("B801200005001");
  const int fired = RunDue().fired;
  ASSERT_GE(fired, 1);
  grpc::ClientContext ctx;
  ctx.AddMetadata("authorization", "Bearer " + token_);
  auto reader = stub_->WatchAlerts(&ctx, v1::WatchAlertsRequest());
  v1::Alert alert;
  for (int i = 0; i < fired; ++i) {
    ASSERT_TRUE(reader->Read(&alert));  // the handler is running
  }
  server_->Shutdown();
  EXPECT_FALSE(reader->Read(&alert));
  const grpc::Status status = reader->Finish();
  ASSERT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE)
      << status.error_message();
  EXPECT_EQ(status.error_message(),
            "the server is shutting down; resume with after_revision=" +
                std::to_string(alert.revision()));
  const google::rpc::ErrorInfo info = testing::ErrorInfoOf(status);
  EXPECT_EQ(info.reason(), "SERVER_SHUTTING_DOWN");
  EXPECT_THAT(info.metadata(),
              ::testing::Contains(::testing::Pair(
                  "after_revision", std::to_string(alert.revision()))));
}

TEST_F(RemindersTest, TrustContactsHearAboutTheirSettings) {
  RegisterTrustSchool();
  AddContact(v1::SENCO, "trust:T1", "sen-lead@trust.example");
  AddContact(v1::SENCO, "trust:T2", "other@trust.example");
  PlanIssued("B801200005001");
  EXPECT_EQ(RunDue().sent, 1);
  const auto mails = Mails(dir_.path() / "mail");
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_THAT(mails[0], HasSubstr("To: <sen-lead@trust.example>"));
}

TEST_F(RemindersTest, RefusedConnectionIsUnavailable) {
  sink_->Kill();
  scheduler::SmtpOptions options;
  options.url = "smtp://127.0.0.1:" + port_;
  options.from = "sendcase@la.example";
  auto sender = scheduler::SmtpReminderSender::Create(options, clock_);
  ASSERT_TRUE(sender.ok());
  const absl::Status status =
      (*sender)->Send({"a@b.example", "s", "b", "<m@x>"});
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(status.message(), HasSubstr("smtp:"));
}

TEST_F(RemindersTest, ContactsAreValidated) {
  v1::CreateContactRequest req;
  req.mutable_contact()->set_role(v1::SENCO);
  req.mutable_contact()->set_scope("setting:100001");
  req.mutable_contact()->set_email("not-an-address");
  v1::Contact out;
  auto status = stub_->CreateContact(Ctx().get(), req, &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("contact.email"));
  req.mutable_contact()->set_email("a@b.example");
  req.mutable_contact()->set_scope("school:1");
  status = stub_->CreateContact(Ctx().get(), req, &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

// An LA case officer's own address hears of the cases assigned to them;
// the team's address of the others. Staff name only their own address.
TEST_F(RemindersTest, AnOfficersCasesRemindTheOfficerAndTheRestTheTeam) {
  const std::string ann = Token("ann", "LA_CASE_OFFICER", "la:201");
  v1::CreateContactRequest req;
  req.mutable_contact()->set_role(v1::LA_CASE_OFFICER);
  req.mutable_contact()->set_scope("la:201");
  req.mutable_contact()->set_email("ann@la.example");
  req.mutable_contact()->set_case_officer("ann");
  v1::Contact out;
  grpc::ClientContext as_ann;
  as_ann.AddMetadata("authorization", "Bearer " + ann);
  grpc::Status s = stub_->CreateContact(&as_ann, req, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.case_officer(), "ann");
  req.mutable_contact()->set_email("bob@la.example");
  req.mutable_contact()->set_case_officer("bob");
  grpc::ClientContext as_ann_again;
  as_ann_again.AddMetadata("authorization", "Bearer " + ann);
  s = stub_->CreateContact(&as_ann_again, req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(s.error_message(), HasSubstr("contact.case_officer"));
  req.mutable_contact()->set_role(v1::SENCO);
  s = stub_->CreateContact(Ctx().get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("contact.case_officer"));
  AddContact(v1::LA_CASE_OFFICER, "la:201", "team@la.example");

  // Two requests whose 6-week decision (2026-11-16) is overdue: ann's, and
  // one nobody is assigned.
  const std::string anns = NewPupil("B801200005001");
  v1::AssignCaseOfficerRequest assign;
  assign.set_journey(anns);
  assign.set_case_officer("ann");
  v1::Journey journey;
  ASSERT_TRUE(stub_->AssignCaseOfficer(Ctx().get(), assign, &journey).ok());
  Record(anns, "assessment_requested", D(2026, 10, 5));
  const std::string nobodys = NewPupil("P207000016049");
  Record(nobodys, "assessment_requested", D(2026, 10, 5));

  EXPECT_EQ(RunDue().sent, 2);
  auto mails = Mails(dir_.path() / "mail");
  ASSERT_EQ(mails.size(), 2u);
  const auto to_ann = std::find_if(mails.begin(), mails.end(), [](auto& m) {
    return m.find("To: <ann@la.example>") != std::string::npos;
  });
  const auto to_team = std::find_if(mails.begin(), mails.end(), [](auto& m) {
    return m.find("To: <team@la.example>") != std::string::npos;
  });
  ASSERT_NE(to_ann, mails.end());
  ASSERT_NE(to_team, mails.end());
  EXPECT_THAT(*to_ann, HasSubstr(anns));
  EXPECT_THAT(*to_team, HasSubstr(nobodys));

  // "My cases": the tasks of ann's journeys only.
  v1::ListTasksRequest mine;
  mine.set_case_officer("ann");
  v1::ListTasksResponse tasks;
  ASSERT_TRUE(stub_->ListTasks(Ctx().get(), mine, &tasks).ok());
  ASSERT_GE(tasks.tasks_size(), 1);
  for (const auto& t : tasks.tasks()) {
    EXPECT_THAT(t.name(), ::testing::StartsWith(anns + "/tasks/"));
  }
}

}  // namespace
}  // namespace sendcase
