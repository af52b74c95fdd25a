#include "services/casework/chronology.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "google/type/date.pb.h"
#include "services/casework/proto_convert.h"
#include "services/common/proto_time.h"
#include "services/journey/state_machine.h"

namespace sendcase::casework {
namespace {

std::string Fields(const google::protobuf::Message& m);

// One value as a reader would write it: dates as YYYY-MM-DD, enums by name,
// yes/no, a nested message's fields in braces.
std::string Value(const google::protobuf::Message& m,
                  const google::protobuf::FieldDescriptor* f, int i) {
  using FD = google::protobuf::FieldDescriptor;
  const auto* r = m.GetReflection();
  const bool rep = f->is_repeated();
  switch (f->cpp_type()) {
    case FD::CPPTYPE_MESSAGE: {
      const auto& sub =
          rep ? r->GetRepeatedMessage(m, f, i) : r->GetMessage(m, f);
      if (const auto* d =
              google::protobuf::DynamicCastToGenerated<google::type::Date>(
                  &sub)) {
        return absl::StrFormat("%04d-%02d-%02d", d->year(), d->month(),
                               d->day());
      }
      return absl::StrCat("{", Fields(sub), "}");
    }
    case FD::CPPTYPE_ENUM:
      return (rep ? r->GetRepeatedEnum(m, f, i) : r->GetEnum(m, f))->name();
    case FD::CPPTYPE_STRING:
      return rep ? r->GetRepeatedString(m, f, i) : r->GetString(m, f);
    case FD::CPPTYPE_BOOL:
      return (rep ? r->GetRepeatedBool(m, f, i) : r->GetBool(m, f)) ? "yes"
                                                                    : "no";
    case FD::CPPTYPE_INT32:
      return absl::StrCat(rep ? r->GetRepeatedInt32(m, f, i)
                              : r->GetInt32(m, f));
    case FD::CPPTYPE_INT64:
      return absl::StrCat(rep ? r->GetRepeatedInt64(m, f, i)
                              : r->GetInt64(m, f));
    default:
      return "?";  // no event field has another type
  }
}

// "name: value; name: a, b" for the fields that are set.
std::string Fields(const google::protobuf::Message& m) {
  std::vector<const google::protobuf::FieldDescriptor*> set;
  m.GetReflection()->ListFields(m, &set);
  std::vector<std::string> parts;
  for (const auto* f : set) {
    std::vector<std::string> values;
    const int n = f->is_repeated() ? m.GetReflection()->FieldSize(m, f) : 1;
    for (int i = 0; i < n; ++i) values.push_back(Value(m, f, i));
    parts.push_back(absl::StrCat(f->name(), ": ", absl::StrJoin(values, ", ")));
  }
  return absl::StrJoin(parts, "; ");
}

// "kind (field: value; ...)" from the event's own fields.
std::string EventSummary(const v1::JourneyEvent& e) {
  const std::string kind = journey::EventKindName(e.kind_case());
  const auto* member =
      v1::JourneyEvent::descriptor()->FindFieldByNumber(e.kind_case());
  if (member == nullptr) return kind;
  const std::string fields = Fields(e.GetReflection()->GetMessage(e, member));
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
