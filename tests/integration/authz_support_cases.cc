// The graduated approach's rows of the authorisation matrix (authz_world.h):
// the school's staff write, the LA reads a pupil's plans, a trust reads its
// settings' catalogue and reports.
#include "tests/integration/authz_world.h"

namespace sendcase::authz_test {

using S = v1::CaseService::Stub;

std::vector<Case> AuthzMatrixTest::SupportCases() {
  return {
      {"CreateIntervention", Kind::kResource, kSchoolStaff,
       [this](auto t, auto) {
         return Unary(&S::CreateIntervention, t,
                      testing::InterventionRequest());
       }},
      {"ListInterventions", Kind::kResource, kSettingReaders,
       [this](auto t, auto) {
         v1::ListInterventionsRequest r;
         r.set_parent("settings/100001");
         return Unary(&S::ListInterventions, t, r);
       }},
      {"CreateSupportPlan", Kind::kResource, kSchoolStaff,
       [this](auto t, auto) {
         return Unary(&S::CreateSupportPlan, t,
                      testing::DraftPlanRequest(NewPupil(admin_).name()));
       }},
      {"UpdateSupportPlan", Kind::kResource, kSchoolStaff,
       [this](auto t, auto) {
         v1::UpdateSupportPlanRequest r;
         r.mutable_support_plan()->set_name(FreshPlan(false));
         r.mutable_support_plan()->set_strategies("Visual timetable");
         r.mutable_update_mask()->add_paths("strategies");
         return Unary(&S::UpdateSupportPlan, t, r);
       }},
      {"AgreeSupportPlan",
       Kind::kResource,
       {"SENCO", "HEADTEACHER"},
       [this](auto t, auto) {
         v1::AgreeSupportPlanRequest r;
         r.set_name(FreshPlan(false));
         *r.mutable_meeting() =
             testing::Meeting(testing::ProtoDate(2026, 11, 20));
         return Unary(&S::AgreeSupportPlan, t, r);
       }},
      {"ReviewSupportPlan",
       Kind::kResource,
       {"SENCO", "HEADTEACHER"},
       [this](auto t, auto) {
         v1::ReviewSupportPlanRequest r;
         r.set_name(FreshPlan(true));
         *r.mutable_meeting() =
             testing::Meeting(testing::ProtoDate(2026, 11, 24));
         r.add_ratings()->set_outcome_id("reading");
         *r.mutable_next_review_date() = testing::ProtoDate(2027, 3, 5);
         return Unary(&S::ReviewSupportPlan, t, r);
       }},
      {"ListSupportPlans", Kind::kResource, kPlanReaders,
       [this](auto t, auto) {
         v1::ListSupportPlansRequest r;
         r.set_parent(p_.name());
         return Unary(&S::ListSupportPlans, t, r);
       }},
      {"CreateInterventionPlace", Kind::kResource, kSchoolStaff,
       [this](auto t, auto) {
         v1::CreateInterventionPlaceRequest r;
         r.set_parent(p_.name());
         r.mutable_place()->set_intervention(intervention_);
         *r.mutable_place()->mutable_start_date() =
             testing::ProtoDate(2026, 11, 9);
         r.mutable_place()->set_planned_sessions(12);
         return Unary(&S::CreateInterventionPlace, t, r);
       }},
      {"UpdateInterventionPlace", Kind::kResource, kSchoolStaff,
       [this](auto t, auto) {
         v1::UpdateInterventionPlaceRequest r;
         r.mutable_place()->set_name(place_);
         r.mutable_place()->set_attended_sessions(3);
         r.mutable_update_mask()->add_paths("attended_sessions");
         return Unary(&S::UpdateInterventionPlace, t, r);
       }},
      {"GetProvisionMap", Kind::kResource, kSettingReaders,
       [this](auto t, auto) {
         v1::GetProvisionMapRequest r;
         r.set_parent("settings/100001");
         *r.mutable_term_start() = testing::ProtoDate(2026, 9, 3);
         *r.mutable_term_end() = testing::ProtoDate(2026, 12, 18);
         r.set_teaching_weeks(15);
         return Unary(&S::GetProvisionMap, t, r);
       }},
      {"GetInterventionEffectiveness", Kind::kResource, kSettingReaders,
       [this](auto t, auto) {
         v1::GetInterventionEffectivenessRequest r;
         r.set_parent("settings/100001");
         *r.mutable_start_date() = testing::ProtoDate(2026, 9, 1);
         *r.mutable_end_date() = testing::ProtoDate(2026, 11, 25);
         return Unary(&S::GetInterventionEffectiveness, t, r);
       }},
      {"CreateAgencyReferral",
       Kind::kResource,
       {"SENCO", "HEADTEACHER"},
       [this](auto t, auto) {
         const std::string plan = FreshPlan(true);
         return Unary(&S::CreateAgencyReferral, t,
                      testing::ReferralRequest(
                          plan.substr(0, plan.find("/supportPlans")),
                          testing::ProtoDate(2026, 11, 23)));
       }},
      {"UpdateAgencyReferral",
       Kind::kResource,
       {"SENCO", "HEADTEACHER"},
       [this](auto t, auto) {
         v1::UpdateAgencyReferralRequest r;
         r.set_name(FreshReferral());
         *r.mutable_advice_received_date() = testing::ProtoDate(2026, 11, 25);
         r.set_advice_summary("Work on phonological awareness");
         return Unary(&S::UpdateAgencyReferral, t, r);
       }},
      {"ImportSupportPlanHistory",
       Kind::kResource,
       {"SENCO", "HEADTEACHER"},
       [this](auto t, auto) {
         v1::ImportSupportPlanHistoryRequest r;
         r.set_parent(p_.name());
         auto* plan = r.mutable_imported_history()
                          ->mutable_history()
                          ->add_support_plans();
         plan->set_cycle(1);
         plan->set_strategies("Visual timetable");
         return Unary(&S::ImportSupportPlanHistory, t, r);
       }},
  };
}

}  // namespace sendcase::authz_test
