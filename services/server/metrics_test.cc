#include "services/server/metrics.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/fake_clock.h"

namespace sendcase::server {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::set<std::string> kMethods = {"sendcase.v1.CaseService/GetPupil",
                                        "sendcase.v1.CaseService/RecordEvent",
                                        "grpc.health.v1.Health/Check"};

TEST(ServerMetricsTest, CountsCallsByServedMethodAndCodeName) {
  ServerMetrics metrics(kMethods);
  // Durations a binary fraction can hold exactly: the sum is exact.
  metrics.RecordCall("/sendcase.v1.CaseService/GetPupil", 0, 0.001953125);
  metrics.RecordCall("/sendcase.v1.CaseService/GetPupil", 0, 0.015625);
  metrics.RecordCall("/sendcase.v1.CaseService/GetPupil", 5, 0.000244140625);
  metrics.RecordCall("/sendcase.v1.CaseService/RecordEvent", 9, 3);
  // A method nobody serves is "other": a caller cannot make new series.
  metrics.RecordCall("/Ada.Lovelace/Anything", 12, 0.001);
  metrics.RecordCall("/x/y", 12, 0.001);
  const std::string text = metrics.Scrape();
  EXPECT_THAT(text, HasSubstr("# TYPE sendcase_grpc_calls_total counter\n"));
  EXPECT_THAT(text, HasSubstr("sendcase_grpc_calls_total{code=\"OK\",method="
                              "\"sendcase.v1.CaseService/GetPupil\"} 2\n"));
  EXPECT_THAT(text, HasSubstr("sendcase_grpc_calls_total{code=\"NOT_FOUND\","
                              "method=\"sendcase.v1.CaseService/GetPupil\"} "
                              "1\n"));
  EXPECT_THAT(
      text, HasSubstr("sendcase_grpc_calls_total{code=\"FAILED_PRECONDITION\","
                      "method=\"sendcase.v1.CaseService/RecordEvent\"} 1\n"));
  EXPECT_THAT(text,
              HasSubstr("sendcase_grpc_calls_total{code=\"UNIMPLEMENTED\","
                        "method=\"other\"} 2\n"));
  EXPECT_THAT(text, Not(HasSubstr("Lovelace")));
  // Durations: 0.24 ms, 1.95 ms and 15.6 ms, in cumulative buckets.
  const std::string get = "method=\"sendcase.v1.CaseService/GetPupil\"";
  EXPECT_THAT(text, HasSubstr("sendcase_grpc_call_duration_seconds_bucket{" +
                              get + ",le=\"0.0005\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("sendcase_grpc_call_duration_seconds_bucket{" +
                              get + ",le=\"0.0025\"} 2\n"));
  EXPECT_THAT(text, HasSubstr("sendcase_grpc_call_duration_seconds_bucket{" +
                              get + ",le=\"0.025\"} 3\n"));
  EXPECT_THAT(text, HasSubstr("sendcase_grpc_call_duration_seconds_bucket{" +
                              get + ",le=\"+Inf\"} 3\n"));
  EXPECT_THAT(text, HasSubstr("sendcase_grpc_call_duration_seconds_count{" +
                              get + "} 3\n"));
  EXPECT_THAT(text, HasSubstr("sendcase_grpc_call_duration_seconds_sum{" + get +
                              "} 0.017822265625\n"));
}

TEST(ServerMetricsTest, ReadsTheStoreSchedulerStreamsAndRulesAtEachScrape) {
  testing::FakeClock clock(Instant(std::chrono::seconds(1'800'000'000)));
  ServerMetrics metrics(kMethods);
  storage::StoreStats store;
  store.commit_groups = 5;
  store.committed_writes = 12;
  store.groups_at_most = {2, 3, 4, 5, 5, 5, 5};  // sizes 1,1,2,3,5
  store.checkpoints = 7;
  store.wal_bytes = 4096 * 33;
  std::optional<Instant> next_due = clock.Now() - std::chrono::seconds(90);
  int open = 3;
  MetricSources sources;
  sources.store = [&] { return store; };
  sources.deliveries = [] { return scheduler::DeliveryCounts{10, 4, 3}; };
  sources.next_due = [&]() -> absl::StatusOr<std::optional<Instant>> {
    return next_due;
  };
  sources.open_streams = [&] { return open; };
  sources.rule_set_version = [] { return std::string("2026.10"); };
  sources.clock = &clock;
  metrics.SetSources(std::move(sources));

  std::string text = metrics.Scrape();
  for (const char* line : {
           "sendcase_sqlite_commit_groups_total 5\n",
           "sendcase_sqlite_commit_group_size_bucket{le=\"1\"} 2\n",
           "sendcase_sqlite_commit_group_size_bucket{le=\"4\"} 4\n",
           "sendcase_sqlite_commit_group_size_bucket{le=\"64\"} 5\n",
           "sendcase_sqlite_commit_group_size_bucket{le=\"+Inf\"} 5\n",
           "sendcase_sqlite_commit_group_size_count 5\n",
           "sendcase_sqlite_commit_group_size_sum 12\n",
           "sendcase_sqlite_checkpoints_total 7\n",
           "sendcase_sqlite_wal_bytes 135168\n",
           "sendcase_scheduler_lag_seconds 90\n",
           "sendcase_reminder_deliveries_total{outcome=\"sent\"} 10\n",
           "sendcase_reminder_deliveries_total{outcome=\"failed\"} 4\n",
           "sendcase_reminder_delivery_retries_total 3\n",
           "sendcase_open_streams 3\n",
           "sendcase_rule_set_info{version=\"2026.10\"} 1\n",
           "# TYPE sendcase_sqlite_commit_group_size histogram\n",
           "# TYPE sendcase_scheduler_lag_seconds gauge\n",
       }) {
    EXPECT_THAT(text, HasSubstr(line));
  }
  // Read again at the next scrape: nothing due now, a stream closed.
  next_due = clock.Now() + std::chrono::seconds(30);
  open = 2;
  text = metrics.Scrape();
  EXPECT_THAT(text, HasSubstr("sendcase_scheduler_lag_seconds 0\n"));
  EXPECT_THAT(text, HasSubstr("sendcase_open_streams 2\n"));
  next_due.reset();
  EXPECT_THAT(metrics.Scrape(),
              HasSubstr("sendcase_scheduler_lag_seconds 0\n"));
}

TEST(ServerMetricsTest, LeavesOutWhatABackendDoesNotHave) {
  ServerMetrics metrics(kMethods);
  MetricSources sources;
  sources.store = [] { return storage::StoreStats{}; };  // PostgreSQL's
  sources.next_due = []() -> absl::StatusOr<std::optional<Instant>> {
    return absl::UnavailableError("database down");
  };
  metrics.SetSources(std::move(sources));
  const std::string text = metrics.Scrape();
  EXPECT_THAT(text, Not(HasSubstr("sendcase_sqlite")));
  // Unreadable: left out rather than reported as no lag.
  EXPECT_THAT(text, Not(HasSubstr("sendcase_scheduler_lag_seconds")));
  EXPECT_THAT(text, HasSubstr("sendcase_log_lines_suppressed_total "));
}

TEST(ServerMetricsTest, NamesEveryGrpcCode) {
  EXPECT_EQ(GrpcCodeName(0), "OK");
  EXPECT_EQ(GrpcCodeName(3), "INVALID_ARGUMENT");
  EXPECT_EQ(GrpcCodeName(7), "PERMISSION_DENIED");
  EXPECT_EQ(GrpcCodeName(16), "UNAUTHENTICATED");
  EXPECT_EQ(GrpcCodeName(17), "UNKNOWN");
  EXPECT_EQ(GrpcCodeName(-1), "UNKNOWN");
}

}  // namespace
}  // namespace sendcase::server
