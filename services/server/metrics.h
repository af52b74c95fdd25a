#ifndef SENDCASE_SERVICES_SERVER_METRICS_H_
#define SENDCASE_SERVICES_SERVER_METRICS_H_

// ServerMetrics: what /metrics shows, in the Prometheus text exposition
// format (version 0.0.4), through prometheus-cpp's registry and text
// serializer (Debian's prometheus-cpp-dev).
//
//   sendcase_grpc_calls_total{method,code}        counter
//   sendcase_grpc_call_duration_seconds{method}   histogram, seconds
//   sendcase_sqlite_commit_groups_total           counter (SQLite only)
//   sendcase_sqlite_commit_group_size             histogram, writes a commit
//   sendcase_sqlite_checkpoints_total             counter (SQLite files)
//   sendcase_sqlite_wal_bytes                     gauge, bytes
//   sendcase_scheduler_lag_seconds                gauge: how long the oldest
//                                                 due reminder has waited
//   sendcase_reminder_deliveries_total{outcome}   counter: sent, failed
//   sendcase_reminder_delivery_retries_total      counter
//   sendcase_open_streams                         gauge
//   sendcase_rule_set_info{version}               gauge, always 1
//   sendcase_log_lines_suppressed_total           counter
//
// Labels carry method names, gRPC status code names, outcomes and the rule
// set's version: never personal data, and never a value a caller chose (a
// method the server does not serve is counted as method="other").
// Thread-safe.

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/common/clock.h"
#include "services/scheduler/scheduler.h"
#include "services/storage/store_stats.h"

namespace sendcase::server {

// Read at each scrape. Any may be empty (then its metrics are left out).
struct MetricSources {
  std::function<storage::StoreStats()> store;
  std::function<scheduler::DeliveryCounts()> deliveries;
  // The earliest due time of a pending reminder or delivery.
  std::function<absl::StatusOr<std::optional<Instant>>()> next_due;
  std::function<int()> open_streams;
  std::function<std::string()> rule_set_version;
  const Clock* clock = nullptr;  // for the lag; SystemClock() if null
};

class ServerMetrics {
 public:
  // `methods`: the full names the server serves, "package.Service/Method".
  explicit ServerMetrics(std::set<std::string> methods);
  ~ServerMetrics();

  void SetSources(MetricSources sources);

  // One finished call: `method` as gRPC names it ("/pkg.Service/Method"),
  // `code` its gRPC status code (0-16), `seconds` from its start.
  void RecordCall(absl::string_view method, int code, double seconds);

  // The text exposition of every metric.
  std::string Scrape() const;

  // The label a method is counted under (the served name, or "other").
  std::string MethodLabel(absl::string_view method) const;

 private:
  struct Families;
  std::set<std::string> methods_;
  std::unique_ptr<Families> families_;
  MetricSources sources_;
};

// The gRPC name of a status code, e.g. 5 -> "NOT_FOUND".
absl::string_view GrpcCodeName(int code);

}  // namespace sendcase::server

#endif  // SENDCASE_SERVICES_SERVER_METRICS_H_
