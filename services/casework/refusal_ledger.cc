#include "services/casework/refusal_ledger.h"

#include <vector>

#include "absl/strings/match.h"
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

// The caller's host: gRPC's peer without the port ("ipv4:10.0.0.1:5555" ->
// "ipv4:10.0.0.1", "ipv6:[::1]:5555" -> "ipv6:[::1]"), so that a client that
// reconnects for every call is still one peer.
std::string PeerHost(absl::string_view peer) {
  if (absl::StartsWith(peer, "ipv4:") || absl::StartsWith(peer, "ipv6:")) {
    const size_t colon = peer.rfind(':');
    if (colon > 5) peer = peer.substr(0, colon);
  }
  return std::string(peer.substr(0, 200));
}

}  // namespace

absl::Status RefusalLedger::Refused(absl::string_view peer,
                                    absl::string_view method,
                                    absl::string_view resource,
                                    const absl::Status& outcome) {
  std::vector<v1::AuditRecord> due;
  {
    absl::MutexLock lock(&mu_);
    // Read under the lock, and only ever forward: two refusals either side
    // of a minute's end never move it back.
    const int64_t minute = clock_.Now().time_since_epoch().count() / 60;
    if (minute > minute_) {
      due = TakeSummariesLocked();
      minute_ = minute;
    }
    std::string key = PeerHost(peer);
    if (!peers_.contains(key) && peers_.size() >= kMaxPeers) {
      key = "(other peers)";
    }
    auto [it, first] = peers_.try_emplace(key);
    if (!first) {
      ++it->second.more;
    } else {
      it->second.method = std::string(method);
      it->second.outcome = absl::StatusCodeToString(outcome.code());
      due.push_back(Record(clock_.Now(), key, method, it->second.outcome, 1));
      due.back().set_resource(std::string(resource.substr(0, 200)));
    }
  }
  return Append(due);  // durable commits, outside the lock
}

absl::Status RefusalLedger::Flush(bool all) {
  std::vector<v1::AuditRecord> due;
  {
    absl::MutexLock lock(&mu_);
    const int64_t minute = clock_.Now().time_since_epoch().count() / 60;
    if (!all && minute <= minute_) return absl::OkStatus();
    due = TakeSummariesLocked();
  }
  return Append(due);
}

std::vector<v1::AuditRecord> RefusalLedger::TakeSummariesLocked() {
  std::vector<v1::AuditRecord> due;
  const Instant start{std::chrono::seconds(minute_ * 60)};
  for (const auto& [peer, count] : peers_) {
    if (count.more == 0) continue;
    due.push_back(Record(start, peer, count.method, count.outcome, count.more));
  }
  peers_.clear();
  return due;
}

absl::Status RefusalLedger::Append(const std::vector<v1::AuditRecord>& due) {
  absl::Status first_error = absl::OkStatus();
  for (const v1::AuditRecord& r : due) {
    absl::Status s = store_.AppendAudit(r);
    if (first_error.ok()) first_error = s;
  }
  return first_error;
}

}  // namespace sendcase::casework
