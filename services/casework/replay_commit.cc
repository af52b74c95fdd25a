#include "services/casework/replay_commit.h"

#include <algorithm>
#include <map>
#include <utility>

#include "services/casework/reminders.h"
#include "services/common/proto_time.h"

namespace sendcase::casework {
namespace {

using rules::ClockRecord;

bool SameClock(const ClockRecord& a, const ClockRecord& b) {
  return a.rule_id == b.rule_id && a.subject == b.subject &&
         a.start_date == b.start_date;
}

// Every stored field but the identity (SameClock) and the id.
bool SameContent(const ClockRecord& a, const ClockRecord& b) {
  return a.status == b.status && a.due_date == b.due_date &&
         a.met_date == b.met_date && a.explanation == b.explanation &&
         a.exception_reason == b.exception_reason &&
         a.statutory == b.statutory && a.review == b.review &&
         a.assessment_step == b.assessment_step &&
         a.assessment_limit == b.assessment_limit && a.window == b.window &&
         a.owner_role == b.owner_role &&
         a.rule_set_version == b.rule_set_version;
}

// True when the stored clocks are the replay's first clocks, one for one:
// then only the differences are written and clock ids stay stable.
bool StoredIsPrefix(const std::vector<ClockRecord>& stored,
                    const std::vector<ClockRecord>& replayed) {
  if (stored.size() > replayed.size()) return false;
  for (size_t i = 0; i < stored.size(); ++i) {
    if (!SameClock(stored[i], replayed[i])) return false;
  }
  return true;
}

void PlanClocks(const storage::JourneyRecord& record,
                const journey::ReplayedJourney& replayed,
                storage::TransitionEffects& commit) {
  const auto& stored = record.clocks;
  if (!StoredIsPrefix(stored, replayed.clocks)) {
    commit.replace_clocks = true;
    commit.clock_changes = replayed.clocks;
    return;
  }
  for (size_t i = 0; i < replayed.clocks.size(); ++i) {
    if (i < stored.size()) {
      if (SameContent(stored[i], replayed.clocks[i])) continue;
      ClockRecord update = replayed.clocks[i];
      update.id = stored[i].id;
      commit.clock_changes.push_back(std::move(update));
    } else {
      commit.clock_changes.push_back(replayed.clocks[i]);
    }
  }
}

void PlanTasks(const storage::JourneyRecord& record,
               const std::vector<storage::OpenTask>& open_tasks,
               const journey::ReplayedJourney& replayed, Day today,
               const std::function<std::string()>& new_id,
               storage::TransitionEffects& commit) {
  using Key = std::pair<std::string, std::string>;
  std::map<Key, const ClockRecord*> latest;
  for (const auto& c : replayed.clocks) latest[{c.rule_id, c.subject}] = &c;
  auto live_with_due = [&](const std::string& rule, const std::string& subject,
                           Day due) {
    for (const auto& c : replayed.clocks) {
      if (c.IsLive() && c.rule_id == rule && c.subject == subject &&
          c.due_date == due) {
        return true;
      }
    }
    return false;
  };
  // An open task stays while a live clock still asks for it by that date;
  // otherwise it is done (its clock met) or no longer needed.
  std::vector<const storage::OpenTask*> kept;
  for (const storage::OpenTask& task : open_tasks) {
    if (live_with_due(task.rule_id, task.subject, task.due_date)) {
      kept.push_back(&task);
      continue;
    }
    auto it = latest.find({task.rule_id, task.subject});
    const bool met = it != latest.end() && it->second->status == v1::Clock::MET;
    commit.closed_tasks.push_back(
        {task.id, met ? v1::Task::DONE : v1::Task::CANCELLED});
  }
  auto open_for = [&](const std::string& rule, const std::string& subject,
                      Day due) {
    for (const storage::OpenTask& t : open_tasks) {
      if (t.rule_id == rule && t.subject == subject && t.due_date == due) {
        return true;
      }
    }
    return false;
  };
  for (const auto& c : replayed.clocks) {
    if (!c.IsLive() || c.task_title.empty()) continue;
    // An open task already asks for this step by this date (a superseding
    // clock with the same date, e.g. under an outer limit): it serves.
    auto same = std::find_if(kept.begin(), kept.end(), [&](const auto* t) {
      return t->rule_id == c.rule_id && t->subject == c.subject &&
             t->due_date == c.due_date;
    });
    if (same != kept.end()) {
      kept.erase(same);
      continue;
    }
    const ClockRecord* stored = nullptr;
    for (const auto& s : record.clocks) {
      if (SameClock(s, c)) stored = &s;
    }
    if (stored != nullptr) {
      // The journey already had this clock. Unmoved, it keeps its task,
      // open or completed by a person; moved, its open task moves with it
      // (closed above, made again below), and a completed one stays done.
      if (stored->due_date == c.due_date ||
          !open_for(c.rule_id, c.subject, stored->due_date)) {
        continue;
      }
    }
    commit.new_tasks.push_back(
        {new_id(), c.rule_id, c.subject, c.task_title, c.owner_role, c.due_date,
         c.explanation, PlanReminders(c.due_date, c.reminder_days, today)});
  }
}

}  // namespace

void PlanReplayCommit(const storage::JourneyRecord& record,
                      const std::vector<v1::JourneyEvent>& stored_events,
                      const std::vector<storage::OpenTask>& open_tasks,
                      const journey::ReplayedJourney& replayed, Day today,
                      const std::function<std::string()>& new_id,
                      storage::TransitionEffects& commit) {
  commit.new_state = replayed.state;
  PlanClocks(record, replayed, commit);
  PlanTasks(record, open_tasks, replayed, today, new_id, commit);
  std::map<int64_t, const v1::JourneyEvent*> by_sequence;
  for (const auto& e : stored_events) by_sequence[e.sequence()] = &e;
  for (const v1::JourneyEvent& e : replayed.events) {
    auto date = FromProtoDate(e.event_date(), "");
    if (date.ok() && (!commit.latest_event_date.has_value() ||
                      *date > *commit.latest_event_date)) {
      commit.latest_event_date = *date;
    }
    auto it = by_sequence.find(e.sequence());
    if (e.sequence() == 0 || it == by_sequence.end()) continue;
    if (it->second->from_state() != e.from_state() ||
        it->second->to_state() != e.to_state()) {
      commit.restated_events.push_back(e);
    }
  }
}

}  // namespace sendcase::casework
