#ifndef SENDCASE_SERVICES_CASEWORK_REPLAY_COMMIT_H_
#define SENDCASE_SERVICES_CASEWORK_REPLAY_COMMIT_H_

// Turns a replayed journey (services/journey/replay.h) into the writes that
// make the stored journey equal to it: clock updates and inserts when the
// stored clocks are a prefix of the replay (the usual case: an event dated
// on or after the latest), else the whole clock list replaced; stored
// events whose states moved; and the tasks that follow the clocks. One
// place decides both for RecordEvent and for a rule-set upgrade.

#include <functional>
#include <string>
#include <vector>

#include "services/common/civil_date.h"
#include "services/journey/replay.h"
#include "services/storage/records.h"

namespace sendcase::casework {

// Fills `commit`'s clock_changes / replace_clocks, restated_events,
// closed_tasks, new_tasks and latest_event_date from `replayed`, given the
// stored journey (`record`), its stored events (with sequences) and open
// tasks. `new_id` names new tasks; `today` plans their reminders.
void PlanReplayCommit(const storage::JourneyRecord& record,
                      const std::vector<v1::JourneyEvent>& stored_events,
                      const std::vector<storage::OpenTask>& open_tasks,
                      const journey::ReplayedJourney& replayed, Day today,
                      const std::function<std::string()>& new_id,
                      storage::TransitionEffects& commit);

}  // namespace sendcase::casework

#endif  // SENDCASE_SERVICES_CASEWORK_REPLAY_COMMIT_H_
