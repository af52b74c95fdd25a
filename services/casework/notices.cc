#include "services/casework/notices.h"

#include "absl/strings/str_cat.h"
#include "services/journey/state_machine.h"

namespace sendcase::casework {

std::vector<storage::NewNotice> PlanNotices(const rules::RuleSet& rules,
                                            const v1::JourneyEvent& event,
                                            Day event_date,
                                            std::optional<Day> birth_date,
                                            Day today, v1::Role recorded_by) {
  rules::Fact fact;
  fact.event = &event;
  fact.event_date = event_date;
  fact.from_state = event.from_state();
  fact.to_state = event.to_state();
  fact.birth_date = birth_date;
  std::vector<storage::NewNotice> out;
  for (const rules::CompiledNotice* notice : rules.NoticesFor(fact, today)) {
    // What happened and on whose word: no personal data, only the event,
    // its dates and the source of what the recipient must do.
    const std::string explanation = absl::StrCat(
        journey::EventKindName(event.kind_case()), " dated ",
        FormatDayWithWeekday(event_date), ", recorded ",
        FormatDayWithWeekday(today), " by ",
        recorded_by == v1::ROLE_UNSPECIFIED ? "ADMIN"
                                            : v1::Role_Name(recorded_by),
        notice->citation.empty() ? ""
                                 : absl::StrCat(" (", notice->citation, ")"),
        "; notice ", notice->id, " of rule set ", rules.version(), ".");
    for (v1::Role role : notice->to) {
      if (role == recorded_by) continue;  // the recorder knows
      out.push_back({notice->id, role, notice->title, explanation, event_date});
    }
  }
  return out;
}

}  // namespace sendcase::casework
