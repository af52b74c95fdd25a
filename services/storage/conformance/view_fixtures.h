#ifndef SENDCASE_SERVICES_STORAGE_CONFORMANCE_VIEW_FIXTURES_H_
#define SENDCASE_SERVICES_STORAGE_CONFORMANCE_VIEW_FIXTURES_H_

// Builders for the work views' conformance tests (view_conformance.cc):
// clocks, tasks and pupils committed through the write ports. Header-only,
// for the suite's own files.

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/storage/conformance/store_conformance.h"

namespace sendcase::storage::conformance {

inline const Day kToday = D(2026, 11, 25);  // kNow's day

// An OPEN statutory clock of `rule` from `start` to `due`.
inline ClockRecord Statutory(const std::string& rule, Day start, Day due,
                             v1::Role owner = v1::LA_CASE_OFFICER) {
  ClockRecord c;
  c.rule_id = rule;
  c.start_date = start;
  c.due_date = due;
  c.statutory = true;
  c.owner_role = owner;
  c.explanation = rule + " because";
  c.rule_set_version = "r1";
  return c;
}
// A step of the EHC needs assessment.
inline ClockRecord Step(const std::string& rule, Day start, Day due) {
  ClockRecord c = Statutory(rule, start, due);
  c.assessment_step = true;
  return c;
}
// The 20-week limit for the final plan, of a request received on `start`.
inline ClockRecord Limit(Day start, Day due) {
  ClockRecord c = Step("ehc.final_plan", start, due);
  c.assessment_limit = true;
  return c;
}
// A review meeting due on `due` (started twelve weeks before).
inline ClockRecord Review(const std::string& rule, Day due, v1::Role owner) {
  ClockRecord c = Statutory(rule, due - date::days{84}, due, owner);
  c.review = true;
  return c;
}
inline ClockRecord Met(ClockRecord c, Day met) {
  c.status = v1::Clock::MET;
  c.met_date = met;
  return c;
}
inline ClockRecord WithException(ClockRecord c) {
  c.exception_reason = "exceptional personal circumstances";
  return c;
}
inline NewTask DueTask(const std::string& id, const std::string& rule,
                       Day due) {
  return NewTask{id, rule, "", "Do " + rule, v1::SENCO, due, "because", {}};
}

// Pupil "p" + n (journey "jp" + n, UPN ...500n) at `urn` in `la`, committed
// once to `state` with `clocks` and `tasks`.
inline absl::Status Add(Stores& db, int n, v1::Journey::State state,
                        const std::vector<ClockRecord>& clocks,
                        const std::vector<NewTask>& tasks = {},
                        const std::string& urn = "100001",
                        const std::string& la = "201",
                        const std::vector<v1::NeedType>& needs = {}) {
  const std::string id = absl::StrCat("p", n);
  NewPupil in = MakePupil(id, absl::StrCat("B80120000500", n), urn, la);
  for (v1::NeedType need : needs) in.pupil.add_needs(need);
  absl::Status created = db.cases->CreatePupil(in, std::nullopt, "");
  if (!created.ok()) return created;
  TransitionEffects e = MakeCommit(id, kFirstVersion, state);
  e.clock_changes = clocks;
  e.new_tasks = tasks;
  return db.cases->CommitTransition(e, std::nullopt, "").status();
}

// Sets the case officer of a journey committed once.
inline absl::Status Assign(Stores& db, const std::string& pupil,
                           const std::string& journey,
                           const std::string& officer) {
  return db.cases->AssignCaseOfficer(JourneyName{pupil, journey}, officer,
                                     NextVersion(kFirstVersion), kNow);
}

template <typename Row>
inline std::vector<std::string> JourneyIds(const std::vector<Row>& rows) {
  std::vector<std::string> ids;
  for (const Row& r : rows) ids.push_back(r.journey_id);
  return ids;
}

// Sees the pupils of LA 201 only.
inline Visibility La201() { return Visibility{false, {}, {"201"}}; }

}  // namespace sendcase::storage::conformance

#endif  // SENDCASE_SERVICES_STORAGE_CONFORMANCE_VIEW_FIXTURES_H_
