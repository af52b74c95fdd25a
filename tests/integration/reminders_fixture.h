#ifndef SENDCASE_TESTS_INTEGRATION_REMINDERS_FIXTURE_H_
#define SENDCASE_TESTS_INTEGRATION_REMINDERS_FIXTURE_H_

// The reminders tests' world: a real server on a real port (file database,
// fake clock, no scheduler thread: RunDue is called directly) e-mailing a
// real SMTP server on loopback (aiosmtpd) that saves each message in a
// folder; helpers to add contacts, record events and issue a plan whose
// annual review is overdue.
#include <grpcpp/grpcpp.h>

#include <algorithm>
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

namespace sendcase::testing {

namespace fs = std::filesystem;

inline Day D(int y, unsigned m, unsigned d) {
  return Day(date::year{y} / m / d);
}

inline std::vector<std::string> Mails(const fs::path& dir) {
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
    options.listen = "127.0.0.1:0";  // for testing::TcpStub
    auto server = server::Server::Start(options);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    stub_ = testing::TcpStub(*server_);
    token_ = *auth::IssueToken(*server_->stores().tokens, clock_, "admin",
                               "ADMIN", "*");
  }

  std::unique_ptr<grpc::ClientContext> Ctx() {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->AddMetadata("authorization", "Bearer " + token_);
    return ctx;
  }

  // The contact as created (with earlier_alerts_queued).
  v1::Contact AddContact(v1::Role role, const std::string& scope,
                         const std::string& email) {
    v1::CreateContactRequest req;
    req.mutable_contact()->set_role(role);
    req.mutable_contact()->set_scope(scope);
    req.mutable_contact()->set_email(email);
    v1::Contact out;
    auto status = stub_->CreateContact(Ctx().get(), req, &out);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return out;
  }

  // Records an event of `kind` dated `day`, as `token` (default: ADMIN's).
  void Record(const std::string& journey, const char* kind, Day day,
              const std::string& token = "") {
    v1::JourneyEvent event;
    *event.mutable_event_date() = ToProtoDate(day);
    const auto* field = v1::JourneyEvent::descriptor()->FindFieldByName(kind);
    event.GetReflection()->MutableMessage(&event, field);
    RecordEvent(journey, event, token);
  }
  void RecordEvent(const std::string& journey, const v1::JourneyEvent& event,
                   const std::string& token = "") {
    v1::RecordEventRequest req;
    req.set_journey(journey);
    *req.mutable_event() = event;
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization",
                    "Bearer " + (token.empty() ? token_ : token));
    v1::Journey out;
    auto status = stub_->RecordEvent(&ctx, req, &out);
    ASSERT_TRUE(status.ok())
        << event.ShortDebugString() << ": " << status.error_message();
  }

  // A token for `role` in `scope`.
  std::string Token(const std::string& subject, const std::string& role,
                    const std::string& scope) {
    auto token = auth::IssueToken(*server_->stores().tokens, clock_, subject,
                                  role, scope);
    EXPECT_TRUE(token.ok()) << token.status();
    return token.ok() ? *token : "";
  }

  // Registers setting 100001 (LA 201) as a school of trust T1.
  void RegisterTrustSchool() {
    v1::CreateSettingRequest setting;
    setting.mutable_setting()->set_urn("100001");
    setting.mutable_setting()->set_display_name("Oak Primary");
    setting.mutable_setting()->set_phase(v1::Setting::PRIMARY);
    setting.mutable_setting()->set_local_authority_code("201");
    setting.mutable_setting()->set_trust_id("T1");
    v1::Setting out;
    const grpc::Status s = stub_->CreateSetting(Ctx().get(), setting, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
  }

  // A pupil at setting 100001 (LA 201); returns its journey.
  std::string NewPupil(const std::string& upn,
                       const std::string& given = "Ottoline",
                       const std::string& family = "Featherstonehaugh") {
    v1::CreatePupilRequest req;
    auto* p = req.mutable_pupil();
    p->set_upn(upn);
    p->set_given_name(given);
    p->set_family_name(family);
    *p->mutable_birth_date() = ToProtoDate(D(2014, 4, 1));
    p->set_setting_urn("100001");
    p->set_local_authority_code("201");
    v1::Pupil pupil;
    EXPECT_TRUE(stub_->CreatePupil(Ctx().get(), req, &pupil).ok());
    return pupil.current_journey();
  }

  // Issue #5's case: a plan issued on 2024-03-15, no review since.
  std::string PlanIssued(const std::string& upn) {
    v1::Pupil pupil;
    pupil.set_current_journey(NewPupil(upn));
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

  // Reads alerts from WatchAlerts after `after` until `n` arrived, as
  // `token` (default: the ADMIN's).
  std::vector<v1::Alert> Watch(int64_t after, int n,
                               const std::string& token = "",
                               bool all_roles = false) {
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization",
                    "Bearer " + (token.empty() ? token_ : token));
    v1::WatchAlertsRequest req;
    req.set_after_revision(after);
    req.set_all_roles(all_roles);
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

}  // namespace sendcase::testing

#endif  // SENDCASE_TESTS_INTEGRATION_REMINDERS_FIXTURE_H_
