// Hostile input to the graduated approach's writes: each refused with
// INVALID_ARGUMENT naming the field, and nothing written.
#include <set>

#include "tests/integration/support_fixture.h"

namespace sendcase::support_test {
namespace {

TEST_F(SupportTest, HostileInputIsRefusedNamingTheField) {
  struct Bad {
    std::string field;
    std::function<grpc::Status()> call;
  };
  auto intervention = [&](auto change) {
    return [&, change] {
      auto r = testing::InterventionRequest();
      change(*r.mutable_intervention());
      v1::Intervention out;
      return t_.stub->CreateIntervention(Ctx(senco_).get(), r, &out);
    };
  };
  auto plan = [&](auto change) {
    return [&, change] {
      auto r = testing::DraftPlanRequest(pupil_.name());
      change(*r.mutable_support_plan());
      v1::SupportPlan out;
      return t_.stub->CreateSupportPlan(Ctx(senco_).get(), r, &out);
    };
  };
  auto place = [&](auto change) {
    return [&, change] {
      v1::CreateInterventionPlaceRequest r;
      r.set_parent(pupil_.name());
      auto* p = r.mutable_place();
      p->set_intervention(intervention_);
      *p->mutable_start_date() = ProtoDate(2026, 11, 2);
      p->set_planned_sessions(10);
      change(*p);
      v1::InterventionPlace out;
      return t_.stub->CreateInterventionPlace(Ctx(senco_).get(), r, &out);
    };
  };
  auto referral = [&](auto change) {
    return [&, change] {
      auto r = testing::ReferralRequest(pupil_.name(), ProtoDate(2026, 11, 23));
      change(*r.mutable_referral());
      v1::AgencyReferral out;
      return t_.stub->CreateAgencyReferral(Ctx(senco_).get(), r, &out);
    };
  };
  using R = v1::AgencyReferral;
  using I = v1::Intervention;
  using P = v1::SupportPlan;
  using L = v1::InterventionPlace;
  const std::vector<Bad> cases = {
      {"intervention.title", intervention([](I& i) { i.clear_title(); })},
      {"intervention.title",
       intervention([](I& i) { i.set_title(std::string(201, 'x')); })},
      {"intervention.title",
       intervention([](I& i) { i.set_title("Reading\x1b[2J"); })},
      {"intervention.staff_cost_per_hour_pence",
       intervention([](I& i) { i.set_staff_cost_per_hour_pence(-1); })},
      {"intervention.fixed_cost_per_term_pence",
       intervention([](I& i) { i.set_fixed_cost_per_term_pence(-500); })},
      {"intervention.group_size",
       intervention([](I& i) { i.set_group_size(0); })},
      {"intervention.area_of_need",
       intervention([](I& i) { i.set_area_of_need(v1::AreaOfNeed(9)); })},
      {"intervention.measure.unit",
       intervention([](I& i) { i.mutable_measure()->clear_unit(); })},
      {"support_plan.outcomes[0].success_criteria", plan([](P& p) {
         p.mutable_outcomes(0)->set_success_criteria(std::string(1001, 'a'));
       })},
      {"support_plan.outcomes[1].id", plan([](P& p) {
         *p.add_outcomes() = p.outcomes(0);  // the same id twice
       })},
      {"support_plan.outcomes[0].target_date",
       plan([](P& p) { p.mutable_outcomes(0)->clear_target_date(); })},
      {"support_plan.parent_views",
       plan([](P& p) { p.set_parent_views("views\u202e"); })},
      {"support_plan.strategies",
       plan([](P& p) { p.set_strategies(std::string(4001, 's')); })},
      {"place.end_date",
       place([](L& p) { *p.mutable_end_date() = ProtoDate(2026, 11, 1); })},
      {"place.attended_sessions",
       place([](L& p) { p.set_attended_sessions(11); })},
      {"place.planned_sessions",
       place([](L& p) { p.set_planned_sessions(-3); })},
      {"place.exit_measure", place([](L& p) {
         p.set_exit_measure(90);  // exit without entry
       })},
      {"place.entry_measure",
       place([](L& p) { p.set_entry_measure(std::nan("")); })},
      {"place.start_date",
       place([](L& p) { *p.mutable_start_date() = ProtoDate(2027, 1, 4); })},
      {"place.intervention",
       place([](L& p) { p.set_intervention("settings/100001/x"); })},
      {"place.outcome_ids", place([](L& p) { p.add_outcome_ids("reading"); })},
      {"referral.agency",
       referral([](R& r) { r.set_agency(R::AGENCY_UNSPECIFIED); })},
      {"referral.service",
       referral([](R& r) { r.set_service(std::string(201, 's')); })},
      {"referral.reason", referral([](R& r) { r.set_reason("why\x07"); })},
      {"referral.consent.given_by", referral([](R& r) {
         r.mutable_consent()->set_given_by(std::string(101, 'm'));
       })},
      {"referral.referral_date", referral([](R& r) {
         *r.mutable_referral_date() = ProtoDate(2026, 12, 1);
       })},
      {"referral.outcome_ids",
       referral([](R& r) { r.add_outcome_ids("reading"); })},
  };
  for (const Bad& bad : cases) {
    SCOPED_TRACE(bad.field);
    const grpc::Status status = bad.call();
    EXPECT_EQ(status.error_code(), StatusCode::INVALID_ARGUMENT);
    EXPECT_EQ(status.error_message().rfind(bad.field + ":", 0), 0u)
        << status.error_message();
  }
  // Nothing was written.
  v1::ListSupportPlansRequest history;
  history.set_parent(pupil_.name());
  v1::ListSupportPlansResponse seen;
  ASSERT_TRUE(
      t_.stub->ListSupportPlans(Ctx(senco_).get(), history, &seen).ok());
  EXPECT_EQ(seen.support_plans_size(), 0);
  EXPECT_EQ(seen.places_size(), 0);
  EXPECT_EQ(seen.referrals_size(), 0);
}

// The rest of the writes' and reports' checks: masks, ratings, dates and
// ranges, each refused naming the field.
TEST_F(SupportTest, UpdatesReviewsAndReportsRefuseNamingTheField) {
  const v1::SupportPlan draft = NewDraft();
  ASSERT_FALSE(draft.name().empty());
  auto update = [&](std::vector<std::string> paths) {
    return [&, paths] {
      v1::UpdateSupportPlanRequest r;
      r.mutable_support_plan()->set_name(draft.name());
      for (const auto& p : paths) r.mutable_update_mask()->add_paths(p);
      v1::SupportPlan out;
      return t_.stub->UpdateSupportPlan(Ctx(senco_).get(), r, &out);
    };
  };
  auto review = [&](int rating, std::string id) {
    return [&, rating, id] {
      v1::ReviewSupportPlanRequest r;
      r.set_name(draft.name());
      *r.mutable_meeting() = testing::Meeting(ProtoDate(2026, 11, 24));
      *r.mutable_next_review_date() = ProtoDate(2027, 2, 24);
      r.add_ratings()->set_outcome_id(id);
      r.mutable_ratings(0)->set_rating(rating);
      v1::ReviewSupportPlanResponse out;
      return t_.stub->ReviewSupportPlan(Ctx(senco_).get(), r, &out);
    };
  };
  auto map = [&](int weeks, google::type::Date end) {
    return [&, weeks, end] {
      v1::GetProvisionMapRequest r;
      r.set_parent("settings/100001");
      *r.mutable_term_start() = ProtoDate(2026, 9, 3);
      *r.mutable_term_end() = end;
      r.set_teaching_weeks(weeks);
      v1::ProvisionMap out;
      return t_.stub->GetProvisionMap(Ctx(senco_).get(), r, &out);
    };
  };
  auto place = [&](double entry) {
    return [&, entry] {
      v1::CreateInterventionPlaceRequest r;
      r.set_parent(pupil_.name());
      r.mutable_place()->set_intervention(intervention_);
      *r.mutable_place()->mutable_start_date() = ProtoDate(2026, 11, 2);
      r.mutable_place()->set_planned_sessions(10);
      r.mutable_place()->set_entry_measure(entry);
      v1::InterventionPlace out;
      return t_.stub->CreateInterventionPlace(Ctx(senco_).get(), r, &out);
    };
  };
  const std::vector<std::pair<std::string, std::function<grpc::Status()>>>
      cases = {
          {"update_mask", update({})},
          {"update_mask.paths[1]", update({"strategies", "cycle"})},
          {"ratings[0].rating", review(3, "reading")},
          {"ratings[0].rating", review(-3, "reading")},
          {"ratings[0].outcome_id", review(0, "Reading\n")},
          {"teaching_weeks", map(0, ProtoDate(2026, 12, 18))},
          {"teaching_weeks", map(21, ProtoDate(2026, 12, 18))},
          {"term_end", map(12, ProtoDate(2027, 9, 10))},  // over a year
          {"term_end", map(12, ProtoDate(2026, 9, 2))},   // before the start
          {"place.entry_measure", place(1e7)},
      };
  for (const auto& [field, call] : cases) {
    SCOPED_TRACE(field);
    const grpc::Status status = call();
    EXPECT_EQ(status.error_code(), StatusCode::INVALID_ARGUMENT);
    EXPECT_EQ(status.error_message().rfind(field + ":", 0), 0u)
        << status.error_message();
  }
}

// A repeated agreement with the same request_id answers as the first did
// and records nothing twice; the audit trail names the plan of each write.
TEST_F(SupportTest, ARepeatedAgreementReplaysAndEveryWriteIsAudited) {
  const v1::SupportPlan draft = NewDraft();
  ASSERT_FALSE(draft.name().empty());
  v1::UpdateSupportPlanRequest update;
  update.mutable_support_plan()->set_name(draft.name());
  update.mutable_support_plan()->set_strategies("Visual timetable");
  update.mutable_update_mask()->add_paths("strategies");
  v1::SupportPlan updated;
  ASSERT_TRUE(
      t_.stub->UpdateSupportPlan(Ctx(senco_).get(), update, &updated).ok());
  v1::AgreeSupportPlanRequest agree;
  agree.set_name(draft.name());
  *agree.mutable_meeting() = testing::Meeting(ProtoDate(2026, 11, 20));
  agree.set_request_id("agree-1");
  v1::SupportPlan first, second;
  ASSERT_TRUE(t_.stub->AgreeSupportPlan(Ctx(senco_).get(), agree, &first).ok());
  auto status = t_.stub->AgreeSupportPlan(Ctx(senco_).get(), agree, &second);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(second.SerializeAsString(), first.SerializeAsString());
  EXPECT_EQ(second.state(), v1::SupportPlan::AGREED);
  v1::ListJourneyEventsRequest events;
  events.set_journey(pupil_.current_journey());
  v1::ListJourneyEventsResponse found;
  ASSERT_TRUE(
      t_.stub->ListJourneyEvents(Ctx(senco_).get(), events, &found).ok());
  EXPECT_EQ(found.events_size(), 1);
  // Another school's SENCO replaying the id is refused before the replay.
  const std::string other = Token("senco", "SENCO", "setting:100002");
  EXPECT_EQ(
      t_.stub->AgreeSupportPlan(Ctx(other).get(), agree, &second).error_code(),
      StatusCode::PERMISSION_DENIED);

  auto trail =
      t_.server->stores().audit->ListAudit({"senco", draft.name()}, {0, 100});
  ASSERT_TRUE(trail.ok()) << trail.status();
  std::multiset<std::string> methods;
  for (const auto& row : trail->items) methods.insert(row.method());
  EXPECT_EQ(methods.count("UpdateSupportPlan"), 1u);
  EXPECT_EQ(methods.count("AgreeSupportPlan"), 3u);
}

}  // namespace
}  // namespace sendcase::support_test
