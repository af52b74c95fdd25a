#include "rules/evaluator.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "rules/calendar/due_date.h"
#include "rules/due_explain.h"
#include "services/common/proto_time.h"
#include "services/common/status_macros.h"

namespace sendcase::rules {
namespace {

using google::protobuf::FieldDescriptor;
using Reason = api::ExceptionRecorded::Reason;

// The event's value of a per-party rule's subject field; nullopt when the
// event has no such field (e.g. a refusal that cancels every advice clock).
std::optional<std::string> SubjectOf(const CompiledRule& rule,
                                     const api::JourneyEvent& event) {
  if (rule.subject_field.empty()) return std::string();
  const auto* member =
      api::JourneyEvent::descriptor()->FindFieldByNumber(event.kind_case());
  const auto& body = event.GetReflection()->GetMessage(event, member);
  const FieldDescriptor* f =
      body.GetDescriptor()->FindFieldByName(rule.subject_field);
  if (f == nullptr) return std::nullopt;
  return body.GetReflection()->GetString(body, f);
}

bool AnyMatch(const std::vector<CompiledMatch>& matches, const Fact& fact) {
  for (const auto& m : matches) {
    if (Matches(m, fact)) return true;
  }
  return false;
}

absl::StatusOr<std::vector<ClockRecord>> ApplyException(
    const RuleSet& rules, const api::ExceptionRecorded& x,
    const std::vector<ClockRecord>& live) {
  std::vector<ClockRecord> changes;
  const TemporaryException* temporary = rules.Temporary(x.reason());
  for (const ClockRecord& clock : live) {
    if (clock.rule_id != x.clock_rule_id()) continue;
    if (!x.subject().empty() && clock.subject != x.subject()) continue;
    if (temporary != nullptr) {
      // A reason in force only for a time: the clock must have been running
      // then, and the recorded period must fall (at least partly) in it.
      const Day start = *FromProtoDate(x.start_date(), "");
      const Day end = *FromProtoDate(x.end_date(), "");
      if (clock.start_date > temporary->last_day ||
          clock.due_date < temporary->first_day ||
          start > temporary->last_day || end < temporary->first_day) {
        return absl::FailedPreconditionError(absl::StrCat(
            api::ExceptionRecorded::Reason_Name(x.reason()),
            " applied only to clocks running from ",
            FormatDay(temporary->first_day), " to ",
            FormatDay(temporary->last_day),
            temporary->citation.empty()
                ? ""
                : absl::StrCat(" (", temporary->citation, ")"),
            "; ", clock.rule_id, " ran from ", FormatDay(clock.start_date),
            " to ", FormatDay(clock.due_date), " and the period given is ",
            FormatDay(start), " to ", FormatDay(end)));
      }
    }
    ClockRecord changed = clock;
    changed.status = api::Clock::EXCEPTION;
    changed.exception_reason = api::ExceptionRecorded::Reason_Name(x.reason());
    changed.explanation = absl::StrCat(
        clock.explanation, " Exception ", changed.exception_reason,
        " recorded for ", FormatDay(*FromProtoDate(x.start_date(), "")), " to ",
        FormatDay(*FromProtoDate(x.end_date(), "")),
        "; the statutory date does not move.");
    changes.push_back(std::move(changed));
  }
  if (changes.empty()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "no live clock ", x.clock_rule_id(),
        x.subject().empty() ? "" : absl::StrCat(" for ", x.subject()),
        " on this journey (rule set ", rules.version(), ")"));
  }
  return changes;
}

// Refuses an event that would cut short a minimum period still running
// (not_before_due; the rule's conditions say when it may, e.g. the
// family's representations came in early).
absl::Status CheckMinimumPeriods(const RuleSet& rules, const Fact& fact,
                                 const std::vector<ClockRecord>& live) {
  for (const ClockRecord& clock : live) {
    const CompiledRule* rule = rules.Find(clock.rule_id);
    if (rule == nullptr || !AnyMatch(rule->not_before_due, fact)) continue;
    if (clock.status != api::Clock::OPEN || fact.event_date > clock.due_date) {
      continue;
    }
    // The field whose "true" the rule accepts as the window closing early.
    std::string early;
    for (const CompiledMatch& m : rule->not_before_due) {
      for (const auto& [field, value] : m.when) {
        if (value == "false")
          early = absl::StrCat(" (", field->name(), "=true)");
      }
    }
    return absl::FailedPreconditionError(absl::StrCat(
        "the ", rule->title, " (", rule->id, ") runs to ",
        FormatDayWithWeekday(clock.due_date), " inclusive; record ",
        api::JourneyEvent::descriptor()
            ->FindFieldByNumber(fact.event->kind_case())
            ->name(),
        " after that day, or say that the window closed early because the "
        "family's representations were received",
        early));
  }
  return absl::OkStatus();
}

// A mediation certificate's opening of a tribunal_appeal clock extends the
// window of the decision it concerns rather than opening one of its own.
bool IsExtension(const CompiledOpening& opening,
                 const api::JourneyEvent& event) {
  return opening.due.kind == CompiledDue::Kind::kTribunalAppeal &&
         event.has_mediation_certificate_issued();
}

// An agreed date (on_anchor) further ahead than the rule allows
// (at_most_months) is refused for a new event, naming the event's field.
absl::Status CheckAtMost(const CompiledRule& rule,
                         const CompiledOpening& opening, const Fact& fact,
                         Day agreed) {
  const CompiledDue& due = opening.due;
  if (due.at_most_months == 0 || !fact.is_new) return absl::OkStatus();
  const Day limit = AddMonthsClamped(fact.event_date, due.at_most_months);
  if (agreed <= limit) return absl::OkStatus();
  const std::string kind = api::JourneyEvent::descriptor()
                               ->FindFieldByNumber(fact.event->kind_case())
                               ->name();
  return absl::InvalidArgumentError(absl::StrCat(
      "event.", kind, ".",
      due.anchor != nullptr ? due.anchor->name() : "event_date", ": ",
      FormatDay(agreed), " is more than ", due.at_most_months,
      due.at_most_months == 1 ? " month" : " months", " after ",
      FormatDay(fact.event_date), "; ",
      opening.on.younger_than_years > 0
          ? absl::StrCat("for a child under ", opening.on.younger_than_years,
                         ", ")
          : "",
      rule.id, " is due by ", FormatDayWithWeekday(limit), " at the latest",
      due.at_most_citation.empty()
          ? ""
          : absl::StrCat(" (", due.at_most_citation, ")")));
}

absl::StatusOr<ClockRecord> Open(const RuleSet& rules, const CompiledRule& rule,
                                 const CompiledOpening& opening,
                                 const Fact& fact, const std::string& subject,
                                 const Day* decision) {
  ASSIGN_OR_RETURN(ComputedDue due,
                   ComputeDue(rules, rule, opening.due, *fact.event,
                              fact.event_date, decision, fact.earlier));
  RETURN_IF_ERROR(CheckAtMost(rule, opening, fact, due.due));
  // Dates stay within four-digit years (google.type.Date, the stored
  // form): past 9999 only an absurd anchor date can reach, refused here
  // rather than stored.
  if (due.due > Day(date::year{9999} / 12 / 31)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "rule ", rule.id,
        ": its due date would fall after 9999-12-31; check the event's "
        "dates"));
  }
  ClockRecord clock;
  clock.rule_id = rule.id;
  clock.subject = subject;
  clock.status = api::Clock::OPEN;
  clock.start_date = due.start;
  clock.due_date = due.due;
  clock.statutory = rule.statutory;
  clock.review = rule.review;
  clock.assessment_step = rule.assessment_step;
  clock.assessment_limit = rule.assessment_limit;
  clock.window = rule.window;
  clock.owner_role = rule.owner_role;
  clock.explanation = std::move(due.explanation);
  clock.rule_set_version = rules.version();
  clock.task_title = rule.task_title;
  clock.reminder_days = rule.reminder_days;
  return clock;
}

// The certificate concerns the decision it names (decision_date), or the
// only window still open on its date; a window that had already closed, or
// none at all, is not extended (FtT r.20(1)(c) extends a live right of
// appeal). Several open and none named: FailedPrecondition for a new event;
// a stored one (replayed) keeps extending the latest, as it did.
absl::StatusOr<std::optional<ClockRecord>> Extend(
    const RuleSet& rules, const CompiledRule& rule,
    const CompiledOpening& opening, const Fact& fact,
    const std::vector<ClockRecord>& live) {
  const auto& cert = fact.event->mediation_certificate_issued();
  std::optional<Day> named;
  if (cert.has_decision_date()) {
    ASSIGN_OR_RETURN(named, FromProtoDate(cert.decision_date(),
                                          "event.mediation_certificate_issued."
                                          "decision_date"));
  }
  std::vector<const ClockRecord*> open;
  for (const ClockRecord& clock : live) {
    if (clock.rule_id != rule.id || !clock.IsLive() ||
        clock.due_date < fact.event_date ||
        clock.start_date > fact.event_date) {
      continue;
    }
    if (named.has_value() && clock.start_date != *named) continue;
    open.push_back(&clock);
  }
  if (open.empty()) {
    if (named.has_value() && fact.is_new) {
      return absl::FailedPreconditionError(absl::StrCat(
          "event.mediation_certificate_issued.decision_date: no appeal window "
          "for a decision sent on ",
          FormatDay(*named), " was open on ", FormatDay(fact.event_date)));
    }
    return std::nullopt;
  }
  if (open.size() > 1 && fact.is_new) {
    std::vector<std::string> names;
    for (const ClockRecord* c : open) names.push_back(c->subject);
    return absl::FailedPreconditionError(absl::StrCat(
        "event.mediation_certificate_issued.decision_date: ", open.size(),
        " appeal windows are open (", absl::StrJoin(names, "; "),
        "); say which decision the certificate concerns"));
  }
  const ClockRecord* target = open.front();
  for (const ClockRecord* c : open) {
    if (c->start_date >= target->start_date) target = c;
  }
  const Day decision = target->start_date;
  ASSIGN_OR_RETURN(ClockRecord extended, Open(rules, rule, opening, fact,
                                              target->subject, &decision));
  extended.id = target->id;
  extended.status = target->status;
  extended.exception_reason = target->exception_reason;
  return std::optional<ClockRecord>(std::move(extended));
}

}  // namespace

absl::Status ValidateAgainstRules(const RuleSet& rules,
                                  const api::JourneyEvent& event) {
  if (!event.has_exception_recorded()) return absl::OkStatus();
  const auto& x = event.exception_recorded();
  const CompiledRule* rule = rules.Find(x.clock_rule_id());
  if (rule == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("event.exception_recorded.clock_rule_id: no clock rule '",
                     x.clock_rule_id(), "' in rule set ", rules.version()));
  }
  if (rule->exceptions.count(x.reason()) == 0) {
    std::vector<std::string> allowed;
    for (Reason r : rule->exceptions) {
      allowed.push_back(api::ExceptionRecorded::Reason_Name(r));
    }
    return absl::InvalidArgumentError(absl::StrCat(
        "event.exception_recorded.reason: ",
        api::ExceptionRecorded::Reason_Name(x.reason()),
        " is not an exception to ", rule->id, " (",
        allowed.empty()
            ? "it admits none"
            : absl::StrCat("allowed: ", absl::StrJoin(allowed, ", ")),
        ")"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<ClockRecord>> Evaluate(
    const RuleSet& rules, const Fact& fact,
    const std::vector<ClockRecord>& live) {
  const api::JourneyEvent& event = *fact.event;
  const Day event_date = fact.event_date;
  RETURN_IF_ERROR(ValidateAgainstRules(rules, event));
  if (event.has_exception_recorded()) {
    return ApplyException(rules, event.exception_recorded(), live);
  }
  if (fact.is_new) RETURN_IF_ERROR(CheckMinimumPeriods(rules, fact, live));
  std::vector<ClockRecord> changes;
  std::vector<ClockRecord> still_live;
  // 1. Close: met before cancelled, so an event in both lists meets.
  for (const ClockRecord& clock : live) {
    const CompiledRule* rule = rules.Find(clock.rule_id);
    const std::optional<std::string> subject =
        rule ? SubjectOf(*rule, event) : std::nullopt;
    const bool same_party = !subject.has_value() || *subject == clock.subject;
    ClockRecord changed = clock;
    if (rule != nullptr && same_party && AnyMatch(rule->met_by, fact)) {
      if (rule->window && event_date > clock.due_date) {
        // The window had run out before the event: it expired.
        changed.status = api::Clock::EXPIRED;
      } else {
        changed.status = api::Clock::MET;
        changed.met_date = event_date;
      }
    } else if (rule != nullptr && same_party &&
               AnyMatch(rule->cancelled_by, fact)) {
      changed.status = api::Clock::CANCELLED;
    } else {
      still_live.push_back(clock);
      continue;
    }
    changes.push_back(std::move(changed));
  }
  // 2. Open. A new clock supersedes a live one for the same rule and party;
  // a concurrent rule's clocks never supersede each other.
  std::vector<ClockRecord> opened;
  for (const CompiledRule& rule : rules.rules()) {
    for (const CompiledOpening& opening : rule.opens) {
      if (!Matches(opening.on, fact)) continue;
      if (rule.concurrent && IsExtension(opening, event)) {
        ASSIGN_OR_RETURN(std::optional<ClockRecord> extended,
                         Extend(rules, rule, opening, fact, still_live));
        if (extended.has_value()) changes.push_back(std::move(*extended));
        break;
      }
      const std::string subject =
          rule.concurrent
              ? absl::StrCat(api::JourneyEvent::descriptor()
                                 ->FindFieldByNumber(event.kind_case())
                                 ->name(),
                             " ", FormatDay(event_date))
              : SubjectOf(rule, event).value_or("");
      for (ClockRecord& clock : still_live) {
        if (clock.rule_id != rule.id || clock.subject != subject) continue;
        ClockRecord superseded = clock;
        superseded.status = api::Clock::CANCELLED;
        changes.push_back(std::move(superseded));
        clock.status = api::Clock::CANCELLED;  // no longer live below
      }
      ASSIGN_OR_RETURN(ClockRecord clock,
                       Open(rules, rule, opening, fact, subject, nullptr));
      opened.push_back(std::move(clock));
      break;  // one opening per rule and event
    }
  }
  // 3. A live clock whose step can no longer happen in the journey's new
  // state closes with it (no clock outlives the process it times).
  if (fact.to_state != api::Journey::STATE_UNSPECIFIED) {
    for (const ClockRecord& clock : still_live) {
      if (!clock.IsLive()) continue;  // superseded above
      const CompiledRule* rule = rules.Find(clock.rule_id);
      if (rule == nullptr || rule->live_in.count(fact.to_state) != 0) continue;
      bool changed_already = false;
      for (const ClockRecord& c : changes) {
        changed_already = changed_already || (c.id != 0 && c.id == clock.id);
      }
      if (changed_already) continue;
      ClockRecord closed = clock;
      closed.status = api::Clock::CANCELLED;
      changes.push_back(std::move(closed));
    }
    std::erase_if(opened, [&](const ClockRecord& c) {
      const CompiledRule* rule = rules.Find(c.rule_id);
      return rule != nullptr && rule->live_in.count(fact.to_state) == 0;
    });
  }
  for (auto& clock : opened) changes.push_back(std::move(clock));
  return changes;
}

}  // namespace sendcase::rules
