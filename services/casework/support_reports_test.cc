// The provision map and the effectiveness report on hand-worked cases: the
// arithmetic is written out beside each expectation.
#include "services/casework/support_reports.h"

#include <map>

#include "gtest/gtest.h"

namespace sendcase::casework {
namespace {

using storage::PlaceRecord;
using storage::SettingPlaceRow;

v1::Intervention Intervention(const std::string& id, const std::string& title,
                              v1::AreaOfNeed area, v1::SupportLayer layer,
                              int group, int sessions, int minutes,
                              int64_t per_hour, int64_t fixed) {
  v1::Intervention i;
  i.set_name("settings/100001/interventions/" + id);
  i.set_title(title);
  i.set_area_of_need(area);
  i.set_layer(layer);
  i.set_group_size(group);
  i.set_sessions_per_week(sessions);
  i.set_minutes_per_session(minutes);
  i.set_staff_cost_per_hour_pence(per_hour);
  i.set_fixed_cost_per_term_pence(fixed);
  return i;
}

SettingPlaceRow Place(const std::string& pupil, const std::string& on,
                      v1::Journey::State state) {
  SettingPlaceRow row;
  row.place.pupil.pupil = pupil;
  row.place.id = pupil + on;
  row.place.setting_urn = "100001";
  row.place.intervention_id = on;
  row.journey_state = state;
  return row;
}

const std::vector<v1::Intervention> kCatalogue = {
    // Listed out of title order on purpose.
    Intervention("c", "Speech therapy 1:1", v1::COMMUNICATION_AND_INTERACTION,
                 v1::SPECIALIST, 1, 2, 20, 4500, 0),
    Intervention("a", "Reading catch-up", v1::COGNITION_AND_LEARNING,
                 v1::TARGETED, 4, 3, 30, 1500, 0),
    Intervention("b", "Social skills group",
                 v1::SOCIAL_EMOTIONAL_AND_MENTAL_HEALTH, v1::TARGETED_PLUS, 6,
                 1, 45, 2000, 5000),
};

TEST(ProvisionMapTest, HandWorkedTerm) {
  using J = v1::Journey;
  // p1 K, p2 K, p3 E, p4 N, p5 K on reading (p1 twice: one pupil);
  // p1 K, p6 E, p7 K on social skills; nobody on speech therapy.
  const std::vector<SettingPlaceRow> places = {
      Place("p1", "a", J::SEN_SUPPORT),       Place("p1", "a", J::SEN_SUPPORT),
      Place("p2", "a", J::ASSESSMENT),        Place("p3", "a", J::EHC_PLAN),
      Place("p4", "a", J::CONCERN),           Place("p5", "a", J::SEN_SUPPORT),
      Place("p1", "b", J::SEN_SUPPORT),       Place("p6", "b", J::EHC_PLAN),
      Place("p7", "b", J::AGENCY_INVOLVEMENT)};
  const v1::ProvisionMap map = BuildProvisionMap(kCatalogue, places, 12);

  ASSERT_EQ(map.lines_size(), 3);
  const auto& reading = map.lines(0);  // by title
  EXPECT_EQ(reading.intervention().title(), "Reading catch-up");
  EXPECT_EQ(reading.pupils(), 5);
  EXPECT_EQ(reading.sen_support_pupils(), 3);        // p1, p2, p5
  EXPECT_EQ(reading.ehc_plan_pupils(), 1);           // p3
  EXPECT_EQ(reading.groups(), 2);                    // ceil(5 / 4)
  EXPECT_EQ(reading.staff_minutes_per_week(), 180);  // 2 x 3 x 30
  // 180 min x 12 weeks x 1500p / 60 = 54,000p (£540.00).
  EXPECT_EQ(reading.cost_per_term_pence(), 54000);
  EXPECT_EQ(reading.cost_per_pupil_pence(), 10800);  // / 5

  const auto& social = map.lines(1);
  EXPECT_EQ(social.intervention().title(), "Social skills group");
  EXPECT_EQ(social.pupils(), 3);
  EXPECT_EQ(social.sen_support_pupils(), 2);  // p1, p7
  EXPECT_EQ(social.ehc_plan_pupils(), 1);     // p6
  EXPECT_EQ(social.groups(), 1);
  EXPECT_EQ(social.staff_minutes_per_week(), 45);
  // 45 x 12 x 2000 / 60 = 18,000, plus the fixed 5,000 = 23,000.
  EXPECT_EQ(social.cost_per_term_pence(), 23000);
  EXPECT_EQ(social.cost_per_pupil_pence(), 7667);  // 7,666.67 rounded

  const auto& speech = map.lines(2);
  EXPECT_EQ(speech.pupils(), 0);
  EXPECT_EQ(speech.groups(), 0);
  EXPECT_EQ(speech.cost_per_term_pence(), 0);  // no fixed cost without pupils
  EXPECT_EQ(speech.cost_per_pupil_pence(), 0);

  EXPECT_EQ(map.pupils(), 7);
  EXPECT_EQ(map.sen_support_pupils(), 4);  // p1, p2, p5, p7
  EXPECT_EQ(map.ehc_plan_pupils(), 2);     // p3, p6
  EXPECT_EQ(map.cost_per_term_pence(), 77000);

  ASSERT_EQ(map.by_area_size(), 3);  // in the enum's order
  EXPECT_EQ(map.by_area(0).area_of_need(), v1::COMMUNICATION_AND_INTERACTION);
  EXPECT_EQ(map.by_area(0).places(), 0);
  EXPECT_EQ(map.by_area(1).area_of_need(), v1::COGNITION_AND_LEARNING);
  EXPECT_EQ(map.by_area(1).places(), 5);
  EXPECT_EQ(map.by_area(1).cost_per_term_pence(), 54000);
  EXPECT_EQ(map.by_area(2).staff_minutes_per_week(), 45);
  ASSERT_EQ(map.by_layer_size(), 3);
  EXPECT_EQ(map.by_layer(0).layer(), v1::TARGETED);
  EXPECT_EQ(map.by_layer(1).layer(), v1::TARGETED_PLUS);
  EXPECT_EQ(map.by_layer(1).cost_per_term_pence(), 23000);
  EXPECT_EQ(map.by_layer(2).layer(), v1::SPECIALIST);
  EXPECT_EQ(map.by_layer(2).interventions(), 1);
}

SettingPlaceRow Ended(const std::string& pupil, const std::string& on,
                      std::optional<double> entry, std::optional<double> exit,
                      int attended, std::vector<std::string> outcomes) {
  SettingPlaceRow row = Place(pupil, on, v1::Journey::SEN_SUPPORT);
  if (entry) row.place.place.set_entry_measure(*entry);
  if (exit) row.place.place.set_exit_measure(*exit);
  row.place.place.set_attended_sessions(attended);
  row.place.place.set_support_plan("pupils/" + pupil + "/supportPlans/1");
  for (auto& o : outcomes) row.place.place.add_outcome_ids(o);
  return row;
}

TEST(EffectivenessTest, HandWorkedPeriod) {
  const std::vector<SettingPlaceRow> places = {
      Ended("q1", "a", 84, 90, 30, {"reading"}),              // +6, rated +1
      Ended("q2", "a", 80, 83, 24, {"reading"}),              // +3, rated -1
      Ended("q3", "a", 90, 101, 36, {"reading", "phonics"}),  // +11; 0, unrated
      Ended("q4", "a", 88, std::nullopt, 10, {}),             // left early
      Ended("r1", "b", 10, 8, 6, {}),                         // -2
      Ended("r2", "b", 7, 11, 9, {}),                         // +4
  };
  const std::map<std::string, int> ratings = {
      {"q1/reading", 1}, {"q2/reading", -1}, {"q3/reading", 0}};
  auto rating = [&](const PlaceRecord& p,
                    const std::string& outcome) -> std::optional<int32_t> {
    auto it = ratings.find(p.pupil.pupil + "/" + outcome);
    if (it == ratings.end()) return std::nullopt;
    return it->second;
  };
  const auto report = BuildEffectiveness(kCatalogue, places, rating);
  ASSERT_EQ(report.lines_size(), 3);
  const auto& reading = report.lines(0);
  EXPECT_EQ(reading.places_completed(), 4);
  EXPECT_EQ(reading.places_measured(), 3);
  EXPECT_DOUBLE_EQ(reading.mean_change(), 20.0 / 3);  // (6 + 3 + 11) / 3
  EXPECT_DOUBLE_EQ(reading.median_change(), 6);
  EXPECT_EQ(reading.outcomes_rated(), 3);
  EXPECT_EQ(reading.outcomes_at_or_above_expected(), 2);  // +1 and 0
  // Per place attended x 30 min x 1500p / 60 / 4 to a group:
  // 5625 + 4500 + 6750 + 1875 = 18,750 over 4 places = 4,687.5 -> 4,688.
  EXPECT_EQ(reading.cost_per_pupil_pence(), 4688);

  const auto& social = report.lines(1);
  EXPECT_EQ(social.places_completed(), 2);
  EXPECT_DOUBLE_EQ(social.mean_change(), 1);    // (-2 + 4) / 2
  EXPECT_DOUBLE_EQ(social.median_change(), 1);  // even count: the mean of both
  EXPECT_EQ(social.outcomes_rated(), 0);
  // (6 + 9) x 45 x 2000 / 60 / 6 = 3,750 over 2 places.
  EXPECT_EQ(social.cost_per_pupil_pence(), 1875);

  const auto& speech = report.lines(2);
  EXPECT_EQ(speech.places_completed(), 0);
  EXPECT_EQ(speech.cost_per_pupil_pence(), 0);
}

TEST(DivideRoundedTest, HalvesGoUp) {
  EXPECT_EQ(DivideRounded(5, 2), 3);
  EXPECT_EQ(DivideRounded(4, 3), 1);
  EXPECT_EQ(DivideRounded(5, 3), 2);
  EXPECT_EQ(DivideRounded(7, 0), 0);  // no pupils: nothing per pupil
}

}  // namespace
}  // namespace sendcase::casework
