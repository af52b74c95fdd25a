// SupportEngine: access, rendering and the intervention catalogue.
#include "services/casework/support_engine.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "services/auth/authorizer.h"
#include "services/casework/access.h"
#include "services/casework/idempotency.h"
#include "services/casework/paging.h"
#include "services/casework/proto_convert.h"
#include "services/common/status_macros.h"

namespace sendcase::casework {

using auth::Method;

absl::Status CheckSettingAccess(const auth::Principal& caller,
                                const std::string& urn) {
  const auth::Scope& scope = caller.scope;
  bool allowed = false;
  switch (scope.kind) {
    case auth::Scope::Kind::kAll:
      allowed = true;
      break;
    case auth::Scope::Kind::kSetting:
      allowed = scope.id == urn;
      break;
    case auth::Scope::Kind::kTrust:
    case auth::Scope::Kind::kLocalAuthority:
      // An LA's scope covers its pupils, not a school's own catalogue; an
      // Area SENCO's covers its early-years settings' (as a trust's).
      allowed = caller.NarrowedToSettings() && caller.HasSetting(urn);
      break;
    case auth::Scope::Kind::kPupil:
      break;  // a family reads no setting's records
  }
  if (allowed) return absl::OkStatus();
  return absl::PermissionDeniedError(absl::StrCat(
      "scope ", scope.ToString(), " does not cover settings/", urn));
}

v1::SupportPlan RenderSupportPlan(const storage::SupportPlanRecord& record) {
  v1::SupportPlan plan = record.plan;
  plan.set_name(
      absl::StrCat(record.pupil.Format(), "/supportPlans/", record.cycle));
  plan.set_cycle(record.cycle);
  plan.set_etag(Etag(record.version));
  return plan;
}

v1::InterventionPlace RenderPlace(const storage::PlaceRecord& record) {
  v1::InterventionPlace place = record.place;
  place.set_name(PlaceName{record.pupil, record.id}.Format());
  place.set_intervention(
      InterventionName{record.setting_urn, record.intervention_id}.Format());
  place.set_etag(Etag(record.version));
  return place;
}

absl::StatusOr<storage::PupilRecord> SupportEngine::LoadPupil(
    const auth::Principal& caller, const PupilName& pupil,
    absl::string_view resource) {
  absl::StatusOr<storage::PupilRecord> record = cases_.GetPupil(pupil);
  if (!record.ok()) return HideMissing(caller, record.status(), resource);
  RETURN_IF_ERROR(auth::CheckPupilAccess(caller, record->pupil.setting_urn(),
                                         record->pupil.local_authority_code(),
                                         resource));
  return record;
}

absl::StatusOr<std::vector<v1::Intervention>> SupportEngine::Catalogue(
    const std::string& setting_urn) {
  return storage::ReadAllPages<v1::Intervention>(
      [&](const storage::PageRequest& page) {
        return support_.ListInterventions(setting_urn, page);
      });
}

absl::Status SupportEngine::CheckOutcomes(
    const std::string& plan,
    const google::protobuf::RepeatedPtrField<std::string>& outcome_ids,
    absl::string_view prefix) {
  if (plan.empty()) return absl::OkStatus();
  ASSIGN_OR_RETURN(
      SupportPlanName name,
      ParseSupportPlanName(plan, absl::StrCat(prefix, "support_plan")));
  absl::StatusOr<storage::SupportPlanRecord> found =
      support_.GetSupportPlan(name.pupil, name.cycle);
  if (absl::IsNotFound(found.status())) {
    return absl::NotFoundError(
        absl::StrCat(prefix, "support_plan: ", plan, " not found"));
  }
  RETURN_IF_ERROR(found.status());
  for (int n = 0; n < outcome_ids.size(); ++n) {
    bool known = false;
    for (const auto& o : found->plan.outcomes())
      known |= o.id() == outcome_ids[n];
    if (!known) {
      return absl::InvalidArgumentError(absl::StrCat(
          prefix, "outcome_ids[", n, "]: not an outcome of ", plan));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::Intervention> SupportEngine::CreateIntervention(
    const auth::Principal& caller,
    const v1::CreateInterventionRequest& request) {
  RETURN_IF_ERROR(auth::AuthorizeMethod(caller, Method::kCreateIntervention));
  ASSIGN_OR_RETURN(std::string urn,
                   ParseSettingName(request.parent(), "parent"));
  RETURN_IF_ERROR(ValidateIntervention(request.intervention()));
  RETURN_IF_ERROR(CheckSettingAccess(caller, urn));
  ASSIGN_OR_RETURN(IdempotentStart start,
                   BeginIdempotent(cases_, caller, "CreateIntervention",
                                   request.request_id(), request));
  if (start.replay) return ParseReplay<v1::Intervention>(*start.replay);
  const std::string id = ids_.NewId();
  v1::Intervention created = request.intervention();
  created.set_name(InterventionName{urn, id}.Format());
  return ResolveRace(
      cases_, start.key, [&]() -> absl::StatusOr<v1::Intervention> {
        RETURN_IF_ERROR(support_.CreateIntervention(
            urn, id, created,
            {start.key, created.SerializeAsString(), clock_.Now()}));
        return created;
      }());
}

absl::StatusOr<v1::ListInterventionsResponse> SupportEngine::ListInterventions(
    const auth::Principal& caller,
    const v1::ListInterventionsRequest& request) {
  RETURN_IF_ERROR(auth::AuthorizeMethod(caller, Method::kListInterventions));
  ASSIGN_OR_RETURN(std::string urn,
                   ParseSettingName(request.parent(), "parent"));
  RETURN_IF_ERROR(CheckSettingAccess(caller, urn));
  ASSIGN_OR_RETURN(storage::PageRequest page,
                   ParsePage(request.page_size(), request.page_token(),
                             absl::StrCat("i", urn)));
  ASSIGN_OR_RETURN(auto result, support_.ListInterventions(urn, page));
  v1::ListInterventionsResponse response;
  for (auto& i : result.items) *response.add_interventions() = std::move(i);
  response.set_next_page_token(
      NextPageToken(result.next_after, absl::StrCat("i", urn)));
  return response;
}

}  // namespace sendcase::casework
