// SupportEngine: referrals to outside agencies. A referral needs the
// parents' consent; creating it records agency_involved, and its answer
// agency_responded, on the pupil's current journey in the referral's own
// transaction, so the SENCO's "chase the agency" clock (rule
// support.agency_response, one per service) opens and closes with it.
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
using R = v1::AgencyReferral;

// The clock that says when the service's answer is due.
constexpr char kResponseRule[] = "support.agency_response";

absl::Status Invalid(absl::string_view field, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", what));
}

absl::Status ValidateReferral(const R& r, Day today) {
  if (r.agency() == R::AGENCY_UNSPECIFIED || !R::Agency_IsValid(r.agency())) {
    return Invalid("referral.agency", "required");
  }
  RETURN_IF_ERROR(ValidateText(r.service(), "referral.service", 200));
  RETURN_IF_ERROR(ValidateText(r.reason(), "referral.reason", 2000));
  ASSIGN_OR_RETURN(Day referred,
                   RequiredDate(r.has_referral_date(), r.referral_date(),
                                "referral.referral_date"));
  if (referred > today) {
    return Invalid("referral.referral_date", "must not be in the future");
  }
  // No referral without the parents' consent (Code of Practice 6.61).
  if (!r.has_consent() || r.consent().given_by().empty() ||
      !r.consent().has_given_date()) {
    return Invalid("referral.consent",
                   "required: who gave the parents' consent and when");
  }
  RETURN_IF_ERROR(
      ValidateText(r.consent().given_by(), "referral.consent.given_by", 100));
  ASSIGN_OR_RETURN(Day consent, FromProtoDate(r.consent().given_date(),
                                              "referral.consent.given_date"));
  if (consent > referred) {
    return Invalid("referral.consent.given_date",
                   "must not be after the referral date");
  }
  return absl::OkStatus();
}

// The referral as the API shows it; `write` the stored record to commit.
v1::AgencyReferral Rendered(const storage::ReferralRecord& record) {
  return RenderReferral(record, nullptr);
}

}  // namespace

v1::AgencyReferral RenderReferral(const storage::ReferralRecord& record,
                                  const v1::Journey* journey) {
  v1::AgencyReferral r = record.referral;
  r.set_name(ReferralName{record.pupil, record.id}.Format());
  r.set_etag(Etag(record.version));
  if (journey == nullptr) return r;
  // The latest clock of the rule for this service (a second referral to
  // the same service supersedes the first's).
  for (const v1::Clock& c : journey->clocks()) {
    if (c.rule_id() == kResponseRule && c.subject() == r.service()) {
      *r.mutable_response_due_date() = c.due_date();
    }
  }
  return r;
}

// The event and the referral in one transaction; the response (stored
// under `key`) carries the due date the event's clock gives.
absl::StatusOr<v1::AgencyReferral> SupportEngine::RecordReferral(
    const auth::Principal& caller, const v1::RecordEventRequest& event,
    const storage::ReferralWrite& write,
    const std::optional<storage::IdempotencyKey>& key) {
  v1::AgencyReferral rendered;
  EventAttachment attachment;
  attachment.referral = write;
  attachment.response = [&](const v1::Journey& journey) {
    rendered = RenderReferral(write.record, &journey);
    return rendered.SerializeAsString();
  };
  return ResolveRace(cases_, key, [&]() -> absl::StatusOr<v1::AgencyReferral> {
    RETURN_IF_ERROR(
        case_engine_.RecordEventFor(caller, event, attachment, key).status());
    return rendered;
  }());
}

absl::StatusOr<v1::AgencyReferral> SupportEngine::CreateAgencyReferral(
    const auth::Principal& caller,
    const v1::CreateAgencyReferralRequest& request) {
  RETURN_IF_ERROR(auth::AuthorizeMethod(caller, Method::kCreateAgencyReferral));
  ASSIGN_OR_RETURN(PupilName pupil_name,
                   ParsePupilName(request.parent(), "parent"));
  const R& in = request.referral();
  RETURN_IF_ERROR(ValidateReferral(in, LondonDate(clock_.Now())));
  RETURN_IF_ERROR(ValidatePlanLinks(in.support_plan(), in.outcome_ids(),
                                    pupil_name, "referral."));
  ASSIGN_OR_RETURN(storage::PupilRecord pupil,
                   LoadPupil(caller, pupil_name, request.parent()));
  ASSIGN_OR_RETURN(IdempotentStart start,
                   BeginIdempotent(cases_, caller, "CreateAgencyReferral",
                                   request.request_id(), request));
  if (start.replay) return ParseReplay<v1::AgencyReferral>(*start.replay);
  RETURN_IF_ERROR(
      CheckOutcomes(in.support_plan(), in.outcome_ids(), "referral."));
  storage::ReferralWrite write;
  write.record = {pupil_name, ids_.NewId(), storage::kFirstVersion, in};
  R& stored = write.record.referral;
  stored.clear_response_due_date();
  stored.clear_advice_received_date();
  stored.clear_advice_summary();
  stored.mutable_consent()->clear_withdrawn_date();
  stored.set_state(R::AWAITING_RESPONSE);
  stored.set_referred_by(caller.subject);
  v1::RecordEventRequest event;
  event.set_journey(pupil.pupil.current_journey());
  *event.mutable_event()->mutable_event_date() = in.referral_date();
  event.mutable_event()->mutable_agency_involved()->set_agency(in.service());
  // One open referral per service: its clock is the service's (the rule's
  // subject), so a second would supersede the first's.
  ASSIGN_OR_RETURN(std::vector<storage::ReferralRecord> existing,
                   support_.ListReferrals(pupil_name));
  for (const auto& other : existing) {
    if (other.referral.service() == in.service() &&
        other.referral.state() == R::AWAITING_RESPONSE) {
      return absl::FailedPreconditionError(absl::StrCat(
          Rendered(other).name(),
          " to the same service is awaiting its answer; record it first"));
    }
  }
  // As RecordEvent without an etag: a race with another write to the
  // journey is evaluated again.
  for (int attempt = 1;; ++attempt) {
    absl::StatusOr<v1::AgencyReferral> made =
        RecordReferral(caller, event, write, start.key);
    if (!absl::IsAborted(made.status()) || attempt == 5) return made;
  }
}

absl::StatusOr<v1::AgencyReferral> SupportEngine::UpdateAgencyReferral(
    const auth::Principal& caller,
    const v1::UpdateAgencyReferralRequest& request) {
  RETURN_IF_ERROR(auth::AuthorizeMethod(caller, Method::kUpdateAgencyReferral));
  ASSIGN_OR_RETURN(ReferralName name,
                   ParseReferralName(request.name(), "name"));
  const Day today = LondonDate(clock_.Now());
  // At most one answer, each a real day not in the future.
  struct Answer {
    bool set;
    const google::type::Date& date;
    const char* field;
    v1::AgencyResponded::Outcome outcome;
    R::State state;
  };
  const Answer answers[] = {
      {request.has_advice_received_date(), request.advice_received_date(),
       "advice_received_date", v1::AgencyResponded::ADVICE_RECEIVED,
       R::ADVICE_RECEIVED},
      {request.has_consent_withdrawn_date(), request.consent_withdrawn_date(),
       "consent_withdrawn_date", v1::AgencyResponded::CONSENT_WITHDRAWN,
       R::CONSENT_WITHDRAWN},
      {request.has_declined_date(), request.declined_date(), "declined_date",
       v1::AgencyResponded::DECLINED, R::DECLINED}};
  const Answer* answer = nullptr;
  for (const Answer& a : answers) {
    if (!a.set) continue;
    if (answer != nullptr) {
      return Invalid(a.field, absl::StrCat("only one answer at a time (",
                                           answer->field, " is set)"));
    }
    ASSIGN_OR_RETURN(Day day, FromProtoDate(a.date, a.field));
    if (day > today) return Invalid(a.field, "must not be in the future");
    answer = &a;
  }
  const bool advice = answer != nullptr && answer->state == R::ADVICE_RECEIVED;
  if (advice) {
    RETURN_IF_ERROR(
        ValidateText(request.advice_summary(), "advice_summary", 4000));
  } else if (!request.advice_summary().empty()) {
    return Invalid("advice_summary", "only with advice_received_date");
  }
  RETURN_IF_ERROR(ValidatePlanLinks(request.support_plan(),
                                    request.outcome_ids(), name.pupil, ""));
  ASSIGN_OR_RETURN(storage::PupilRecord pupil,
                   LoadPupil(caller, name.pupil, request.name()));
  ASSIGN_OR_RETURN(IdempotentStart start,
                   BeginIdempotent(cases_, caller, "UpdateAgencyReferral",
                                   request.request_id(), request));
  if (start.replay) return ParseReplay<v1::AgencyReferral>(*start.replay);
  // As RecordEvent: without an etag, a race with another write to the
  // journey or the referral is evaluated again on what it left.
  auto once = [&]() -> absl::StatusOr<v1::AgencyReferral> {
    RETURN_IF_ERROR(
        CheckOutcomes(request.support_plan(), request.outcome_ids(), ""));
    ASSIGN_OR_RETURN(storage::ReferralRecord record,
                     support_.GetReferral(name.pupil, name.id));
    RETURN_IF_ERROR(CheckEtag(request.etag(), record.version, request.name()));
    storage::ReferralWrite write{record, record.version};
    write.record.version = storage::NextVersion(record.version);
    R& r = write.record.referral;
    if (!request.support_plan().empty()) {
      r.set_support_plan(request.support_plan());
      *r.mutable_outcome_ids() = request.outcome_ids();
    }
    if (answer == nullptr) {
      // Only the links change: no journey event.
      const v1::AgencyReferral rendered = Rendered(write.record);
      return ResolveRace(
          cases_, start.key, [&]() -> absl::StatusOr<v1::AgencyReferral> {
            RETURN_IF_ERROR(support_.UpdateReferral(
                write,
                {start.key, rendered.SerializeAsString(), clock_.Now()}));
            return rendered;
          }());
    }
    if (record.referral.state() != R::AWAITING_RESPONSE) {
      return absl::FailedPreconditionError(absl::StrCat(
          request.name(), " is ", R::State_Name(record.referral.state()),
          "; only a referral AWAITING_RESPONSE is answered"));
    }
    ASSIGN_OR_RETURN(Day referred,
                     FromProtoDate(r.referral_date(), "referral_date"));
    ASSIGN_OR_RETURN(Day answered, FromProtoDate(answer->date, answer->field));
    if (answered < referred) {
      return Invalid(answer->field, "must not be before the referral date");
    }
    r.set_state(answer->state);
    if (advice) {
      *r.mutable_advice_received_date() = answer->date;
      r.set_advice_summary(request.advice_summary());
    }
    if (answer->state == R::CONSENT_WITHDRAWN) {
      *r.mutable_consent()->mutable_withdrawn_date() = answer->date;
    }
    v1::RecordEventRequest event;
    event.set_journey(pupil.pupil.current_journey());
    *event.mutable_event()->mutable_event_date() = answer->date;
    auto* responded = event.mutable_event()->mutable_agency_responded();
    responded->set_agency(r.service());
    responded->set_outcome(answer->outcome);
    return RecordReferral(caller, event, write, start.key);
  };
  for (int attempt = 1;; ++attempt) {
    absl::StatusOr<v1::AgencyReferral> answered = once();
    if (!absl::IsAborted(answered.status()) || !request.etag().empty() ||
        attempt == 5) {
      return answered;
    }
  }
}

}  // namespace sendcase::casework
