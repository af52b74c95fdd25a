// Who may record which event, and who may complete a task: the second half
// of the access policy (authorizer.h), beside the method table. A role that
// may call RecordEvent may still record only the facts it is the source of:
// the school what happens at school, the LA its statutory decisions.
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/auth/authorizer.h"

namespace sendcase::auth {
namespace {

using R = v1::Role;
using E = v1::JourneyEvent;

constexpr std::initializer_list<R> kSchool = {R::SENCO, R::HEADTEACHER};
constexpr std::initializer_list<R> kLa = {R::LA_CASE_OFFICER};
constexpr std::initializer_list<R> kSchoolOrLa = {R::SENCO, R::HEADTEACHER,
                                                  R::LA_CASE_OFFICER};

struct EventPolicy {
  E::KindCase kind;
  std::initializer_list<R> roles;  // ADMIN may record everything
};

// One row per event kind (a kind without a row is ADMIN-only; tested).
const EventPolicy kEventPolicies[] = {
    // Anyone working with the child may raise a concern.
    {E::kConcernRaised, kSchoolOrLa},
    // The graduated approach is the school's (Code of Practice 6.44-6.56).
    {E::kSenSupportStarted, kSchool},
    {E::kSupportReviewed, kSchool},
    {E::kAgencyInvolved, kSchool},
    {E::kAgencyResponded, kSchool},
    // A school requests an assessment; the LA logs a family's request.
    {E::kAssessmentRequested, kSchoolOrLa},
    // The LA's statutory decisions and steps (regs 5 to 14).
    {E::kAssessmentAgreed, kLa},
    {E::kAssessmentRefused, kLa},
    {E::kAdviceRequested, kLa},
    {E::kAdviceReceived, kLa},
    {E::kDraftPlanIssued, kLa},
    {E::kFinalPlanIssued, kLa},
    {E::kPlanNotIssued, kLa},
    // The school usually holds the review meeting (reg 20(12)); the LA
    // decides after it.
    {E::kReviewMeetingScheduled, kSchoolOrLa},
    {E::kReviewInvitationsSent, kSchoolOrLa},
    {E::kReviewAdviceCirculated, kSchoolOrLa},
    {E::kAnnualReviewHeld, kSchoolOrLa},
    {E::kReviewReportSent, kSchoolOrLa},
    {E::kReviewDecision, kLa},
    {E::kAmendmentNoticeIssued, kLa},
    {E::kAmendedPlanIssued, kLa},
    {E::kPhaseTransferPlanned, kLa},
    // The family sends the certificate to the LA.
    {E::kMediationCertificateIssued, kLa},
    // Ceasing is the LA's (reg 31).
    {E::kCeaseProposed, kLa},
    {E::kPlanCeased, kLa},
    // Exceptions to the LA's time limits are the LA's to claim.
    {E::kExceptionRecorded, kLa},
};

std::string EventName(E::KindCase kind) {
  const auto* f = E::descriptor()->FindFieldByNumber(kind);
  return f == nullptr ? "kind_not_set" : f->name();
}

}  // namespace

absl::Status AuthorizeEvent(const Principal& principal, E::KindCase kind) {
  if (principal.admin || kind == E::KIND_NOT_SET) return absl::OkStatus();
  for (const EventPolicy& p : kEventPolicies) {
    if (p.kind != kind) continue;
    std::vector<std::string> names;
    for (R role : p.roles) {
      if (role == principal.role) return absl::OkStatus();
      names.push_back(v1::Role_Name(role));
    }
    return absl::PermissionDeniedError(absl::StrCat(
        "role ", principal.RoleName(), " may not record ", EventName(kind),
        " (recorded by ", absl::StrJoin(names, ", "), ")"));
  }
  return absl::PermissionDeniedError(
      absl::StrCat("no role may record ", EventName(kind), " but ADMIN"));
}

absl::Status AuthorizeTaskCompletion(const Principal& principal,
                                     v1::Role owner_role,
                                     absl::string_view task) {
  if (principal.admin || principal.role == owner_role) {
    return absl::OkStatus();
  }
  return absl::PermissionDeniedError(
      absl::StrCat("role ", principal.RoleName(), " may not complete ", task,
                   ": it is for ", v1::Role_Name(owner_role)));
}

}  // namespace sendcase::auth
