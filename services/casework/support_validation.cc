#include "services/casework/support_validation.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/casework/validation.h"
#include "services/common/proto_time.h"
#include "services/common/status_macros.h"

namespace sendcase::casework {
namespace {

absl::Status Invalid(absl::string_view field, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", what));
}

// Names are quoted in errors only up to a bound (they carry no personal
// data, but a hostile one may be long).
std::string Quoted(absl::string_view text) {
  return absl::StrCat("\"", text.substr(0, 80), text.size() > 80 ? "…" : "",
                      "\"");
}

// Splits `text` into `parts` segments whose even ones must equal
// `collections`; InvalidArgument naming `field` and the expected shape.
absl::StatusOr<std::vector<std::string>> Segments(
    absl::string_view text, absl::string_view field,
    std::vector<absl::string_view> collections, absl::string_view shape) {
  std::vector<std::string> parts = absl::StrSplit(text, '/');
  bool ok = parts.size() == collections.size() * 2;
  for (size_t i = 0; ok && i < collections.size(); ++i) {
    ok = parts[2 * i] == collections[i] && !parts[2 * i + 1].empty();
  }
  if (!ok) {
    return Invalid(field, absl::StrCat(text.empty() ? "required" : Quoted(text),
                                       text.empty() ? "" : " is not",
                                       " of the form ", shape));
  }
  return parts;
}

absl::Status CheckId(absl::string_view id, absl::string_view field) {
  if (!IsValidResourceId(id)) {
    return Invalid(field, "ids are 1-63 of [a-z0-9-]");
  }
  return absl::OkStatus();
}

absl::Status OptionalText(absl::string_view text, absl::string_view field,
                          size_t max) {
  return text.empty() ? absl::OkStatus() : ValidateText(text, field, max);
}

absl::Status InRange(int64_t value, int64_t low, int64_t high,
                     absl::string_view field) {
  if (value < low || value > high) {
    return Invalid(field, absl::StrCat("must be ", low, " to ", high));
  }
  return absl::OkStatus();
}

}  // namespace

std::string InterventionName::Format() const {
  return absl::StrCat("settings/", setting_urn, "/interventions/", id);
}
std::string SupportPlanName::Format() const {
  return absl::StrCat(pupil.Format(), "/supportPlans/", cycle);
}
std::string ReferralName::Format() const {
  return absl::StrCat(pupil.Format(), "/agencyReferrals/", id);
}
std::string PlaceName::Format() const {
  return absl::StrCat(pupil.Format(), "/interventionPlaces/", id);
}

absl::StatusOr<std::string> ParseSettingName(absl::string_view text,
                                             absl::string_view field) {
  ASSIGN_OR_RETURN(auto parts,
                   Segments(text, field, {"settings"}, "settings/{urn}"));
  if (!IsDigits(parts[1], 6)) return Invalid(field, "a URN is 6 digits");
  return parts[1];
}

absl::StatusOr<InterventionName> ParseInterventionName(
    absl::string_view text, absl::string_view field) {
  ASSIGN_OR_RETURN(auto parts,
                   Segments(text, field, {"settings", "interventions"},
                            "settings/{urn}/interventions/{intervention}"));
  if (!IsDigits(parts[1], 6)) return Invalid(field, "a URN is 6 digits");
  RETURN_IF_ERROR(CheckId(parts[3], field));
  return InterventionName{parts[1], parts[3]};
}

absl::StatusOr<SupportPlanName> ParseSupportPlanName(absl::string_view text,
                                                     absl::string_view field) {
  ASSIGN_OR_RETURN(auto parts, Segments(text, field, {"pupils", "supportPlans"},
                                        "pupils/{pupil}/supportPlans/{cycle}"));
  RETURN_IF_ERROR(CheckId(parts[1], field));
  int cycle = 0;
  if (!absl::SimpleAtoi(parts[3], &cycle) || cycle < 1 || cycle > 10000 ||
      parts[3] != absl::StrCat(cycle)) {
    return Invalid(field, "a cycle is a number from 1");
  }
  return SupportPlanName{PupilName{parts[1]}, cycle};
}

absl::StatusOr<PlaceName> ParsePlaceName(absl::string_view text,
                                         absl::string_view field) {
  ASSIGN_OR_RETURN(auto parts,
                   Segments(text, field, {"pupils", "interventionPlaces"},
                            "pupils/{pupil}/interventionPlaces/{place}"));
  RETURN_IF_ERROR(CheckId(parts[1], field));
  RETURN_IF_ERROR(CheckId(parts[3], field));
  return PlaceName{PupilName{parts[1]}, parts[3]};
}

absl::StatusOr<ReferralName> ParseReferralName(absl::string_view text,
                                               absl::string_view field) {
  ASSIGN_OR_RETURN(auto parts,
                   Segments(text, field, {"pupils", "agencyReferrals"},
                            "pupils/{pupil}/agencyReferrals/{referral}"));
  RETURN_IF_ERROR(CheckId(parts[1], field));
  RETURN_IF_ERROR(CheckId(parts[3], field));
  return ReferralName{PupilName{parts[1]}, parts[3]};
}

absl::StatusOr<std::set<std::string>> MaskPaths(
    const google::protobuf::FieldMask& mask,
    const std::vector<std::string>& allowed) {
  if (mask.paths_size() == 0) {
    return Invalid("update_mask", "required: name the fields to change");
  }
  std::set<std::string> paths;
  for (int i = 0; i < mask.paths_size(); ++i) {
    if (std::find(allowed.begin(), allowed.end(), mask.paths(i)) ==
        allowed.end()) {
      return Invalid(absl::StrCat("update_mask.paths[", i, "]"),
                     absl::StrCat("not a field that changes (",
                                  absl::StrJoin(allowed, ", "), ")"));
    }
    paths.insert(mask.paths(i));
  }
  return paths;
}

absl::Status ValidateOutcomeIds(
    const google::protobuf::RepeatedPtrField<std::string>& ids,
    absl::string_view field) {
  if (ids.size() > 20) return Invalid(field, "at most 20");
  std::set<std::string> seen;
  for (int n = 0; n < ids.size(); ++n) {
    const std::string item = absl::StrCat(field, "[", n, "]");
    RETURN_IF_ERROR(CheckId(ids[n], item));
    if (!seen.insert(ids[n]).second) return Invalid(item, "named twice");
  }
  return absl::OkStatus();
}

absl::Status ValidateIntervention(const v1::Intervention& i) {
  RETURN_IF_ERROR(ValidateText(i.title(), "intervention.title", 200));
  if (i.area_of_need() == v1::AREA_OF_NEED_UNSPECIFIED ||
      !v1::AreaOfNeed_IsValid(i.area_of_need())) {
    return Invalid("intervention.area_of_need", "required");
  }
  if (i.layer() == v1::SUPPORT_LAYER_UNSPECIFIED ||
      !v1::SupportLayer_IsValid(i.layer())) {
    return Invalid("intervention.layer", "required");
  }
  if (i.delivered_by() == v1::Intervention::STAFF_UNSPECIFIED ||
      !v1::Intervention::Staff_IsValid(i.delivered_by())) {
    return Invalid("intervention.delivered_by", "required");
  }
  RETURN_IF_ERROR(InRange(i.group_size(), 1, 40, "intervention.group_size"));
  RETURN_IF_ERROR(
      InRange(i.sessions_per_week(), 1, 25, "intervention.sessions_per_week"));
  RETURN_IF_ERROR(InRange(i.minutes_per_session(), 1, 480,
                          "intervention.minutes_per_session"));
  RETURN_IF_ERROR(InRange(i.staff_cost_per_hour_pence(), 0, 100000,
                          "intervention.staff_cost_per_hour_pence"));
  RETURN_IF_ERROR(InRange(i.fixed_cost_per_term_pence(), 0, 10000000,
                          "intervention.fixed_cost_per_term_pence"));
  RETURN_IF_ERROR(
      ValidateText(i.measure().name(), "intervention.measure.name", 100));
  return ValidateText(i.measure().unit(), "intervention.measure.unit", 40);
}

absl::Status ValidatePlanFields(const v1::SupportPlan& plan,
                                absl::string_view prefix) {
  if (plan.outcomes_size() > 20) {
    return Invalid(absl::StrCat(prefix, ".outcomes"), "at most 20");
  }
  std::set<std::string> ids;
  for (int n = 0; n < plan.outcomes_size(); ++n) {
    const v1::SupportOutcome& o = plan.outcomes(n);
    const std::string field = absl::StrCat(prefix, ".outcomes[", n, "]");
    RETURN_IF_ERROR(CheckId(o.id(), absl::StrCat(field, ".id")));
    if (!ids.insert(o.id()).second) {
      return Invalid(absl::StrCat(field, ".id"), "used twice in the plan");
    }
    if (o.area_of_need() == v1::AREA_OF_NEED_UNSPECIFIED ||
        !v1::AreaOfNeed_IsValid(o.area_of_need())) {
      return Invalid(absl::StrCat(field, ".area_of_need"), "required");
    }
    RETURN_IF_ERROR(ValidateText(
        o.success_criteria(), absl::StrCat(field, ".success_criteria"), 1000));
    RETURN_IF_ERROR(RequiredDate(o.has_target_date(), o.target_date(),
                                 absl::StrCat(field, ".target_date"))
                        .status());
  }
  RETURN_IF_ERROR(OptionalText(plan.strategies(),
                               absl::StrCat(prefix, ".strategies"), 4000));
  RETURN_IF_ERROR(OptionalText(plan.pupil_views(),
                               absl::StrCat(prefix, ".pupil_views"), 4000));
  RETURN_IF_ERROR(OptionalText(plan.parent_views(),
                               absl::StrCat(prefix, ".parent_views"), 4000));
  if (plan.has_review_date()) {
    RETURN_IF_ERROR(
        FromProtoDate(plan.review_date(), absl::StrCat(prefix, ".review_date"))
            .status());
  }
  return absl::OkStatus();
}

absl::StatusOr<Day> ValidateMeeting(const v1::SupportMeeting& meeting,
                                    absl::string_view field, Day today) {
  ASSIGN_OR_RETURN(Day date, RequiredDate(meeting.has_date(), meeting.date(),
                                          absl::StrCat(field, ".date")));
  if (date > today) {
    return Invalid(absl::StrCat(field, ".date"), "must not be in the future");
  }
  if (meeting.participants_size() < 1 || meeting.participants_size() > 20) {
    return Invalid(absl::StrCat(field, ".participants"),
                   "1 to 20 roles (PARENT for a parent or carer)");
  }
  for (int n = 0; n < meeting.participants_size(); ++n) {
    const int role = meeting.participants(n);
    if (role == v1::ROLE_UNSPECIFIED || !v1::Role_IsValid(role)) {
      return Invalid(absl::StrCat(field, ".participants[", n, "]"),
                     "not a role");
    }
  }
  return date;
}

absl::Status ValidatePlace(const v1::InterventionPlace& p,
                           const PupilName& pupil, Day today) {
  RETURN_IF_ERROR(
      ParseInterventionName(p.intervention(), "place.intervention").status());
  ASSIGN_OR_RETURN(Day start, RequiredDate(p.has_start_date(), p.start_date(),
                                           "place.start_date"));
  if (start > today) {
    return Invalid("place.start_date", "must not be in the future");
  }
  if (p.has_end_date()) {
    ASSIGN_OR_RETURN(Day end, FromProtoDate(p.end_date(), "place.end_date"));
    if (end < start) {
      return Invalid("place.end_date", "must not be before start_date");
    }
    if (end > today) {
      return Invalid("place.end_date", "must not be in the future");
    }
  }
  RETURN_IF_ERROR(
      InRange(p.planned_sessions(), 1, 500, "place.planned_sessions"));
  RETURN_IF_ERROR(InRange(p.attended_sessions(), 0, p.planned_sessions(),
                          "place.attended_sessions"));
  for (const auto& [has, value, field] :
       {std::tuple{p.has_entry_measure(), p.entry_measure(),
                   "place.entry_measure"},
        std::tuple{p.has_exit_measure(), p.exit_measure(),
                   "place.exit_measure"}}) {
    if (has && (!std::isfinite(value) || std::fabs(value) > 1e6)) {
      return Invalid(field, "must be a finite number up to 1000000");
    }
  }
  if (p.has_exit_measure() && !p.has_entry_measure()) {
    return Invalid("place.exit_measure", "needs an entry_measure");
  }
  if (p.has_exit_measure() && !p.has_end_date()) {
    return Invalid("place.exit_measure", "needs an end_date");
  }
  return ValidatePlanLinks(p.support_plan(), p.outcome_ids(), pupil, "place.");
}

absl::Status ValidatePlanLinks(
    const std::string& plan,
    const google::protobuf::RepeatedPtrField<std::string>& outcome_ids,
    const PupilName& pupil, absl::string_view prefix) {
  if (!plan.empty()) {
    const std::string field = absl::StrCat(prefix, "support_plan");
    ASSIGN_OR_RETURN(SupportPlanName name, ParseSupportPlanName(plan, field));
    if (name.pupil.pupil != pupil.pupil) {
      return Invalid(field, "must be a plan of the same pupil");
    }
  } else if (!outcome_ids.empty()) {
    return Invalid(absl::StrCat(prefix, "outcome_ids"), "need a support_plan");
  }
  return ValidateOutcomeIds(outcome_ids, absl::StrCat(prefix, "outcome_ids"));
}

}  // namespace sendcase::casework
