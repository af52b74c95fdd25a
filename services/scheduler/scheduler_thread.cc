#include "services/scheduler/scheduler_thread.h"

#include <cstdio>

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
      fprintf(stderr, "sendcased: delivery: %s\n",
              stats.status().ToString().c_str());
    } else if (first) {
      // As the scheduler's first pass line: e-mail due at start was tried.
      fprintf(stderr,
              "sendcased: delivery: first pass done (%d sent, %d to retry)\n",
              stats->sent, stats->failed);
    } else if (stats->sent + stats->failed > 0) {
      fprintf(stderr, "sendcased: delivery: %d sent, %d to retry\n",
              stats->sent, stats->failed);
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
      fprintf(stderr, "sendcased: scheduler: %s\n",
              stats.status().ToString().c_str());
    } else if (first) {
      // Operators (and the end-to-end tests) can tell when the catch-up
      // pass after a start is complete.
      fprintf(stderr, "sendcased: scheduler: first pass done (%d fired)\n",
              stats->fired);
    } else if (stats->fired > 0) {
      fprintf(stderr, "sendcased: scheduler: %d fired\n", stats->fired);
    }
    if (housekeeping_) {
      const absl::Status kept = housekeeping_(now);
      if (!kept.ok()) {
        fprintf(stderr, "sendcased: housekeeping: %s\n",
                kept.ToString().c_str());
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
