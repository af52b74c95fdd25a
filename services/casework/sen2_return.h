#ifndef SENDCASE_SERVICES_CASEWORK_SEN2_RETURN_H_
#define SENDCASE_SERVICES_CASEWORK_SEN2_RETURN_H_

// The SEN2 return (the DfE's person-level collection of EHC needs
// assessments and plans, every January) built from what sendcase records:
// the pupils and their journeys' events and clocks. rules/REFERENCE.md §5.6
// lists the modules, items and codes, and which are not yet confirmed
// against the DfE's guide. Pure: no storage, no clock.

#include <string>
#include <vector>

#include "sendcase/v1/journey.pb.h"
#include "sendcase/v1/journey_event.pb.h"
#include "sendcase/v1/pupil.pb.h"
#include "sendcase/v1/views.pb.h"
#include "services/common/civil_date.h"
#include "services/common/clock_record.h"

namespace sendcase::casework {

// One journey: its name, events (any order; read in event-date order,
// events of one day in chronology order) and clocks.
struct Sen2Journey {
  std::string name;  // pupils/{pupil}/journeys/{journey}
  std::vector<v1::JourneyEvent> events;
  std::vector<ClockRecord> clocks;
};

// One child or young person and every journey.
struct Sen2Child {
  v1::Pupil pupil;
  std::vector<Sen2Journey> journeys;
};

struct Sen2Params {
  int year = 0;              // collection year; activity is year - 1
  std::string la_code;       // 3 digits
  Day reference_date;        // the census day in January of `year`
  std::string generated_at;  // header DateTime, ccyy-mm-ddThh:mm:ss
  std::string release;       // header Release, e.g. the rule-set version
};

// The census reference date of `year` when none is given: the third
// Thursday of January (the school census's spring day).
Day DefaultSen2ReferenceDate(int year);

// The return for `children` (those of the LA; others are left out): the
// XML, the counts, and every problem found, per child. A request is in the
// return when it was received in the activity year, one of its outcomes
// (the decision to assess, the assessment's outcome, the plan ceasing) fell
// in it, or its plan was maintained on the reference date; a person when
// one of their requests is.
v1::Sen2Return BuildSen2Return(const Sen2Params& params,
                               const std::vector<Sen2Child>& children);

}  // namespace sendcase::casework

#endif  // SENDCASE_SERVICES_CASEWORK_SEN2_RETURN_H_
