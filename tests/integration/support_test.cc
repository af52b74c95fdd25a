// The graduated approach through the real gRPC server on a real SQLite
// file: agreeing a plan moves the support.review clock and reminds the
// SENCO; a review rates outcomes and the next agreement meets the clock; a
// pupil who moves takes the plan history and the old school loses it; the
// provision map and effectiveness report over RPC.
#include "absl/strings/str_cat.h"
#include "tests/integration/support_fixture.h"

namespace sendcase::support_test {
namespace {

TEST_F(SupportTest, AgreeingAPlanStartsSupportWithThePlansReviewDate) {
  const v1::SupportPlan draft = NewDraft();
  ASSERT_FALSE(draft.name().empty());
  EXPECT_EQ(draft.name(), pupil_.name() + "/supportPlans/1");
  EXPECT_EQ(draft.state(), v1::SupportPlan::DRAFT);
  EXPECT_TRUE(ReviewClocks().empty());  // a draft records nothing

  const v1::SupportPlan agreed = Agree(draft.name(), ProtoDate(2026, 11, 20));
  EXPECT_EQ(agreed.state(), v1::SupportPlan::AGREED);
  EXPECT_EQ(agreed.journey(), pupil_.current_journey());
  EXPECT_TRUE(agreed.agreed_at().parent_participated());
  EXPECT_NE(agreed.etag(), draft.etag());

  // One truth for the date: the journey's clock is the plan's review date.
  EXPECT_EQ(Journey().state(), v1::Journey::SEN_SUPPORT);
  auto clocks = ReviewClocks();
  ASSERT_EQ(clocks.size(), 1u);
  EXPECT_EQ(FromProtoDate(clocks[0].due_date(), "").value(), D(2027, 2, 20));
  EXPECT_EQ(clocks[0].status(), v1::Clock::OPEN);

  // The SENCO owns the task and hears of it 14 days before.
  v1::ListTasksRequest tasks;
  tasks.set_parent(pupil_.current_journey());
  v1::ListTasksResponse found;
  ASSERT_TRUE(t_.stub->ListTasks(Ctx(senco_).get(), tasks, &found).ok());
  ASSERT_EQ(found.tasks_size(), 1);
  EXPECT_EQ(found.tasks(0).owner_role(), v1::SENCO);
  clock_.Set(testing::FakeClock::NoonUtc(D(2027, 2, 6)));
  ASSERT_TRUE(t_.server->scheduler().RunDue(clock_.Now()).ok());
  auto fired = t_.server->stores().alerts->ListFired(storage::Visibility::All(),
                                                     v1::SENCO, 0, 100);
  ASSERT_TRUE(fired.ok()) << fired.status();
  ASSERT_EQ(fired->size(), 1u);
  EXPECT_EQ(FromProtoDate((*fired)[0].due_date(), "").value(), D(2027, 2, 20));

  // The review meeting rates the outcome, records support_reviewed (the
  // first clock is met that day, the next opens on the date it set) and
  // opens cycle 2 with that date.
  v1::ReviewSupportPlanRequest review;
  review.set_name(agreed.name());
  *review.mutable_meeting() = testing::Meeting(ProtoDate(2027, 2, 5));
  auto* rating = review.add_ratings();
  rating->set_outcome_id("reading");
  rating->set_rating(1);
  v1::ReviewSupportPlanResponse reviewed;
  auto status =
      t_.stub->ReviewSupportPlan(Ctx(senco_).get(), review, &reviewed);
  EXPECT_EQ(status.error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().rfind("next_review_date:", 0), 0u);
  *review.mutable_next_review_date() = ProtoDate(2027, 5, 14);
  status = t_.stub->ReviewSupportPlan(Ctx(senco_).get(), review, &reviewed);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(reviewed.reviewed().outcomes(0).rating(), 1);
  EXPECT_EQ(reviewed.next_draft().name(), pupil_.name() + "/supportPlans/2");
  EXPECT_FALSE(reviewed.next_draft().outcomes(0).has_rating());
  EXPECT_EQ(FromProtoDate(reviewed.next_draft().review_date(), "").value(),
            D(2027, 5, 14));
  clocks = ReviewClocks();
  ASSERT_EQ(clocks.size(), 2u);
  EXPECT_EQ(clocks[0].status(), v1::Clock::MET);
  EXPECT_EQ(FromProtoDate(clocks[0].met_date(), "").value(), D(2027, 2, 5));
  EXPECT_EQ(FromProtoDate(clocks[1].due_date(), "").value(), D(2027, 5, 14));

  // Agreeing cycle 2 with the date the review set needs no second event;
  // the review reminder is no longer pending either.
  auto events = [&] {
    v1::ListJourneyEventsRequest r;
    r.set_journey(pupil_.current_journey());
    v1::ListJourneyEventsResponse out;
    EXPECT_TRUE(t_.stub->ListJourneyEvents(Ctx(senco_).get(), r, &out).ok());
    return out.events_size();
  };
  const int before = events();
  Agree(reviewed.next_draft().name(), ProtoDate(2027, 2, 5));
  EXPECT_EQ(events(), before);
  EXPECT_EQ(ReviewClocks().size(), 2u);

  // A later draft whose date differs moves the clock to it.
  review.set_name(reviewed.next_draft().name());
  *review.mutable_meeting() = testing::Meeting(ProtoDate(2027, 2, 6));
  *review.mutable_next_review_date() = ProtoDate(2027, 6, 1);
  clock_.Set(testing::FakeClock::NoonUtc(D(2027, 2, 6)));
  ASSERT_TRUE(
      t_.stub->ReviewSupportPlan(Ctx(senco_).get(), review, &reviewed).ok());
  v1::UpdateSupportPlanRequest update;
  update.mutable_support_plan()->set_name(reviewed.next_draft().name());
  *update.mutable_support_plan()->mutable_review_date() =
      ProtoDate(2027, 6, 11);
  update.mutable_update_mask()->add_paths("review_date");
  v1::SupportPlan updated;
  ASSERT_TRUE(
      t_.stub->UpdateSupportPlan(Ctx(senco_).get(), update, &updated).ok());
  Agree(updated.name(), ProtoDate(2027, 2, 6));
  clocks = ReviewClocks();
  ASSERT_FALSE(clocks.empty());
  EXPECT_EQ(FromProtoDate(clocks.back().due_date(), "").value(),
            D(2027, 6, 11));
  EXPECT_EQ(clocks.back().status(), v1::Clock::OPEN);
  int open = 0;
  for (const auto& c : clocks) open += c.status() == v1::Clock::OPEN;
  EXPECT_EQ(open, 1);

  // An agreed plan is not agreed again.
  grpc::Status refused;
  Agree(updated.name(), ProtoDate(2027, 2, 6), &refused);
  EXPECT_EQ(refused.error_code(), StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(refused.error_message().find("is AGREED"), std::string::npos);
}

TEST_F(SupportTest, APupilWhoMovesTakesThePlanHistoryWithThem) {
  const v1::SupportPlan draft = NewDraft();
  ASSERT_FALSE(draft.name().empty());
  Agree(draft.name(), ProtoDate(2026, 11, 20));
  v1::CreateInterventionPlaceRequest place;
  place.set_parent(pupil_.name());
  place.mutable_place()->set_intervention(intervention_);
  *place.mutable_place()->mutable_start_date() = ProtoDate(2026, 11, 23);
  place.mutable_place()->set_planned_sessions(18);
  place.mutable_place()->set_support_plan(draft.name());
  place.mutable_place()->add_outcome_ids("reading");
  v1::InterventionPlace created;
  auto status =
      t_.stub->CreateInterventionPlace(Ctx(senco_).get(), place, &created);
  ASSERT_TRUE(status.ok()) << status.error_message();
  // The school's map for the term counts it (counts, no names).
  auto Map = [&] {
    v1::GetProvisionMapRequest map;
    map.set_parent("settings/100001");
    *map.mutable_term_start() = ProtoDate(2026, 9, 3);
    *map.mutable_term_end() = ProtoDate(2026, 12, 18);
    map.set_teaching_weeks(15);
    v1::ProvisionMap got;
    EXPECT_TRUE(t_.stub->GetProvisionMap(Ctx(senco_).get(), map, &got).ok());
    return got;
  };
  v1::ProvisionMap got = Map();
  ASSERT_EQ(got.lines_size(), 1);
  EXPECT_EQ(got.lines(0).pupils(), 1);
  EXPECT_EQ(got.lines(0).sen_support_pupils(), 1);
  // 1 group x 3 x 30 min x 15 weeks x 1500p / 60 = 33,750p.
  EXPECT_EQ(got.lines(0).cost_per_term_pence(), 33750);

  v1::UpdatePupilRequest move;
  move.mutable_pupil()->set_name(pupil_.name());
  move.mutable_pupil()->set_setting_urn("100002");
  move.mutable_update_mask()->add_paths("setting_urn");
  v1::Pupil moved;
  ASSERT_TRUE(t_.stub->UpdatePupil(Ctx(admin_).get(), move, &moved).ok());

  v1::ListSupportPlansRequest history;
  history.set_parent(pupil_.name());
  v1::ListSupportPlansResponse seen;
  EXPECT_EQ(
      t_.stub->ListSupportPlans(Ctx(senco_).get(), history, &seen).error_code(),
      StatusCode::PERMISSION_DENIED);
  const std::string new_senco = Token("senco2", "SENCO", "setting:100002");
  status = t_.stub->ListSupportPlans(Ctx(new_senco).get(), history, &seen);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(seen.support_plans_size(), 1);
  EXPECT_EQ(seen.support_plans(0).state(), v1::SupportPlan::AGREED);
  ASSERT_EQ(seen.places_size(), 1);
  EXPECT_EQ(seen.places(0).intervention(), intervention_);
  // The chronology the new school reads has the plan and the place too.
  v1::GetChronologyRequest chronology;
  chronology.set_pupil(pupil_.name());
  v1::Chronology lines;
  ASSERT_TRUE(
      t_.stub->GetChronology(Ctx(new_senco).get(), chronology, &lines).ok());
  std::vector<std::string> support;
  for (const auto& e : lines.entries()) {
    if (e.kind() == v1::ChronologyEntry::SUPPORT) {
      support.push_back(absl::StrCat(e.date().day(), " ", e.summary()));
    }
  }
  EXPECT_EQ(support,
            (std::vector<std::string>{
                "20 support plan 1 agreed: 1 outcome(s), review 2027-02-20, "
                "with a parent",
                absl::StrCat("23 intervention place began (", intervention_,
                             ", 18 sessions planned)")}));
  // The new school places the pupil on its own interventions only.
  place.mutable_place()->clear_support_plan();
  place.mutable_place()->clear_outcome_ids();
  EXPECT_EQ(
      t_.stub->CreateInterventionPlace(Ctx(new_senco).get(), place, &created)
          .error_code(),
      StatusCode::FAILED_PRECONDITION);
  // The old school's map no longer counts the place it can no longer close.
  got = Map();
  ASSERT_EQ(got.lines_size(), 1);
  EXPECT_EQ(got.lines(0).pupils(), 0);
  EXPECT_EQ(got.cost_per_term_pence(), 0);
}

TEST_F(SupportTest, EffectivenessCountsPlacesThatEndedWithTheirRatings) {
  const v1::SupportPlan draft = NewDraft();
  ASSERT_FALSE(draft.name().empty());
  const v1::SupportPlan agreed = Agree(draft.name(), ProtoDate(2026, 9, 10));
  v1::CreateInterventionPlaceRequest place;
  place.set_parent(pupil_.name());
  place.mutable_place()->set_intervention(intervention_);
  *place.mutable_place()->mutable_start_date() = ProtoDate(2026, 9, 14);
  place.mutable_place()->set_planned_sessions(30);
  place.mutable_place()->set_entry_measure(84);
  place.mutable_place()->set_support_plan(agreed.name());
  place.mutable_place()->add_outcome_ids("reading");
  v1::InterventionPlace created;
  ASSERT_TRUE(
      t_.stub->CreateInterventionPlace(Ctx(senco_).get(), place, &created)
          .ok());
  v1::UpdateInterventionPlaceRequest end;
  end.mutable_place()->set_name(created.name());
  end.mutable_place()->set_etag(created.etag());
  *end.mutable_place()->mutable_end_date() = ProtoDate(2026, 11, 20);
  end.mutable_place()->set_attended_sessions(28);
  end.mutable_place()->set_exit_measure(91.5);
  for (const char* path : {"end_date", "attended_sessions", "exit_measure"}) {
    end.mutable_update_mask()->add_paths(path);
  }
  v1::InterventionPlace ended;
  auto status =
      t_.stub->UpdateInterventionPlace(Ctx(senco_).get(), end, &ended);
  ASSERT_TRUE(status.ok()) << status.error_message();
  // The same etag again is stale.
  EXPECT_EQ(t_.stub->UpdateInterventionPlace(Ctx(senco_).get(), end, &ended)
                .error_code(),
            StatusCode::ABORTED);
  v1::ReviewSupportPlanRequest review;
  review.set_name(agreed.name());
  *review.mutable_meeting() = testing::Meeting(ProtoDate(2026, 11, 24));
  review.add_ratings()->set_outcome_id("reading");  // 0: as expected
  *review.mutable_next_review_date() = ProtoDate(2027, 2, 24);
  v1::ReviewSupportPlanResponse reviewed;
  ASSERT_TRUE(
      t_.stub->ReviewSupportPlan(Ctx(senco_).get(), review, &reviewed).ok());

  v1::GetInterventionEffectivenessRequest r;
  r.set_parent("settings/100001");
  *r.mutable_start_date() = ProtoDate(2026, 9, 1);
  *r.mutable_end_date() = ProtoDate(2026, 11, 25);
  v1::InterventionEffectiveness report;
  ASSERT_TRUE(
      t_.stub->GetInterventionEffectiveness(Ctx(senco_).get(), r, &report)
          .ok());
  ASSERT_EQ(report.lines_size(), 1);
  const auto& line = report.lines(0);
  EXPECT_EQ(line.places_completed(), 1);
  EXPECT_DOUBLE_EQ(line.mean_change(), 7.5);  // 91.5 - 84
  EXPECT_EQ(line.outcomes_rated(), 1);
  EXPECT_EQ(line.outcomes_at_or_above_expected(), 1);
  // 28 sessions x 30 min x 1500p / 60 / 4 to a group = 5,250p.
  EXPECT_EQ(line.cost_per_pupil_pence(), 5250);
}

// Once SEN support has given way to an EHC plan, the agreed plan is still
// reviewed (and closed) without a journey event; agreeing its successor is
// refused, saying why; and an advice giver's chronology has no plan lines.
TEST_F(SupportTest, AfterAnEhcPlanTheLastPlanIsReviewedWithoutAnEvent) {
  const v1::SupportPlan draft = NewDraft();
  ASSERT_FALSE(draft.name().empty());
  Agree(draft.name(), ProtoDate(2026, 9, 10));
  auto record = [&](const char* kind, google::type::Date date) {
    v1::RecordEventRequest r;
    r.set_journey(pupil_.current_journey());
    *r.mutable_event()->mutable_event_date() = date;
    auto* field = v1::JourneyEvent::descriptor()->FindFieldByName(kind);
    r.mutable_event()->GetReflection()->MutableMessage(r.mutable_event(),
                                                       field);
    v1::Journey out;
    auto status = t_.stub->RecordEvent(Ctx(admin_).get(), r, &out);
    EXPECT_TRUE(status.ok()) << kind << ": " << status.error_message();
  };
  record("assessment_requested", ProtoDate(2026, 9, 15));
  record("assessment_agreed", ProtoDate(2026, 9, 20));
  record("draft_plan_issued", ProtoDate(2026, 10, 1));
  record("final_plan_issued", ProtoDate(2026, 11, 2));
  ASSERT_EQ(Journey().state(), v1::Journey::EHC_PLAN);
  v1::ListJourneyEventsRequest events;
  events.set_journey(pupil_.current_journey());
  v1::ListJourneyEventsResponse before, after;
  ASSERT_TRUE(
      t_.stub->ListJourneyEvents(Ctx(senco_).get(), events, &before).ok());

  v1::ReviewSupportPlanRequest review;
  review.set_name(draft.name());
  *review.mutable_meeting() = testing::Meeting(ProtoDate(2026, 11, 24));
  *review.mutable_next_review_date() = ProtoDate(2027, 2, 24);
  review.add_ratings()->set_outcome_id("reading");
  v1::ReviewSupportPlanResponse reviewed;
  auto status =
      t_.stub->ReviewSupportPlan(Ctx(senco_).get(), review, &reviewed);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(reviewed.reviewed().state(), v1::SupportPlan::REVIEWED);
  ASSERT_TRUE(
      t_.stub->ListJourneyEvents(Ctx(senco_).get(), events, &after).ok());
  EXPECT_EQ(after.events_size(), before.events_size());
  grpc::Status refused;
  Agree(reviewed.next_draft().name(), ProtoDate(2026, 11, 24), &refused);
  EXPECT_EQ(refused.error_code(), StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(refused.error_message().find("journey is EHC_PLAN"),
            std::string::npos)
      << refused.error_message();

  const std::string ep =
      Token("ep", "EDUCATIONAL_PSYCHOLOGIST", "setting:100001");
  v1::GetChronologyRequest chronology;
  chronology.set_pupil(pupil_.name());
  v1::Chronology lines;
  ASSERT_TRUE(t_.stub->GetChronology(Ctx(ep).get(), chronology, &lines).ok());
  int support = 0;
  for (const auto& e : lines.entries()) {
    support += e.kind() == v1::ChronologyEntry::SUPPORT;
  }
  EXPECT_EQ(support, 0);
  ASSERT_TRUE(
      t_.stub->GetChronology(Ctx(senco_).get(), chronology, &lines).ok());
  for (const auto& e : lines.entries()) {
    support += e.kind() == v1::ChronologyEntry::SUPPORT;
  }
  EXPECT_EQ(support, 2);  // agreed, reviewed
}

// A later cycle is not agreed at a meeting before the review that opened
// it: the journey replays by date, and the clock must end on its date.
TEST_F(SupportTest, ANextCycleIsNotAgreedBeforeTheReviewThatOpenedIt) {
  const v1::SupportPlan draft = NewDraft();
  ASSERT_FALSE(draft.name().empty());
  Agree(draft.name(), ProtoDate(2026, 9, 10));
  v1::ReviewSupportPlanRequest review;
  review.set_name(draft.name());
  *review.mutable_meeting() = testing::Meeting(ProtoDate(2026, 11, 24));
  *review.mutable_next_review_date() = ProtoDate(2027, 2, 24);
  review.add_ratings()->set_outcome_id("reading");
  v1::ReviewSupportPlanResponse reviewed;
  ASSERT_TRUE(
      t_.stub->ReviewSupportPlan(Ctx(senco_).get(), review, &reviewed).ok());
  grpc::Status refused;
  Agree(reviewed.next_draft().name(), ProtoDate(2026, 11, 23), &refused);
  EXPECT_EQ(refused.error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(refused.error_message().rfind("meeting.date:", 0), 0u)
      << refused.error_message();
}

}  // namespace
}  // namespace sendcase::support_test
