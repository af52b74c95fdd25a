// SupportEngine: pupils' places on interventions, and the setting's
// provision map and effectiveness reports (arithmetic in support_reports.h).
#include <set>

#include "absl/strings/str_cat.h"
#include "services/auth/authorizer.h"
#include "services/casework/idempotency.h"
#include "services/casework/proto_convert.h"
#include "services/casework/support_engine.h"
#include "services/casework/support_reports.h"
#include "services/casework/support_state.h"
#include "services/common/error_reason.h"
#include "services/common/proto_time.h"
#include "services/common/status_macros.h"

namespace sendcase::casework {
namespace {

using auth::Method;

// The dates of a report: both required, the first not after the second,
// at most a year apart.
absl::Status CheckPeriod(bool has_first, const google::type::Date& first,
                         absl::string_view first_field, bool has_last,
                         const google::type::Date& last,
                         absl::string_view last_field, Day* from, Day* to) {
  ASSIGN_OR_RETURN(*from, RequiredDate(has_first, first, first_field));
  ASSIGN_OR_RETURN(*to, RequiredDate(has_last, last, last_field));
  if (*to < *from) {
    return absl::InvalidArgumentError(
        absl::StrCat(last_field, ": must not be before ", first_field));
  }
  if ((*to - *from).count() > 366) {
    return absl::InvalidArgumentError(
        absl::StrCat(last_field, ": at most a year after ", first_field));
  }
  return absl::OkStatus();
}

}  // namespace

// The place's intervention must be one of the pupil's current setting, and
// the outcomes it serves outcomes of its plan (checked against the store).
absl::Status SupportEngine::CheckPlaceLinks(const v1::InterventionPlace& place,
                                            const storage::PupilRecord& pupil) {
  ASSIGN_OR_RETURN(
      InterventionName intervention,
      ParseInterventionName(place.intervention(), "place.intervention"));
  if (intervention.setting_urn != pupil.pupil.setting_urn()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "place.intervention: ", intervention.Format(),
        " is not an intervention of the pupil's setting (settings/",
        pupil.pupil.setting_urn(), ")"));
  }
  absl::Status found =
      support_.GetIntervention(intervention.setting_urn, intervention.id)
          .status();
  if (absl::IsNotFound(found)) {
    return absl::NotFoundError(absl::StrCat(
        "place.intervention: ", intervention.Format(), " not found"));
  }
  RETURN_IF_ERROR(found);
  return CheckOutcomes(place.support_plan(), place.outcome_ids(), "place.");
}

absl::StatusOr<v1::InterventionPlace> SupportEngine::CreateInterventionPlace(
    const auth::Principal& caller,
    const v1::CreateInterventionPlaceRequest& request) {
  RETURN_IF_ERROR(
      auth::AuthorizeMethod(caller, Method::kCreateInterventionPlace));
  ASSIGN_OR_RETURN(PupilName pupil_name,
                   ParsePupilName(request.parent(), "parent"));
  const Instant now = clock_.Now();
  RETURN_IF_ERROR(ValidatePlace(request.place(), pupil_name, LondonDate(now)));
  ASSIGN_OR_RETURN(storage::PupilRecord pupil,
                   LoadPupil(caller, pupil_name, request.parent()));
  ASSIGN_OR_RETURN(IdempotentStart start,
                   BeginIdempotent(cases_, caller, "CreateInterventionPlace",
                                   request.request_id(), request));
  if (start.replay) return ParseReplay<v1::InterventionPlace>(*start.replay);
  RETURN_IF_ERROR(CheckPlaceLinks(request.place(), pupil));
  ASSIGN_OR_RETURN(InterventionName intervention,
                   ParseInterventionName(request.place().intervention(),
                                         "place.intervention"));
  storage::PlaceRecord record{
      pupil_name,      ids_.NewId(),           intervention.setting_urn,
      intervention.id, storage::kFirstVersion, request.place()};
  const v1::InterventionPlace rendered = RenderPlace(record);
  return ResolveRace(
      cases_, start.key, [&]() -> absl::StatusOr<v1::InterventionPlace> {
        RETURN_IF_ERROR(support_.InsertPlace(
            record, {start.key, rendered.SerializeAsString(), now}));
        return rendered;
      }());
}

absl::StatusOr<v1::InterventionPlace> SupportEngine::UpdateInterventionPlace(
    const auth::Principal& caller,
    const v1::UpdateInterventionPlaceRequest& request) {
  RETURN_IF_ERROR(
      auth::AuthorizeMethod(caller, Method::kUpdateInterventionPlace));
  const v1::InterventionPlace& in = request.place();
  ASSIGN_OR_RETURN(PlaceName name, ParsePlaceName(in.name(), "place.name"));
  ASSIGN_OR_RETURN(std::set<std::string> paths,
                   MaskPaths(request.update_mask(),
                             {"end_date", "planned_sessions",
                              "attended_sessions", "entry_measure",
                              "exit_measure", "support_plan", "outcome_ids"}));
  auto changes = [&](const char* path) { return paths.count(path) > 0; };
  ASSIGN_OR_RETURN(storage::PupilRecord pupil,
                   LoadPupil(caller, name.pupil, in.name()));
  ASSIGN_OR_RETURN(IdempotentStart start,
                   BeginIdempotent(cases_, caller, "UpdateInterventionPlace",
                                   request.request_id(), request));
  if (start.replay) return ParseReplay<v1::InterventionPlace>(*start.replay);
  ASSIGN_OR_RETURN(storage::PlaceRecord record,
                   support_.GetPlace(name.pupil, name.id));
  RETURN_IF_ERROR(CheckEtag(in.etag(), record.version, in.name()));
  v1::InterventionPlace& p = record.place;
  if (changes("end_date")) {
    p.clear_end_date();
    if (in.has_end_date()) *p.mutable_end_date() = in.end_date();
  }
  if (changes("planned_sessions"))
    p.set_planned_sessions(in.planned_sessions());
  if (changes("attended_sessions")) {
    p.set_attended_sessions(in.attended_sessions());
  }
  if (changes("entry_measure")) {
    p.clear_entry_measure();
    if (in.has_entry_measure()) p.set_entry_measure(in.entry_measure());
  }
  if (changes("exit_measure")) {
    p.clear_exit_measure();
    if (in.has_exit_measure()) p.set_exit_measure(in.exit_measure());
  }
  if (changes("support_plan")) p.set_support_plan(in.support_plan());
  if (changes("outcome_ids")) *p.mutable_outcome_ids() = in.outcome_ids();
  // The place as it would be, checked whole; its intervention stays what
  // it was, even if the pupil has moved since.
  v1::InterventionPlace merged = RenderPlace(record);
  const Instant now = clock_.Now();
  RETURN_IF_ERROR(ValidatePlace(merged, name.pupil, LondonDate(now)));
  if (changes("support_plan") || changes("outcome_ids")) {
    storage::PupilRecord at_setting = pupil;
    at_setting.pupil.set_setting_urn(record.setting_urn);
    RETURN_IF_ERROR(CheckPlaceLinks(merged, at_setting));
  }
  const int64_t expected = record.version;
  record.version = storage::NextVersion(expected);
  const v1::InterventionPlace rendered = RenderPlace(record);
  return ResolveRace(
      cases_, start.key, [&]() -> absl::StatusOr<v1::InterventionPlace> {
        RETURN_IF_ERROR(support_.UpdatePlace(
            record, expected, {start.key, rendered.SerializeAsString(), now}));
        return rendered;
      }());
}

absl::StatusOr<v1::ProvisionMap> SupportEngine::GetProvisionMap(
    const auth::Principal& caller, const v1::GetProvisionMapRequest& request) {
  RETURN_IF_ERROR(auth::AuthorizeMethod(caller, Method::kGetProvisionMap));
  ASSIGN_OR_RETURN(std::string urn,
                   ParseSettingName(request.parent(), "parent"));
  Day first, last;
  RETURN_IF_ERROR(CheckPeriod(request.has_term_start(), request.term_start(),
                              "term_start", request.has_term_end(),
                              request.term_end(), "term_end", &first, &last));
  if (request.teaching_weeks() < 1 || request.teaching_weeks() > 20) {
    return absl::InvalidArgumentError("teaching_weeks: must be 1 to 20");
  }
  RETURN_IF_ERROR(CheckSettingAccess(caller, urn));
  ASSIGN_OR_RETURN(std::vector<v1::Intervention> catalogue, Catalogue(urn));
  ASSIGN_OR_RETURN(std::vector<storage::SettingPlaceRow> places,
                   support_.ListSettingPlaces(
                       urn, storage::PlaceWindow::kOverlapping, first, last));
  v1::ProvisionMap map =
      BuildProvisionMap(catalogue, places, request.teaching_weeks());
  map.set_setting(request.parent());
  *map.mutable_term_start() = request.term_start();
  *map.mutable_term_end() = request.term_end();
  return map;
}

absl::StatusOr<v1::InterventionEffectiveness>
SupportEngine::GetInterventionEffectiveness(
    const auth::Principal& caller,
    const v1::GetInterventionEffectivenessRequest& request) {
  RETURN_IF_ERROR(
      auth::AuthorizeMethod(caller, Method::kGetInterventionEffectiveness));
  ASSIGN_OR_RETURN(std::string urn,
                   ParseSettingName(request.parent(), "parent"));
  Day first, last;
  RETURN_IF_ERROR(CheckPeriod(request.has_start_date(), request.start_date(),
                              "start_date", request.has_end_date(),
                              request.end_date(), "end_date", &first, &last));
  RETURN_IF_ERROR(CheckSettingAccess(caller, urn));
  ASSIGN_OR_RETURN(std::vector<v1::Intervention> catalogue, Catalogue(urn));
  ASSIGN_OR_RETURN(std::vector<storage::SettingPlaceRow> places,
                   support_.ListSettingPlaces(
                       urn, storage::PlaceWindow::kEndedWithin, first, last));
  // Each linked plan is read once; a plan that cannot be read counts as
  // unrated (the report names no pupil, so it cannot say which).
  std::map<std::pair<std::string, int>, std::optional<v1::SupportPlan>> plans;
  auto rating = [&](const storage::PlaceRecord& place,
                    const std::string& outcome) -> std::optional<int32_t> {
    auto name = ParseSupportPlanName(place.place.support_plan(), "");
    if (!name.ok()) return std::nullopt;
    auto key = std::make_pair(name->pupil.pupil, name->cycle);
    auto it = plans.find(key);
    if (it == plans.end()) {
      auto read = support_.GetSupportPlan(name->pupil, name->cycle);
      it = plans
               .emplace(key,
                        read.ok() ? std::optional(read->plan) : std::nullopt)
               .first;
    }
    if (!it->second.has_value()) return std::nullopt;
    for (const auto& o : it->second->outcomes()) {
      if (o.id() == outcome && o.has_rating()) return o.rating();
    }
    return std::nullopt;
  };
  v1::InterventionEffectiveness report =
      BuildEffectiveness(catalogue, places, rating);
  report.set_setting(request.parent());
  *report.mutable_start_date() = request.start_date();
  *report.mutable_end_date() = request.end_date();
  return report;
}

}  // namespace sendcase::casework
