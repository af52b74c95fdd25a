#ifndef SENDCASE_SERVICES_SCHEDULER_SCHEDULER_THREAD_H_
#define SENDCASE_SERVICES_SCHEDULER_SCHEDULER_THREAD_H_

// SchedulerThread: the only code in the tree that waits on real time. A
// loop around Scheduler::RunDue(clock.Now()) that sleeps until the next due
// alert or delivery (at most `max_idle`), or until AlertBus::RequestRun().
// Errors are reported on stderr (resource-free messages) and retried on the
// next pass.

#include <chrono>
#include <functional>
#include <thread>

#include "services/common/clock.h"
#include "services/scheduler/alert_bus.h"
#include "services/scheduler/scheduler.h"

namespace sendcase::scheduler {

class SchedulerThread {
 public:
  SchedulerThread(Scheduler& scheduler, storage::AlertStore& store,
                  const Clock& clock, AlertBus& bus,
                  std::chrono::seconds max_idle = std::chrono::seconds(60))
      : scheduler_(scheduler),
        store_(store),
        clock_(clock),
        bus_(bus),
        max_idle_(max_idle) {}
  ~SchedulerThread() { Stop(); }

  // Also runs `housekeeping(now)` after every pass (e.g. feed compaction);
  // its errors are reported like the scheduler's. Call before Start().
  void SetHousekeeping(std::function<absl::Status(Instant)> housekeeping) {
    housekeeping_ = std::move(housekeeping);
  }

  // Starts two threads: one fires due alerts (and runs housekeeping), the
  // other delivers e-mail, so a mail server that never answers never
  // delays an alert.
  void Start();
  // Stops both loops (AlertBus::Shutdown), cuts sends in progress short
  // (they are due again at the next start) and joins the threads: prompt
  // whatever the mail server does.
  void Stop();

 private:
  void Loop();
  void DeliveryLoop();

  Scheduler& scheduler_;
  storage::AlertStore& store_;
  const Clock& clock_;
  AlertBus& bus_;
  std::chrono::seconds max_idle_;
  std::thread thread_;
  std::thread delivery_thread_;
  std::function<absl::Status(Instant)> housekeeping_;
};

}  // namespace sendcase::scheduler

#endif  // SENDCASE_SERVICES_SCHEDULER_SCHEDULER_THREAD_H_
