#ifndef SENDCASE_SERVICES_CASEWORK_REMINDERS_H_
#define SENDCASE_SERVICES_CASEWORK_REMINDERS_H_

// When a new task's owner is reminded. Each reminder fires at midnight,
// Europe/London, on due date + N days (N from the rule: before, on, after).
// Reminders already in the past when the task is created (an event logged
// late) collapse into one — the latest — so a late entry sends one alert,
// not a burst; future ones are kept.

#include <vector>

#include "services/common/civil_date.h"
#include "services/storage/records.h"

namespace sendcase::casework {

std::vector<storage::NewAlert> PlanReminders(Day due,
                                             const std::vector<int>& days,
                                             Day today);

}  // namespace sendcase::casework

#endif  // SENDCASE_SERVICES_CASEWORK_REMINDERS_H_
