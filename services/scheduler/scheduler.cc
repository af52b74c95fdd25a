#include "services/scheduler/scheduler.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "services/common/status_macros.h"
#include "services/scheduler/email.h"

namespace sendcase::scheduler {

std::chrono::seconds Scheduler::Backoff(int attempts) const {
  std::chrono::seconds delay = options_.initial_backoff;
  for (int i = 1; i < attempts && delay < options_.max_backoff; ++i) delay *= 2;
  return std::min(delay, options_.max_backoff);
}

absl::StatusOr<RunStats> Scheduler::FireDue(Instant now) {
  RunStats stats;
  while (true) {
    ASSIGN_OR_RETURN(std::vector<v1::Alert> fired,
                     store_.FireDue(now, options_.batch, sender_ != nullptr));
    if (fired.empty()) break;
    stats.fired += static_cast<int>(fired.size());
    if (bus_ != nullptr) bus_->Published(fired.back().revision());
  }
  return stats;
}

absl::StatusOr<RunStats> Scheduler::DeliverDue(Instant now) {
  RunStats stats;
  if (sender_ == nullptr) return stats;
  while (bus_ == nullptr || !bus_->shut_down()) {
    ASSIGN_OR_RETURN(
        std::vector<storage::Delivery> batch,
        store_.ClaimDeliveries(now, options_.lease, options_.batch));
    if (batch.empty()) break;
    // Workers take the batch's deliveries in turn, so one slow mail server
    // conversation holds up one worker, not the batch.
    std::atomic<size_t> next{0};
    std::atomic<bool> cancelled{false};
    absl::Mutex mu;
    absl::Status first_error;
    auto work = [&] {
      for (size_t i; (i = next++) < batch.size();) {
        const storage::Delivery& d = batch[i];
        const absl::Status sent =
            sender_->Send(ComposeReminder(d.alert, d.email));
        ++(sent.ok() ? sent_total_ : failed_total_);
        if (d.attempts > 1) ++retried_total_;
        absl::Status marked;
        if (sent.ok()) {
          marked = store_.MarkDelivered(d.id, now);
        } else {
          // Cut short by shutdown: due again at once, not after a backoff.
          if (absl::IsCancelled(sent)) cancelled = true;
          const Instant retry =
              absl::IsCancelled(sent) ? now : now + Backoff(d.attempts);
          marked = store_.MarkRetry(d.id, retry, std::string(sent.message()));
        }
        absl::MutexLock lock(&mu);
        if (!marked.ok() && first_error.ok()) first_error = marked;
        (sent.ok() ? stats.sent : stats.failed) += marked.ok() ? 1 : 0;
      }
    };
    const size_t workers = std::min<size_t>(
        std::max(1, options_.delivery_concurrency), batch.size());
    std::vector<std::thread> threads;
    for (size_t k = 1; k < workers; ++k) threads.emplace_back(work);
    work();
    for (std::thread& t : threads) t.join();
    RETURN_IF_ERROR(first_error);
    // The sender is shutting down: what it gave back is due again now, and
    // claiming it again here would never end.
    if (cancelled) break;
  }
  return stats;
}

absl::StatusOr<RunStats> Scheduler::RunDue(Instant now) {
  ASSIGN_OR_RETURN(RunStats stats, FireDue(now));
  ASSIGN_OR_RETURN(RunStats delivered, DeliverDue(now));
  stats.sent = delivered.sent;
  stats.failed = delivered.failed;
  return stats;
}

}  // namespace sendcase::scheduler
