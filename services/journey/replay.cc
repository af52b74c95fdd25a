#include "services/journey/replay.h"

#include <algorithm>
#include <map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/common/proto_time.h"
#include "services/common/status_macros.h"
#include "services/journey/state_machine.h"

namespace sendcase::journey {
namespace {

// "assessment_refused of 2025-03-14": an event as messages name it.
std::string Describe(const v1::JourneyEvent& event, Day date) {
  return absl::StrCat(EventKindName(event.kind_case()), " of ",
                      FormatDay(date));
}

std::tuple<int32_t, int32_t, int32_t, int64_t> OrderKey(
    const v1::JourneyEvent& e) {
  // Not yet stored (sequence 0): after every stored event of its day.
  const int64_t seq = e.sequence() == 0 ? INT64_MAX : e.sequence();
  return {e.event_date().year(), e.event_date().month(), e.event_date().day(),
          seq};
}

}  // namespace

void SortChronology(std::vector<v1::JourneyEvent>& events) {
  std::stable_sort(events.begin(), events.end(),
                   [](const v1::JourneyEvent& a, const v1::JourneyEvent& b) {
                     return OrderKey(a) < OrderKey(b);
                   });
}

absl::StatusOr<ReplayedJourney> Replay(const rules::RuleSet& rules,
                                       std::vector<v1::JourneyEvent> events,
                                       const std::optional<Day>& birth_date) {
  SortChronology(events);
  ReplayedJourney out;
  rules::EarlierEvents earlier;
  std::string previous = "the journey's start";  // for messages
  for (v1::JourneyEvent& event : events) {
    ASSIGN_OR_RETURN(Day day, FromProtoDate(event.event_date(), "event_date"));
    absl::StatusOr<Transition> transition = Apply(out.state, event.kind_case());
    if (!transition.ok()) {
      if (!absl::IsFailedPrecondition(transition.status())) {
        return transition.status();
      }
      // Same reason and metadata, the message placed in date order.
      absl::Status placed = absl::FailedPreconditionError(
          absl::StrCat(transition.status().message(), " on ", FormatDay(day),
                       " (after ", previous, ", in event-date order)"));
      transition.status().ForEachPayload(
          [&placed](absl::string_view url, const absl::Cord& payload) {
            placed.SetPayload(url, payload);
          });
      return placed;
    }
    // The evaluator sees live clocks with their index + 1 as id, so its
    // changes map back to their place in the list.
    std::vector<rules::ClockRecord> live;
    for (size_t i = 0; i < out.clocks.size(); ++i) {
      if (!out.clocks[i].IsLive()) continue;
      live.push_back(out.clocks[i]);
      live.back().id = static_cast<int64_t>(i + 1);
    }
    rules::Fact fact{&event,
                     day,
                     out.state,
                     birth_date,
                     transition->to,
                     &earlier,
                     event.sequence() == 0};
    absl::StatusOr<std::vector<rules::ClockRecord>> changes =
        rules::Evaluate(rules, fact, live);
    if (!changes.ok()) {
      return absl::Status(changes.status().code(),
                          absl::StrCat("event ", Describe(event, day), ": ",
                                       changes.status().message()));
    }
    for (rules::ClockRecord& change : *changes) {
      const int64_t index = change.id;
      change.id = 0;
      if (index == 0) {
        out.clocks.push_back(std::move(change));
      } else {
        out.clocks[index - 1] = std::move(change);
      }
    }
    event.set_from_state(out.state);
    event.set_to_state(transition->to);
    out.state = transition->to;
    rules::Earlier& seen = earlier[event.kind_case()];
    seen.date = day;
    seen.event = &event;
    seen.all.push_back({day, &event});
    previous = Describe(event, day);
  }
  out.events = std::move(events);
  return out;
}

std::vector<v1::ClockChange> DiffClocks(
    const std::vector<rules::ClockRecord>& before,
    const std::vector<rules::ClockRecord>& after) {
  using Key = std::pair<std::string, std::string>;
  std::map<Key, std::pair<const rules::ClockRecord*, const rules::ClockRecord*>>
      latest;
  for (const auto& c : before) latest[{c.rule_id, c.subject}].first = &c;
  for (const auto& c : after) latest[{c.rule_id, c.subject}].second = &c;
  std::vector<v1::ClockChange> out;
  for (const auto& [key, pair] : latest) {
    const auto* was = pair.first;
    const auto* is = pair.second;
    if (was != nullptr && is != nullptr && was->status == is->status &&
        was->due_date == is->due_date) {
      continue;
    }
    v1::ClockChange change;
    change.set_rule_id(key.first);
    change.set_subject(key.second);
    if (was != nullptr) {
      change.set_old_status(was->status);
      *change.mutable_old_due_date() = ToProtoDate(was->due_date);
    }
    if (is != nullptr) {
      change.set_new_status(is->status);
      *change.mutable_new_due_date() = ToProtoDate(is->due_date);
    }
    out.push_back(std::move(change));
  }
  return out;
}

}  // namespace sendcase::journey
