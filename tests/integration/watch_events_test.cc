// WatchEvents through the real gRPC server: replay and resume with no gap
// and no duplicate, events arriving while watching, progress while idle,
// scope filtering, the compaction error with its ErrorInfo, and the end of
// a stream when the server shuts down (UNAVAILABLE, so clients resume).
#include <grpcpp/grpcpp.h>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"
#include "sendcase/v1/case_service.grpc.pb.h"
#include "services/auth/tokens.h"
#include "services/server/server.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/requests.h"
#include "tests/testing/test_server.h"

namespace sendcase {
namespace {

using ::testing::ElementsAre;

Day D(int y, unsigned m, unsigned d) { return Day(date::year{y} / m / d); }

class WatchEventsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server::ServerOptions options;
    options.db_path = ":memory:";
    options.rules_dir = SENDCASE_RULES_DIR;
    options.clock = &clock_;
    options.feed.progress_interval = absl::Milliseconds(200);
    options.listen = "127.0.0.1:0";  // for testing::TcpStub
    auto server = server::Server::Start(options);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    stub_ = testing::TcpStub(*server_);
    admin_ = *auth::IssueToken(*server_->stores().tokens, clock_, "bridge",
                               "ADMIN", "*");
    senco_ = *auth::IssueToken(*server_->stores().tokens, clock_, "senco",
                               "SENCO", "setting:100001");
    a_ = Create("B801200005001", "100001");
    b_ = Create("P207000016049", "100002");
  }

  std::unique_ptr<grpc::ClientContext> Ctx(const std::string& token) {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->AddMetadata("authorization", "Bearer " + token);
    return ctx;
  }
  std::string Create(const std::string& upn, const std::string& urn) {
    v1::Pupil p;
    EXPECT_TRUE(stub_
                    ->CreatePupil(Ctx(admin_).get(),
                                  testing::NewPupilRequest(upn, urn), &p)
                    .ok());
    return p.current_journey();
  }
  // A concern on `journey` (allowed in every state); its revision is found
  // by the watch.
  void Concern(const std::string& journey) {
    v1::RecordEventRequest r;
    r.set_journey(journey);
    r.mutable_event()->mutable_event_date()->set_year(2026);
    r.mutable_event()->mutable_event_date()->set_month(11);
    r.mutable_event()->mutable_event_date()->set_day(20);
    r.mutable_event()->mutable_concern_raised();
    v1::Journey out;
    ASSERT_TRUE(stub_->RecordEvent(Ctx(admin_).get(), r, &out).ok());
  }

  testing::FakeClock clock_{testing::FakeClock::NoonUtc(D(2026, 11, 25))};
  std::unique_ptr<server::Server> server_;
  std::unique_ptr<v1::CaseService::Stub> stub_;
  std::string admin_, senco_, a_, b_;
};

TEST_F(WatchEventsTest, ResumeAfterDisconnectHasNoGapAndNoDuplicate) {
  Concern(a_);
  Concern(b_);
  Concern(a_);
  std::vector<int64_t> revisions;
  std::vector<std::string> journeys;
  {
    auto ctx = Ctx(admin_);
    v1::WatchEventsRequest from_start;
    from_start.set_start_revision(1);
    auto reader = stub_->WatchEvents(ctx.get(), from_start);
    v1::WatchEventsResponse m;
    for (int i = 0; i < 2; ++i) {
      ASSERT_TRUE(reader->Read(&m));
      ASSERT_FALSE(m.progress());
      revisions.push_back(m.revision());
      journeys.push_back(m.journey());
    }
    ctx->TryCancel();  // the client goes away mid-stream
    EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
  }
  auto ctx = Ctx(admin_);
  v1::WatchEventsRequest resume;
  resume.set_start_revision(revisions.back() + 1);
  auto reader = stub_->WatchEvents(ctx.get(), resume);
  v1::WatchEventsResponse m;
  ASSERT_TRUE(reader->Read(&m));
  revisions.push_back(m.revision());
  journeys.push_back(m.journey());
  Concern(b_);  // recorded while the stream is open
  ASSERT_TRUE(reader->Read(&m));
  ASSERT_FALSE(m.progress());
  revisions.push_back(m.revision());
  journeys.push_back(m.journey());
  EXPECT_EQ(m.event().recorded_by(), "bridge");
  EXPECT_TRUE(m.event().has_concern_raised());
  // Then idle: a progress mark at the latest revision.
  ASSERT_TRUE(reader->Read(&m));
  EXPECT_TRUE(m.progress());
  EXPECT_EQ(m.revision(), revisions.back());
  ctx->TryCancel();
  reader->Finish();

  EXPECT_THAT(journeys, ElementsAre(a_, b_, a_, b_));
  for (size_t i = 1; i < revisions.size(); ++i) {
    EXPECT_EQ(revisions[i], revisions[i - 1] + 1);  // no gap, no repeat
  }
}

TEST_F(WatchEventsTest, StreamIsFilteredToTheCallersScope) {
  Concern(b_);
  Concern(a_);
  Concern(b_);
  auto ctx = Ctx(senco_);
  v1::WatchEventsRequest from_start;
  from_start.set_start_revision(1);
  auto reader = stub_->WatchEvents(ctx.get(), from_start);
  v1::WatchEventsResponse m;
  ASSERT_TRUE(reader->Read(&m));
  EXPECT_EQ(m.journey(), a_);
  const int64_t mine = m.revision();
  // Nothing else is visible: next comes progress past the foreign events.
  ASSERT_TRUE(reader->Read(&m));
  EXPECT_TRUE(m.progress());
  EXPECT_EQ(m.revision(), mine + 1);
  ctx->TryCancel();
  reader->Finish();
}

TEST_F(WatchEventsTest, CompactedStartIsOutOfRangeWithErrorInfo) {
  Concern(a_);
  Concern(a_);
  auto bounds =
      server_->stores().feed->CompactFeed(clock_.Now() + std::chrono::hours(1));
  ASSERT_TRUE(bounds.ok());
  ASSERT_EQ(bounds->compacted, 2);
  auto ctx = Ctx(admin_);
  v1::WatchEventsRequest old;
  old.set_start_revision(2);
  auto reader = stub_->WatchEvents(ctx.get(), old);
  v1::WatchEventsResponse m;
  EXPECT_FALSE(reader->Read(&m));
  const grpc::Status status = reader->Finish();
  ASSERT_EQ(status.error_code(), grpc::StatusCode::OUT_OF_RANGE);
  google::rpc::Status rich;
  ASSERT_TRUE(rich.ParseFromString(status.error_details()));
  ASSERT_EQ(rich.details_size(), 1);
  google::rpc::ErrorInfo info;
  ASSERT_TRUE(rich.details(0).UnpackTo(&info));
  EXPECT_EQ(info.reason(), "REVISION_COMPACTED");
  EXPECT_EQ(info.metadata().at("compacted_revision"), "2");

  // From the next revision on, the watch serves again.
  auto again = Ctx(admin_);
  v1::WatchEventsRequest next;
  next.set_start_revision(3);
  auto ok = stub_->WatchEvents(again.get(), next);
  Concern(a_);
  ASSERT_TRUE(ok->Read(&m));
  EXPECT_EQ(m.revision(), 3);
  again->TryCancel();
  ok->Finish();

  auto bad = Ctx(admin_);
  v1::WatchEventsRequest negative;
  negative.set_start_revision(-1);
  auto refused = stub_->WatchEvents(bad.get(), negative);
  EXPECT_FALSE(refused->Read(&m));
  EXPECT_EQ(refused->Finish().error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(WatchEventsTest, ShutdownEndsTheStreamUnavailableWithItsResumePoint) {
  Concern(a_);
  auto ctx = Ctx(admin_);
  v1::WatchEventsRequest req;
  req.set_start_revision(1);
  auto reader = stub_->WatchEvents(ctx.get(), req);
  v1::WatchEventsResponse m;
  ASSERT_TRUE(reader->Read(&m));  // the handler is running
  EXPECT_EQ(m.revision(), 1);
  server_->Shutdown();
  EXPECT_FALSE(reader->Read(&m));
  const grpc::Status status = reader->Finish();
  ASSERT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE)
      << status.error_message();
  EXPECT_EQ(status.error_message(),
            "the server is shutting down; resume with start_revision=2");
  const google::rpc::ErrorInfo info = testing::ErrorInfoOf(status);
  EXPECT_EQ(info.reason(), "SERVER_SHUTTING_DOWN");
  EXPECT_EQ(info.domain(), "sendcase.v1");
  EXPECT_THAT(info.metadata(),
              ::testing::Contains(::testing::Pair("start_revision", "2")));
}

}  // namespace
}  // namespace sendcase
