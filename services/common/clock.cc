#include "services/common/clock.h"

#include "services/common/wall_time.h"

namespace sendcase {

Instant RealClock::Now() const {
  // The only wall-clock read for domain time: everything else is handed a
  // Clock, so tests can move time (wall_time.h's readings are not domain
  // time).
  return std::chrono::time_point_cast<std::chrono::seconds>(
      std::chrono::system_clock::now());
}

std::chrono::system_clock::time_point LogTimestampNow() {
  return std::chrono::system_clock::now();
}

std::chrono::steady_clock::time_point MonotonicNow() {
  return std::chrono::steady_clock::now();
}

Clock& SystemClock() {
  static RealClock* const clock = new RealClock();
  return *clock;
}

}  // namespace sendcase
