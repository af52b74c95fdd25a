#include "services/scheduler/scheduler_thread.h"

#include <cstdio>

#include "services/common/log.h"

namespace sendcase::scheduler {

void SchedulerThread::Start() {
  thread_ = std::thread([this] { Loop(); });
  delivery_thread_ = std::thread([this] { DeliveryLoop(); });
}

void SchedulerThread::Stop() {
  bus_.Shutdown();
  scheduler_.CancelSends();
  if (thread_.joinable()) thread_.join();
  if (delivery_thread_.joinable()) delivery_thread_.join();
}

void SchedulerThread::DeliveryLoop() {
  int64_t seen = 0;
  bool first = true;
  while (!bus_.shut_down()) {
    absl::StatusOr<RunStats> stats = scheduler_.DeliverDue(clock_.Now());
    if (!stats.ok()) {
      Log(LogLevel::kError, "delivery: pass failed",
          {{"status", stats.status().ToString()}});
    } else if (first) {
      // As the scheduler's first pass line: e-mail due at start was tried.
      Log(LogLevel::kInfo, "delivery: first pass done",
          {{"sent", stats->sent}, {"to_retry", stats->failed}});
    } else if (stats->sent + stats->failed > 0) {
      Log(LogLevel::kInfo, "delivery: pass done",
          {{"sent", stats->sent}, {"to_retry", stats->failed}});
    }
    first = false;
    // New alerts wake it at once; retries come due within seconds.
    seen = bus_.WaitForRevision(seen, absl::Seconds(5));
  }
}

void SchedulerThread::Loop() {
  bool first = true;
  while (!bus_.shut_down()) {
    const Instant now = clock_.Now();
    absl::StatusOr<RunStats> stats = scheduler_.FireDue(now);
    if (!stats.ok()) {
      Log(LogLevel::kError, "scheduler: pass failed",
          {{"status", stats.status().ToString()}});
    } else if (first) {
      // Operators (and the end-to-end tests) can tell when the catch-up
      // pass after a start is complete.
      Log(LogLevel::kInfo, "scheduler: first pass done",
          {{"fired", stats->fired}});
    } else if (stats->fired > 0) {
      // Debug: under load a pass fires a few at a time, many times a minute.
      Log(LogLevel::kDebug, "scheduler: pass done", {{"fired", stats->fired}});
    }
    if (housekeeping_) {
      const absl::Status kept = housekeeping_(now);
      if (!kept.ok()) {
        Log(LogLevel::kError, "housekeeping: failed",
            {{"status", kept.ToString()}});
      }
    }
    std::chrono::seconds wait = max_idle_;
    absl::StatusOr<std::optional<Instant>> next = store_.NextDueTime();
    if (next.ok() && next->has_value()) {
      wait = std::clamp(std::chrono::duration_cast<std::chrono::seconds>(
                            **next - clock_.Now()),
                        std::chrono::seconds(1), max_idle_);
    }
    first = false;
    bus_.WaitForRunRequest(absl::Seconds(wait.count()));
  }
}

}  // namespace sendcase::scheduler
