// CaseEngine: changing a pupil's details (AIP-134 update with a field mask)
// and assigning a journey's case officer.
#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/auth/authorizer.h"
#include "services/casework/access.h"
#include "services/casework/case_engine.h"
#include "services/casework/idempotency.h"
#include "services/casework/proto_convert.h"
#include "services/casework/validation.h"
#include "services/common/error_reason.h"
#include "services/common/resource_name.h"
#include "services/common/status_macros.h"

namespace sendcase::casework {
namespace {

using auth::Method;

// Copies the masked fields of `from` into `to`. InvalidArgument naming the
// path for a field that is unknown or may not change.
absl::Status ApplyMask(const google::protobuf::FieldMask& mask,
                       const v1::Pupil& from, v1::Pupil& to) {
  if (mask.paths_size() == 0) {
    return absl::InvalidArgumentError(
        "update_mask: required: name the fields to change");
  }
  for (int i = 0; i < mask.paths_size(); ++i) {
    const std::string& path = mask.paths(i);
    if (path == "given_name") {
      to.set_given_name(from.given_name());
    } else if (path == "family_name") {
      to.set_family_name(from.family_name());
    } else if (path == "birth_date") {
      *to.mutable_birth_date() = from.birth_date();
    } else if (path == "setting_urn") {
      to.set_setting_urn(from.setting_urn());
    } else if (path == "local_authority_code") {
      to.set_local_authority_code(from.local_authority_code());
    } else if (path == "needs") {
      *to.mutable_needs() = from.needs();
    } else if (path == "upn") {
      // A temporary UPN replaced by the permanent one, or a wrong one
      // corrected: the pupil keeps its journeys (the audit trail keeps the
      // change).
      to.set_upn(from.upn());
    } else if (path == "upn_unknown") {
      to.set_upn_unknown(from.upn_unknown());
    } else if (path == "sex") {
      to.set_sex(from.sex());
    } else if (path == "ethnicity") {
      to.set_ethnicity(from.ethnicity());
    } else if (path == "postcode") {
      to.set_postcode(from.postcode());
    } else if (path == "unique_learner_number") {
      to.set_unique_learner_number(from.unique_learner_number());
    } else {
      return absl::InvalidArgumentError(absl::StrCat(
          "update_mask.paths[", i,
          "]: not a field UpdatePupil can change (upn, upn_unknown, "
          "given_name, "
          "family_name, birth_date, setting_urn, local_authority_code, "
          "needs, sex, ethnicity, postcode, unique_learner_number)"));
    }
  }
  // A child's first UPN replaces the reason it had none (unless the mask
  // sets both, which validation then refuses).
  const auto& paths = mask.paths();
  auto named = [&](absl::string_view path) {
    return std::find(paths.begin(), paths.end(), path) != paths.end();
  };
  if (named("upn") && !from.upn().empty() && !named("upn_unknown")) {
    to.clear_upn_unknown();
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<v1::Pupil> CaseEngine::UpdatePupil(
    const auth::Principal& caller, const v1::UpdatePupilRequest& request) {
  RETURN_IF_ERROR(auth::AuthorizeMethod(caller, Method::kUpdatePupil));
  ASSIGN_OR_RETURN(PupilName name,
                   ParsePupilName(request.pupil().name(), "pupil.name"));
  v1::Pupil probe;  // checks the mask before anything is read
  RETURN_IF_ERROR(ApplyMask(request.update_mask(), request.pupil(), probe));
  absl::StatusOr<storage::PupilRecord> stored = cases_.GetPupil(name);
  if (!stored.ok()) {
    return HideMissing(caller, stored.status(), request.pupil().name());
  }
  const int64_t version = stored->version;
  const v1::Pupil current = RenderPupil(*std::move(stored));
  RETURN_IF_ERROR(auth::CheckPupilAccess(caller, current.setting_urn(),
                                         current.local_authority_code(),
                                         request.pupil().name()));
  // Access first: a replay is only for a caller who may still see the pupil.
  ASSIGN_OR_RETURN(IdempotentStart start,
                   BeginIdempotent(cases_, caller, "UpdatePupil",
                                   request.request_id(), request));
  if (start.replay) return ParseReplay<v1::Pupil>(*start.replay);
  if (!request.pupil().etag().empty() &&
      request.pupil().etag() != current.etag()) {
    // Stale perhaps because this very request, sent twice, committed first.
    return ResolveRace<v1::Pupil>(
        cases_, start.key,
        WithReason(absl::AbortedError(absl::StrCat(
                       request.pupil().name(),
                       ": etag is stale; read the pupil again and retry")),
                   "ETAG_MISMATCH", {{"resource", request.pupil().name()}}));
  }
  v1::Pupil updated = current;
  RETURN_IF_ERROR(ApplyMask(request.update_mask(), request.pupil(), updated));
  const Day today = LondonDate(clock_.Now());
  RETURN_IF_ERROR(ValidatePupilDetails(updated, today));
  RETURN_IF_ERROR(ValidateUpnOrReason(
      updated, today, updated.upn_unknown() != current.upn_unknown()));
  // A move must land inside the caller's own scope too.
  RETURN_IF_ERROR(auth::CheckPupilAccess(caller, updated.setting_urn(),
                                         updated.local_authority_code(),
                                         "the pupil's new setting"));
  updated.set_etag(Etag(storage::NextVersion(version)));
  absl::Status written =
      cases_.UpdatePupil(name, updated, version, start.key,
                         updated.SerializeAsString(), clock_.Now());
  if (!written.ok()) return ResolveRace<v1::Pupil>(cases_, start.key, written);
  return updated;
}

absl::StatusOr<v1::Journey> CaseEngine::AssignCaseOfficer(
    const auth::Principal& caller,
    const v1::AssignCaseOfficerRequest& request) {
  RETURN_IF_ERROR(auth::AuthorizeMethod(caller, Method::kAssignCaseOfficer));
  RETURN_IF_ERROR(ValidateOfficer(request.case_officer(), "case_officer"));
  ASSIGN_OR_RETURN(storage::JourneyRecord record,
                   LoadJourney(caller, request.journey(), "journey"));
  if (!request.etag().empty() && request.etag() != Etag(record.version)) {
    return WithReason(absl::AbortedError(absl::StrCat(
                          request.journey(),
                          ": etag is stale; read the journey again and retry")),
                      "ETAG_MISMATCH", {{"resource", request.journey()}});
  }
  ASSIGN_OR_RETURN(JourneyName name,
                   ParseJourneyName(request.journey(), "journey"));
  RETURN_IF_ERROR(cases_.AssignCaseOfficer(name, request.case_officer(),
                                           record.version, clock_.Now()));
  ASSIGN_OR_RETURN(storage::JourneyRecord after, cases_.GetJourney(name));
  return RenderJourney(std::move(after), LondonDate(clock_.Now()));
}

}  // namespace sendcase::casework
