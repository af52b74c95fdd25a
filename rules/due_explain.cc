#include "rules/due_explain.h"

#include "absl/strings/str_cat.h"
#include "rules/calendar/due_date.h"
#include "services/common/proto_time.h"
#include "services/common/status_macros.h"

namespace sendcase::rules {
namespace {

using K = CompiledDue::Kind;

absl::StatusOr<Day> AnchorDate(const CompiledDue& spec,
                               const api::JourneyEvent& event, Day event_date,
                               std::string* anchor_name) {
  const auto* member =
      api::JourneyEvent::descriptor()->FindFieldByNumber(event.kind_case());
  *anchor_name = member->name();
  if (spec.anchor == nullptr) return event_date;
  const auto& body = event.GetReflection()->GetMessage(event, member);
  const auto& date = static_cast<const google::type::Date&>(
      body.GetReflection()->GetMessage(body, spec.anchor));
  *anchor_name = absl::StrCat(member->name(), ".", spec.anchor->name());
  return FromProtoDate(date, absl::StrCat("event.", *anchor_name));
}

std::string Plural(int n, const char* unit) {
  return absl::StrCat(n, " ", unit, n == 1 ? "" : "s");
}

// " = BASE" and, when r.12 moved it, which part and why.
std::string R12(const AppealDay& day) {
  return absl::StrCat(
      " = ", FormatDayWithWeekday(day.base),
      day.moved_by.empty() ? "" : absl::StrCat(", moved per ", day.moved_by));
}

// For a decision notice with a received_date: the law counts from sending.
std::string ReceivedNote(const api::JourneyEvent& event) {
  const auto* member =
      api::JourneyEvent::descriptor()->FindFieldByNumber(event.kind_case());
  const auto& body = event.GetReflection()->GetMessage(event, member);
  const auto* f = body.GetDescriptor()->FindFieldByName("received_date");
  if (f == nullptr || !body.GetReflection()->HasField(body, f)) return "";
  const auto& date = static_cast<const google::type::Date&>(
      body.GetReflection()->GetMessage(body, f));
  auto received = FromProtoDate(date, "received_date");
  if (!received.ok()) return "";
  return absl::StrCat(" The family received the notice on ",
                      FormatDayWithWeekday(*received),
                      "; FtT r.20 counts from the day it was sent.");
}

// Applies an outer limit from an earlier event: the earlier of the two.
void ApplyBound(const CompiledDue& spec, const EarlierEvents* earlier,
                bool include_event_day, ComputedDue& out, std::string& how) {
  if (spec.bound_event == api::JourneyEvent::KIND_NOT_SET ||
      earlier == nullptr) {
    return;
  }
  auto it = earlier->find(spec.bound_event);
  if (it == earlier->end()) return;
  // Any event of a reset_by kind after the bound's event ends its reach
  // (a decision to keep the plan ends that review's, even when a later
  // decision to amend followed).
  for (const CompiledMatch& reset : spec.bound_reset_by) {
    auto r = earlier->find(reset.event);
    if (r == earlier->end()) continue;
    std::vector<EarlierEvent> seen = r->second.all;
    if (seen.empty()) seen.push_back({r->second.date, r->second.event});
    for (const EarlierEvent& e : seen) {
      if (e.date <= it->second.date) continue;
      Fact past;
      past.event = e.event;
      past.event_date = e.date;
      if (Matches(reset, past)) return;
    }
  }
  const Day bound =
      AddWeeks(it->second.date, spec.bound_weeks, include_event_day);
  const std::string name = api::JourneyEvent::descriptor()
                               ->FindFieldByNumber(spec.bound_event)
                               ->name();
  const std::string source = spec.bound_citation.empty()
                                 ? ""
                                 : absl::StrCat(" (", spec.bound_citation, ")");
  if (bound < out.due) {
    how = absl::StrCat(Plural(spec.bound_weeks, "week"), " from ",
                       FormatDayWithWeekday(it->second.date), " (", name,
                       "), the outer limit", source, ", which is earlier than ",
                       how, " = ", FormatDayWithWeekday(out.due));
    out.due = bound;
  } else {
    absl::StrAppend(&how, "; within the outer limit of ",
                    Plural(spec.bound_weeks, "week"), " from ", name, " ",
                    FormatDayWithWeekday(it->second.date), " = ",
                    FormatDayWithWeekday(bound), source);
  }
}

}  // namespace

absl::StatusOr<ComputedDue> ComputeDue(const RuleSet& rules,
                                       const CompiledRule& rule,
                                       const CompiledDue& spec,
                                       const api::JourneyEvent& event,
                                       Day event_date, const Day* decision,
                                       const EarlierEvents* earlier) {
  std::string anchor_name;
  ASSIGN_OR_RETURN(Day anchor,
                   AnchorDate(spec, event, event_date, &anchor_name));
  const std::string from =
      absl::StrCat(FormatDayWithWeekday(anchor), " (", anchor_name, ")");
  ComputedDue out{anchor, anchor, ""};
  std::string how;
  std::string note;  // a sentence after the explanation's first
  const BusinessCalendar& cal = rules.calendar();
  switch (spec.kind) {
    case K::kWeeks:
      out.due = AddWeeks(anchor, spec.n, rules.include_event_day());
      how = absl::StrCat(
          Plural(spec.n, "week"), " (",
          7 * spec.n - (rules.include_event_day() ? 1 : 0), " days) from ",
          from, rules.include_event_day() ? ", counting that day" : "");
      break;
    case K::kDaysInclusive:
      out.due = InclusiveDays(anchor, spec.n);
      how = absl::StrCat(Plural(spec.n, "day"), " beginning with ", from);
      break;
    case K::kOnAnchor:
      how = absl::StrCat("the agreed date ", from);
      break;
    case K::kMonths:
      out.due = AddMonthsClamped(anchor, spec.n);
      how = absl::StrCat(Plural(spec.n, "month"), " after ", from);
      break;
    case K::kMonthsPeriod:
      out.due = MonthsPeriodLastDay(anchor, spec.n);
      how = absl::StrCat(
          "last day of the ", spec.n, "-month period starting with ", from,
          "; the anniversary is ",
          FormatDayWithWeekday(AddMonthsClamped(anchor, spec.n)));
      break;
    case K::kBeforeInYear: {
      ASSIGN_OR_RETURN(out.due, DayBeforeInYear(anchor, spec.month, spec.day));
      how = absl::StrCat("the day before ", spec.day, "/", spec.month,
                         " in the year of ", from);
      if (out.due >= anchor) {
        // A transfer early in the year (a January move): the regulation's
        // date falls after the move itself, so it cannot be met on time.
        // The review in the 12 months before the transfer should have done
        // it; the last day that still helps is the day before the move.
        const Day regulation_date = out.due;
        out.due = anchor - date::days{1};
        std::string review = "no annual review is recorded before it";
        if (earlier != nullptr) {
          auto it = earlier->find(api::JourneyEvent::kAnnualReviewHeld);
          if (it != earlier->end()) {
            review = absl::StrCat("the annual review of ",
                                  FormatDayWithWeekday(it->second.date),
                                  " should have named the next setting");
          }
        }
        how = absl::StrCat(
            "[CANNOT BE MET ON TIME] the day before ", from, "; ", how, " = ",
            FormatDayWithWeekday(regulation_date),
            " falls after the transfer itself, so the plan should have been "
            "amended at a review in the 12 months before the move (",
            review, ")");
      }
      break;
    }
    case K::kMonthsBefore:
      out.due = AddMonthsClamped(anchor, -spec.n);
      how = absl::StrCat(Plural(spec.n, "month"), " before ", from);
      break;
    case K::kWeeksBefore:
      out.start = event_date;  // when the meeting was arranged
      out.due = anchor - date::days{7 * spec.n};
      how = absl::StrCat(Plural(spec.n, "week"), " (", 7 * spec.n,
                         " days) before ", from);
      break;
    case K::kWorkingDays:
      out.due = cal.AddWorkingDays(anchor, spec.n);
      how = absl::StrCat(Plural(spec.n, "working day"), " after ", from);
      break;
    case K::kTribunalAppeal: {
      AppealDay day;
      if (decision != nullptr) {
        out.start = *decision;
        day = TribunalAppealDeadline(*decision, &anchor, cal);
        how = absl::StrCat("later of decision sent ",
                           FormatDayWithWeekday(*decision),
                           " + 2 months and certificate ", from,
                           " + 1 month (FtT r.20(1)(c))", R12(day));
      } else {
        day = TribunalAppealDeadline(anchor, nullptr, cal);
        how = absl::StrCat("decision sent ", from, " + 2 months", R12(day));
        note = ReceivedNote(event);
      }
      out.due = day.due;
      break;
    }
  }
  ApplyBound(spec, earlier, rules.include_event_day(), out, how);
  const std::string flag = cal.Flag(out.due);
  out.explanation = absl::StrCat(
      rule.id, " (rule set ", rules.version(),
      rule.citation.empty() ? "" : absl::StrCat(", ", rule.citation),
      "): ", rule.title, " due ", FormatDayWithWeekday(out.due),
      flag.empty() ? "" : absl::StrCat(" ", flag), " = ", how, ".", note);
  return out;
}

}  // namespace sendcase::rules
