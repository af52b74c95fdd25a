#include "services/scheduler/scheduler.h"

#include <algorithm>

#include "services/common/status_macros.h"
#include "services/scheduler/email.h"

namespace sendcase::scheduler {

std::chrono::seconds Scheduler::Backoff(int attempts) const {
  std::chrono::seconds delay = options_.initial_backoff;
  for (int i = 1; i < attempts && delay < options_.max_backoff; ++i) delay *= 2;
  return std::min(delay, options_.max_backoff);
}

absl::StatusOr<RunStats> Scheduler::RunDue(Instant now) {
  RunStats stats;
  while (true) {
    ASSIGN_OR_RETURN(std::vector<v1::Alert> fired,
                     store_.FireDue(now, options_.batch, sender_ != nullptr));
    if (fired.empty()) break;
    stats.fired += static_cast<int>(fired.size());
    if (bus_ != nullptr) bus_->Published(fired.back().revision());
  }
  if (sender_ == nullptr) return stats;
  while (true) {
    ASSIGN_OR_RETURN(
        std::vector<storage::Delivery> batch,
        store_.ClaimDeliveries(now, options_.lease, options_.batch));
    if (batch.empty()) break;
    for (const storage::Delivery& d : batch) {
      const absl::Status sent =
          sender_->Send(ComposeReminder(d.alert, d.email));
      if (sent.ok()) {
        RETURN_IF_ERROR(store_.MarkDelivered(d.id, now));
        ++stats.sent;
      } else {
        RETURN_IF_ERROR(store_.MarkRetry(d.id, now + Backoff(d.attempts),
                                         std::string(sent.message())));
        ++stats.failed;
      }
    }
  }
  return stats;
}

}  // namespace sendcase::scheduler
