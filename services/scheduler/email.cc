#include "services/scheduler/email.h"

#include "absl/strings/str_cat.h"
#include "services/common/proto_time.h"
#include "services/common/sha256.h"

namespace sendcase::scheduler {

namespace {

// The pupil by name in the body only: subjects show on lock screens and in
// mail logs; the recipient is a contact whose scope covers the pupil.
std::string PupilText(const v1::Alert& alert) {
  return alert.family_name().empty()
             ? alert.pupil()
             : absl::StrCat(alert.given_name(), " ", alert.family_name(),
                            alert.upn().empty()
                                ? " (no UPN yet)"
                                : absl::StrCat(" (UPN ", alert.upn(), ")"));
}

std::string MessageId(const v1::Alert& alert, const std::string& to) {
  return absl::StrCat("<alert-", alert.revision(), "-",
                      Sha256Hex(to).substr(0, 16), "@sendcase>");
}

// News of an event: what happened, for whom, and what it asks.
EmailMessage ComposeNotice(const v1::Alert& alert, const std::string& to,
                           const std::string& date_text) {
  const std::string pupil = PupilText(alert);
  EmailMessage m;
  m.to = to;
  m.subject = absl::StrCat("[sendcase] ", alert.title(), " (", date_text, ")");
  m.body = absl::StrCat(
      alert.title(), ".\n\nFor ", pupil, ", on ", date_text, ".\n\n",
      "For:      ", v1::Role_Name(alert.owner_role()), "\n",
      "Pupil:    ", pupil, ", ", alert.pupil(), "\n",
      "Journey:  ", alert.journey(), "\n", "Notice:   ", alert.rule_id(),
      "\n\n", "What happened: ", alert.explanation(), "\n\n",
      "Open the record with: sendcasectl journeys get ", alert.journey(), "\n",
      "(alert ", alert.revision(), ")\n");
  m.message_id = MessageId(alert, to);
  return m;
}

}  // namespace

EmailMessage ComposeReminder(const v1::Alert& alert, const std::string& to) {
  const auto due = FromProtoDate(alert.due_date(), "due_date");
  const std::string due_text = due.ok() ? FormatDayWithWeekday(*due) : "?";
  if (alert.kind() == v1::Alert::NOTICE)
    return ComposeNotice(alert, to, due_text);
  std::string status;
  switch (alert.kind()) {
    case v1::Alert::UPCOMING:
      status = absl::StrCat("due ", due_text);
      break;
    case v1::Alert::DUE_TODAY:
      status = absl::StrCat("due today, ", due_text);
      break;
    default:
      status = absl::StrCat("OVERDUE since ", due_text);
      break;
  }
  // What is due names its party: "Chase advice (EP)".
  const std::string what =
      alert.subject().empty()
          ? alert.title()
          : absl::StrCat(alert.title(), " (", alert.subject(), ")");
  const std::string pupil = PupilText(alert);
  EmailMessage m;
  m.to = to;
  m.subject = absl::StrCat("[sendcase] ", what, ": ", status);
  m.body = absl::StrCat(
      what, " for ", pupil, " is ", status, ".\n\n",
      "For:      ", v1::Role_Name(alert.owner_role()), "\n",
      "Pupil:    ", pupil, ", ", alert.pupil(), "\n",
      "Journey:  ", alert.journey(), "\n", "Task:     ", alert.task(), "\n",
      "Rule:     ", alert.rule_id(), "\n\n",
      "Why this date: ", alert.explanation(), "\n\n",
      "Open the record with: sendcasectl journeys get ", alert.journey(), "\n",
      "(alert ", alert.revision(), ")\n");
  m.message_id = MessageId(alert, to);
  return m;
}

}  // namespace sendcase::scheduler
