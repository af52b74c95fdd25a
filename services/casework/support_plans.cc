// SupportEngine: support plans, cycle by cycle (draft, agree, review).
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "services/auth/authorizer.h"
#include "services/casework/idempotency.h"
#include "services/casework/proto_convert.h"
#include "services/casework/support_engine.h"
#include "services/casework/support_state.h"
#include "services/casework/validation.h"
#include "services/common/error_reason.h"
#include "services/common/proto_time.h"
#include "services/common/status_macros.h"

namespace sendcase::casework {
namespace {

using auth::Method;
using storage::SupportPlanRecord;

}  // namespace

absl::StatusOr<v1::SupportPlan> SupportEngine::CreateSupportPlan(
    const auth::Principal& caller,
    const v1::CreateSupportPlanRequest& request) {
  RETURN_IF_ERROR(auth::AuthorizeMethod(caller, Method::kCreateSupportPlan));
  ASSIGN_OR_RETURN(PupilName pupil, ParsePupilName(request.parent(), "parent"));
  RETURN_IF_ERROR(ValidatePlanFields(request.support_plan(), "support_plan"));
  RETURN_IF_ERROR(LoadPupil(caller, pupil, request.parent()).status());
  ASSIGN_OR_RETURN(IdempotentStart start,
                   BeginIdempotent(cases_, caller, "CreateSupportPlan",
                                   request.request_id(), request));
  if (start.replay) return ParseReplay<v1::SupportPlan>(*start.replay);
  ASSIGN_OR_RETURN(std::vector<SupportPlanRecord> plans,
                   support_.ListSupportPlans(pupil));
  // One cycle at a time: the next draft follows the last plan's review.
  if (!plans.empty()) {
    const SupportPlanRecord& last = plans.back();
    if (last.plan.state() == v1::SupportPlan::DRAFT) {
      return WrongState(last, "change it with UpdateSupportPlan");
    }
    if (last.plan.state() == v1::SupportPlan::AGREED) {
      return WrongState(last, "review it first (ReviewSupportPlan)");
    }
  }
  SupportPlanRecord record{pupil, plans.empty() ? 1 : plans.back().cycle + 1,
                           storage::kFirstVersion,
                           DraftFields(request.support_plan())};
  const v1::SupportPlan rendered = RenderSupportPlan(record);
  return ResolveRace(
      cases_, start.key, [&]() -> absl::StatusOr<v1::SupportPlan> {
        RETURN_IF_ERROR(support_.InsertSupportPlan(
            record, {start.key, rendered.SerializeAsString(), clock_.Now()}));
        return rendered;
      }());
}

absl::StatusOr<v1::SupportPlan> SupportEngine::UpdateSupportPlan(
    const auth::Principal& caller,
    const v1::UpdateSupportPlanRequest& request) {
  RETURN_IF_ERROR(auth::AuthorizeMethod(caller, Method::kUpdateSupportPlan));
  const v1::SupportPlan& in = request.support_plan();
  ASSIGN_OR_RETURN(SupportPlanName name,
                   ParseSupportPlanName(in.name(), "support_plan.name"));
  ASSIGN_OR_RETURN(
      std::set<std::string> paths,
      MaskPaths(request.update_mask(), {"outcomes", "strategies", "pupil_views",
                                        "parent_views", "review_date"}));
  auto changes = [&](const char* path) { return paths.count(path) > 0; };
  RETURN_IF_ERROR(LoadPupil(caller, name.pupil, in.name()).status());
  ASSIGN_OR_RETURN(IdempotentStart start,
                   BeginIdempotent(cases_, caller, "UpdateSupportPlan",
                                   request.request_id(), request));
  if (start.replay) return ParseReplay<v1::SupportPlan>(*start.replay);
  ASSIGN_OR_RETURN(SupportPlanRecord record,
                   support_.GetSupportPlan(name.pupil, name.cycle));
  if (record.plan.state() != v1::SupportPlan::DRAFT) {
    return WrongState(record, "only a DRAFT changes");
  }
  RETURN_IF_ERROR(
      CheckEtag(in.etag(), record.version, RenderSupportPlan(record).name()));
  v1::SupportPlan& plan = record.plan;
  const v1::SupportPlan fields = DraftFields(in);
  if (changes("outcomes")) *plan.mutable_outcomes() = fields.outcomes();
  if (changes("strategies")) plan.set_strategies(fields.strategies());
  if (changes("pupil_views")) plan.set_pupil_views(fields.pupil_views());
  if (changes("parent_views")) plan.set_parent_views(fields.parent_views());
  if (changes("review_date")) {
    plan.clear_review_date();
    if (fields.has_review_date()) {
      *plan.mutable_review_date() = fields.review_date();
    }
  }
  RETURN_IF_ERROR(ValidatePlanFields(plan, "support_plan"));
  const int64_t expected = record.version;
  record.version = storage::NextVersion(expected);
  const v1::SupportPlan rendered = RenderSupportPlan(record);
  return ResolveRace(
      cases_, start.key, [&]() -> absl::StatusOr<v1::SupportPlan> {
        RETURN_IF_ERROR(support_.UpdateSupportPlan(
            record, expected,
            {start.key, rendered.SerializeAsString(), clock_.Now()}));
        return rendered;
      }());
}

absl::StatusOr<v1::SupportPlan> SupportEngine::AgreeSupportPlan(
    const auth::Principal& caller, const v1::AgreeSupportPlanRequest& request) {
  RETURN_IF_ERROR(auth::AuthorizeMethod(caller, Method::kAgreeSupportPlan));
  ASSIGN_OR_RETURN(SupportPlanName name,
                   ParseSupportPlanName(request.name(), "name"));
  RETURN_IF_ERROR(
      ValidateMeeting(request.meeting(), "meeting", LondonDate(clock_.Now()))
          .status());
  RETURN_IF_ERROR(LoadPupil(caller, name.pupil, request.name()).status());
  ASSIGN_OR_RETURN(IdempotentStart start,
                   BeginIdempotent(cases_, caller, "AgreeSupportPlan",
                                   request.request_id(), request));
  if (start.replay) return ParseReplay<v1::SupportPlan>(*start.replay);
  // As RecordEvent without an etag: a race with another write to the
  // journey or the plan is evaluated again on the new state.
  constexpr int kAttempts = 5;
  for (int attempt = 1;; ++attempt) {
    absl::StatusOr<v1::SupportPlan> agreed = ResolveRace(
        cases_, start.key, AgreeOnce(caller, request, name, start.key));
    if (!absl::IsAborted(agreed.status()) || !request.etag().empty() ||
        attempt == kAttempts) {
      return agreed;
    }
  }
}

absl::StatusOr<storage::JourneyRecord> SupportEngine::CurrentJourney(
    const PupilName& pupil) {
  ASSIGN_OR_RETURN(storage::PupilRecord record, cases_.GetPupil(pupil));
  ASSIGN_OR_RETURN(JourneyName journey,
                   ParseJourneyName(record.pupil.current_journey(), "journey"));
  return cases_.GetJourney(journey);
}

absl::Status SupportEngine::CommitPlanOnly(
    const storage::JourneyRecord& journey,
    const storage::SupportPlanWrite& write,
    const std::optional<storage::IdempotencyKey>& key,
    const std::string& response) {
  // No event, but the journey's version is checked and moved with the
  // plan, so a journey write in between (a review, a final plan) makes this
  // Aborted and the caller evaluates again.
  storage::TransitionEffects commit;
  ASSIGN_OR_RETURN(commit.journey,
                   ParseJourneyName(journey.journey.name(), "journey"));
  commit.expected_version = journey.version;
  commit.new_state = journey.journey.state();
  commit.latest_event_date = journey.latest_event_date;
  commit.append_event = false;
  commit.record_time = clock_.Now();
  commit.support_plan = write;
  return cases_.CommitTransition(commit, key, response).status();
}

absl::StatusOr<v1::SupportPlan> SupportEngine::AgreeOnce(
    const auth::Principal& caller, const v1::AgreeSupportPlanRequest& request,
    const SupportPlanName& name,
    const std::optional<storage::IdempotencyKey>& key) {
  ASSIGN_OR_RETURN(SupportPlanRecord record,
                   support_.GetSupportPlan(name.pupil, name.cycle));
  if (record.plan.state() != v1::SupportPlan::DRAFT) {
    return WrongState(record, "only a DRAFT is agreed");
  }
  RETURN_IF_ERROR(CheckEtag(request.etag(), record.version,
                            RenderSupportPlan(record).name()));
  ASSIGN_OR_RETURN(Day meeting,
                   FromProtoDate(request.meeting().date(), "meeting.date"));
  const v1::SupportPlan& plan = record.plan;
  if (plan.outcomes_size() == 0) {
    return absl::FailedPreconditionError(absl::StrCat(
        request.name(), ": a plan is agreed with at least one outcome"));
  }
  if (!plan.has_review_date()) {
    return absl::FailedPreconditionError(absl::StrCat(
        request.name(), ": review_date is needed to agree the plan"));
  }
  ASSIGN_OR_RETURN(Day review,
                   FromProtoDate(plan.review_date(), "review_date"));
  if (review <= meeting) {
    return absl::FailedPreconditionError(absl::StrCat(
        request.name(), ": review_date must be after the meeting"));
  }
  ASSIGN_OR_RETURN(storage::JourneyRecord journey, CurrentJourney(name.pupil));
  const v1::Journey::State state = journey.journey.state();
  if (state == v1::Journey::EHC_PLAN || state == v1::Journey::CLOSED) {
    return absl::FailedPreconditionError(absl::StrCat(
        request.name(), ": the pupil's journey is ",
        v1::Journey::State_Name(state),
        state == v1::Journey::EHC_PLAN
            ? "; a support plan is for SEN support: an EHC plan is reviewed "
              "at its annual review"
            : "; record concern_raised to open it again first"));
  }
  if (name.cycle > 1) {
    // Not before the review that opened this cycle: the journey replays
    // events in date order, and the clock must end on this plan's date.
    ASSIGN_OR_RETURN(SupportPlanRecord previous,
                     support_.GetSupportPlan(name.pupil, name.cycle - 1));
    if (previous.plan.has_reviewed_at()) {
      ASSIGN_OR_RETURN(Day reviewed,
                       FromProtoDate(previous.plan.reviewed_at().date(),
                                     "reviewed_at.date"));
      if (meeting < reviewed) {
        return absl::InvalidArgumentError(
            absl::StrCat("meeting.date: must not be before the review of ",
                         RenderSupportPlan(previous).name()));
      }
    }
  }
  storage::SupportPlanWrite write{record, record.version, std::nullopt};
  write.record.version = storage::NextVersion(record.version);
  v1::SupportPlan& agreed = write.record.plan;
  agreed.set_state(v1::SupportPlan::AGREED);
  *agreed.mutable_agreed_at() = request.meeting();
  MarkParent(*agreed.mutable_agreed_at());
  agreed.set_journey(journey.journey.name());
  const v1::SupportPlan rendered = RenderSupportPlan(write.record);
  // One date: the journey's review clock must be the plan's review date.
  // The first plan starts SEN support; a later one whose date the review
  // already set (ReviewSupportPlan) needs no event; one with another date
  // records support_reviewed, which moves the clock to it.
  v1::RecordEventRequest event;
  event.set_journey(journey.journey.name());
  *event.mutable_event()->mutable_event_date() = request.meeting().date();
  if (journey.journey.state() == v1::Journey::CONCERN) {
    *event.mutable_event()
         ->mutable_sen_support_started()
         ->mutable_review_date() = plan.review_date();
  } else {
    for (const ClockRecord& clock : journey.clocks) {
      if (clock.rule_id == kSupportReviewRule && clock.IsLive() &&
          clock.due_date == review) {
        RETURN_IF_ERROR(
            CommitPlanOnly(journey, write, key, rendered.SerializeAsString()));
        return rendered;
      }
    }
    *event.mutable_event()
         ->mutable_support_reviewed()
         ->mutable_next_review_date() = plan.review_date();
  }
  EventAttachment attachment{write, std::nullopt, [&](const v1::Journey&) {
                               return rendered.SerializeAsString();
                             }};
  const absl::Status recorded =
      case_engine_.RecordEventFor(caller, event, attachment, key).status();
  RETURN_IF_ERROR(InPlanTerms(
      InPlanTerms(recorded, "event.sen_support_started.review_date",
                  "support_plan.review_date"),
      "event.support_reviewed.next_review_date", "support_plan.review_date"));
  return rendered;
}

absl::StatusOr<v1::ListSupportPlansResponse> SupportEngine::ListSupportPlans(
    const auth::Principal& caller, const v1::ListSupportPlansRequest& request) {
  RETURN_IF_ERROR(auth::AuthorizeMethod(caller, Method::kListSupportPlans));
  ASSIGN_OR_RETURN(PupilName pupil, ParsePupilName(request.parent(), "parent"));
  RETURN_IF_ERROR(LoadPupil(caller, pupil, request.parent()).status());
  ASSIGN_OR_RETURN(std::vector<SupportPlanRecord> plans,
                   support_.ListSupportPlans(pupil));
  ASSIGN_OR_RETURN(std::vector<storage::PlaceRecord> places,
                   support_.ListPlaces(pupil));
  ASSIGN_OR_RETURN(std::vector<storage::ReferralRecord> referrals,
                   support_.ListReferrals(pupil));
  v1::ListSupportPlansResponse response;
  if (!referrals.empty()) {
    // Each referral's answer is due when its journey's clock says.
    ASSIGN_OR_RETURN(storage::PupilRecord record, cases_.GetPupil(pupil));
    ASSIGN_OR_RETURN(
        JourneyName journey_name,
        ParseJourneyName(record.pupil.current_journey(), "journey"));
    ASSIGN_OR_RETURN(storage::JourneyRecord journey,
                     cases_.GetJourney(journey_name));
    const v1::Journey rendered =
        RenderJourney(std::move(journey), LondonDate(clock_.Now()));
    for (const auto& r : referrals) {
      *response.add_referrals() = RenderReferral(r, &rendered);
    }
  }
  for (const auto& p : plans)
    *response.add_support_plans() = RenderSupportPlan(p);
  for (const auto& p : places) *response.add_places() = RenderPlace(p);
  ASSIGN_OR_RETURN(std::vector<storage::ImportedHistoryRecord> imported,
                   support_.ListImportedHistories(pupil));
  for (auto& i : imported) {
    v1::ImportedPlanHistory* out = response.add_imported_histories();
    *out = std::move(i.history);
    out->set_name(absl::StrCat(pupil.Format(), "/importedHistories/", i.id));
  }
  return response;
}

}  // namespace sendcase::casework
