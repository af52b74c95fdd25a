#ifndef SENDCASE_SERVICES_AUTH_AUTHORIZER_H_
#define SENDCASE_SERVICES_AUTH_AUTHORIZER_H_

// The single, reviewable access policy (authorizer.cc): which roles may call
// which method, and which pupils a scope covers. Every RPC goes through it:
// first AuthorizeMethod, then CheckPupilAccess for a single resource or
// VisibilityFor for a list. Pure; thread-safe.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "sendcase/v1/journey_event.pb.h"
#include "services/auth/principal.h"
#include "services/storage/records.h"

namespace sendcase::auth {

enum class Method {
  kCreatePupil,
  kGetPupil,
  kListPupils,
  kGetJourney,
  kListJourneys,
  kRecordEvent,
  kListJourneyEvents,
  kListTasks,
  kCompleteTask,
  kPreviewRules,
  kCreateContact,
  kListContacts,
  kDeleteContact,
  kWatchAlerts,
  kListAssessments,
  kGetTimelinessReport,
  kGetChronology,
  kCreateSetting,
  kListSettings,
  kUpdatePupil,
  kAssignCaseOfficer,
  kListSenRegister,
  kListReviewsDue,
  kListCaseloads,
  kListSettingSummaries,
  kListAuditRecords,
  kWatchEvents,
  kUpgradeJourneyRules,
  kCreateIntervention,
  kListInterventions,
  kCreateSupportPlan,
  kUpdateSupportPlan,
  kAgreeSupportPlan,
  kReviewSupportPlan,
  kListSupportPlans,
  kCreateInterventionPlace,
  kUpdateInterventionPlace,
  kGetProvisionMap,
  kGetInterventionEffectiveness,
  kCreateAgencyReferral,
  kUpdateAgencyReferral,
  kImportSupportPlanHistory,
  kGetSen2Return,
  kGetFamilyView,
};
// The last Method, for tests that walk them all; keep it last.
inline constexpr Method kLastMethod = Method::kGetFamilyView;

// PermissionDenied naming the role and method if the role may not call it.
absl::Status AuthorizeMethod(const Principal& principal, Method method);

// PermissionDenied naming the role, the event kind and who records it, if
// the role may not record that kind (record_policy.cc). KIND_NOT_SET passes
// (validation refuses it).
absl::Status AuthorizeEvent(const Principal& principal,
                            v1::JourneyEvent::KindCase kind);

// PermissionDenied unless the principal is ADMIN or has the task's owner
// role; the message names the task's resource name and its owner role.
absl::Status AuthorizeTaskCompletion(const Principal& principal,
                                     v1::Role owner_role,
                                     absl::string_view task);

// PermissionDenied unless the principal's scope covers a pupil at
// `setting_urn` in local authority `la_code`. The message names the
// resource, never personal data.
absl::Status CheckPupilAccess(const Principal& principal,
                              absl::string_view setting_urn,
                              absl::string_view la_code,
                              absl::string_view resource);

// PermissionDenied unless `scope` (a contact's "setting:URN", "la:CODE",
// "trust:ID" or "*") is within the principal's own scope.
absl::Status CheckScopeWithin(const Principal& principal,
                              absl::string_view scope);

// The scopes whose contacts the principal may list; `*all` is set for "*".
std::vector<std::string> ContactScopesFor(const Principal& principal,
                                          bool* all);

// The rows a list may return for this principal.
storage::Visibility VisibilityFor(const Principal& principal);

absl::string_view MethodName(Method method);

}  // namespace sendcase::auth

#endif  // SENDCASE_SERVICES_AUTH_AUTHORIZER_H_
