// The SEN2 request, assessment, plan and review items of one journey, read
// from its chronology in date order (as the journey itself is replayed).
#include "services/casework/sen2_requests.h"

#include <algorithm>

#include "services/common/proto_time.h"

namespace sendcase::casework {
namespace {

using E = v1::JourneyEvent;

Day DateOf(const E& e) {
  const auto& d = e.event_date();
  return Day(date::year{d.year()} / d.month() / d.day());
}

// Which decision a mediation certificate concerns: the one its
// decision_date names, else the latest appealable one before it: a refusal
// to assess (RequestMediation), the assessment's outcome
// (AssessmentMediation) or a later decision about the plan
// (OtherMediation).
void Mediation(Sen2Request& r, const E& e) {
  Sen2Request::Decision about = r.last_decision;
  if (e.mediation_certificate_issued().has_decision_date()) {
    const auto& d = e.mediation_certificate_issued().decision_date();
    const Day named = Day(date::year{d.year()} / d.month() / d.day());
    if (r.outcome_date == named) {
      about = Sen2Request::Decision::kOutcome;
    } else if (r.decision_date == named && !r.agreed) {
      about = Sen2Request::Decision::kRefusal;
    } else if (r.plan_issued) {
      about = Sen2Request::Decision::kOther;
    } else {
      about = Sen2Request::Decision::kNone;
    }
  }
  switch (about) {
    case Sen2Request::Decision::kRefusal:
      r.request_mediation = true;
      break;
    case Sen2Request::Decision::kOutcome:
      r.assessment_mediation = true;
      break;
    case Sen2Request::Decision::kOther:
      r.other_mediation = true;
      break;
    case Sen2Request::Decision::kNone:
      break;
  }
}

void ReadEvent(Sen2Request& r, const E& e, Day day, Day reviews_until) {
  switch (e.kind_case()) {
    case E::kAssessmentAgreed:
    case E::kAssessmentRefused:
      if (!r.decision_date.has_value()) {
        r.decision_date = day;
        r.agreed = e.kind_case() == E::kAssessmentAgreed;
        if (!r.agreed) r.last_decision = Sen2Request::Decision::kRefusal;
      }
      break;
    case E::kPlanNotIssued:
      r.outcome_date = day;
      r.plan_issued = false;
      r.last_decision = Sen2Request::Decision::kOutcome;
      break;
    case E::kFinalPlanIssued:
      r.outcome_date = day;
      r.plan_issued = true;
      r.last_decision = Sen2Request::Decision::kOutcome;
      r.named.assign(e.final_plan_issued().placements().begin(),
                     e.final_plan_issued().placements().end());
      r.current = r.named;
      break;
    case E::kAmendedPlanIssued:
      r.last_decision = Sen2Request::Decision::kOther;
      if (e.amended_plan_issued().placements_size() > 0) {
        r.current.assign(e.amended_plan_issued().placements().begin(),
                         e.amended_plan_issued().placements().end());
      }
      break;
    case E::kAnnualReviewHeld:
      r.next_years_review = day > reviews_until;
      if (r.next_years_review) break;  // the next return's
      r.review_meeting = day;
      r.review_decision_date.reset();
      r.review_outcome = v1::ReviewDecision::OUTCOME_UNSPECIFIED;
      r.review_draft.reset();
      break;
    case E::kReviewDecision:
      if (r.plan_issued) r.last_decision = Sen2Request::Decision::kOther;
      if (r.review_meeting.has_value() && !r.next_years_review) {
        r.review_decision_date = day;
        r.review_outcome = e.review_decision().outcome();
      }
      break;
    case E::kAmendmentNoticeIssued:
      if (r.review_meeting.has_value() && !r.next_years_review) {
        r.review_draft = day;
      }
      break;
    case E::kMediationCertificateIssued:
      Mediation(r, e);
      break;
    case E::kPlanCeased:
      r.cease_date = day;
      r.cease_reason = e.plan_ceased().reason();
      break;
    default:
      break;
  }
}

}  // namespace

std::vector<Sen2Request> ReadSen2Requests(const Sen2Journey& journey,
                                          Day reference_date,
                                          Day reviews_until) {
  std::vector<const E*> events;
  for (const E& e : journey.events) events.push_back(&e);
  std::stable_sort(events.begin(), events.end(), [](const E* a, const E* b) {
    return DateOf(*a) < DateOf(*b);
  });
  std::vector<Sen2Request> out;
  for (const E* e : events) {
    const Day day = DateOf(*e);
    if (day > reference_date) break;
    if (e->kind_case() == E::kAssessmentRequested) {
      Sen2Request r;
      r.journey = journey.name;
      r.received = day;
      r.source = e->assessment_requested().source();
      r.rya = e->assessment_requested().relevant_youth_accommodation();
      out.push_back(std::move(r));
    } else if (!out.empty()) {
      ReadEvent(out.back(), *e, day, reviews_until);
    }
  }
  // Week20: an exception recorded on one of the assessment's clocks (those
  // that started with this request, before its outcome); the phase
  // transfer review's dates, from its latest clock of this plan that was
  // not cancelled (a transfer planned again supersedes the earlier one).
  for (size_t i = 0; i < out.size(); ++i) {
    Sen2Request& r = out[i];
    const Day end = r.outcome_date.value_or(reference_date);
    const Day next = i + 1 == out.size() ? reference_date + date::days{1}
                                         : out[i + 1].received;
    std::optional<Day> transfer_start;
    for (const ClockRecord& c : journey.clocks) {
      if (c.assessment_step && !c.exception_reason.empty() &&
          c.start_date >= r.received && c.start_date <= end &&
          c.start_date < next) {
        r.week20 = true;
      }
      if (c.rule_id == "review.phase_transfer" && r.plan_issued &&
          c.status != v1::Clock::CANCELLED && c.start_date >= *r.outcome_date &&
          c.start_date < next && c.start_date <= reference_date &&
          (!transfer_start.has_value() || c.start_date >= *transfer_start)) {
        transfer_start = c.start_date;
        r.phase_transfer_due = c.due_date;
        r.phase_transfer_final =
            c.met_date.has_value() && *c.met_date <= reference_date
                ? c.met_date
                : std::nullopt;
      }
    }
  }
  return out;
}

}  // namespace sendcase::casework
