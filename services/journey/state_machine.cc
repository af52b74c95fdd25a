#include "services/journey/state_machine.h"

#include <cstdint>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "services/common/error_reason.h"

namespace sendcase::journey {
namespace {

using J = v1::Journey;
using E = v1::JourneyEvent;

constexpr uint32_t Bit(State s) { return 1u << static_cast<int>(s); }

constexpr uint32_t kAll =
    Bit(J::CONCERN) | Bit(J::SEN_SUPPORT) | Bit(J::AGENCY_INVOLVEMENT) |
    Bit(J::ASSESSMENT_REQUESTED) | Bit(J::ASSESSMENT) | Bit(J::DRAFT_PLAN) |
    Bit(J::EHC_PLAN) | Bit(J::CLOSED);
// "Before a plan exists": a parent may request an assessment at any of these.
constexpr uint32_t kBeforePlan =
    Bit(J::CONCERN) | Bit(J::SEN_SUPPORT) | Bit(J::AGENCY_INVOLVEMENT) |
    Bit(J::ASSESSMENT_REQUESTED) | Bit(J::ASSESSMENT) | Bit(J::DRAFT_PLAN);
constexpr uint32_t kSupport = Bit(J::SEN_SUPPORT) | Bit(J::AGENCY_INVOLVEMENT);
// While an assessment runs, SEN support (and its reviews) carries on.
constexpr uint32_t kAssessing =
    Bit(J::ASSESSMENT_REQUESTED) | Bit(J::ASSESSMENT) | Bit(J::DRAFT_PLAN);
// States in which a statutory EHC clock can be running.
constexpr uint32_t kStatutory = Bit(J::ASSESSMENT_REQUESTED) |
                                Bit(J::ASSESSMENT) | Bit(J::DRAFT_PLAN) |
                                Bit(J::EHC_PLAN);

// Marks a row whose event leaves the state as it is.
constexpr State kStay = J::STATE_UNSPECIFIED;

struct Row {
  EventKind event;
  uint32_t sources;
  State destination;  // kStay: unchanged
};

// The whole table. Order follows the JourneyEvent oneof. Why some rows are as
// they are:
// - concern_raised never moves a journey backwards; it only re-opens CLOSED.
// - assessment_requested restarts the EHC clocks from any pre-plan state
//   (a new request supersedes a pending one).
// - a refusal, or a decision not to issue a plan, returns the pupil to SEN
//   support, where the appeal clock runs.
// - mediation certificates follow an appealable decision, which can leave a
//   journey in any state but CONCERN.
constexpr Row kTable[] = {
    {E::kConcernRaised, kAll & ~Bit(J::CLOSED), kStay},
    {E::kConcernRaised, Bit(J::CLOSED), J::CONCERN},
    {E::kSenSupportStarted, Bit(J::CONCERN), J::SEN_SUPPORT},
    {E::kSupportReviewed, kSupport | kAssessing, kStay},
    {E::kAgencyInvolved, kSupport, J::AGENCY_INVOLVEMENT},
    {E::kAssessmentRequested, kBeforePlan, J::ASSESSMENT_REQUESTED},
    {E::kAssessmentAgreed, Bit(J::ASSESSMENT_REQUESTED), J::ASSESSMENT},
    {E::kAssessmentRefused, Bit(J::ASSESSMENT_REQUESTED), J::SEN_SUPPORT},
    {E::kAdviceRequested, Bit(J::ASSESSMENT) | Bit(J::DRAFT_PLAN), kStay},
    {E::kAdviceReceived, Bit(J::ASSESSMENT) | Bit(J::DRAFT_PLAN), kStay},
    {E::kDraftPlanIssued, Bit(J::ASSESSMENT) | Bit(J::DRAFT_PLAN),
     J::DRAFT_PLAN},
    {E::kFinalPlanIssued, Bit(J::DRAFT_PLAN), J::EHC_PLAN},
    {E::kPlanNotIssued, Bit(J::ASSESSMENT) | Bit(J::DRAFT_PLAN),
     J::SEN_SUPPORT},
    {E::kReviewMeetingScheduled, Bit(J::EHC_PLAN), kStay},
    {E::kReviewInvitationsSent, Bit(J::EHC_PLAN), kStay},
    {E::kReviewAdviceCirculated, Bit(J::EHC_PLAN), kStay},
    {E::kAnnualReviewHeld, Bit(J::EHC_PLAN), kStay},
    {E::kReviewReportSent, Bit(J::EHC_PLAN), kStay},
    {E::kReviewDecision, Bit(J::EHC_PLAN), kStay},
    {E::kAmendmentNoticeIssued, Bit(J::EHC_PLAN), kStay},
    {E::kAmendedPlanIssued, Bit(J::EHC_PLAN), kStay},
    {E::kPhaseTransferPlanned, Bit(J::EHC_PLAN), kStay},
    {E::kMediationCertificateIssued, kAll & ~Bit(J::CONCERN), kStay},
    {E::kCeaseProposed, Bit(J::EHC_PLAN), kStay},
    {E::kPlanCeased, Bit(J::EHC_PLAN), J::CLOSED},
    {E::kExceptionRecorded, kStatutory, kStay},
    // An agency's answer may come at any stage after support began (even
    // after a plan or a closed journey); it never moves the journey.
    {E::kAgencyResponded, kAll & ~Bit(J::CONCERN), kStay},
};

}  // namespace

absl::StatusOr<Transition> Apply(State current, EventKind event) {
  if (event == E::KIND_NOT_SET) {
    return absl::InvalidArgumentError("event.kind: required");
  }
  if (current == J::STATE_UNSPECIFIED || !J::State_IsValid(current)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "journey state ", static_cast<int>(current), " is not a valid state"));
  }
  for (const Row& row : kTable) {
    if (row.event == event && (row.sources & Bit(current)) != 0) {
      return Transition{
          current, row.destination == kStay ? current : row.destination, event};
    }
  }
  return WithReason(
      absl::FailedPreconditionError(absl::StrCat(
          "event ", EventKindName(event), " is not allowed in journey state ",
          StateName(current))),
      "EVENT_NOT_ALLOWED",
      {{"event", EventKindName(event)}, {"state", StateName(current)}});
}

std::vector<EventKind> AllowedEvents(State current) {
  std::vector<EventKind> out;
  // Derived from Apply itself, so the two can never disagree.
  for (EventKind event : AllEventKinds()) {
    if (Apply(current, event).ok()) out.push_back(event);
  }
  return out;
}

const std::vector<State>& AllStates() {
  static const auto* const states = [] {
    auto* v = new std::vector<State>();
    const auto* d = v1::Journey::State_descriptor();
    for (int i = 0; i < d->value_count(); ++i) {
      if (d->value(i)->number() != J::STATE_UNSPECIFIED) {
        v->push_back(static_cast<State>(d->value(i)->number()));
      }
    }
    return v;
  }();
  return *states;
}

const std::vector<EventKind>& AllEventKinds() {
  static const auto* const kinds = [] {
    auto* v = new std::vector<EventKind>();
    const auto* oneof = E::descriptor()->FindOneofByName("kind");
    for (int i = 0; i < oneof->field_count(); ++i) {
      v->push_back(static_cast<EventKind>(oneof->field(i)->number()));
    }
    return v;
  }();
  return *kinds;
}

std::string StateName(State state) {
  if (!J::State_IsValid(state)) return "STATE_UNSPECIFIED";
  return J::State_Name(state);
}

std::string EventKindName(EventKind event) {
  const auto* field = E::descriptor()->FindFieldByNumber(event);
  if (field == nullptr || field->containing_oneof() == nullptr) {
    return "kind_not_set";
  }
  return field->name();
}

}  // namespace sendcase::journey
