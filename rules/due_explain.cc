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

}  // namespace

absl::StatusOr<ComputedDue> ComputeDue(const RuleSet& rules,
                                       const CompiledRule& rule,
                                       const CompiledDue& spec,
                                       const api::JourneyEvent& event,
                                       Day event_date, const Day* decision) {
  std::string anchor_name;
  ASSIGN_OR_RETURN(Day anchor,
                   AnchorDate(spec, event, event_date, &anchor_name));
  const std::string from =
      absl::StrCat(FormatDayWithWeekday(anchor), " (", anchor_name, ")");
  ComputedDue out{anchor, anchor, ""};
  std::string how;
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
      break;
    }
    case K::kMonthsBefore:
      out.due = AddMonthsClamped(anchor, -spec.n);
      how = absl::StrCat(Plural(spec.n, "month"), " before ", from);
      break;
    case K::kWorkingDays: {
      ASSIGN_OR_RETURN(out.due, cal.AddWorkingDays(anchor, spec.n));
      how = absl::StrCat(Plural(spec.n, "working day"), " after ", from);
      break;
    }
    case K::kTribunalAppeal: {
      if (decision != nullptr) {
        out.start = *decision;
        ASSIGN_OR_RETURN(out.due,
                         TribunalAppealDeadline(*decision, &anchor, cal));
        how = absl::StrCat(
            "later of decision ", FormatDayWithWeekday(*decision),
            " + 2 months and certificate ", from, " + 1 month, moved per r.12");
      } else if (event.kind_case() ==
                 api::JourneyEvent::kMediationCertificateIssued) {
        ASSIGN_OR_RETURN(out.due,
                         TribunalAdjust(AddMonthsClamped(anchor, 1), cal));
        how = absl::StrCat("certificate ", from, " + 1 month, moved per r.12");
      } else {
        ASSIGN_OR_RETURN(out.due, TribunalAppealDeadline(anchor, nullptr, cal));
        how =
            absl::StrCat("decision sent ", from, " + 2 months, moved per r.12");
      }
      break;
    }
  }
  const std::string flag = cal.Flag(out.due);
  out.explanation = absl::StrCat(
      rule.id, " (rule set ", rules.version(),
      rule.citation.empty() ? "" : absl::StrCat(", ", rule.citation),
      "): ", rule.title, " due ", FormatDayWithWeekday(out.due),
      flag.empty() ? "" : absl::StrCat(" ", flag), " = ", how, ".");
  return out;
}

}  // namespace sendcase::rules
