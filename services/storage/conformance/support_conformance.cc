// The conformance suite, part 4: the graduated approach (support_store.h):
// interventions, support plans by cycle (also written with a journey
// transition), places and the settings' report windows, and histories
// imported from other installations.
#include "gmock/gmock.h"
#include "services/storage/conformance/store_conformance.h"

namespace sendcase::storage::conformance {

using ::sendcase::testing::StatusIs;

v1::Intervention SupportConformance::Intervention(const std::string& title) {
  v1::Intervention i;
  i.set_title(title);
  i.set_group_size(4);
  return i;
}

SupportPlanRecord SupportConformance::Plan(int cycle, int64_t version) {
  SupportPlanRecord r{PupilName{"p1"}, cycle, version, {}};
  r.plan.set_state(v1::SupportPlan::DRAFT);
  r.plan.add_outcomes()->set_id("reading");
  return r;
}

PlaceRecord SupportConformance::Place(const std::string& id, Day start,
                                      std::optional<Day> end) {
  PlaceRecord p{PupilName{"p1"}, id, "100001", "i1", 1, {}};
  *p.place.mutable_start_date() = ToProtoDate(start);
  if (end) *p.place.mutable_end_date() = ToProtoDate(*end);
  p.place.set_planned_sessions(10);
  return p;
}

namespace {

const WriteRecord kWrite{std::nullopt, "", kNow};

TEST_P(SupportConformance, InterventionsAreKeptPerSettingInCreationOrder) {
  for (const char* id : {"i1", "i2", "i3"}) {
    ASSERT_OK(db_.support->CreateIntervention("100001", id, Intervention(id),
                                              kWrite));
  }
  EXPECT_THAT(db_.support->CreateIntervention("100001", "i1",
                                              Intervention("again"), kWrite),
              StatusIs(absl::StatusCode::kAlreadyExists));
  auto got = db_.support->GetIntervention("100001", "i2");
  ASSERT_OK(got);
  EXPECT_EQ(got->name(), "settings/100001/interventions/i2");
  EXPECT_EQ(got->title(), "i2");
  EXPECT_THAT(db_.support->GetIntervention("100002", "i2"),
              StatusIs(absl::StatusCode::kNotFound));
  auto first = db_.support->ListInterventions("100001", PageRequest{0, 2});
  ASSERT_OK(first);
  ASSERT_EQ(first->items.size(), 2u);
  EXPECT_EQ(first->items[0].title(), "i1");
  ASSERT_TRUE(first->next_after.has_value());
  auto second = db_.support->ListInterventions(
      "100001", PageRequest{*first->next_after, 2});
  ASSERT_OK(second);
  ASSERT_EQ(second->items.size(), 1u);
  EXPECT_EQ(second->items[0].title(), "i3");
  EXPECT_FALSE(second->next_after.has_value());
  auto other = db_.support->ListInterventions("100002", PageRequest{0, 10});
  ASSERT_OK(other);
  EXPECT_TRUE(other->items.empty());
}

TEST_P(SupportConformance, PlansAreVersionedAndAReviewOpensTheNextCycle) {
  ASSERT_OK(db_.support->InsertSupportPlan(Plan(1, 1), kWrite));
  EXPECT_THAT(db_.support->InsertSupportPlan(Plan(1, 1), kWrite),
              StatusIs(absl::StatusCode::kAlreadyExists));
  SupportPlanRecord stranger = Plan(1, 1);
  stranger.pupil.pupil = "nobody";
  EXPECT_THAT(db_.support->InsertSupportPlan(stranger, kWrite),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(db_.support->UpdateSupportPlan(Plan(1, 3), 2, kWrite),
              StatusIs(absl::StatusCode::kAborted));
  EXPECT_THAT(db_.support->UpdateSupportPlan(Plan(4, 2), 1, kWrite),
              StatusIs(absl::StatusCode::kNotFound));

  // A review whose next cycle cannot be written changes nothing.
  ASSERT_OK(db_.support->InsertSupportPlan(Plan(2, 1), kWrite));
  SupportPlanRecord reviewed = Plan(1, 2);
  reviewed.plan.set_state(v1::SupportPlan::REVIEWED);
  EXPECT_THAT(db_.support->ReviewSupportPlan(reviewed, 1, Plan(2, 1), kWrite),
              StatusIs(absl::StatusCode::kAlreadyExists));
  auto unchanged = db_.support->GetSupportPlan(PupilName{"p1"}, 1);
  ASSERT_OK(unchanged);
  EXPECT_EQ(unchanged->version, 1);
  EXPECT_EQ(unchanged->plan.state(), v1::SupportPlan::DRAFT);

  ASSERT_OK(db_.support->ReviewSupportPlan(reviewed, 1, Plan(3, 1), kWrite));
  auto all = db_.support->ListSupportPlans(PupilName{"p1"});
  ASSERT_OK(all);
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].cycle, 1);
  EXPECT_EQ((*all)[0].version, 2);
  EXPECT_EQ((*all)[0].plan.state(), v1::SupportPlan::REVIEWED);
  EXPECT_EQ((*all)[2].cycle, 3);
  ASSERT_EQ((*all)[2].plan.outcomes_size(), 1);
}

TEST_P(SupportConformance, AnAgreedPlanCommitsWithItsEventOrNotAtAll) {
  ASSERT_OK(db_.support->InsertSupportPlan(Plan(1, 1), kWrite));
  TransitionEffects stale = Commit(1);
  stale.support_plan = SupportPlanWrite{Plan(1, 3), 2, std::nullopt};
  EXPECT_THAT(db_.cases->CommitTransition(stale, {}, ""),
              StatusIs(absl::StatusCode::kAborted));
  auto journey = db_.cases->GetJourney(JourneyName{"p1", "j1"});
  ASSERT_OK(journey);
  EXPECT_EQ(journey->version, 1);  // the event did not commit either

  TransitionEffects agreed = Commit(1);
  SupportPlanRecord plan = Plan(1, 2);
  plan.plan.set_state(v1::SupportPlan::AGREED);
  agreed.support_plan = SupportPlanWrite{plan, 1, std::nullopt};
  ASSERT_OK(db_.cases->CommitTransition(agreed, {}, ""));
  journey = db_.cases->GetJourney(JourneyName{"p1", "j1"});
  ASSERT_OK(journey);
  EXPECT_EQ(journey->version, 2);
  auto stored = db_.support->GetSupportPlan(PupilName{"p1"}, 1);
  ASSERT_OK(stored);
  EXPECT_EQ(stored->version, 2);
  EXPECT_EQ(stored->plan.state(), v1::SupportPlan::AGREED);
}

TEST_P(SupportConformance, PlacesFollowTheirVersionAndTheReportWindows) {
  ASSERT_OK(db_.support->CreateIntervention("100001", "i1",
                                            Intervention("reading"), kWrite));
  PlaceRecord unknown = Place("x", D(2026, 9, 1), std::nullopt);
  unknown.intervention_id = "nope";
  EXPECT_THAT(db_.support->InsertPlace(unknown, kWrite),
              StatusIs(absl::StatusCode::kNotFound));
  // Ended the day before the term; ended on its first day; still running;
  // started on its last day; started after it.
  ASSERT_OK(db_.support->InsertPlace(
      Place("before", D(2026, 6, 1), D(2026, 9, 2)), kWrite));
  ASSERT_OK(db_.support->InsertPlace(
      Place("first", D(2026, 6, 1), D(2026, 9, 3)), kWrite));
  ASSERT_OK(db_.support->InsertPlace(
      Place("running", D(2026, 10, 1), std::nullopt), kWrite));
  ASSERT_OK(db_.support->InsertPlace(
      Place("last", D(2026, 12, 18), std::nullopt), kWrite));
  ASSERT_OK(db_.support->InsertPlace(
      Place("after", D(2027, 1, 5), std::nullopt), kWrite));
  auto ids = [&](PlaceWindow window, Day first, Day last) {
    std::vector<std::string> out;
    auto rows = db_.support->ListSettingPlaces("100001", window, first, last);
    EXPECT_OK(rows);
    if (!rows.ok()) return out;
    for (const auto& r : *rows) {
      EXPECT_EQ(r.journey_state, v1::Journey::CONCERN);
      out.push_back(r.place.id);
    }
    return out;
  };
  EXPECT_THAT(ids(PlaceWindow::kOverlapping, D(2026, 9, 3), D(2026, 12, 18)),
              ::testing::ElementsAre("first", "running", "last"));
  EXPECT_THAT(ids(PlaceWindow::kEndedWithin, D(2026, 9, 2), D(2026, 9, 3)),
              ::testing::ElementsAre("before", "first"));

  PlaceRecord ended = Place("running", D(2026, 10, 1), D(2026, 11, 20));
  ended.version = 2;
  ended.place.set_exit_measure(12.5);
  EXPECT_THAT(db_.support->UpdatePlace(ended, 2, kWrite),
              StatusIs(absl::StatusCode::kAborted));
  ASSERT_OK(db_.support->UpdatePlace(ended, 1, kWrite));
  EXPECT_THAT(ids(PlaceWindow::kEndedWithin, D(2026, 11, 20), D(2026, 11, 20)),
              ::testing::ElementsAre("running"));
  auto mine = db_.support->ListPlaces(PupilName{"p1"});
  ASSERT_OK(mine);
  ASSERT_EQ(mine->size(), 5u);
  auto got = db_.support->GetPlace(PupilName{"p1"}, "running");
  ASSERT_OK(got);
  EXPECT_EQ(got->version, 2);
  EXPECT_DOUBLE_EQ(got->place.exit_measure(), 12.5);
}

TEST_P(SupportConformance, AReferralCommitsWithItsEventsAndFollowsItsVersion) {
  ReferralRecord referral{PupilName{"p1"}, "r1", 1, {}};
  referral.referral.set_service("EP service");
  TransitionEffects created = Commit(1);
  created.referral = ReferralWrite{referral, 0};
  ASSERT_OK(db_.cases->CommitTransition(created, {}, ""));
  // The same id again fails, and so does the event that carried it.
  TransitionEffects again = Commit(2);
  again.referral = ReferralWrite{referral, 0};
  EXPECT_THAT(db_.cases->CommitTransition(again, {}, ""),
              StatusIs(absl::StatusCode::kAlreadyExists));
  auto journey = db_.cases->GetJourney(JourneyName{"p1", "j1"});
  ASSERT_OK(journey);
  EXPECT_EQ(journey->version, 2);

  ReferralRecord linked = referral;
  linked.version = 2;
  linked.referral.add_outcome_ids("reading");
  EXPECT_THAT(db_.support->UpdateReferral(ReferralWrite{linked, 2}, kWrite),
              StatusIs(absl::StatusCode::kAborted));
  ASSERT_OK(db_.support->UpdateReferral(ReferralWrite{linked, 1}, kWrite));
  auto got = db_.support->GetReferral(PupilName{"p1"}, "r1");
  ASSERT_OK(got);
  EXPECT_EQ(got->version, 2);
  ASSERT_EQ(got->referral.outcome_ids_size(), 1);
  EXPECT_THAT(db_.support->GetReferral(PupilName{"p1"}, "r2"),
              StatusIs(absl::StatusCode::kNotFound));
  auto all = db_.support->ListReferrals(PupilName{"p1"});
  ASSERT_OK(all);
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].referral.service(), "EP service");
}

TEST_P(SupportConformance, AWritesResponseCommitsUnderItsKey) {
  IdempotencyKey key{"u SENCO setting:100001", "r1", "CreateIntervention", "f"};
  ASSERT_OK(db_.support->CreateIntervention("100001", "i1", Intervention("x"),
                                            WriteRecord{key, "answer", kNow}));
  auto found = db_.cases->FindResponse(key.principal, "r1");
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->response, "answer");
}

// Histories imported from other installations: kept whole per pupil, in
// import order, with the write's response under its key; never for a pupil
// that does not exist, never twice under one id.
TEST_P(SupportConformance, ImportedHistoriesAreKeptWholeInImportOrder) {
  auto history = [](int cycles) {
    ImportedHistoryRecord r{PupilName{"p1"}, "", {}};
    r.history.set_source_setting_urn("300001");
    for (int c = 1; c <= cycles; ++c) {
      auto* plan = r.history.mutable_history()->add_support_plans();
      plan->set_cycle(c);
      plan->set_parent_views("Talks more at home");
    }
    return r;
  };
  ImportedHistoryRecord first = history(2);
  first.id = "h1";
  IdempotencyKey key{"u SENCO setting:300001", "r1", "Import", "f"};
  ASSERT_OK(
      db_.support->InsertImportedHistory(first, WriteRecord{key, "ok", kNow}));
  ImportedHistoryRecord second = history(1);
  second.id = "h2";
  ASSERT_OK(db_.support->InsertImportedHistory(second, kWrite));
  EXPECT_THAT(db_.support->InsertImportedHistory(second, kWrite),
              StatusIs(absl::StatusCode::kAlreadyExists));
  ImportedHistoryRecord stranger = history(1);
  stranger.pupil = PupilName{"nobody"};
  stranger.id = "h3";
  EXPECT_THAT(db_.support->InsertImportedHistory(stranger, kWrite),
              StatusIs(absl::StatusCode::kNotFound));
  auto listed = db_.support->ListImportedHistories(PupilName{"p1"});
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].id, "h1");
  EXPECT_EQ((*listed)[0].history.history().support_plans_size(), 2);
  EXPECT_EQ((*listed)[0].history.history().support_plans(1).parent_views(),
            "Talks more at home");
  EXPECT_EQ((*listed)[1].id, "h2");
  auto found = db_.cases->FindResponse(key.principal, "r1");
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->response, "ok");
  auto none = db_.support->ListImportedHistories(PupilName{"p2"});
  ASSERT_OK(none);
  EXPECT_TRUE(none->empty());
}

}  // namespace
}  // namespace sendcase::storage::conformance
