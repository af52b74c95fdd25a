#ifndef SENDCASE_TESTS_TESTING_FAKE_CLOCK_H_
#define SENDCASE_TESTS_TESTING_FAKE_CLOCK_H_

// FakeClock: a Clock that moves only when told (cf. absl::SimulatedClock).
// Thread-safe.

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "services/common/civil_date.h"
#include "services/common/clock.h"

namespace sendcase::testing {

class FakeClock final : public Clock {
 public:
  explicit FakeClock(Instant start) : now_(start) {}
  // Starts at 12:00 UTC on `day` (mid-day, so "today" in London is `day`
  // whatever the season).
  static Instant NoonUtc(Day day) {
    return Instant(day) + std::chrono::hours(12);
  }

  Instant Now() const override {
    absl::MutexLock lock(&mu_);
    return now_;
  }
  void Set(Instant t) {
    absl::MutexLock lock(&mu_);
    now_ = t;
  }
  void Advance(std::chrono::seconds d) {
    absl::MutexLock lock(&mu_);
    now_ += d;
  }

 private:
  mutable absl::Mutex mu_;
  Instant now_ ABSL_GUARDED_BY(mu_);
};

}  // namespace sendcase::testing

#endif  // SENDCASE_TESTS_TESTING_FAKE_CLOCK_H_
