// SupportEngine::ReviewSupportPlan: the review meeting rates each outcome,
// records support_reviewed with the next review date on the journey, and
// opens the next cycle's draft with that date, in one transaction.
#include <map>

#include "absl/strings/str_cat.h"
#include "services/auth/authorizer.h"
#include "services/casework/idempotency.h"
#include "services/casework/support_engine.h"
#include "services/casework/support_state.h"
#include "services/casework/validation.h"
#include "services/common/proto_time.h"
#include "services/common/status_macros.h"
#include "services/journey/state_machine.h"

namespace sendcase::casework {

using auth::Method;
using storage::SupportPlanRecord;

absl::StatusOr<v1::ReviewSupportPlanResponse> SupportEngine::ReviewSupportPlan(
    const auth::Principal& caller,
    const v1::ReviewSupportPlanRequest& request) {
  RETURN_IF_ERROR(auth::AuthorizeMethod(caller, Method::kReviewSupportPlan));
  ASSIGN_OR_RETURN(SupportPlanName name,
                   ParseSupportPlanName(request.name(), "name"));
  ASSIGN_OR_RETURN(Day meeting, ValidateMeeting(request.meeting(), "meeting",
                                                LondonDate(clock_.Now())));
  ASSIGN_OR_RETURN(
      Day next, RequiredDate(request.has_next_review_date(),
                             request.next_review_date(), "next_review_date"));
  if (next <= meeting) {
    return absl::InvalidArgumentError(
        "next_review_date: must be after the meeting");
  }
  for (int n = 0; n < request.ratings_size(); ++n) {
    const v1::OutcomeRating& r = request.ratings(n);
    const std::string field = absl::StrCat("ratings[", n, "]");
    if (r.rating() < -2 || r.rating() > 2) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, ".rating: must be -2 to +2"));
    }
    if (!r.comment().empty()) {
      RETURN_IF_ERROR(
          ValidateText(r.comment(), absl::StrCat(field, ".comment"), 1000));
    }
    if (!IsValidResourceId(r.outcome_id())) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, ".outcome_id: ids are 1-63 of [a-z0-9-]"));
    }
  }
  RETURN_IF_ERROR(LoadPupil(caller, name.pupil, request.name()).status());
  ASSIGN_OR_RETURN(IdempotentStart start,
                   BeginIdempotent(cases_, caller, "ReviewSupportPlan",
                                   request.request_id(), request));
  if (start.replay) {
    return ParseReplay<v1::ReviewSupportPlanResponse>(*start.replay);
  }
  constexpr int kAttempts = 5;
  for (int attempt = 1;; ++attempt) {
    absl::StatusOr<v1::ReviewSupportPlanResponse> reviewed =
        ResolveRace(cases_, start.key,
                    ReviewOnce(caller, request, name, meeting, start.key));
    if (!absl::IsAborted(reviewed.status()) || !request.etag().empty() ||
        attempt == kAttempts) {
      return reviewed;
    }
  }
}

absl::StatusOr<v1::ReviewSupportPlanResponse> SupportEngine::ReviewOnce(
    const auth::Principal& caller, const v1::ReviewSupportPlanRequest& request,
    const SupportPlanName& name, Day meeting,
    const std::optional<storage::IdempotencyKey>& key) {
  ASSIGN_OR_RETURN(SupportPlanRecord record,
                   support_.GetSupportPlan(name.pupil, name.cycle));
  if (record.plan.state() != v1::SupportPlan::AGREED) {
    return WrongState(record, "only an AGREED plan is reviewed");
  }
  RETURN_IF_ERROR(CheckEtag(request.etag(), record.version,
                            RenderSupportPlan(record).name()));
  ASSIGN_OR_RETURN(Day agreed_on, FromProtoDate(record.plan.agreed_at().date(),
                                                "agreed_at.date"));
  if (meeting < agreed_on) {
    return absl::InvalidArgumentError(
        "meeting.date: must not be before the meeting that agreed the plan");
  }
  std::map<std::string, const v1::OutcomeRating*> ratings;
  for (int n = 0; n < request.ratings_size(); ++n) {
    if (!ratings.emplace(request.ratings(n).outcome_id(), &request.ratings(n))
             .second) {
      return absl::InvalidArgumentError(
          absl::StrCat("ratings[", n, "].outcome_id: rated twice"));
    }
  }
  SupportPlanRecord reviewed = record;
  reviewed.version = storage::NextVersion(record.version);
  reviewed.plan.set_state(v1::SupportPlan::REVIEWED);
  *reviewed.plan.mutable_reviewed_at() = request.meeting();
  MarkParent(*reviewed.plan.mutable_reviewed_at());
  for (v1::SupportOutcome& o : *reviewed.plan.mutable_outcomes()) {
    auto it = ratings.find(o.id());
    if (it == ratings.end()) {
      return absl::InvalidArgumentError(
          absl::StrCat("ratings: outcome ", o.id(), " has no rating"));
    }
    o.set_rating(it->second->rating());
    o.set_review_comment(it->second->comment());
    ratings.erase(it);
  }
  if (!ratings.empty()) {
    // Ids were checked: quoting one carries no free text.
    return absl::InvalidArgumentError(
        absl::StrCat("ratings: ", ratings.begin()->first,
                     " is not an outcome of ", request.name()));
  }
  ASSIGN_OR_RETURN(storage::JourneyRecord journey, CurrentJourney(name.pupil));
  // The next cycle starts from this one's outcomes and strategies, with the
  // review date the meeting set; the views are the next meeting's.
  v1::SupportPlan next = DraftFields(record.plan);
  next.clear_pupil_views();
  next.clear_parent_views();
  *next.mutable_review_date() = request.next_review_date();
  storage::SupportPlanWrite write{
      reviewed, record.version,
      SupportPlanRecord{name.pupil, name.cycle + 1, storage::kFirstVersion,
                        next}};
  v1::ReviewSupportPlanResponse response;
  *response.mutable_reviewed() = RenderSupportPlan(reviewed);
  *response.mutable_next_draft() = RenderSupportPlan(*write.next_draft);
  // SEN support ended meanwhile (an EHC plan, a closed journey, a concern
  // raised again): the review closes the plan without a journey event, so a
  // plan never stays AGREED for ever.
  if (!journey::Apply(journey.journey.state(),
                      v1::JourneyEvent::kSupportReviewed)
           .ok()) {
    RETURN_IF_ERROR(
        CommitPlanOnly(journey, write, key, response.SerializeAsString()));
    return response;
  }
  v1::RecordEventRequest event;
  event.set_journey(journey.journey.name());
  *event.mutable_event()->mutable_event_date() = request.meeting().date();
  *event.mutable_event()
       ->mutable_support_reviewed()
       ->mutable_next_review_date() = request.next_review_date();
  EventAttachment attachment{write, std::nullopt, [&](const v1::Journey&) {
                               return response.SerializeAsString();
                             }};
  RETURN_IF_ERROR(InPlanTerms(
      case_engine_.RecordEventFor(caller, event, attachment, key).status(),
      "event.support_reviewed.next_review_date", "next_review_date"));
  return response;
}

}  // namespace sendcase::casework
