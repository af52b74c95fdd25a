#ifndef SENDCASE_SERVICES_SCHEDULER_EMAIL_H_
#define SENDCASE_SERVICES_SCHEDULER_EMAIL_H_

// Composes the e-mail for an alert. A reminder's subject says what is due
// (with its party, "Chase advice (EP)") and when; a NOTICE's says what
// happened and the event's date. The body says for whom (the pupil's name
// and UPN: the recipient's scope covers the pupil) and gives the resource
// names and the rule's explanation or the notice's source. The subject
// line carries no personal data (it shows on lock screens and in mail
// logs).

#include "sendcase/v1/alert.pb.h"
#include "services/scheduler/reminder_sender.h"

namespace sendcase::scheduler {

EmailMessage ComposeReminder(const v1::Alert& alert, const std::string& to);

}  // namespace sendcase::scheduler

#endif  // SENDCASE_SERVICES_SCHEDULER_EMAIL_H_
