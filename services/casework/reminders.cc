#include "services/casework/reminders.h"

#include "sendcase/v1/alert.pb.h"

namespace sendcase::casework {

std::vector<storage::NewAlert> PlanReminders(Day due,
                                             const std::vector<int>& days,
                                             Day today) {
  std::vector<storage::NewAlert> out;
  std::optional<storage::NewAlert> latest_past;
  for (int d : days) {
    const Day fire_day = due + date::days{d};
    const int kind = d < 0    ? v1::Alert::UPCOMING
                     : d == 0 ? v1::Alert::DUE_TODAY
                              : v1::Alert::OVERDUE;
    const storage::NewAlert alert{kind, LondonMidnight(fire_day)};
    if (fire_day <= today) {
      latest_past = alert;  // days are ascending: the last one wins
    } else {
      out.push_back(alert);
    }
  }
  if (latest_past.has_value()) out.insert(out.begin(), *latest_past);
  return out;
}

}  // namespace sendcase::casework
