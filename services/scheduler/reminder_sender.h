#ifndef SENDCASE_SERVICES_SCHEDULER_REMINDER_SENDER_H_
#define SENDCASE_SERVICES_SCHEDULER_REMINDER_SENDER_H_

// ReminderSender: the port through which a reminder leaves the system.
// SmtpReminderSender sends e-mail; tests use a recording fake.

#include <string>

#include "absl/status/status.h"

namespace sendcase::scheduler {

// A ready-to-send e-mail. Never contains a pupil's name or needs.
struct EmailMessage {
  std::string to;
  std::string subject;
  std::string body;  // text/plain, UTF-8
  // Stable per alert and recipient, so a resend after a crash can be
  // recognised as the same message by mail systems.
  std::string message_id;
};

class ReminderSender {
 public:
  virtual ~ReminderSender() = default;
  // OK once the message is accepted for delivery; Unavailable (retry) on a
  // transport failure or when the sender's own deadline passes; Cancelled
  // after Cancel(). Thread-safe: several deliveries run at once.
  virtual absl::Status Send(const EmailMessage& message) = 0;
  // Ends sends in progress promptly and refuses new ones (at shutdown).
  virtual void Cancel() {}
};

}  // namespace sendcase::scheduler

#endif  // SENDCASE_SERVICES_SCHEDULER_REMINDER_SENDER_H_
