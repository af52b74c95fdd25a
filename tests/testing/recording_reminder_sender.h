#ifndef SENDCASE_TESTS_TESTING_RECORDING_REMINDER_SENDER_H_
#define SENDCASE_TESTS_TESTING_RECORDING_REMINDER_SENDER_H_

// RecordingReminderSender: a ReminderSender fake that keeps what it was
// asked to send, and can be told to fail the next N sends. Thread-safe.

#include <vector>

#include "absl/synchronization/mutex.h"
#include "services/scheduler/reminder_sender.h"

namespace sendcase::testing {

class RecordingReminderSender final : public scheduler::ReminderSender {
 public:
  absl::Status Send(const scheduler::EmailMessage& message) override {
    absl::MutexLock lock(&mu_);
    ++attempts_;
    if (fail_next_ > 0) {
      --fail_next_;
      return absl::UnavailableError("smtp: connection refused (test)");
    }
    sent_.push_back(message);
    return absl::OkStatus();
  }
  void FailNext(int n) {
    absl::MutexLock lock(&mu_);
    fail_next_ = n;
  }
  std::vector<scheduler::EmailMessage> sent() const {
    absl::MutexLock lock(&mu_);
    return sent_;
  }
  int attempts() const {
    absl::MutexLock lock(&mu_);
    return attempts_;
  }

 private:
  mutable absl::Mutex mu_;
  std::vector<scheduler::EmailMessage> sent_ ABSL_GUARDED_BY(mu_);
  int fail_next_ ABSL_GUARDED_BY(mu_) = 0;
  int attempts_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace sendcase::testing

#endif  // SENDCASE_TESTS_TESTING_RECORDING_REMINDER_SENDER_H_
