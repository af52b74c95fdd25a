#ifndef SENDCASE_SERVICES_CASEWORK_REFUSAL_LEDGER_H_
#define SENDCASE_SERVICES_CASEWORK_REFUSAL_LEDGER_H_

// RefusalLedger: calls refused for want of a valid credential, counted
// rather than audited one by one (a stranger can make thousands a second,
// and every audit row is permanent). Per peer host (its address without the
// port) and clock minute, the first
// refusal gets an audit record at once, so a probe shows in the trail
// straight away; the rest become one record whose `calls` counts them,
// written when the minute is over (by the next refusal after it, or by
// Flush at shutdown). At most kMaxPeers peers are tracked in a minute;
// refusals from further peers are summed under the peer "(other peers)".
// Thread-safe.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "services/common/clock.h"
#include "services/storage/audit_store.h"

namespace sendcase::casework {

class RefusalLedger {
 public:
  static constexpr int kMaxPeers = 1000;

  RefusalLedger(storage::AuditStore& store, const Clock& clock)
      : store_(store), clock_(clock) {}

  // Counts one refused call of `method` on `resource` (a resource name or
  // "") from `peer` that ended with `outcome`; writes what is due (see
  // above). A failure to write is returned; the count is kept either way.
  absl::Status Refused(absl::string_view peer, absl::string_view method,
                       absl::string_view resource, const absl::Status& outcome);

  // Writes the summaries still held: those of finished minutes, or, with
  // `all`, the current minute's too (at shutdown).
  absl::Status Flush(bool all);

 private:
  struct Count {
    std::string method;   // of the first refusal
    std::string outcome;  // canonical code name
    int64_t more = 0;     // refusals after the first
  };
  // Takes the summaries of the minute held (and forgets its peers).
  std::vector<v1::AuditRecord> TakeSummariesLocked()
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status Append(const std::vector<v1::AuditRecord>& records);

  storage::AuditStore& store_;
  const Clock& clock_;
  absl::Mutex mu_;
  int64_t minute_ ABSL_GUARDED_BY(mu_) = -1;
  absl::flat_hash_map<std::string, Count> peers_ ABSL_GUARDED_BY(mu_);
};

}  // namespace sendcase::casework

#endif  // SENDCASE_SERVICES_CASEWORK_REFUSAL_LEDGER_H_
