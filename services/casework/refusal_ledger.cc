#include "services/casework/refusal_ledger.h"

#include "services/common/proto_time.h"

namespace sendcase::casework {
namespace {

v1::AuditRecord Record(Instant time, absl::string_view peer,
                       absl::string_view method, absl::string_view outcome,
                       int64_t calls) {
  v1::AuditRecord r;
  *r.mutable_time() = ToTimestamp(time);
  r.set_method(std::string(method));
  r.set_outcome(std::string(outcome));
  r.set_peer(std::string(peer.substr(0, 200)));
  r.set_calls(calls);
  return r;
}

}  // namespace

absl::Status RefusalLedger::Refused(absl::string_view peer,
                                    absl::string_view method,
                                    absl::string_view resource,
                                    const absl::Status& outcome) {
  const int64_t minute = clock_.Now().time_since_epoch().count() / 60;
  absl::MutexLock lock(&mu_);
  absl::Status written = absl::OkStatus();
  if (minute != minute_) {
    written = WriteSummariesLocked();
    minute_ = minute;
  }
  std::string key(peer);
  if (!peers_.contains(key) && peers_.size() >= kMaxPeers) {
    key = "(other peers)";
  }
  auto [it, first] = peers_.try_emplace(key);
  if (!first) {
    ++it->second.more;
    return written;
  }
  it->second.method = std::string(method);
  it->second.outcome = absl::StatusCodeToString(outcome.code());
  v1::AuditRecord first_record =
      Record(clock_.Now(), key, method, it->second.outcome, 1);
  first_record.set_resource(std::string(resource.substr(0, 200)));
  const absl::Status appended = store_.AppendAudit(first_record);
  return written.ok() ? appended : written;
}

absl::Status RefusalLedger::Flush(bool all) {
  const int64_t minute = clock_.Now().time_since_epoch().count() / 60;
  absl::MutexLock lock(&mu_);
  if (!all && minute == minute_) return absl::OkStatus();
  return WriteSummariesLocked();
}

absl::Status RefusalLedger::WriteSummariesLocked() {
  absl::Status first_error = absl::OkStatus();
  const Instant start{std::chrono::seconds(minute_ * 60)};
  for (const auto& [peer, count] : peers_) {
    if (count.more == 0) continue;
    absl::Status s = store_.AppendAudit(
        Record(start, peer, count.method, count.outcome, count.more));
    if (first_error.ok()) first_error = s;
  }
  peers_.clear();
  return first_error;
}

}  // namespace sendcase::casework
