// A reminder already due when its event is committed fires at once: the
// commit wakes the scheduler thread (AlertBus::RequestRun) instead of
// leaving it asleep until its next pass. The thread here sleeps up to an
// hour between passes and the clock is fake, so only the wake-up can bring
// the alert inside the stream's 20 s deadline; nothing in the test sleeps.
#include <grpcpp/grpcpp.h>

#include "gtest/gtest.h"
#include "sendcase/v1/case_service.grpc.pb.h"
#include "services/auth/tokens.h"
#include "services/common/proto_time.h"
#include "services/server/server.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/test_server.h"

namespace sendcase {
namespace {

Day D(int y, unsigned m, unsigned d) { return Day(date::year{y} / m / d); }

class DueNowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::TestServer t =
        testing::StartTestServer(clock_, [&](server::ServerOptions& options) {
          options.db_path = dir_.File("due.db");
          options.run_scheduler_thread = true;
          options.scheduler.max_idle = std::chrono::hours(1);
        });
    ASSERT_NE(t.server, nullptr);
    server_ = std::move(t.server);
    stub_ = std::move(t.stub);
    token_ = *auth::IssueToken(*server_->stores().tokens, clock_, "admin",
                               "ADMIN", "*");
  }

  std::unique_ptr<grpc::ClientContext> Ctx() {
    return testing::BearerContext(token_, 20);
  }

  testing::TempDir dir_;
  testing::FakeClock clock_{testing::FakeClock::NoonUtc(D(2026, 11, 25))};
  std::unique_ptr<server::Server> server_;
  std::unique_ptr<v1::CaseService::Stub> stub_;
  std::string token_;
};

TEST_F(DueNowTest, AReminderDueWhenItsEventIsLoggedFiresWithoutWaiting) {
  v1::CreatePupilRequest create;
  auto* p = create.mutable_pupil();
  p->set_upn("B801200005001");
  p->set_given_name("Given");
  p->set_family_name("Family");
  *p->mutable_birth_date() = ToProtoDate(D(2014, 4, 1));
  p->set_setting_urn("100001");
  p->set_local_authority_code("201");
  v1::Pupil pupil;
  ASSERT_TRUE(stub_->CreatePupil(Ctx().get(), create, &pupil).ok());

  // The stream is open (and the scheduler asleep) before the event exists.
  auto ctx = Ctx();
  auto reader = stub_->WatchAlerts(ctx.get(), {});

  // A request logged months late: the LA's 6-week decision (due
  // 2026-03-13) is overdue the moment the event is committed.
  v1::RecordEventRequest request;
  request.set_journey(pupil.current_journey());
  *request.mutable_event()->mutable_event_date() = ToProtoDate(D(2026, 1, 30));
  request.mutable_event()->mutable_assessment_requested();
  v1::Journey journey;
  ASSERT_TRUE(stub_->RecordEvent(Ctx().get(), request, &journey).ok());

  v1::Alert alert;
  ASSERT_TRUE(reader->Read(&alert))
      << "no alert within 20 s: the commit did not wake the scheduler";
  EXPECT_EQ(alert.journey(), pupil.current_journey());
  EXPECT_EQ(alert.rule_id(), "ehc.decision_to_assess");
  EXPECT_EQ(alert.kind(), v1::Alert::OVERDUE);
  ctx->TryCancel();
}

}  // namespace
}  // namespace sendcase
