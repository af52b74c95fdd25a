// Open streams through the real gRPC server: a token revoked or expired
// after a stream opened ends it with UNAUTHENTICATED (the credential is
// re-checked every few seconds of clock time), and one caller cannot hold
// more than its share of the server's stream threads.
#include <grpc/support/time.h>
#include <grpcpp/grpcpp.h>

#include "gtest/gtest.h"
#include "sendcase/v1/case_service.grpc.pb.h"
#include "services/auth/tokens.h"
#include "services/server/server.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/requests.h"
#include "tests/testing/test_server.h"

namespace sendcase {
namespace {

using grpc::StatusCode;

Day D(int y, unsigned m, unsigned d) { return Day(date::year{y} / m / d); }

class StreamLimitsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::TestServer t =
        testing::StartTestServer(clock_, [](server::ServerOptions& options) {
          options.feed.progress_interval = absl::Milliseconds(100);
          options.streams.recheck = absl::Seconds(5);
          options.streams.max_per_principal = 2;
        });
    ASSERT_NE(t.server, nullptr);
    server_ = std::move(t.server);
    stub_ = std::move(t.stub);
    admin_ = Issue("bridge", "ADMIN", "*", std::nullopt).token;
    v1::Pupil p;
    ASSERT_TRUE(stub_
                    ->CreatePupil(Ctx(admin_).get(),
                                  testing::NewPupilRequest("B801200005001"), &p)
                    .ok());
  }

  auth::IssuedToken Issue(const std::string& subject, const std::string& role,
                          const std::string& scope,
                          std::optional<std::chrono::seconds> ttl) {
    auto issued = auth::IssueToken(*server_->stores().tokens, clock_, subject,
                                   role, scope, ttl);
    EXPECT_TRUE(issued.ok()) << issued.status();
    return *issued;
  }
  // Bounded: no stream in these tests may outlive 20 s of real time.
  std::unique_ptr<grpc::ClientContext> Ctx(const std::string& token) {
    return testing::BearerContext(token, 20);
  }
  // A WatchEvents from the start; returns once the server has answered (the
  // first message), so the stream is known to be admitted and running.
  struct Watch {
    std::unique_ptr<grpc::ClientContext> ctx;
    std::unique_ptr<grpc::ClientReader<v1::WatchEventsResponse>> reader;
  };
  Watch OpenWatch(const std::string& token) {
    Watch w{Ctx(token), nullptr};
    v1::WatchEventsRequest r;
    r.set_start_revision(1);
    w.reader = stub_->WatchEvents(w.ctx.get(), r);
    return w;
  }
  // Reads until the stream ends; returns how it ended.
  grpc::Status Drain(Watch& w) {
    v1::WatchEventsResponse m;
    while (w.reader->Read(&m)) {
    }
    return w.reader->Finish();
  }

  testing::FakeClock clock_{testing::FakeClock::NoonUtc(D(2026, 11, 25))};
  std::unique_ptr<server::Server> server_;
  std::unique_ptr<v1::CaseService::Stub> stub_;
  std::string admin_;
};

TEST_F(StreamLimitsTest, ARevokedTokenEndsItsOpenStreams) {
  const auth::IssuedToken bridge =
      Issue("bridge-2", "LA_CASE_OFFICER", "la:201", std::nullopt);
  Watch events = OpenWatch(bridge.token);
  v1::WatchEventsResponse first;
  ASSERT_TRUE(events.reader->Read(&first));  // running, and delivering

  auto ctx = Ctx(bridge.token);
  auto alerts = stub_->WatchAlerts(ctx.get(), {});

  ASSERT_TRUE(server_->stores()
                  .tokens->RevokeTokens(bridge.token_id, "", clock_.Now())
                  .ok());
  // The streams notice at their next check, due 5 s of clock time on.
  clock_.Advance(std::chrono::seconds(6));
  grpc::Status ended = Drain(events);
  EXPECT_EQ(ended.error_code(), StatusCode::UNAUTHENTICATED)
      << ended.error_message();
  v1::Alert alert;
  while (alerts->Read(&alert)) {
  }
  EXPECT_EQ(alerts->Finish().error_code(), StatusCode::UNAUTHENTICATED);

  // The events stream's end is in the audit trail beside its start. (The
  // alerts stream may have been refused at its start instead: it sends
  // nothing to show that it was running.)
  auto trail = server_->stores().audit->ListAudit({"bridge-2", ""},
                                                  storage::PageRequest{0, 100});
  ASSERT_TRUE(trail.ok()) << trail.status();
  std::vector<std::string> events_trail;
  for (const auto& r : trail->items) {
    if (r.method() == "WatchEvents") events_trail.push_back(r.outcome());
  }
  EXPECT_EQ(events_trail, (std::vector<std::string>{"UNAUTHENTICATED",
                                                    "OK"}));  // newest first
}

TEST_F(StreamLimitsTest, AnExpiredTokenEndsItsOpenStream) {
  const auth::IssuedToken bridge =
      Issue("bridge-3", "LA_CASE_OFFICER", "la:201", std::chrono::hours(1));
  Watch events = OpenWatch(bridge.token);
  v1::WatchEventsResponse first;
  ASSERT_TRUE(events.reader->Read(&first));
  clock_.Advance(std::chrono::hours(1) + std::chrono::seconds(1));
  EXPECT_EQ(Drain(events).error_code(), StatusCode::UNAUTHENTICATED);
}

TEST_F(StreamLimitsTest, OneCallerMayHoldOnlyItsShareOfStreams) {
  const std::string bridge =
      Issue("bridge-4", "LA_CASE_OFFICER", "la:201", std::nullopt).token;
  Watch one = OpenWatch(bridge);
  Watch two = OpenWatch(bridge);
  v1::WatchEventsResponse m;
  ASSERT_TRUE(one.reader->Read(&m));
  ASSERT_TRUE(two.reader->Read(&m));
  Watch three = OpenWatch(bridge);
  const grpc::Status refused = Drain(three);
  EXPECT_EQ(refused.error_code(), StatusCode::RESOURCE_EXHAUSTED)
      << refused.error_message();
  // Another caller is not affected.
  Watch other = OpenWatch(admin_);
  EXPECT_TRUE(other.reader->Read(&m));
  for (Watch* w : {&one, &two, &other}) {
    w->ctx->TryCancel();
    EXPECT_EQ(Drain(*w).error_code(), StatusCode::CANCELLED);
  }
}

}  // namespace
}  // namespace sendcase
