#include "services/common/clock.h"

namespace sendcase {

Instant RealClock::Now() const {
  // The only wall-clock read in the repository (DESIGN.md §2.5).
  return std::chrono::time_point_cast<std::chrono::seconds>(
      std::chrono::system_clock::now());
}

Clock& SystemClock() {
  static RealClock* const clock = new RealClock();
  return *clock;
}

}  // namespace sendcase
