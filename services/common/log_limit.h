#ifndef SENDCASE_SERVICES_COMMON_LOG_LIMIT_H_
#define SENDCASE_SERVICES_COMMON_LOG_LIMIT_H_

// A bound on log volume. Anything a stranger can trigger (a malformed
// request makes protobuf log a line; a failing audit write logs one) goes
// through LogLimited, which writes at most `per_minute` lines per clock
// minute to stderr and then, once the minute is over, one line saying how
// many were suppressed (through Log, log.h, at warning level). Thread-safe;
// process-wide (library log hooks are plain functions).

#include <string>

#include "absl/strings/string_view.h"
#include "services/common/clock.h"

namespace sendcase {

// Sets the clock and the allowance (defaults: SystemClock, 30 a minute).
// Call once at start, before any logging.
void ConfigureLogLimit(const Clock& clock, int per_minute);

// Logs `line` as a warning (log.h) unless this minute's allowance is
// spent. Returns whether it was written.
bool LogLimited(absl::string_view line);

// Takes one line of this minute's allowance for a line the caller then
// writes itself (with Log); false (and counted as suppressed) once it is
// spent.
bool TakeLogAllowance();

// Lines suppressed since start (for tests and metrics).
long LogLinesSuppressed();

}  // namespace sendcase

#endif  // SENDCASE_SERVICES_COMMON_LOG_LIMIT_H_
