#ifndef SENDCASE_SERVICES_SCHEDULER_SCHEDULER_H_
#define SENDCASE_SERVICES_SCHEDULER_SCHEDULER_H_

// Scheduler: one synchronous pass over the reminder outbox. RunDue(now)
// fires every alert due at `now` (never earlier), then sends every due
// e-mail delivery, marking each sent, or scheduling a retry with
// exponential backoff on failure. Restart-safe: all state is in the store,
// and a delivery claimed by a process that died is retried after its lease.
// Tests call RunDue with a fake clock; SchedulerThread drives it in the
// server. Not thread-safe: one caller at a time.

#include <chrono>

#include "absl/status/statusor.h"
#include "services/scheduler/alert_bus.h"
#include "services/scheduler/reminder_sender.h"
#include "services/storage/alert_store.h"

namespace sendcase::scheduler {

struct SchedulerOptions {
  int batch = 100;
  // How long a claimed delivery is reserved for one send attempt.
  std::chrono::seconds lease{300};
  // Retry delays: initial, doubling per attempt, capped at max. A delivery
  // is retried until it succeeds; nothing is dropped.
  std::chrono::seconds initial_backoff{60};
  std::chrono::seconds max_backoff{6 * 3600};
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

  absl::StatusOr<RunStats> RunDue(Instant now);

  // The delay before retry number `attempts` (1 = after the first failure).
  std::chrono::seconds Backoff(int attempts) const;

 private:
  storage::AlertStore& store_;
  ReminderSender* sender_;
  AlertBus* bus_;
  SchedulerOptions options_;
};

}  // namespace sendcase::scheduler

#endif  // SENDCASE_SERVICES_SCHEDULER_SCHEDULER_H_
