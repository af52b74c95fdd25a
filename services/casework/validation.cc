#include "services/casework/validation.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "rules/fact.h"
#include "services/common/proto_time.h"
#include "services/common/status_macros.h"
#include "services/common/upn.h"

namespace sendcase::casework {
namespace {

using E = v1::JourneyEvent;

absl::Status Invalid(absl::string_view field, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", problem));
}

// Calls `each` with every code point of `s`. False if `s` is not strict
// UTF-8 (no overlongs, no surrogates), so names from other systems cannot
// smuggle malformed bytes into the database.
template <typename Each>
bool ForEachCodePoint(absl::string_view s, Each each) {
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = s[i];
    int extra = 0;
    uint32_t cp = 0;
    if (c < 0x80) {
      each(c);
      ++i;
      continue;
    }
    if ((c & 0xE0) == 0xC0) {
      extra = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + extra >= s.size()) return false;  // truncated sequence
    for (int k = 1; k <= extra; ++k) {
      const unsigned char cc = s[i + k];
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    static constexpr uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    each(cp);
    i += extra + 1;
  }
  return true;
}

// C0 and C1 controls and DEL, and the bidirectional embeddings, overrides
// and isolates, which make a name display as something other than what it
// is (a "Trojan source" in a case file).
bool IsControl(uint32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

// White space and the invisible characters that look like it.
bool IsBlank(uint32_t cp) {
  return cp == ' ' || cp == 0xA0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200D) || cp == 0x2028 || cp == 0x2029 ||
         cp == 0x202F || cp == 0x205F || cp == 0x2060 || cp == 0x3000 ||
         cp == 0xFEFF;
}

absl::Status RequiredDateOnOrAfter(bool present, const google::type::Date& d,
                                   absl::string_view field, Day earliest) {
  ASSIGN_OR_RETURN(Day day, RequiredDate(present, d, field));
  if (day < earliest) {
    return Invalid(field, "must not be before event.event_date");
  }
  return absl::OkStatus();
}

// A decision notice's received_date (any kind that has one): optional; not
// before the day it was sent (the event date), not in the future.
absl::Status ValidateReceivedDate(const E& e, Day event_date, Day today) {
  const auto* member = E::descriptor()->FindFieldByNumber(e.kind_case());
  if (member == nullptr) return absl::OkStatus();
  const auto& body = e.GetReflection()->GetMessage(e, member);
  const auto* f = body.GetDescriptor()->FindFieldByName("received_date");
  if (f == nullptr || !body.GetReflection()->HasField(body, f)) {
    return absl::OkStatus();
  }
  const std::string field =
      absl::StrCat("event.", member->name(), ".received_date");
  const auto& date = static_cast<const google::type::Date&>(
      body.GetReflection()->GetMessage(body, f));
  RETURN_IF_ERROR(RequiredDateOnOrAfter(true, date, field, event_date));
  ASSIGN_OR_RETURN(Day received, RequiredDate(true, date, field));
  if (received > today) return Invalid(field, "must not be in the future");
  return absl::OkStatus();
}

absl::Status ValidateKind(const E& e, Day event_date) {
  switch (e.kind_case()) {
    case E::KIND_NOT_SET:
      return Invalid("event.kind", "required: set one event kind");
    case E::kSenSupportStarted:
      return RequiredDateOnOrAfter(e.sen_support_started().has_review_date(),
                                   e.sen_support_started().review_date(),
                                   "event.sen_support_started.review_date",
                                   event_date);
    case E::kSupportReviewed:
      return RequiredDateOnOrAfter(e.support_reviewed().has_next_review_date(),
                                   e.support_reviewed().next_review_date(),
                                   "event.support_reviewed.next_review_date",
                                   event_date);
    case E::kAgencyInvolved:
      return ValidateText(e.agency_involved().agency(),
                          "event.agency_involved.agency", 200);
    case E::kAgencyResponded:
      RETURN_IF_ERROR(ValidateText(e.agency_responded().agency(),
                                   "event.agency_responded.agency", 200));
      if (e.agency_responded().outcome() ==
              v1::AgencyResponded::OUTCOME_UNSPECIFIED ||
          !v1::AgencyResponded::Outcome_IsValid(
              e.agency_responded().outcome())) {
        return Invalid("event.agency_responded.outcome",
                       "required: ADVICE_RECEIVED, CONSENT_WITHDRAWN or "
                       "DECLINED");
      }
      return absl::OkStatus();
    case E::kAdviceRequested:
      return ValidateText(e.advice_requested().advice_giver(),
                          "event.advice_requested.advice_giver", 200);
    case E::kAdviceReceived:
      return ValidateText(e.advice_received().advice_giver(),
                          "event.advice_received.advice_giver", 200);
    case E::kReviewDecision:
      if (e.review_decision().outcome() ==
              v1::ReviewDecision::OUTCOME_UNSPECIFIED ||
          !v1::ReviewDecision::Outcome_IsValid(e.review_decision().outcome())) {
        return Invalid("event.review_decision.outcome",
                       "required: KEEP, AMEND or CEASE");
      }
      return absl::OkStatus();
    case E::kAssessmentRequested:
      if (!v1::AssessmentRequested::Source_IsValid(
              e.assessment_requested().source())) {
        return Invalid("event.assessment_requested.source",
                       "not a SEN2 request source");
      }
      return absl::OkStatus();
    case E::kFinalPlanIssued:
      return ValidatePlacements(e.final_plan_issued().placements(),
                                "event.final_plan_issued.placements");
    case E::kAmendedPlanIssued:
      return ValidatePlacements(e.amended_plan_issued().placements(),
                                "event.amended_plan_issued.placements");
    case E::kReviewMeetingScheduled:
      return RequiredDateOnOrAfter(
          e.review_meeting_scheduled().has_meeting_date(),
          e.review_meeting_scheduled().meeting_date(),
          "event.review_meeting_scheduled.meeting_date", event_date);
    case E::kPlanCeased:
      if (!v1::PlanCeased::Reason_IsValid(e.plan_ceased().reason())) {
        return Invalid("event.plan_ceased.reason",
                       "must be a SEN2 cease reason (MAXIMUM_AGE ... OTHER)");
      }
      return absl::OkStatus();
    case E::kPhaseTransferPlanned:
      return RequiredDate(e.phase_transfer_planned().has_transfer_date(),
                          e.phase_transfer_planned().transfer_date(),
                          "event.phase_transfer_planned.transfer_date")
          .status();
    case E::kExceptionRecorded: {
      const auto& x = e.exception_recorded();
      RETURN_IF_ERROR(ValidateText(
          x.clock_rule_id(), "event.exception_recorded.clock_rule_id", 100));
      if (x.reason() == v1::ExceptionRecorded::REASON_UNSPECIFIED ||
          !v1::ExceptionRecorded::Reason_IsValid(x.reason())) {
        return Invalid("event.exception_recorded.reason", "required");
      }
      ASSIGN_OR_RETURN(Day start,
                       RequiredDate(x.has_start_date(), x.start_date(),
                                    "event.exception_recorded.start_date"));
      return RequiredDateOnOrAfter(x.has_end_date(), x.end_date(),
                                   "event.exception_recorded.end_date", start);
    }
    default:
      return absl::OkStatus();  // kinds without fields
  }
}

}  // namespace

bool IsDigits(absl::string_view s, size_t n) {
  if (s.size() != n) return false;
  for (char c : s) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

absl::Status ValidateText(absl::string_view text, absl::string_view field,
                          size_t max_length) {
  if (text.empty()) return Invalid(field, "required");
  if (text.size() > max_length) {
    return Invalid(field, absl::StrCat("at most ", max_length, " bytes"));
  }
  bool control = false, blank = true;
  if (!ForEachCodePoint(text, [&](uint32_t cp) {
        control = control || IsControl(cp);
        blank = blank && IsBlank(cp);
      })) {
    return Invalid(field, "must be valid UTF-8");
  }
  if (control) {
    return Invalid(field,
                   "must not contain control characters or bidirectional "
                   "overrides");
  }
  if (blank) return Invalid(field, "must not be blank");
  return absl::OkStatus();
}

absl::Status ValidateRequestId(absl::string_view request_id) {
  if (request_id.size() > 64)
    return Invalid("request_id", "at most 64 characters");
  for (char c : request_id) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-' &&
        c != '_') {
      return Invalid("request_id", "only letters, digits, - and _");
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateNewPupil(const v1::Pupil& p, Day today) {
  if (!p.upn().empty()) RETURN_IF_ERROR(ValidateUpn(p.upn(), "pupil.upn"));
  RETURN_IF_ERROR(ValidatePupilDetails(p, today));
  return ValidateUpnOrReason(p, today);
}

absl::Status ValidateUpnOrReason(const v1::Pupil& p, Day today,
                                 bool new_reason) {
  const v1::UpnUnknownReason reason = p.upn_unknown();
  if (reason == v1::UPN_UNKNOWN_REASON_UNSPECIFIED) {
    if (p.upn().empty()) {
      return Invalid("pupil.upn",
                     "required: the 13-character UPN, or pupil.upn_unknown "
                     "with the census reason the child has none (UN1...)");
    }
    return ValidateUpn(p.upn(), "pupil.upn");
  }
  if (!v1::UpnUnknownReason_IsValid(reason)) {
    return Invalid("pupil.upn_unknown",
                   "not a census reason: UN1, UN2, UN3, UN5, UN8, UN9 or UN10");
  }
  if (!p.upn().empty()) {
    return Invalid("pupil.upn_unknown",
                   "must be unset when pupil.upn is given (a UPN needs no "
                   "reason for its absence)");
  }
  if (reason == v1::UN1 && new_reason) {
    ASSIGN_OR_RETURN(Day birth,
                     FromProtoDate(p.birth_date(), "pupil.birth_date"));
    // Whole years, a 29 February birthday reached on 1 March.
    if (rules::AgeInYears(birth, today) >= 6) {
      return Invalid("pupil.upn_unknown",
                     "UN1 is for a child under 6, and this child is 6 or "
                     "older: give the UPN or another reason");
    }
  }
  return absl::OkStatus();
}

absl::Status ValidatePupilDetails(const v1::Pupil& p, Day today) {
  RETURN_IF_ERROR(ValidateText(p.given_name(), "pupil.given_name", 100));
  RETURN_IF_ERROR(ValidateText(p.family_name(), "pupil.family_name", 100));
  ASSIGN_OR_RETURN(Day birth, RequiredDate(p.has_birth_date(), p.birth_date(),
                                           "pupil.birth_date"));
  if (birth > today)
    return Invalid("pupil.birth_date", "must not be in the future");
  if (birth < Day(date::year{1900} / 1 / 1)) {
    return Invalid("pupil.birth_date", "must be after 1900");
  }
  if (!IsDigits(p.setting_urn(), 6)) {
    return Invalid("pupil.setting_urn", "required: a 6-digit URN");
  }
  if (!IsDigits(p.local_authority_code(), 3)) {
    return Invalid("pupil.local_authority_code",
                   "required: a 3-digit DfE LA code");
  }
  // Primary and secondary need, as the census collects them (rules/REFERENCE.md
  // §5.2).
  if (p.needs_size() > 2) {
    return Invalid("pupil.needs", "at most 2 (primary and secondary)");
  }
  RETURN_IF_ERROR(ValidatePupilSen2Items(p));
  for (int i = 0; i < p.needs_size(); ++i) {
    const int need = p.needs(i);
    if (need == v1::NEED_TYPE_UNSPECIFIED || !v1::NeedType_IsValid(need)) {
      return Invalid(absl::StrCat("pupil.needs[", i, "]"),
                     "not a census type-of-need code");
    }
    if (i > 0 && need == p.needs(0)) {
      return Invalid(absl::StrCat("pupil.needs[", i, "]"),
                     "repeats the primary need");
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<Day> ValidateEvent(const v1::JourneyEvent& event, Day today) {
  ASSIGN_OR_RETURN(Day event_date,
                   RequiredDate(event.has_event_date(), event.event_date(),
                                "event.event_date"));
  if (event_date > today) {
    return Invalid("event.event_date",
                   absl::StrCat(FormatDay(event_date), " is after today (",
                                FormatDay(today), ", Europe/London)"));
  }
  RETURN_IF_ERROR(ValidateKind(event, event_date));
  RETURN_IF_ERROR(ValidateReceivedDate(event, event_date, today));
  return event_date;
}

}  // namespace sendcase::casework
