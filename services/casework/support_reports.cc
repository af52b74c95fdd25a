#include "services/casework/support_reports.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/journey/provision.h"

namespace sendcase::casework {
namespace {

using storage::SettingPlaceRow;

std::string InterventionOf(const storage::PlaceRecord& p) {
  return absl::StrCat("settings/", p.setting_urn, "/interventions/",
                      p.intervention_id);
}

// Catalogue order for the reports: by title, then name (stable for ties).
std::vector<const v1::Intervention*> ByTitle(
    const std::vector<v1::Intervention>& interventions) {
  std::vector<const v1::Intervention*> out;
  for (const auto& i : interventions) out.push_back(&i);
  std::sort(out.begin(), out.end(), [](const auto* a, const auto* b) {
    return std::tie(a->title(), a->name()) < std::tie(b->title(), b->name());
  });
  return out;
}

void AddTo(v1::ProvisionMapTotal& total, const v1::ProvisionMapLine& line,
           int32_t places) {
  total.set_interventions(total.interventions() + 1);
  total.set_places(total.places() + places);
  total.set_staff_minutes_per_week(total.staff_minutes_per_week() +
                                   line.staff_minutes_per_week());
  total.set_cost_per_term_pence(total.cost_per_term_pence() +
                                line.cost_per_term_pence());
}

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  if (n == 0) return 0;
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

}  // namespace

int64_t DivideRounded(int64_t numerator, int64_t denominator) {
  if (denominator <= 0) return 0;
  return (numerator * 2 + denominator) / (denominator * 2);
}

v1::ProvisionMap BuildProvisionMap(
    const std::vector<v1::Intervention>& interventions,
    const std::vector<SettingPlaceRow>& places, int32_t teaching_weeks) {
  // Distinct pupils per intervention, and over all, with their K/E today.
  std::map<std::string, std::set<std::string>> pupils_of;
  std::map<std::string, v1::SenProvision> provision_of;
  for (const SettingPlaceRow& row : places) {
    pupils_of[InterventionOf(row.place)].insert(row.place.pupil.pupil);
    provision_of[row.place.pupil.pupil] =
        journey::ProvisionFor(row.journey_state);
  }
  v1::ProvisionMap map;
  map.set_teaching_weeks(teaching_weeks);
  std::map<int, v1::ProvisionMapTotal> by_area, by_layer;
  for (const v1::Intervention* i : ByTitle(interventions)) {
    v1::ProvisionMapLine& line = *map.add_lines();
    *line.mutable_intervention() = *i;
    const std::set<std::string>& pupils = pupils_of[i->name()];
    line.set_pupils(static_cast<int32_t>(pupils.size()));
    for (const std::string& p : pupils) {
      const v1::SenProvision code = provision_of[p];
      if (code == v1::SEN_PROVISION_K) {
        line.set_sen_support_pupils(line.sen_support_pupils() + 1);
      }
      if (code == v1::SEN_PROVISION_E) {
        line.set_ehc_plan_pupils(line.ehc_plan_pupils() + 1);
      }
    }
    const int32_t group = std::max(1, i->group_size());
    line.set_groups((line.pupils() + group - 1) / group);
    line.set_staff_minutes_per_week(int64_t{line.groups()} *
                                    i->sessions_per_week() *
                                    i->minutes_per_session());
    int64_t cost =
        DivideRounded(line.staff_minutes_per_week() * teaching_weeks *
                          i->staff_cost_per_hour_pence(),
                      60);
    if (line.pupils() > 0) cost += i->fixed_cost_per_term_pence();
    line.set_cost_per_term_pence(cost);
    line.set_cost_per_pupil_pence(DivideRounded(cost, line.pupils()));
    v1::ProvisionMapTotal& area = by_area[i->area_of_need()];
    area.set_area_of_need(i->area_of_need());
    AddTo(area, line, line.pupils());
    v1::ProvisionMapTotal& layer = by_layer[i->layer()];
    layer.set_layer(i->layer());
    AddTo(layer, line, line.pupils());
    map.set_cost_per_term_pence(map.cost_per_term_pence() + cost);
  }
  for (auto& [_, t] : by_area) *map.add_by_area() = t;
  for (auto& [_, t] : by_layer) *map.add_by_layer() = t;
  map.set_pupils(static_cast<int32_t>(provision_of.size()));
  for (const auto& [_, code] : provision_of) {
    if (code == v1::SEN_PROVISION_K) {
      map.set_sen_support_pupils(map.sen_support_pupils() + 1);
    }
    if (code == v1::SEN_PROVISION_E) {
      map.set_ehc_plan_pupils(map.ehc_plan_pupils() + 1);
    }
  }
  return map;
}

v1::InterventionEffectiveness BuildEffectiveness(
    const std::vector<v1::Intervention>& interventions,
    const std::vector<SettingPlaceRow>& places,
    const OutcomeRatingLookup& rating) {
  std::map<std::string, std::vector<const storage::PlaceRecord*>> places_of;
  for (const SettingPlaceRow& row : places) {
    places_of[InterventionOf(row.place)].push_back(&row.place);
  }
  v1::InterventionEffectiveness report;
  for (const v1::Intervention* i : ByTitle(interventions)) {
    v1::EffectivenessLine& line = *report.add_lines();
    *line.mutable_intervention() = *i;
    std::vector<double> changes;
    int64_t cost_sum = 0;  // pence x 60 x group size, summed exactly
    const int64_t group = std::max(1, i->group_size());
    for (const storage::PlaceRecord* p : places_of[i->name()]) {
      line.set_places_completed(line.places_completed() + 1);
      const v1::InterventionPlace& place = p->place;
      if (place.has_entry_measure() && place.has_exit_measure()) {
        changes.push_back(place.exit_measure() - place.entry_measure());
      }
      for (const std::string& outcome : place.outcome_ids()) {
        const std::optional<int32_t> r = rating(*p, outcome);
        if (!r.has_value()) continue;
        line.set_outcomes_rated(line.outcomes_rated() + 1);
        if (*r >= 0) {
          line.set_outcomes_at_or_above_expected(
              line.outcomes_at_or_above_expected() + 1);
        }
      }
      cost_sum += int64_t{place.attended_sessions()} *
                  i->minutes_per_session() * i->staff_cost_per_hour_pence();
    }
    line.set_places_measured(static_cast<int32_t>(changes.size()));
    if (!changes.empty()) {
      double sum = 0;
      for (double c : changes) sum += c;
      line.set_mean_change(sum / static_cast<double>(changes.size()));
      line.set_median_change(Median(changes));
    }
    line.set_cost_per_pupil_pence(
        DivideRounded(cost_sum, 60 * group * line.places_completed()));
  }
  return report;
}

}  // namespace sendcase::casework
