#ifndef SENDCASE_SERVICES_CASEWORK_SUPPORT_ENGINE_H_
#define SENDCASE_SERVICES_CASEWORK_SUPPORT_ENGINE_H_

// SupportEngine: the graduated approach (sendcase/v1/support.proto): the
// intervention catalogue of a setting, a pupil's support plans cycle by
// cycle, places on interventions, and the provision map and effectiveness
// reports.
//
// Access (besides the method table in auth/authorizer.cc): a setting's
// catalogue and reports need a scope that covers the setting (the setting
// itself, its trust, or everything); a pupil's plans and places need a scope
// that covers the pupil where it is now, so a school loses them when the
// pupil moves and the new school gains the whole history.
//
// Agreeing a plan records sen_support_started (the journey is still at
// CONCERN) or support_reviewed (SEN support continues) on the pupil's
// current journey with the plan's review date, in the plan's transaction
// (CaseEngine::RecordEventFor): the support.review clock, its task and its
// reminders follow the plan's date.
//
// Error codes as CaseEngine; FailedPrecondition for a plan in the wrong
// state, naming it and its state. Thread-safe: no mutable state.

#include "absl/status/statusor.h"
#include "sendcase/v1/case_service.pb.h"
#include "services/auth/principal.h"
#include "services/casework/case_engine.h"
#include "services/casework/id_generator.h"
#include "services/casework/support_validation.h"
#include "services/common/clock.h"
#include "services/storage/case_store.h"
#include "services/storage/support_store.h"

namespace sendcase::casework {

class SupportEngine {
 public:
  // Borrows everything; all must outlive the engine.
  SupportEngine(storage::CaseStore& cases, storage::SupportStore& support,
                CaseEngine& case_engine, const Clock& clock, IdGenerator& ids)
      : cases_(cases),
        support_(support),
        case_engine_(case_engine),
        clock_(clock),
        ids_(ids) {}

  absl::StatusOr<v1::Intervention> CreateIntervention(
      const auth::Principal& caller,
      const v1::CreateInterventionRequest& request);
  absl::StatusOr<v1::ListInterventionsResponse> ListInterventions(
      const auth::Principal& caller,
      const v1::ListInterventionsRequest& request);

  // support_plans.cc
  absl::StatusOr<v1::SupportPlan> CreateSupportPlan(
      const auth::Principal& caller,
      const v1::CreateSupportPlanRequest& request);
  absl::StatusOr<v1::SupportPlan> UpdateSupportPlan(
      const auth::Principal& caller,
      const v1::UpdateSupportPlanRequest& request);
  absl::StatusOr<v1::SupportPlan> AgreeSupportPlan(
      const auth::Principal& caller,
      const v1::AgreeSupportPlanRequest& request);
  absl::StatusOr<v1::ReviewSupportPlanResponse> ReviewSupportPlan(
      const auth::Principal& caller,
      const v1::ReviewSupportPlanRequest& request);
  absl::StatusOr<v1::ListSupportPlansResponse> ListSupportPlans(
      const auth::Principal& caller,
      const v1::ListSupportPlansRequest& request);
  // support_import.cc: another installation's export, kept read-only.
  absl::StatusOr<v1::ImportedPlanHistory> ImportSupportPlanHistory(
      const auth::Principal& caller,
      const v1::ImportSupportPlanHistoryRequest& request);

  // support_places.cc
  absl::StatusOr<v1::InterventionPlace> CreateInterventionPlace(
      const auth::Principal& caller,
      const v1::CreateInterventionPlaceRequest& request);
  absl::StatusOr<v1::InterventionPlace> UpdateInterventionPlace(
      const auth::Principal& caller,
      const v1::UpdateInterventionPlaceRequest& request);
  // support_referrals.cc
  absl::StatusOr<v1::AgencyReferral> CreateAgencyReferral(
      const auth::Principal& caller,
      const v1::CreateAgencyReferralRequest& request);
  absl::StatusOr<v1::AgencyReferral> UpdateAgencyReferral(
      const auth::Principal& caller,
      const v1::UpdateAgencyReferralRequest& request);

  absl::StatusOr<v1::ProvisionMap> GetProvisionMap(
      const auth::Principal& caller, const v1::GetProvisionMapRequest& request);
  absl::StatusOr<v1::InterventionEffectiveness> GetInterventionEffectiveness(
      const auth::Principal& caller,
      const v1::GetInterventionEffectivenessRequest& request);

 private:
  // The pupil, if the caller's scope covers it where it is now;
  // PermissionDenied naming `resource` (NotFound only to callers who could
  // see it).
  absl::StatusOr<storage::PupilRecord> LoadPupil(const auth::Principal& caller,
                                                 const PupilName& pupil,
                                                 absl::string_view resource);
  // The setting's whole catalogue, for the reports.
  absl::StatusOr<std::vector<v1::Intervention>> Catalogue(
      const std::string& setting_urn);
  // The place's intervention is one of the pupil's setting and exists; its
  // plan and outcome ids exist.
  absl::Status CheckPlaceLinks(const v1::InterventionPlace& place,
                               const storage::PupilRecord& pupil);
  // The outcomes `outcome_ids` are of the pupil's plan `plan` (field names
  // under `prefix`); nothing to check without a plan.
  absl::Status CheckOutcomes(
      const std::string& plan,
      const google::protobuf::RepeatedPtrField<std::string>& outcome_ids,
      absl::string_view prefix);
  absl::StatusOr<v1::AgencyReferral> RecordReferral(
      const auth::Principal& caller, const v1::RecordEventRequest& event,
      const storage::ReferralWrite& write,
      const std::optional<storage::IdempotencyKey>& key);
  absl::StatusOr<storage::JourneyRecord> CurrentJourney(const PupilName& pupil);
  // Commits `write` (and its next draft) with no journey event, checked
  // against and moving `journey`'s version: Aborted if it changed.
  absl::Status CommitPlanOnly(const storage::JourneyRecord& journey,
                              const storage::SupportPlanWrite& write,
                              const std::optional<storage::IdempotencyKey>& key,
                              const std::string& response);
  // One read-evaluate-commit each; Aborted if something moved meanwhile.
  absl::StatusOr<v1::SupportPlan> AgreeOnce(
      const auth::Principal& caller, const v1::AgreeSupportPlanRequest& request,
      const SupportPlanName& name,
      const std::optional<storage::IdempotencyKey>& key);
  absl::StatusOr<v1::ReviewSupportPlanResponse> ReviewOnce(
      const auth::Principal& caller,
      const v1::ReviewSupportPlanRequest& request, const SupportPlanName& name,
      Day meeting, const std::optional<storage::IdempotencyKey>& key);

  storage::CaseStore& cases_;
  storage::SupportStore& support_;
  CaseEngine& case_engine_;
  const Clock& clock_;
  IdGenerator& ids_;
};

// PermissionDenied unless the caller's scope covers settings/{urn}: the
// setting itself, its trust, or everything.
absl::Status CheckSettingAccess(const auth::Principal& caller,
                                const std::string& urn);

// A stored plan or place as the API shows it (name and etag).
v1::SupportPlan RenderSupportPlan(const storage::SupportPlanRecord& record);
v1::InterventionPlace RenderPlace(const storage::PlaceRecord& record);
// With response_due_date from the journey's clock for its service, when
// `journey` has one.
v1::AgencyReferral RenderReferral(const storage::ReferralRecord& record,
                                  const v1::Journey* journey);

}  // namespace sendcase::casework

#endif  // SENDCASE_SERVICES_CASEWORK_SUPPORT_ENGINE_H_
