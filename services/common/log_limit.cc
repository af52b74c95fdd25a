#include "services/common/log_limit.h"

#include <cstdio>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

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

bool LogLimited(absl::string_view line) {
  Limiter& l = Get();
  absl::MutexLock lock(&l.mu);
  const Clock& clock = l.clock != nullptr ? *l.clock : SystemClock();
  const int64_t minute = clock.Now().time_since_epoch().count() / 60;
  if (minute != l.minute) {
    if (l.suppressed_now > 0) {
      fprintf(stderr,
              "sendcased: %ld log lines suppressed in the last minute "
              "(limit %d a minute)\n",
              l.suppressed_now, l.per_minute);
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
  fprintf(stderr, "sendcased: %.*s\n", static_cast<int>(line.size()),
          line.data());
  return true;
}

long LogLinesSuppressed() {
  Limiter& l = Get();
  absl::MutexLock lock(&l.mu);
  return l.suppressed_total;
}

}  // namespace sendcase
