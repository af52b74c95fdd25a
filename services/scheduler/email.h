#ifndef SENDCASE_SERVICES_SCHEDULER_EMAIL_H_
#define SENDCASE_SERVICES_SCHEDULER_EMAIL_H_

// Composes the reminder e-mail for an alert: the subject says what is due
// (with its party, "Chase advice (EP)") and when; the body says for whom
// (the pupil's name and UPN: the recipient's scope covers the pupil) and
// gives the resource names and the rule's explanation. The subject line
// carries no personal data (it shows on lock screens and in mail logs).

#include "sendcase/v1/alert.pb.h"
#include "services/scheduler/reminder_sender.h"

namespace sendcase::scheduler {

EmailMessage ComposeReminder(const v1::Alert& alert, const std::string& to);

}  // namespace sendcase::scheduler

#endif  // SENDCASE_SERVICES_SCHEDULER_EMAIL_H_
