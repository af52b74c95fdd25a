#ifndef SENDCASE_SERVICES_CASEWORK_REGISTER_VIEWS_H_
#define SENDCASE_SERVICES_CASEWORK_REGISTER_VIEWS_H_

// RegisterViews: the SENCO's and the trust's read-only views, scoped to the
// caller. The SEN register of one setting (N/K/E from the journey state,
// needs, next review, task counts); reviews due within N days and every
// overdue one; an LA's caseload per case officer; the same counts rolled up
// per setting. "Today" is the London date of the injected clock. Error codes
// as CaseEngine: a setting outside a setting or trust scope is
// PermissionDenied. Thread-safe.

#include "absl/status/statusor.h"
#include "sendcase/v1/case_service.pb.h"
#include "services/auth/principal.h"
#include "services/common/clock.h"
#include "services/storage/view_store.h"

namespace sendcase::casework {

class RegisterViews {
 public:
  RegisterViews(storage::ViewStore& views, const Clock& clock)
      : views_(views), clock_(clock) {}

  absl::StatusOr<v1::ListSenRegisterResponse> ListSenRegister(
      const auth::Principal& caller, const v1::ListSenRegisterRequest& request);
  // InvalidArgument naming "within_days" outside 0-366.
  absl::StatusOr<v1::ListReviewsDueResponse> ListReviewsDue(
      const auth::Principal& caller, const v1::ListReviewsDueRequest& request);
  absl::StatusOr<v1::ListCaseloadsResponse> ListCaseloads(
      const auth::Principal& caller, const v1::ListCaseloadsRequest& request);
  absl::StatusOr<v1::ListSettingSummariesResponse> ListSettingSummaries(
      const auth::Principal& caller,
      const v1::ListSettingSummariesRequest& request);

 private:
  storage::ViewStore& views_;
  const Clock& clock_;
};

}  // namespace sendcase::casework

#endif  // SENDCASE_SERVICES_CASEWORK_REGISTER_VIEWS_H_
