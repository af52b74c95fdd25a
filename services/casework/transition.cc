#include "services/casework/transition.h"

#include "absl/strings/str_cat.h"
#include "services/casework/notices.h"
#include "services/casework/proto_convert.h"
#include "services/casework/replay_commit.h"
#include "services/common/proto_time.h"
#include "services/common/status_macros.h"
#include "services/journey/replay.h"
#include "services/journey/state_machine.h"

namespace sendcase::casework {

absl::StatusOr<PlannedTransition> PlanTransition(const TransitionInput& in) {
  const storage::JourneyRecord& record = in.record;
  const Day today = LondonDate(in.now);
  PlannedTransition out;
  storage::TransitionEffects& effects = out.effects;
  ASSIGN_OR_RETURN(effects.journey,
                   ParseJourneyName(record.journey.name(), "journey"));
  effects.expected_version = record.version;
  effects.record_time = in.now;
  effects.event = in.event;
  effects.event.clear_clock_changes();
  *effects.event.mutable_record_time() = ToTimestamp(in.now);
  effects.event.set_recorded_by(in.recorded_by);
  effects.event.set_recorded_by_role(in.recorded_by_role);
  std::vector<v1::JourneyEvent> chronology = in.chronology;
  chronology.push_back(effects.event);
  absl::StatusOr<journey::ReplayedJourney> replayed =
      journey::Replay(in.rules, chronology, record.birth_date);
  if (!replayed.ok()) {
    // Name the new event too when it was placed before later ones.
    const bool back_dated = record.latest_event_date.has_value() &&
                            in.event_date < *record.latest_event_date;
    if (!back_dated) return replayed.status();
    return absl::Status(
        replayed.status().code(),
        absl::StrCat("recording ", journey::EventKindName(in.event.kind_case()),
                     " of ", FormatDay(in.event_date),
                     " before the journey's latest event (",
                     FormatDay(*record.latest_event_date),
                     "): ", replayed.status().message()));
  }
  for (const v1::JourneyEvent& e : replayed->events) {
    if (e.sequence() != 0) continue;  // the new one has no sequence yet
    effects.event.set_from_state(e.from_state());
    effects.event.set_to_state(e.to_state());
  }
  // Who must hear of it now, by the rules the server runs (not the
  // journey's version: who is told is not a statutory date).
  effects.notices = PlanNotices(
      in.current_rules, effects.event, in.event_date, record.birth_date, today,
      in.recorded_by_admin ? v1::ROLE_UNSPECIFIED : in.recorded_by_role);
  for (auto& change : journey::DiffClocks(record.clocks, replayed->clocks)) {
    *effects.event.add_clock_changes() = std::move(change);
  }
  PlanReplayCommit(record, in.chronology, in.open_tasks, *replayed, today,
                   in.new_id, effects);

  storage::JourneyRecord after = record;
  after.version = storage::NextVersion(record.version);
  after.journey.set_state(replayed->state);
  if (effects.latest_event_date.has_value()) {
    *after.journey.mutable_latest_event_date() =
        ToProtoDate(*effects.latest_event_date);
  }
  *after.journey.mutable_update_time() = ToTimestamp(in.now);
  after.clocks = replayed->clocks;
  out.journey = RenderJourney(std::move(after), today);
  *out.journey.mutable_clock_changes() = effects.event.clock_changes();
  return out;
}

}  // namespace sendcase::casework
