#include "services/server/metrics.h"

#include <sstream>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/synchronization/mutex.h"
#include "prometheus/counter.h"
#include "prometheus/histogram.h"
#include "prometheus/metric_family.h"
#include "prometheus/registry.h"
#include "prometheus/text_serializer.h"
#include "services/common/log_limit.h"

namespace sendcase::server {

namespace {

using prometheus::ClientMetric;
using prometheus::MetricFamily;
using prometheus::MetricType;

constexpr absl::string_view kCodeNames[] = {"OK",
                                            "CANCELLED",
                                            "UNKNOWN",
                                            "INVALID_ARGUMENT",
                                            "DEADLINE_EXCEEDED",
                                            "NOT_FOUND",
                                            "ALREADY_EXISTS",
                                            "PERMISSION_DENIED",
                                            "RESOURCE_EXHAUSTED",
                                            "FAILED_PRECONDITION",
                                            "ABORTED",
                                            "OUT_OF_RANGE",
                                            "UNIMPLEMENTED",
                                            "INTERNAL",
                                            "UNAVAILABLE",
                                            "DATA_LOSS",
                                            "UNAUTHENTICATED"};

// A call's duration, in seconds: from 0.5 ms (a cached read) to 10 s.
const prometheus::Histogram::BucketBoundaries& LatencyBuckets() {
  static const auto* b = new prometheus::Histogram::BucketBoundaries{
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
      0.1,    0.25,  0.5,    1,     2.5,  5,     10};
  return *b;
}

MetricFamily Single(std::string name, std::string help, MetricType type,
                    double value) {
  MetricFamily f{std::move(name), std::move(help), type, {}};
  ClientMetric m;
  if (type == MetricType::Counter) {
    m.counter.value = value;
  } else {
    m.gauge.value = value;
  }
  f.metric.push_back(std::move(m));
  return f;
}

}  // namespace

absl::string_view GrpcCodeName(int code) {
  if (code < 0 || code >= static_cast<int>(std::size(kCodeNames))) {
    return "UNKNOWN";
  }
  return kCodeNames[code];
}

struct ServerMetrics::Families {
  std::shared_ptr<prometheus::Registry> registry =
      std::make_shared<prometheus::Registry>();
  prometheus::Family<prometheus::Counter>& calls =
      prometheus::BuildCounter()
          .Name("sendcase_grpc_calls_total")
          .Help(
              "gRPC calls finished, by method and status code (the JSON "
              "API's calls included: it calls the same methods)")
          .Register(*registry);
  prometheus::Family<prometheus::Histogram>& latency =
      prometheus::BuildHistogram()
          .Name("sendcase_grpc_call_duration_seconds")
          .Help(
              "Time from a call's arrival to its status, in seconds (a "
              "stream's is its lifetime)")
          .Register(*registry);
};

ServerMetrics::ServerMetrics(std::set<std::string> methods)
    : methods_(std::move(methods)), families_(std::make_unique<Families>()) {}

ServerMetrics::~ServerMetrics() = default;

void ServerMetrics::SetSources(MetricSources sources) {
  sources_ = std::move(sources);
}

std::string ServerMetrics::MethodLabel(absl::string_view method) const {
  absl::ConsumePrefix(&method, "/");
  if (methods_.count(std::string(method)) == 0) return "other";
  return std::string(method);
}

void ServerMetrics::RecordCall(absl::string_view method, int code,
                               double seconds) {
  const std::string label = MethodLabel(method);
  // Family::Add finds the existing series for the same labels.
  families_->calls
      .Add({{"method", label}, {"code", std::string(GrpcCodeName(code))}})
      .Increment();
  families_->latency.Add({{"method", label}}, LatencyBuckets())
      .Observe(seconds);
}

std::string ServerMetrics::Scrape() const {
  std::vector<MetricFamily> families = families_->registry->Collect();
  const MetricSources& s = sources_;
  if (s.store) {
    const storage::StoreStats st = s.store();
    if (st.commit_groups >= 0) {
      families.push_back(Single(
          "sendcase_sqlite_commit_groups_total",
          "SQLite transactions committed by group commit (one fsync each)",
          MetricType::Counter, static_cast<double>(st.commit_groups)));
      MetricFamily sizes{"sendcase_sqlite_commit_group_size",
                         "Writes carried by one group commit",
                         MetricType::Histogram,
                         {}};
      ClientMetric m;
      m.histogram.sample_count = static_cast<uint64_t>(st.commit_groups);
      m.histogram.sample_sum = static_cast<double>(st.committed_writes);
      for (size_t i = 0; i < storage::kGroupSizeBounds.size(); ++i) {
        m.histogram.bucket.push_back(
            {static_cast<uint64_t>(st.groups_at_most[i]),
             static_cast<double>(storage::kGroupSizeBounds[i])});
      }
      m.histogram.bucket.push_back(
          {m.histogram.sample_count, std::numeric_limits<double>::infinity()});
      sizes.metric.push_back(std::move(m));
      families.push_back(std::move(sizes));
    }
    if (st.checkpoints >= 0) {
      families.push_back(Single("sendcase_sqlite_checkpoints_total",
                                "SQLite WAL checkpoint passes completed",
                                MetricType::Counter,
                                static_cast<double>(st.checkpoints)));
    }
    if (st.wal_bytes >= 0) {
      families.push_back(Single("sendcase_sqlite_wal_bytes",
                                "Size of the SQLite write-ahead log, in bytes",
                                MetricType::Gauge,
                                static_cast<double>(st.wal_bytes)));
    }
  }
  if (s.next_due) {
    // How long the oldest reminder that is due has waited to fire or be
    // sent: 0 when nothing is due. A growing value means the scheduler is
    // stuck or cannot keep up. Unreadable: left out rather than a guess.
    const absl::StatusOr<std::optional<Instant>> next = s.next_due();
    if (next.ok()) {
      const Instant now = (s.clock ? *s.clock : SystemClock()).Now();
      double lag = 0;
      if (next->has_value() && **next < now) {
        lag = std::chrono::duration<double>(now - **next).count();
      }
      families.push_back(Single(
          "sendcase_scheduler_lag_seconds",
          "Seconds the oldest due-but-unfired reminder or unsent e-mail has "
          "waited (0: none due)",
          MetricType::Gauge, lag));
    }
  }
  if (s.deliveries) {
    const scheduler::DeliveryCounts d = s.deliveries();
    MetricFamily f{"sendcase_reminder_deliveries_total",
                   "E-mail reminder send attempts, by outcome",
                   MetricType::Counter,
                   {}};
    for (const auto& [outcome, n] :
         {std::pair<const char*, int64_t>{"sent", d.sent},
          {"failed", d.failed}}) {
      ClientMetric m;
      m.label.push_back({"outcome", outcome});
      m.counter.value = static_cast<double>(n);
      f.metric.push_back(std::move(m));
    }
    families.push_back(std::move(f));
    families.push_back(
        Single("sendcase_reminder_delivery_retries_total",
               "Send attempts that retried an e-mail whose earlier attempt "
               "failed",
               MetricType::Counter, static_cast<double>(d.retried)));
  }
  if (s.open_streams) {
    families.push_back(Single("sendcase_open_streams",
                              "WatchEvents and WatchAlerts streams open now",
                              MetricType::Gauge, s.open_streams()));
  }
  if (s.rule_set_version) {
    MetricFamily f = Single("sendcase_rule_set_info",
                            "The rule set new journeys start on (value 1)",
                            MetricType::Gauge, 1);
    f.metric[0].label.push_back({"version", s.rule_set_version()});
    families.push_back(std::move(f));
  }
  families.push_back(Single("sendcase_log_lines_suppressed_total",
                            "Log lines dropped by the per-minute log limit",
                            MetricType::Counter,
                            static_cast<double>(LogLinesSuppressed())));
  std::ostringstream out;
  prometheus::TextSerializer().Serialize(out, families);
  return out.str();
}

}  // namespace sendcase::server
