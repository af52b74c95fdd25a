#ifndef SENDCASE_SERVICES_CASEWORK_SEN2_REQUESTS_H_
#define SENDCASE_SERVICES_CASEWORK_SEN2_REQUESTS_H_

// What one journey's chronology says for the SEN2 return: each EHC needs
// assessment request with its decision, assessment, plan and, for a plan,
// its placements, reviews and ending (sen2_return.h).

#include <optional>
#include <string>
#include <vector>

#include "sendcase/v1/journey_event.pb.h"
#include "services/casework/sen2_return.h"

namespace sendcase::casework {

struct Sen2Request {
  std::string journey;
  Day received;
  v1::AssessmentRequested::Source source =
      v1::AssessmentRequested::SOURCE_UNSPECIFIED;
  bool rya = false;
  // The decision whether to assess: agreed (true) or refused (false).
  std::optional<Day> decision_date;
  bool agreed = false;
  bool request_mediation = false;
  // The assessment's outcome: a plan issued (true) or not (false).
  std::optional<Day> outcome_date;
  bool plan_issued = false;
  bool assessment_mediation = false;
  bool week20 = false;  // an exception on one of the assessment's clocks
  // The plan (outcome_date is its start).
  std::vector<v1::Placement> named;    // placements of the final plan
  std::vector<v1::Placement> current;  // after amendments
  std::optional<Day> cease_date;
  v1::PlanCeased::Reason cease_reason = v1::PlanCeased::REASON_UNSPECIFIED;
  bool other_mediation = false;
  // The latest appealable decision so far, which a mediation certificate
  // that names none concerns.
  enum class Decision { kNone, kRefusal, kOutcome, kOther };
  Decision last_decision = Decision::kNone;
  // The latest review in the activity year, and the phase transfer review
  // as of the reference date.
  std::optional<Day> review_meeting;  // the latest
  std::optional<Day> review_decision_date;
  v1::ReviewDecision::Outcome review_outcome =
      v1::ReviewDecision::OUTCOME_UNSPECIFIED;
  std::optional<Day> review_draft;  // amendment notice after that meeting
  bool next_years_review = false;   // a later meeting, the next return's
  std::optional<Day> phase_transfer_due;
  std::optional<Day> phase_transfer_final;
};

// The requests of `journey` in date order, reading events up to
// `reference_date` (later ones are not yet the return's) and review
// meetings up to `reviews_until` (the activity year's last day).
std::vector<Sen2Request> ReadSen2Requests(const Sen2Journey& journey,
                                          Day reference_date,
                                          Day reviews_until);

}  // namespace sendcase::casework

#endif  // SENDCASE_SERVICES_CASEWORK_SEN2_REQUESTS_H_
