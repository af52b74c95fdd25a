#include "services/common/log_limit.h"

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "services/common/log.h"

namespace sendcase {
namespace {

struct Limiter {
  absl::Mutex mu;
  const Clock* clock ABSL_GUARDED_BY(mu) = nullptr;
  int per_minute ABSL_GUARDED_BY(mu) = 30;
  int64_t minute ABSL_GUARDED_BY(mu) = -1;
  int written ABSL_GUARDED_BY(mu) = 0;
  long suppressed_now ABSL_GUARDED_BY(mu) = 0;
  long suppressed_total ABSL_GUARDED_BY(mu) = 0;
};

Limiter& Get() {
  static Limiter* limiter = new Limiter();  // never destroyed: used at exit
  return *limiter;
}

}  // namespace

void ConfigureLogLimit(const Clock& clock, int per_minute) {
  Limiter& l = Get();
  absl::MutexLock lock(&l.mu);
  l.clock = &clock;
  l.per_minute = per_minute;
}

bool TakeLogAllowance() {
  Limiter& l = Get();
  absl::MutexLock lock(&l.mu);
  const Clock& clock = l.clock != nullptr ? *l.clock : SystemClock();
  const int64_t minute = clock.Now().time_since_epoch().count() / 60;
  if (minute != l.minute) {
    if (l.suppressed_now > 0) {
      Log(LogLevel::kWarning, "log lines suppressed in the last minute",
          {{"suppressed", l.suppressed_now}, {"limit", l.per_minute}});
    }
    l.minute = minute;
    l.written = 0;
    l.suppressed_now = 0;
  }
  if (l.written >= l.per_minute) {
    ++l.suppressed_now;
    ++l.suppressed_total;
    return false;
  }
  ++l.written;
  return true;
}

bool LogLimited(absl::string_view line) {
  if (!TakeLogAllowance()) return false;
  Log(LogLevel::kWarning, line);
  return true;
}

long LogLinesSuppressed() {
  Limiter& l = Get();
  absl::MutexLock lock(&l.mu);
  return l.suppressed_total;
}

}  // namespace sendcase
