#ifndef SENDCASE_SERVICES_CASEWORK_CHRONOLOGY_H_
#define SENDCASE_SERVICES_CASEWORK_CHRONOLOGY_H_

// Builds a pupil's chronology from what the stores hold: every event, every
// clock's due date (and the day it was met), every task a person completed,
// of every journey, in date order (events before clock lines on the same
// day). Pure.

#include <vector>

#include "sendcase/v1/journey_event.pb.h"
#include "sendcase/v1/support.pb.h"
#include "sendcase/v1/support_requests.pb.h"
#include "sendcase/v1/task.pb.h"
#include "sendcase/v1/views.pb.h"
#include "services/storage/records.h"

namespace sendcase::casework {

struct JourneyHistory {
  storage::JourneyRecord journey;
  std::vector<v1::JourneyEvent> events;
};

// `today` decides which open clocks read OVERDUE.
std::vector<v1::ChronologyEntry> BuildChronology(
    const std::vector<JourneyHistory>& journeys,
    const std::vector<v1::Task>& tasks, Day today);

// The SUPPORT lines of a pupil's plans (agreed, reviewed), places (begun,
// ended) and imported histories (the day of the import), rendered as the
// API shows them, merged into `entries` by date (after the other lines of
// the same day). Summaries hold ids, dates and counts, never the plans'
// free text.
void AddSupportLines(const std::vector<v1::SupportPlan>& plans,
                     const std::vector<v1::InterventionPlace>& places,
                     const std::vector<v1::ImportedPlanHistory>& imported,
                     std::vector<v1::ChronologyEntry>& entries);

}  // namespace sendcase::casework

#endif  // SENDCASE_SERVICES_CASEWORK_CHRONOLOGY_H_
