#ifndef SENDCASE_SERVICES_SCHEDULER_EMAIL_H_
#define SENDCASE_SERVICES_SCHEDULER_EMAIL_H_

// Composes the reminder e-mail for an alert: the subject says what is due
// and when; the body gives the resource names and the rule's explanation.
// Pupils appear only by resource name.

#include "sendcase/v1/alert.pb.h"
#include "services/scheduler/reminder_sender.h"

namespace sendcase::scheduler {

EmailMessage ComposeReminder(const v1::Alert& alert, const std::string& to);

}  // namespace sendcase::scheduler

#endif  // SENDCASE_SERVICES_SCHEDULER_EMAIL_H_
