#ifndef SENDCASE_SERVICES_SCHEDULER_SCHEDULER_H_
#define SENDCASE_SERVICES_SCHEDULER_SCHEDULER_H_

// Scheduler: synchronous passes over the reminder outbox. FireDue(now)
// fires every alert due at `now` (never earlier); DeliverDue(now) sends
// every due e-mail delivery, several at once, marking each sent, or
// scheduling a retry with exponential backoff on failure. Firing never
// waits for e-mail: SchedulerThread runs the two on threads of their own,
// so a mail server that never answers delays only mail. RunDue does both
// in turn (tests, with a fake clock). Restart-safe: all state is in the
// store, and a delivery claimed by a process that died is retried after its
// lease. FireDue and DeliverDue may run at the same time, each on one
// thread.

#include <atomic>
#include <chrono>
#include <cstdint>

#include "absl/status/statusor.h"
#include "services/scheduler/alert_bus.h"
#include "services/scheduler/reminder_sender.h"
#include "services/storage/alert_store.h"

namespace sendcase::scheduler {

struct SchedulerOptions {
  int batch = 100;
  // Deliveries sent at once (each bounded by the sender's own deadline).
  int delivery_concurrency = 4;
  // How long a claimed delivery is reserved for one send attempt.
  std::chrono::seconds lease{300};
  // Retry delays: initial, doubling per attempt, capped at max. A delivery
  // is retried until it succeeds; nothing is dropped.
  std::chrono::seconds initial_backoff{60};
  std::chrono::seconds max_backoff{6 * 3600};
  // The scheduler thread's longest sleep between passes when nothing is due
  // sooner; a commit that plans something due now wakes it at once
  // (AlertBus::RequestRun), whatever this is.
  std::chrono::seconds max_idle{60};
};

// E-mail send attempts since the process started (for metrics): each
// attempt is sent or failed; `retried` counts the attempts that were a
// retry of one that had failed (they are also in sent or failed).
struct DeliveryCounts {
  int64_t sent = 0;
  int64_t failed = 0;
  int64_t retried = 0;
};

struct RunStats {
  int fired = 0;
  int sent = 0;
  int failed = 0;  // attempts that will be retried
};

class Scheduler {
 public:
  // `sender` may be null: alerts still fire (for streams and OVERDUE
  // escalation) but no e-mail deliveries are created. `bus` may be null.
  Scheduler(storage::AlertStore& store, ReminderSender* sender, AlertBus* bus,
            SchedulerOptions options = {})
      : store_(store), sender_(sender), bus_(bus), options_(options) {}

  // Fires due alerts; `fired` is set.
  absl::StatusOr<RunStats> FireDue(Instant now);
  // Sends due deliveries; `sent` and `failed` are set. Stops claiming more
  // once the bus shuts down; a send cut short by shutdown is due again at
  // once (the next start sends it).
  absl::StatusOr<RunStats> DeliverDue(Instant now);
  // FireDue, then DeliverDue.
  absl::StatusOr<RunStats> RunDue(Instant now);
  // Ends sends in progress (ReminderSender::Cancel).
  void CancelSends() {
    if (sender_ != nullptr) sender_->Cancel();
  }

  DeliveryCounts delivery_counts() const {
    return {sent_total_.load(), failed_total_.load(), retried_total_.load()};
  }

  // The delay before retry number `attempts` (1 = after the first failure).
  std::chrono::seconds Backoff(int attempts) const;

 private:
  storage::AlertStore& store_;
  ReminderSender* sender_;
  AlertBus* bus_;
  SchedulerOptions options_;
  std::atomic<int64_t> sent_total_{0};
  std::atomic<int64_t> failed_total_{0};
  std::atomic<int64_t> retried_total_{0};
};

}  // namespace sendcase::scheduler

#endif  // SENDCASE_SERVICES_SCHEDULER_SCHEDULER_H_
