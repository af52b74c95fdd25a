#ifndef SENDCASE_SERVICES_COMMON_WALL_TIME_H_
#define SENDCASE_SERVICES_COMMON_WALL_TIME_H_

// The two clock readings that are not domain time, defined in clock.cc
// beside RealClock (the one place that reads clocks): a log record's
// timestamp, and a monotonic reading for how long something took. Neither
// is ever compared with an Instant or used in a rule; tests of domain time
// use testing::FakeClock and never these.

#include <chrono>

namespace sendcase {

// Now, on the system clock (full resolution): when a log line was written.
std::chrono::system_clock::time_point LogTimestampNow();

// Now, on the monotonic clock: for durations (a call's latency).
std::chrono::steady_clock::time_point MonotonicNow();

}  // namespace sendcase

#endif  // SENDCASE_SERVICES_COMMON_WALL_TIME_H_
