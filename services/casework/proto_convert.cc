#include "services/casework/proto_convert.h"

#include "absl/strings/str_cat.h"
#include "services/common/proto_time.h"
#include "services/journey/provision.h"

namespace sendcase::casework {

std::string Etag(int64_t version) { return absl::StrCat(version); }

v1::Pupil RenderPupil(storage::PupilRecord record) {
  v1::Pupil pupil = std::move(record.pupil);
  pupil.set_etag(Etag(record.version));
  pupil.set_sen_provision(journey::ProvisionFor(record.journey_state));
  return pupil;
}

v1::Journey RenderJourney(storage::JourneyRecord record,
                          std::optional<Day> today) {
  v1::Journey journey = std::move(record.journey);
  journey.set_etag(Etag(record.version));
  if (today.has_value()) SetClocks(journey, record.clocks, *today);
  return journey;
}

v1::Clock ToProtoClock(const rules::ClockRecord& c, Day today) {
  v1::Clock out;
  out.set_rule_id(c.rule_id);
  *out.mutable_due_date() = ToProtoDate(c.due_date);
  *out.mutable_start_date() = ToProtoDate(c.start_date);
  // Derived at read time: an OPEN clock past its date is OVERDUE, or
  // EXPIRED when it is a window (nobody is late for a window).
  const bool passed = c.status == v1::Clock::OPEN && c.due_date < today;
  out.set_status(!passed    ? c.status
                 : c.window ? v1::Clock::EXPIRED
                            : v1::Clock::OVERDUE);
  out.set_window(c.window);
  out.set_statutory(c.statutory);
  out.set_owner_role(c.owner_role);
  out.set_explanation(c.explanation);
  out.set_subject(c.subject);
  if (c.met_date.has_value()) {
    *out.mutable_met_date() = ToProtoDate(*c.met_date);
    if (*c.met_date > c.due_date && !c.window) {
      out.set_days_late((*c.met_date - c.due_date).count());
    }
  }
  out.set_exception_reason(c.exception_reason);
  return out;
}

void SetClocks(v1::Journey& journey,
               const std::vector<rules::ClockRecord>& clocks, Day today) {
  journey.clear_clocks();
  for (const auto& c : clocks) *journey.add_clocks() = ToProtoClock(c, today);
}

}  // namespace sendcase::casework
