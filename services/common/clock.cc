#include "services/common/clock.h"

namespace sendcase {

Instant RealClock::Now() const {
  // The only wall-clock read in the repository: everything else is handed a
  // Clock, so tests can move time.
  return std::chrono::time_point_cast<std::chrono::seconds>(
      std::chrono::system_clock::now());
}

Clock& SystemClock() {
  static RealClock* const clock = new RealClock();
  return *clock;
}

}  // namespace sendcase
