#ifndef SENDCASE_SERVICES_COMMON_CLOCK_H_
#define SENDCASE_SERVICES_COMMON_CLOCK_H_

// Time is injected: nothing in sendcase reads the wall clock except
// RealClock (clock.cc). Services take a `Clock&`; pure code takes dates or
// instants as arguments; tests use testing::FakeClock.

#include <chrono>

#include "date/date.h"

namespace sendcase {

// A point in time, UTC, second resolution.
using Instant = date::sys_seconds;

// A source of the current instant. Implementations are thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  // Returns the current instant.
  virtual Instant Now() const = 0;
};

// The system clock. Thread-safe; stateless.
class RealClock final : public Clock {
 public:
  Instant Now() const override;
};

// Returns a process-wide RealClock. Never null; never destroyed.
Clock& SystemClock();

}  // namespace sendcase

#endif  // SENDCASE_SERVICES_COMMON_CLOCK_H_
