#ifndef SENDCASE_SERVICES_SCHEDULER_ALERT_BUS_H_
#define SENDCASE_SERVICES_SCHEDULER_ALERT_BUS_H_

// AlertBus: in-process signals between the parts that handle reminders.
// Casework asks the scheduler thread to run now (a late event may have made
// reminders due at once); the scheduler announces newly fired alerts to
// WatchAlerts streams; casework announces committed events to WatchEvents
// streams. Signals only: the database stays the source of truth,
// so a missed signal costs latency, never an alert. Thread-safe.

#include <cstdint>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace sendcase::scheduler {

class AlertBus {
 public:
  // Wakes the scheduler thread.
  void RequestRun();
  // Waits up to `timeout` for RequestRun() or Shutdown(); true if a run was
  // requested (the request is consumed).
  bool WaitForRunRequest(absl::Duration timeout);

  // Announces that alerts up to `revision` have fired.
  void Published(int64_t revision);
  // Waits up to `timeout` for a revision above `seen` (or Shutdown()).
  // Returns the latest announced revision.
  int64_t WaitForRevision(int64_t seen, absl::Duration timeout);

  // Announces that journey events were committed (WatchEvents streams
  // re-read the feed). Returns nothing: the feed is the truth.
  void EventsCommitted();
  // Waits up to `timeout` for EventsCommitted() after the count `seen` (or
  // Shutdown()); returns the current count.
  int64_t WaitForEvents(int64_t seen, absl::Duration timeout);

  // Releases every waiter; later waits return at once.
  void Shutdown();
  bool shut_down() const;

 private:
  mutable absl::Mutex mu_;
  bool run_requested_ ABSL_GUARDED_BY(mu_) = false;
  int64_t revision_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t events_ ABSL_GUARDED_BY(mu_) = 0;
  bool shutdown_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace sendcase::scheduler

#endif  // SENDCASE_SERVICES_SCHEDULER_ALERT_BUS_H_
