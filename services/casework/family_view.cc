// GetFamilyView (case_engine.h): the parent's page, built from the pupil's
// current journey, its clocks and the titles its own rule set gives them.
#include <algorithm>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "services/auth/authorizer.h"
#include "services/casework/access.h"
#include "services/casework/case_engine.h"
#include "services/casework/family_words.h"
#include "services/casework/proto_convert.h"
#include "services/common/proto_time.h"
#include "services/common/resource_name.h"
#include "services/common/status_macros.h"
#include "services/storage/records.h"

namespace sendcase::casework {
namespace {

// Events shown under "what has happened", latest first.
constexpr size_t kHistory = 10;

}  // namespace

absl::StatusOr<v1::FamilyView> CaseEngine::GetFamilyView(
    const auth::Principal& caller, const v1::GetFamilyViewRequest& request) {
  RETURN_IF_ERROR(auth::AuthorizeMethod(caller, auth::Method::kGetFamilyView));
  ASSIGN_OR_RETURN(storage::PupilRecord pupil,
                   LoadVisiblePupil(cases_, caller, request.pupil(), "pupil"));
  v1::FamilyView view;
  view.set_pupil(request.pupil());
  view.set_given_name(pupil.pupil.given_name());
  if (pupil.pupil.current_journey().empty()) return view;
  ASSIGN_OR_RETURN(storage::JourneyRecord record,
                   LoadJourney(caller, pupil.pupil.current_journey(), "pupil"));
  const Day today = LondonDate(clock_.Now());
  v1::Journey journey = RenderJourney(record, today);
  // The family's words for each step come from the current rule set: they
  // are wording, not a date, and a journey on an older set still reads
  // well. A step without them (a staff target, an outcome that may never
  // happen) is not the family's to see.
  const rules::RuleSet& words = rules_.current();
  view.set_state(journey.state());
  view.set_stage(FamilyStage(journey.state()));

  std::vector<std::pair<const v1::Clock*, std::string>> live;
  for (const v1::Clock& c : journey.clocks()) {
    if (c.status() != v1::Clock::OPEN && c.status() != v1::Clock::OVERDUE) {
      continue;
    }
    const rules::CompiledRule* rule = words.Find(c.rule_id());
    if (rule == nullptr || rule->family_title.empty()) continue;
    live.push_back({&c, rule->family_title});
  }
  const auto key = [](const google::type::Date& d) {
    return std::make_tuple(d.year(), d.month(), d.day());
  };
  std::stable_sort(live.begin(), live.end(),
                   [&key](const auto& a, const auto& b) {
                     return key(a.first->due_date()) < key(b.first->due_date());
                   });
  for (const auto& [c, what] : live) {
    v1::FamilyStep& step = *view.add_next_steps();
    step.set_what(what);
    if (!c->subject().empty()) {
      step.set_what(absl::StrCat(step.what(), " (", c->subject(), ")"));
    }
    *step.mutable_date() = c->due_date();
    step.set_who(FamilyWho(c->owner_role()));
    step.set_overdue(c->status() == v1::Clock::OVERDUE);
    step.set_legal_deadline(c->statutory());
    step.set_window(c->window());
  }

  ASSIGN_OR_RETURN(JourneyName journey_name,
                   ParseJourneyName(journey.name(), "pupil"));
  ASSIGN_OR_RETURN(std::vector<v1::JourneyEvent> events,
                   storage::ReadAllPages<v1::JourneyEvent>(
                       [&](const storage::PageRequest& p) {
                         return cases_.ListEvents(journey_name, p);
                       }));
  // Stored in the order recorded; an event may be dated before earlier
  // ones (logged late), so the family's "latest first" is by date.
  std::stable_sort(events.begin(), events.end(),
                   [&key](const auto& a, const auto& b) {
                     return std::make_tuple(key(a.event_date()), a.sequence()) <
                            std::make_tuple(key(b.event_date()), b.sequence());
                   });
  for (auto it = events.rbegin();
       it != events.rend() &&
       static_cast<size_t>(view.history_size()) < kHistory;
       ++it) {
    const std::string text = FamilyEventText(it->kind_case());
    if (text.empty()) continue;
    v1::FamilyStep& step = *view.add_history();
    step.set_what(text);
    *step.mutable_date() = it->event_date();
  }
  return view;
}

}  // namespace sendcase::casework
