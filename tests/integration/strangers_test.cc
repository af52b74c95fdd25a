// What a stranger can make the server write: a flood of calls without a
// valid token leaves one audit record (and, once its minute is over, one
// summary), not one per call; a flood of malformed requests leaves a
// bounded number of log lines.
#include <grpcpp/grpcpp.h>

#include "gtest/gtest.h"
#include "sendcase/v1/case_service.grpc.pb.h"
#include "services/common/log_limit.h"
#include "services/server/server.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/requests.h"
#include "tests/testing/test_server.h"

namespace sendcase {
namespace {

Day D(int y, unsigned m, unsigned d) { return Day(date::year{y} / m / d); }

class StrangersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::TestServer t = testing::StartTestServer(clock_);
    ASSERT_NE(t.server, nullptr);
    server_ = std::move(t.server);
    stub_ = std::move(t.stub);
  }
  int AuditRows() {
    auto page = server_->stores().audit->ListAudit({}, {0, 5000});
    EXPECT_TRUE(page.ok()) << page.status();
    return page.ok() ? static_cast<int>(page->items.size()) : -1;
  }

  testing::FakeClock clock_{testing::FakeClock::NoonUtc(D(2026, 11, 25))};
  std::unique_ptr<server::Server> server_;
  std::unique_ptr<v1::CaseService::Stub> stub_;
};

TEST_F(StrangersTest, AFloodWithoutATokenIsCountedNotWrittenCallByCall) {
  v1::GetPupilRequest get;
  get.set_name("pupils/abc");
  for (int i = 0; i < 500; ++i) {
    grpc::ClientContext ctx;
    if (i % 2) ctx.AddMetadata("authorization", "Bearer sc1.forged.x");
    v1::Pupil out;
    ASSERT_EQ(stub_->GetPupil(&ctx, get, &out).error_code(),
              grpc::StatusCode::UNAUTHENTICATED);
  }
  EXPECT_EQ(AuditRows(), 1);
  // The minute over, the next refusal first writes the count of the rest.
  clock_.Advance(std::chrono::seconds(60));
  grpc::ClientContext ctx;
  v1::Pupil out;
  stub_->GetPupil(&ctx, get, &out).error_code();
  auto page = server_->stores().audit->ListAudit({}, {0, 10});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 3u);
  EXPECT_EQ(page->items[1].calls(), 499);
  EXPECT_EQ(page->items[1].outcome(), "UNAUTHENTICATED");
  EXPECT_FALSE(page->items[1].peer().empty());
}

TEST_F(StrangersTest, AFloodOfMalformedRequestsLogsABoundedAmount) {
  v1::CreatePupilRequest r = testing::NewPupilRequest("P207000016049");
  r.mutable_pupil()->set_given_name("Ad\xff\xfe");
  const long before = LogLinesSuppressed();
  for (int i = 0; i < 200; ++i) {
    grpc::ClientContext ctx;
    v1::Pupil out;
    ASSERT_EQ(stub_->CreatePupil(&ctx, r, &out).error_code(),
              grpc::StatusCode::INTERNAL);
  }
  // Each refusal makes protobuf log a line (server side, and here, client
  // side too); at most 30 a minute reach stderr.
  EXPECT_GE(LogLinesSuppressed() - before, 200 - 30);
}

}  // namespace
}  // namespace sendcase
