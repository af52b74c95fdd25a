// Reminders through the real stack: gRPC (in-process), SQLite, the
// scheduler, libcurl, and a real SMTP server on loopback (aiosmtpd). The
// clock is fake; RunDue is called directly; nothing sleeps.
#include <grpcpp/grpcpp.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "sendcase/v1/case_service.grpc.pb.h"
#include "services/auth/tokens.h"
#include "services/common/proto_time.h"
#include "services/server/server.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/subprocess.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/test_server.h"

namespace sendcase {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

Day D(int y, unsigned m, unsigned d) { return Day(date::year{y} / m / d); }

std::vector<std::string> Mails(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir)) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<std::string> out;
  for (const auto& f : files) {
    std::ifstream in(f);
    std::stringstream text;
    text << in.rdbuf();
    out.push_back(text.str());
  }
  return out;
}

class RemindersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directory(dir_.path() / "mail");
    sink_ = std::make_unique<testing::Subprocess>(
        std::vector<std::string>{"/usr/bin/python3", SENDCASE_SMTP_SINK,
                                 (dir_.path() / "mail").string()});
    auto line = sink_->ReadLine(std::chrono::seconds(20));
    ASSERT_TRUE(line.has_value()) << "SMTP sink did not start";
    ASSERT_THAT(*line, ::testing::StartsWith("PORT "));
    port_ = line->substr(5);

    server::ServerOptions options;
    options.rules_dir = SENDCASE_RULES_DIR;
    options.db_path = dir_.File("r.db");
    options.clock = &clock_;
    options.smtp.url = "smtp://127.0.0.1:" + port_;
    options.smtp.from = "sendcase@la.example";
    // A real port: a graceful shutdown lets open streams send their status
    // over HTTP/2, where the in-process transport just closes.
    options.listen = "127.0.0.1:0";
    auto server = server::Server::Start(options);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    stub_ = v1::CaseService::NewStub(
        grpc::CreateChannel(absl::StrCat("127.0.0.1:", server_->port()),
                            grpc::InsecureChannelCredentials()));
    token_ = *auth::IssueToken(server_->store(), clock_, "admin", "ADMIN", "*");
  }

  std::unique_ptr<grpc::ClientContext> Ctx() {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->AddMetadata("authorization", "Bearer " + token_);
    return ctx;
  }

  void AddContact(v1::Role role, const std::string& scope,
                  const std::string& email) {
    v1::CreateContactRequest req;
    req.mutable_contact()->set_role(role);
    req.mutable_contact()->set_scope(scope);
    req.mutable_contact()->set_email(email);
    v1::Contact out;
    auto status = stub_->CreateContact(Ctx().get(), req, &out);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  void Record(const std::string& journey, const char* kind, Day day) {
    v1::RecordEventRequest req;
    req.set_journey(journey);
    *req.mutable_event()->mutable_event_date() = ToProtoDate(day);
    const auto* field = v1::JourneyEvent::descriptor()->FindFieldByName(kind);
    req.mutable_event()->GetReflection()->MutableMessage(req.mutable_event(),
                                                         field);
    v1::Journey out;
    auto status = stub_->RecordEvent(Ctx().get(), req, &out);
    ASSERT_TRUE(status.ok()) << kind << ": " << status.error_message();
  }

  // Issue #5's case: a plan issued on 2024-03-15, no review since.
  std::string PlanIssued(const std::string& upn) {
    v1::CreatePupilRequest req;
    auto* p = req.mutable_pupil();
    p->set_upn(upn);
    p->set_given_name("Ottoline");
    p->set_family_name("Featherstonehaugh");
    *p->mutable_birth_date() = ToProtoDate(D(2014, 4, 1));
    p->set_setting_urn("100001");
    p->set_local_authority_code("201");
    v1::Pupil pupil;
    EXPECT_TRUE(stub_->CreatePupil(Ctx().get(), req, &pupil).ok());
    Record(pupil.current_journey(), "assessment_requested", D(2023, 11, 1));
    Record(pupil.current_journey(), "assessment_agreed", D(2023, 12, 1));
    Record(pupil.current_journey(), "draft_plan_issued", D(2024, 2, 20));
    Record(pupil.current_journey(), "final_plan_issued", D(2024, 3, 15));
    return pupil.current_journey();
  }

  scheduler::RunStats RunDue() {
    auto stats = server_->scheduler().RunDue(clock_.Now());
    EXPECT_TRUE(stats.ok()) << stats.status();
    return stats.ok() ? *stats : scheduler::RunStats{};
  }

  // Reads alerts from WatchAlerts after `after` until `n` arrived.
  std::vector<v1::Alert> Watch(int64_t after, int n) {
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", "Bearer " + token_);
    v1::WatchAlertsRequest req;
    req.set_after_revision(after);
    auto reader = stub_->WatchAlerts(&ctx, req);
    std::vector<v1::Alert> out;
    v1::Alert alert;
    while (static_cast<int>(out.size()) < n && reader->Read(&alert)) {
      out.push_back(alert);
    }
    ctx.TryCancel();
    reader->Finish().ok();
    return out;
  }

  testing::TempDir dir_;
  testing::FakeClock clock_{testing::FakeClock::NoonUtc(D(2026, 11, 25))};
  std::unique_ptr<testing::Subprocess> sink_;
  std::string port_;
  std::unique_ptr<server::Server> server_;
  std::unique_ptr<v1::CaseService::Stub> stub_;
  std::string token_;
};

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
                    HasSubstr("CFA 2014 s44(1)"), Not(HasSubstr("Ottoline")),
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
  v1::CreateSettingRequest setting;
  setting.mutable_setting()->set_urn("100001");
  setting.mutable_setting()->set_display_name("Oak Primary");
  setting.mutable_setting()->set_phase(v1::Setting::PRIMARY);
  setting.mutable_setting()->set_local_authority_code("201");
  setting.mutable_setting()->set_trust_id("T1");
  v1::Setting out;
  ASSERT_TRUE(stub_->CreateSetting(Ctx().get(), setting, &out).ok());
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

}  // namespace
}  // namespace sendcase
