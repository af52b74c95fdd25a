#include "services/scheduler/alert_bus.h"

namespace sendcase::scheduler {

void AlertBus::RequestRun() {
  absl::MutexLock lock(&mu_);
  run_requested_ = true;
}

bool AlertBus::WaitForRunRequest(absl::Duration timeout) {
  absl::MutexLock lock(&mu_);
  auto ready = [this]() ABSL_SHARED_LOCKS_REQUIRED(mu_) {
    return run_requested_ || shutdown_;
  };
  mu_.AwaitWithTimeout(absl::Condition(&ready), timeout);
  const bool requested = run_requested_;
  run_requested_ = false;
  return requested;
}

void AlertBus::Published(int64_t revision) {
  absl::MutexLock lock(&mu_);
  if (revision > revision_) revision_ = revision;
}

int64_t AlertBus::WaitForRevision(int64_t seen, absl::Duration timeout) {
  absl::MutexLock lock(&mu_);
  auto ready = [this, seen]() ABSL_SHARED_LOCKS_REQUIRED(mu_) {
    return revision_ > seen || shutdown_;
  };
  mu_.AwaitWithTimeout(absl::Condition(&ready), timeout);
  return revision_;
}

void AlertBus::EventsCommitted() {
  absl::MutexLock lock(&mu_);
  ++events_;
}

int64_t AlertBus::WaitForEvents(int64_t seen, absl::Duration timeout) {
  absl::MutexLock lock(&mu_);
  auto ready = [this, seen]() ABSL_SHARED_LOCKS_REQUIRED(mu_) {
    return events_ > seen || shutdown_;
  };
  mu_.AwaitWithTimeout(absl::Condition(&ready), timeout);
  return events_;
}

void AlertBus::Shutdown() {
  absl::MutexLock lock(&mu_);
  shutdown_ = true;
}

bool AlertBus::shut_down() const {
  absl::MutexLock lock(&mu_);
  return shutdown_;
}

}  // namespace sendcase::scheduler
