#ifndef SENDCASE_SERVICES_CASEWORK_VIEW_ENGINE_H_
#define SENDCASE_SERVICES_CASEWORK_VIEW_ENGINE_H_

// ViewEngine: the read-only work views, scoped to the caller. The LA's
// 20-week tracker (every open EHC needs assessment, most urgent first) and
// the SEN2 timeliness report (rules/REFERENCE.md §1.5). Error codes as
// CaseEngine. Thread-safe.

#include "absl/status/statusor.h"
#include "sendcase/v1/case_service.pb.h"
#include "services/auth/principal.h"
#include "services/common/clock.h"
#include "services/storage/case_store.h"
#include "services/storage/support_store.h"
#include "services/storage/task_store.h"
#include "services/storage/view_store.h"

namespace sendcase::casework {

class ViewEngine {
 public:
  // `support` (optional) adds the pupil's support plans and places to the
  // chronology.
  ViewEngine(storage::ViewStore& views, storage::CaseStore& cases,
             storage::TaskStore& tasks, const Clock& clock,
             storage::SupportStore* support = nullptr)
      : views_(views),
        cases_(cases),
        tasks_(tasks),
        clock_(clock),
        support_(support) {}

  absl::StatusOr<v1::ListAssessmentsResponse> ListAssessments(
      const auth::Principal& caller, const v1::ListAssessmentsRequest& request);

  // InvalidArgument naming "year" outside 2000-2100.
  absl::StatusOr<v1::TimelinessReport> GetTimelinessReport(
      const auth::Principal& caller,
      const v1::GetTimelinessReportRequest& request);

  // The LA's SEN2 return for request.year (sen2_return.h): the caller's own
  // LA when its scope is one and none is named. InvalidArgument naming year,
  // local_authority_code or reference_date; PermissionDenied for an LA
  // outside the caller's scope.
  absl::StatusOr<v1::Sen2Return> GetSen2Return(
      const auth::Principal& caller, const v1::GetSen2ReturnRequest& request);

  // Every journey of the pupil, all events, clocks and completed tasks.
  absl::StatusOr<v1::Chronology> GetChronology(
      const auth::Principal& caller, const v1::GetChronologyRequest& request);

 private:
  storage::ViewStore& views_;
  storage::CaseStore& cases_;
  storage::TaskStore& tasks_;
  const Clock& clock_;
  storage::SupportStore* support_;
};

// Computes the report from issued plans (exposed for tests of the
// arithmetic).
v1::TimelinessReport Timeliness(
    int year, const std::vector<storage::IssuedPlanRow>& plans);

}  // namespace sendcase::casework

#endif  // SENDCASE_SERVICES_CASEWORK_VIEW_ENGINE_H_
