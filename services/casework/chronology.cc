#include "services/casework/chronology.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "google/protobuf/text_format.h"
#include "services/casework/proto_convert.h"
#include "services/common/proto_time.h"
#include "services/journey/state_machine.h"

namespace sendcase::casework {
namespace {

// "kind (field: value, ...)" from the event's own fields.
std::string EventSummary(const v1::JourneyEvent& e) {
  const std::string kind = journey::EventKindName(e.kind_case());
  const auto* member =
      v1::JourneyEvent::descriptor()->FindFieldByNumber(e.kind_case());
  if (member == nullptr) return kind;
  const auto& body = e.GetReflection()->GetMessage(e, member);
  google::protobuf::TextFormat::Printer printer;
  printer.SetSingleLineMode(true);
  std::string fields;
  printer.PrintToString(body, &fields);
  while (!fields.empty() && fields.back() == ' ') fields.pop_back();
  return fields.empty() ? kind : absl::StrCat(kind, " (", fields, ")");
}

v1::ChronologyEntry Entry(Day day, const std::string& journey,
                          v1::ChronologyEntry::Kind kind, std::string summary) {
  v1::ChronologyEntry entry;
  *entry.mutable_date() = ToProtoDate(day);
  entry.set_journey(journey);
  entry.set_kind(kind);
  entry.set_summary(std::move(summary));
  return entry;
}

}  // namespace

std::vector<v1::ChronologyEntry> BuildChronology(
    const std::vector<JourneyHistory>& journeys,
    const std::vector<v1::Task>& tasks, Day today) {
  std::vector<v1::ChronologyEntry> out;
  for (const JourneyHistory& h : journeys) {
    const std::string& name = h.journey.journey.name();
    for (const v1::JourneyEvent& e : h.events) {
      auto day = FromProtoDate(e.event_date(), "event_date");
      if (!day.ok()) continue;
      v1::ChronologyEntry entry =
          Entry(*day, name, v1::ChronologyEntry::EVENT, EventSummary(e));
      entry.set_recorded_by(e.recorded_by());
      out.push_back(std::move(entry));
    }
    for (const rules::ClockRecord& c : h.journey.clocks) {
      const std::string who = c.subject.empty()
                                  ? c.rule_id
                                  : absl::StrCat(c.rule_id, " for ", c.subject);
      v1::ChronologyEntry due = Entry(
          c.due_date, name, v1::ChronologyEntry::CLOCK_DUE,
          absl::StrCat(who, " due (",
                       v1::Clock::Status_Name(ToProtoClock(c, today).status()),
                       ")"));
      due.set_detail(c.explanation);
      out.push_back(std::move(due));
      if (c.met_date.has_value()) {
        const int late = ToProtoClock(c, today).days_late();
        out.push_back(Entry(
            *c.met_date, name, v1::ChronologyEntry::CLOCK_MET,
            late == 0 ? absl::StrCat(who, " met")
                      : absl::StrCat(who, " met ", late,
                                     late == 1 ? " day" : " days", " late")));
      }
    }
  }
  // A task closed because its clock was met adds nothing to the clock's
  // MET line (and its close time is when the event was logged, not when it
  // happened); list only tasks someone completed while the clock ran on.
  std::set<std::tuple<std::string, std::string, std::string>> met;
  for (const JourneyHistory& h : journeys) {
    for (const rules::ClockRecord& c : h.journey.clocks) {
      if (c.met_date.has_value()) {
        met.emplace(h.journey.journey.name(), c.rule_id, c.subject);
      }
    }
  }
  for (const v1::Task& t : tasks) {
    if (t.state() != v1::Task::DONE || !t.has_close_time()) continue;
    const std::string journey = t.name().substr(0, t.name().find("/tasks/"));
    if (met.count({journey, t.rule_id(), t.subject()}) > 0) continue;
    out.push_back(Entry(LondonDate(FromTimestamp(t.close_time())), journey,
                        v1::ChronologyEntry::TASK_DONE,
                        absl::StrCat("task done: ", t.title())));
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    auto key = [](const v1::ChronologyEntry& e) {
      return std::make_tuple(e.date().year(), e.date().month(), e.date().day(),
                             static_cast<int>(e.kind()));
    };
    return key(a) < key(b);
  });
  return out;
}

}  // namespace sendcase::casework
