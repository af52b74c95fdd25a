#include "services/common/clock_record.h"

namespace sendcase {

void ApplyClockChanges(std::vector<ClockRecord>& clocks,
                       const std::vector<ClockRecord>& changes,
                       int64_t* next_id) {
  for (const ClockRecord& change : changes) {
    if (change.id == 0) {
      clocks.push_back(change);
      if (next_id != nullptr) clocks.back().id = (*next_id)++;
      continue;
    }
    for (ClockRecord& clock : clocks) {
      if (clock.id == change.id) clock = change;
    }
  }
}

}  // namespace sendcase
