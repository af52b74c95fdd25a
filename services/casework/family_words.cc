// The family view's sentences (family_words.h). Written for a parent: the
// Code of Practice's terms where a family will meet them in letters (SEN
// support, EHC needs assessment, EHC plan), "the council" for the LA.
#include "services/casework/family_words.h"

namespace sendcase::casework {

using J = v1::Journey;
using E = v1::JourneyEvent;

std::string FamilyStage(J::State state) {
  switch (state) {
    case J::CONCERN:
      return "Your child's school or setting has noted a concern about your "
             "child's learning or development and is finding out more. It "
             "should talk to you before deciding on any extra help.";
    case J::SEN_SUPPORT:
      return "Your child gets SEN support: the school plans extra help with "
             "you, puts it in place and reviews with you whether it is "
             "working (assess, plan, do, review).";
    case J::AGENCY_INVOLVEMENT:
      return "Your child gets SEN support, and the school has asked a "
             "specialist from outside the school for advice.";
    case J::ASSESSMENT_REQUESTED:
      return "The council has received a request for an education, health "
             "and care (EHC) needs assessment. It must decide whether to "
             "carry one out within 6 weeks of receiving the request.";
    case J::ASSESSMENT:
      return "The council is carrying out an EHC needs assessment: it is "
             "gathering advice about your child's needs. From the request "
             "to a final EHC plan must take no more than 20 weeks.";
    case J::DRAFT_PLAN:
      return "The council has sent you a draft EHC plan. You have at least "
             "15 days to comment on it and to ask for a particular school "
             "or setting to be named.";
    case J::EHC_PLAN:
      return "Your child has an EHC plan. The council must review it with "
             "you at least every 12 months.";
    case J::CLOSED:
      return "Your child's EHC plan has ended. If your child still needs "
             "extra help, the school's SEN support carries on.";
    default:
      return "";
  }
}

std::string FamilyEventText(E::KindCase kind) {
  switch (kind) {
    case E::kConcernRaised:
      return "A concern about your child's progress was recorded.";
    case E::kSenSupportStarted:
      return "SEN support began, with a date to review it.";
    case E::kSupportReviewed:
      return "Your child's SEN support was reviewed.";
    case E::kAgencyInvolved:
      return "The school asked a specialist outside the school for advice.";
    case E::kAgencyResponded:
      return "A specialist outside the school replied.";
    case E::kAssessmentRequested:
      return "The council received a request for an EHC needs assessment.";
    case E::kAssessmentAgreed:
      return "The council decided to carry out an EHC needs assessment.";
    case E::kAssessmentRefused:
      return "The council decided not to carry out an EHC needs assessment. "
             "You can appeal against this decision.";
    case E::kAdviceRequested:
      return "The council asked for advice about your child's needs.";
    case E::kAdviceReceived:
      return "Advice about your child's needs was received.";
    case E::kDraftPlanIssued:
      return "The council sent a draft EHC plan.";
    case E::kFinalPlanIssued:
      return "The council issued the final EHC plan.";
    case E::kPlanNotIssued:
      return "The council decided not to issue an EHC plan. You can appeal "
             "against this decision.";
    case E::kReviewMeetingScheduled:
      return "A date was set for the review meeting of the EHC plan.";
    case E::kReviewInvitationsSent:
      return "The invitations to the review meeting were sent.";
    case E::kReviewAdviceCirculated:
      return "The advice and information for the review meeting were "
             "sent out.";
    case E::kAnnualReviewHeld:
      return "A review meeting of the EHC plan was held.";
    case E::kReviewReportSent:
      return "The report of the review meeting was sent.";
    case E::kReviewDecision:
      return "The council decided what happens after the review.";
    case E::kAmendmentNoticeIssued:
      return "The council sent the changes it proposes to the EHC plan.";
    case E::kAmendedPlanIssued:
      return "The council issued the amended EHC plan.";
    case E::kPhaseTransferPlanned:
      return "A move to a new school or phase was planned.";
    case E::kMediationCertificateIssued:
      return "A mediation certificate was issued.";
    case E::kCeaseProposed:
      return "The council told you it is thinking about ending the EHC "
             "plan, and asked for your views.";
    case E::kPlanCeased:
      return "The EHC plan ended.";
    case E::kExceptionRecorded:
      return "The council recorded a reason why a time limit does not "
             "apply for now.";
    case E::KIND_NOT_SET:
      break;
  }
  return "";
}

std::string FamilyWho(v1::Role role) {
  switch (role) {
    case v1::LA_CASE_OFFICER:
      return "the council (your case officer)";
    case v1::SENCO:
      return "your child's school (the SENCO)";
    case v1::HEADTEACHER:
      return "your child's school (the head teacher)";
    case v1::CLASS_TEACHER:
      return "your child's teacher";
    case v1::EDUCATIONAL_PSYCHOLOGIST:
      return "an educational psychologist";
    case v1::HEALTH:
      return "health services";
    case v1::SOCIAL_CARE:
      return "social care";
    case v1::PARENT:
      return "you";
    case v1::AREA_SENCO:
      return "the Area SENCO";
    default:
      return "the council";
  }
}

}  // namespace sendcase::casework
