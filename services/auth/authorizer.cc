#include "services/auth/authorizer.h"

#include <algorithm>
#include <initializer_list>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/common/error_reason.h"

namespace sendcase::auth {
namespace {

using R = v1::Role;

struct Policy {
  Method method;
  absl::string_view name;
  std::initializer_list<R> roles;  // ADMIN may call everything
};

// Staff who work with a pupil's record; TRUST reads for oversight. PARENT
// reads only the family view of its own child (GetFamilyView).
constexpr std::initializer_list<R> kReaders = {R::SENCO,
                                               R::CLASS_TEACHER,
                                               R::HEADTEACHER,
                                               R::LA_CASE_OFFICER,
                                               R::EDUCATIONAL_PSYCHOLOGIST,
                                               R::HEALTH,
                                               R::SOCIAL_CARE,
                                               R::TRUST,
                                               R::AREA_SENCO};
constexpr std::initializer_list<R> kWriters = {R::SENCO, R::HEADTEACHER,
                                               R::LA_CASE_OFFICER};
// The graduated approach is the school's own work: its SENCO, teachers and
// head write it. Agreeing a plan records a journey event, which teachers do
// not (record_policy.cc), so a teacher drafts and the SENCO or head agrees
// and reviews (both record events).
// The LA reads plans as evidence for an assessment request; a trust reads
// its settings' maps and effectiveness; an Area SENCO reads its early-years
// settings' plans, catalogues and reports, to advise them.
constexpr std::initializer_list<R> kSchoolStaff = {R::SENCO, R::CLASS_TEACHER,
                                                   R::HEADTEACHER};
constexpr std::initializer_list<R> kPlanReaders = {
    R::SENCO, R::CLASS_TEACHER, R::HEADTEACHER, R::LA_CASE_OFFICER,
    R::AREA_SENCO};
constexpr std::initializer_list<R> kSettingReaders = {
    R::SENCO, R::CLASS_TEACHER, R::HEADTEACHER, R::TRUST, R::AREA_SENCO};

const Policy kPolicies[] = {
    {Method::kCreatePupil, "CreatePupil", kWriters},
    {Method::kGetPupil, "GetPupil", kReaders},
    {Method::kListPupils, "ListPupils", kReaders},
    {Method::kGetJourney, "GetJourney", kReaders},
    {Method::kListJourneys, "ListJourneys", kReaders},
    {Method::kRecordEvent, "RecordEvent", kWriters},
    {Method::kListJourneyEvents, "ListJourneyEvents", kReaders},
    {Method::kListTasks, "ListTasks", kReaders},
    {Method::kCompleteTask, "CompleteTask", kReaders},
    {Method::kPreviewRules, "PreviewRules", {R::LA_CASE_OFFICER}},
    {Method::kCreateContact, "CreateContact", kWriters},
    {Method::kListContacts, "ListContacts", kWriters},
    {Method::kDeleteContact, "DeleteContact", kWriters},
    {Method::kWatchAlerts, "WatchAlerts", kReaders},
    {Method::kListAssessments, "ListAssessments", kReaders},
    {Method::kGetTimelinessReport,
     "GetTimelinessReport",
     {R::LA_CASE_OFFICER, R::HEADTEACHER, R::SENCO, R::TRUST}},
    {Method::kGetChronology, "GetChronology", kReaders},
    {Method::kCreateSetting, "CreateSetting", {R::LA_CASE_OFFICER}},
    {Method::kListSettings, "ListSettings", kReaders},
    {Method::kUpdatePupil, "UpdatePupil", kWriters},
    {Method::kAssignCaseOfficer, "AssignCaseOfficer", {R::LA_CASE_OFFICER}},
    {Method::kListSenRegister, "ListSenRegister", kReaders},
    {Method::kListReviewsDue, "ListReviewsDue", kReaders},
    {Method::kListCaseloads, "ListCaseloads", {R::LA_CASE_OFFICER}},
    {Method::kGetSen2Return, "GetSen2Return", {R::LA_CASE_OFFICER}},
    {Method::kListSettingSummaries,
     "ListSettingSummaries",
     {R::LA_CASE_OFFICER, R::HEADTEACHER, R::SENCO, R::TRUST, R::AREA_SENCO}},
    {Method::kListAuditRecords, "ListAuditRecords", {}},  // ADMIN only
    {Method::kWatchEvents, "WatchEvents", kReaders},
    // Moves statutory dates across journeys: the LA's officers (in their
    // scope) and ADMIN.
    {Method::kUpgradeJourneyRules, "UpgradeJourneyRules", {R::LA_CASE_OFFICER}},
    {Method::kCreateIntervention, "CreateIntervention", kSchoolStaff},
    {Method::kListInterventions, "ListInterventions", kSettingReaders},
    {Method::kCreateSupportPlan, "CreateSupportPlan", kSchoolStaff},
    {Method::kUpdateSupportPlan, "UpdateSupportPlan", kSchoolStaff},
    {Method::kAgreeSupportPlan, "AgreeSupportPlan", {R::SENCO, R::HEADTEACHER}},
    {Method::kReviewSupportPlan,
     "ReviewSupportPlan",
     {R::SENCO, R::HEADTEACHER}},
    {Method::kListSupportPlans, "ListSupportPlans", kPlanReaders},
    {Method::kCreateInterventionPlace, "CreateInterventionPlace", kSchoolStaff},
    {Method::kUpdateInterventionPlace, "UpdateInterventionPlace", kSchoolStaff},
    {Method::kGetProvisionMap, "GetProvisionMap", kSettingReaders},
    {Method::kGetInterventionEffectiveness, "GetInterventionEffectiveness",
     kSettingReaders},
    // A referral and its answer record journey events (record_policy.cc).
    {Method::kCreateAgencyReferral,
     "CreateAgencyReferral",
     {R::SENCO, R::HEADTEACHER}},
    {Method::kUpdateAgencyReferral,
     "UpdateAgencyReferral",
     {R::SENCO, R::HEADTEACHER}},
    // Bringing a moved pupil's earlier plans into the record: an
    // accountable act, like agreeing a plan.
    {Method::kImportSupportPlanHistory,
     "ImportSupportPlanHistory",
     {R::SENCO, R::HEADTEACHER}},
    // The family's one read (a PARENT token is scoped to its own child);
    // staff who read the pupil may see what the family sees.
    {Method::kGetFamilyView,
     "GetFamilyView",
     {R::PARENT, R::SENCO, R::CLASS_TEACHER, R::HEADTEACHER, R::LA_CASE_OFFICER,
      R::EDUCATIONAL_PSYCHOLOGIST, R::HEALTH, R::SOCIAL_CARE, R::TRUST,
      R::AREA_SENCO}},
};

// Fails closed: a Method without a row is allowed to nobody (tested).
constexpr Policy kNobody = {Method::kCreatePupil, "(no policy)", {}};

const Policy& PolicyFor(Method method) {
  for (const Policy& p : kPolicies) {
    if (p.method == method) return p;
  }
  return kNobody;
}

}  // namespace

absl::string_view MethodName(Method method) { return PolicyFor(method).name; }

absl::Status AuthorizeMethod(const Principal& principal, Method method) {
  if (principal.admin) return absl::OkStatus();
  const Policy& policy = PolicyFor(method);
  for (R role : policy.roles) {
    if (role == principal.role) return absl::OkStatus();
  }
  return WithReason(
      absl::PermissionDeniedError(absl::StrCat("role ", principal.RoleName(),
                                               " may not call ", policy.name)),
      "ROLE_NOT_PERMITTED",
      {{"role", principal.RoleName()}, {"method", std::string(policy.name)}});
}

absl::Status CheckPupilAccess(const Principal& principal,
                              absl::string_view setting_urn,
                              absl::string_view la_code,
                              absl::string_view resource) {
  const Scope& s = principal.scope;
  bool allowed = false;
  switch (s.kind) {
    case Scope::Kind::kAll:
      allowed = true;
      break;
    case Scope::Kind::kSetting:
      allowed = s.id == setting_urn;
      break;
    case Scope::Kind::kLocalAuthority:
    case Scope::Kind::kTrust:
      // A trust's settings, or an Area SENCO's early-years settings, from
      // the settings register; otherwise the LA's own pupils.
      allowed = principal.NarrowedToSettings()
                    ? principal.HasSetting(setting_urn)
                    : s.id == la_code;
      break;
    case Scope::Kind::kPupil: {
      // The child itself or anything under it, never a neighbour whose id
      // merely starts the same.
      const std::string own = absl::StrCat("pupils/", s.id);
      allowed = resource == own || absl::StartsWith(resource, own + "/");
      break;
    }
  }
  if (allowed) return absl::OkStatus();
  return WithReason(absl::PermissionDeniedError(absl::StrCat(
                        "scope ", s.ToString(), " does not cover ", resource)),
                    "OUT_OF_SCOPE", {{"resource", std::string(resource)}});
}

absl::Status CheckScopeWithin(const Principal& principal,
                              absl::string_view scope) {
  if (principal.scope.kind == Scope::Kind::kAll) return absl::OkStatus();
  // A scope covers itself (an LA officer manages "la:CODE" contacts, a
  // SENCO "setting:URN" ones); a trust also covers its settings.
  if (principal.scope.ToString() == scope) return absl::OkStatus();
  for (const std::string& urn : principal.setting_urns) {
    if (scope == absl::StrCat("setting:", urn)) return absl::OkStatus();
  }
  return WithReason(
      absl::PermissionDeniedError(absl::StrCat(
          "scope ", principal.scope.ToString(), " does not cover ", scope)),
      "OUT_OF_SCOPE", {{"scope", std::string(scope)}});
}

std::vector<std::string> ContactScopesFor(const Principal& principal,
                                          bool* all) {
  *all = principal.scope.kind == Scope::Kind::kAll;
  if (*all) return {};
  std::vector<std::string> scopes = {principal.scope.ToString()};
  for (const std::string& urn : principal.setting_urns) {
    scopes.push_back(absl::StrCat("setting:", urn));
  }
  return scopes;
}

storage::Visibility VisibilityFor(const Principal& principal) {
  storage::Visibility v;
  switch (principal.scope.kind) {
    case Scope::Kind::kAll:
      v.all = true;
      break;
    case Scope::Kind::kSetting:
      v.setting_urns = {principal.scope.id};
      break;
    case Scope::Kind::kLocalAuthority:
    case Scope::Kind::kTrust:
      if (principal.NarrowedToSettings()) {
        v.setting_urns = principal.setting_urns;  // none: sees nothing
      } else {
        v.local_authority_codes = {principal.scope.id};
      }
      break;
    case Scope::Kind::kPupil:
      break;  // one child's family lists nothing
  }
  return v;
}

}  // namespace sendcase::auth
