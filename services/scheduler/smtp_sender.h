#ifndef SENDCASE_SERVICES_SCHEDULER_SMTP_SENDER_H_
#define SENDCASE_SERVICES_SCHEDULER_SMTP_SENDER_H_

// SmtpReminderSender: e-mail over SMTP with libcurl (no hand-written SMTP).
// STARTTLS is optional (required when `starttls` is set). Thread-safe: each
// Send uses its own curl handle, so deliveries run side by side.

#include <atomic>
#include <string>

#include "absl/status/statusor.h"
#include "services/common/clock.h"
#include "services/scheduler/reminder_sender.h"

namespace sendcase::scheduler {

struct SmtpOptions {
  std::string url;   // e.g. "smtp://127.0.0.1:2525" or "smtp://mail:587"
  std::string from;  // envelope and header sender address
  bool starttls = false;
  std::string username;  // empty: no authentication
  std::string password;
  long timeout_seconds = 30;  // one message, connect to QUIT
  long connect_timeout_seconds = 10;
};

class SmtpReminderSender final : public ReminderSender {
 public:
  // InvalidArgument if the URL does not start with smtp:// or smtps://, or
  // `from` is empty. `clock` stamps the Date header.
  static absl::StatusOr<std::unique_ptr<SmtpReminderSender>> Create(
      SmtpOptions options, const Clock& clock);

  // Unavailable with curl's reason on any transport or SMTP failure, or
  // when the whole exchange takes longer than timeout_seconds (a server
  // that accepts and never answers); Cancelled after Cancel().
  absl::Status Send(const EmailMessage& message) override;
  void Cancel() override { cancelled_ = true; }

 private:
  SmtpReminderSender(SmtpOptions options, const Clock& clock)
      : options_(std::move(options)), clock_(clock) {}
  SmtpOptions options_;
  const Clock& clock_;
  std::atomic<bool> cancelled_{false};
};

}  // namespace sendcase::scheduler

#endif  // SENDCASE_SERVICES_SCHEDULER_SMTP_SENDER_H_
