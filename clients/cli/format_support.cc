// sendcasectl output for the graduated approach: the intervention
// catalogue, support plans and their history, the provision map and the
// effectiveness report.
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "clients/cli/format.h"

namespace sendcase::client {
namespace {

std::string Pounds(int64_t pence) {
  return absl::StrFormat("£%d.%02d", pence / 100, pence % 100);
}

std::string Area(int area) {
  switch (area) {
    case v1::COMMUNICATION_AND_INTERACTION:
      return "C&I";
    case v1::COGNITION_AND_LEARNING:
      return "C&L";
    case v1::SOCIAL_EMOTIONAL_AND_MENTAL_HEALTH:
      return "SEMH";
    case v1::SENSORY_AND_PHYSICAL:
      return "S&P";
    default:
      return "-";
  }
}

std::string Layer(int layer) {
  return v1::SupportLayer_IsValid(layer)
             ? v1::SupportLayer_Name(static_cast<v1::SupportLayer>(layer))
             : "-";
}

std::string Rating(const v1::SupportOutcome& o) {
  if (!o.has_rating()) return "not rated";
  return absl::StrCat(o.rating() > 0 ? "+" : "", o.rating());
}

std::string Roles(const v1::SupportMeeting& m) {
  std::vector<std::string> roles;
  for (int r : m.participants()) {
    roles.push_back(v1::Role_Name(static_cast<v1::Role>(r)));
  }
  if (m.pupil_participated()) roles.push_back("the pupil");
  return absl::StrJoin(roles, ", ");
}

std::string Measure(double value) { return absl::StrFormat("%.1f", value); }

// A free-text CSV cell that a spreadsheet must not run as a formula: one
// starting with =, +, -, @, tab or CR gets a leading apostrophe (OWASP).
std::string SafeCsv(const std::string& text) {
  if (!text.empty() &&
      std::string("=+-@\t\r").find(text[0]) != std::string::npos) {
    return CsvField("'" + text);
  }
  return CsvField(text);
}

}  // namespace

std::string InterventionsTable(const std::vector<v1::Intervention>& rows) {
  std::vector<std::vector<std::string>> cells;
  for (const auto& i : rows) {
    cells.push_back(
        {i.name(), i.title(), Area(i.area_of_need()), Layer(i.layer()),
         v1::Intervention::Staff_Name(i.delivered_by()),
         absl::StrCat(i.group_size()),
         absl::StrCat(i.sessions_per_week(), " x ", i.minutes_per_session(),
                      " min"),
         Pounds(i.staff_cost_per_hour_pence()),
         absl::StrCat(i.measure().name(), " (", i.measure().unit(), ")")});
  }
  return Table({"INTERVENTION", "TITLE", "AREA", "LAYER", "BY", "GROUP",
                "PER WEEK", "PER HOUR", "MEASURE"},
               cells);
}

std::string SupportPlanText(const v1::SupportPlan& p) {
  std::string out = absl::StrCat(
      p.name(), "  cycle ", p.cycle(), "  ",
      v1::SupportPlan::State_Name(p.state()), "  review ",
      p.has_review_date() ? FormatDate(p.review_date()) : "-", "\n");
  if (p.has_agreed_at()) {
    absl::StrAppend(&out, "  agreed ", FormatDate(p.agreed_at().date()),
                    " with ", Roles(p.agreed_at()),
                    p.agreed_at().parent_participated() ? "" : " (no parent)",
                    "; recorded on ", p.journey(), "\n");
  }
  if (p.has_reviewed_at()) {
    absl::StrAppend(&out, "  reviewed ", FormatDate(p.reviewed_at().date()),
                    " with ", Roles(p.reviewed_at()), "\n");
  }
  for (const auto& o : p.outcomes()) {
    absl::StrAppend(&out, "  outcome ", Printable(o.id()), " [",
                    Area(o.area_of_need()), "] by ",
                    FormatDate(o.target_date()), ": ",
                    Printable(o.success_criteria()), "  (", Rating(o), ")\n");
  }
  if (!p.strategies().empty()) {
    absl::StrAppend(&out, "  strategies: ", Printable(p.strategies()), "\n");
  }
  if (!p.pupil_views().empty()) {
    absl::StrAppend(&out, "  pupil's views: ", Printable(p.pupil_views()),
                    "\n");
  }
  if (!p.parent_views().empty()) {
    absl::StrAppend(&out, "  parents' views: ", Printable(p.parent_views()),
                    "\n");
  }
  return out;
}

std::string PlaceText(const v1::InterventionPlace& p) {
  return absl::StrCat(
      p.name(), "  ", p.intervention(), "  ", FormatDate(p.start_date()),
      " to ", p.has_end_date() ? FormatDate(p.end_date()) : "(running)", "  ",
      p.attended_sessions(), "/", p.planned_sessions(), " sessions  entry ",
      p.has_entry_measure() ? Measure(p.entry_measure()) : "-", "  exit ",
      p.has_exit_measure() ? Measure(p.exit_measure()) : "-",
      p.support_plan().empty()
          ? ""
          : absl::StrCat("  serves ", p.support_plan(), " ",
                         absl::StrJoin(p.outcome_ids(), ",")),
      "\n");
}

std::string ReferralText(const v1::AgencyReferral& r) {
  std::string out = absl::StrCat(
      r.name(), "  ", v1::AgencyReferral::Agency_Name(r.agency()), " (",
      Printable(r.service()), ")  referred ", FormatDate(r.referral_date()),
      "  ", v1::AgencyReferral::State_Name(r.state()), "  answer due ",
      r.has_response_due_date() ? FormatDate(r.response_due_date()) : "-",
      "\n  consent: ", Printable(r.consent().given_by()), " ",
      FormatDate(r.consent().given_date()),
      r.consent().has_withdrawn_date()
          ? absl::StrCat(", withdrawn ",
                         FormatDate(r.consent().withdrawn_date()))
          : "",
      "\n");
  if (r.has_advice_received_date()) {
    absl::StrAppend(&out, "  advice ", FormatDate(r.advice_received_date()),
                    ": ", Printable(r.advice_summary()), "\n");
  }
  return out;
}

std::string SupportHistoryText(const v1::ListSupportPlansResponse& h) {
  std::string out;
  for (const auto& p : h.support_plans()) out += SupportPlanText(p);
  if (h.support_plans().empty()) out += "no support plans\n";
  for (const auto& p : h.places()) out += PlaceText(p);
  for (const auto& r : h.referrals()) out += ReferralText(r);
  for (const auto& i : h.imported_histories()) {
    absl::StrAppend(
        &out, i.name(), "  from an earlier setting",
        i.source_setting_urn().empty()
            ? ""
            : absl::StrCat(" (settings/", i.source_setting_urn(), ")"),
        ", imported by ", Printable(i.imported_by()), ":\n");
    // The earlier history, indented under its heading.
    for (absl::string_view line : absl::StrSplit(
             SupportHistoryText(i.history()), '\n', absl::SkipEmpty())) {
      absl::StrAppend(&out, "  | ", line, "\n");
    }
  }
  return out;
}

std::string ProvisionMapText(const v1::ProvisionMap& m) {
  std::vector<std::vector<std::string>> cells;
  for (const auto& l : m.lines()) {
    const auto& i = l.intervention();
    cells.push_back(
        {i.title(), Area(i.area_of_need()), Layer(i.layer()),
         absl::StrCat(l.pupils()),
         absl::StrCat(l.sen_support_pupils(), "/", l.ehc_plan_pupils()),
         absl::StrCat(l.groups()),
         absl::StrFormat("%.1f", l.staff_minutes_per_week() / 60.0),
         Pounds(l.cost_per_term_pence()),
         l.pupils() > 0 ? Pounds(l.cost_per_pupil_pence()) : "-"});
  }
  std::string out =
      absl::StrCat("Provision map of ", m.setting(), ", ",
                   FormatDate(m.term_start()), " to ", FormatDate(m.term_end()),
                   " (", m.teaching_weeks(), " teaching weeks)\n");
  absl::StrAppend(
      &out, Table({"INTERVENTION", "AREA", "LAYER", "PUPILS", "K/E", "GROUPS",
                   "STAFF H/WK", "COST/TERM", "PER PUPIL"},
                  cells));
  for (const auto* totals : {&m.by_area(), &m.by_layer()}) {
    for (const auto& t : *totals) {
      absl::StrAppend(
          &out, "  ",
          t.area_of_need() != 0 ? Area(t.area_of_need()) : Layer(t.layer()),
          ": ", t.interventions(),
          t.interventions() == 1 ? " intervention, " : " interventions, ",
          t.places(), t.places() == 1 ? " place, " : " places, ",
          absl::StrFormat("%.1f", t.staff_minutes_per_week() / 60.0),
          " staff hours a week, ", Pounds(t.cost_per_term_pence()), "\n");
    }
  }
  absl::StrAppend(
      &out, "pupils: ", m.pupils(), " (", m.sen_support_pupils(),
      " SEN support, ", m.ehc_plan_pupils(),
      " EHC plan); cost this term: ", Pounds(m.cost_per_term_pence()), "\n");
  return out;
}

std::string ProvisionMapCsv(const v1::ProvisionMap& m) {
  std::string out =
      "intervention,title,area_of_need,layer,pupils,sen_support_pupils,"
      "ehc_plan_pupils,groups,staff_minutes_per_week,cost_per_term_pence,"
      "cost_per_pupil_pence\r\n";
  for (const auto& l : m.lines()) {
    const auto& i = l.intervention();
    absl::StrAppend(&out, CsvField(i.name()), ",", SafeCsv(i.title()), ",",
                    v1::AreaOfNeed_Name(i.area_of_need()), ",",
                    v1::SupportLayer_Name(i.layer()), ",", l.pupils(), ",",
                    l.sen_support_pupils(), ",", l.ehc_plan_pupils(), ",",
                    l.groups(), ",", l.staff_minutes_per_week(), ",",
                    l.cost_per_term_pence(), ",", l.cost_per_pupil_pence(),
                    "\r\n");
  }
  return out;
}

std::string EffectivenessText(const v1::InterventionEffectiveness& r) {
  std::vector<std::vector<std::string>> cells;
  for (const auto& l : r.lines()) {
    const auto& i = l.intervention();
    const bool measured = l.places_measured() > 0;
    cells.push_back(
        {i.title(), absl::StrCat(l.places_completed()),
         absl::StrCat(l.places_measured()),
         measured ? Measure(l.mean_change()) : "-",
         measured ? Measure(l.median_change()) : "-", i.measure().unit(),
         l.outcomes_rated() > 0
             ? absl::StrCat(l.outcomes_at_or_above_expected(), "/",
                            l.outcomes_rated())
             : "-",
         l.places_completed() > 0 ? Pounds(l.cost_per_pupil_pence()) : "-"});
  }
  return absl::StrCat("Interventions of ", r.setting(), " ended ",
                      FormatDate(r.start_date()), " to ",
                      FormatDate(r.end_date()), "\n",
                      Table({"INTERVENTION", "ENDED", "MEASURED", "MEAN CHANGE",
                             "MEDIAN", "UNIT", "OUTCOMES MET", "COST/PUPIL"},
                            cells));
}

std::string EffectivenessCsv(const v1::InterventionEffectiveness& r) {
  std::string out =
      "intervention,title,places_completed,places_measured,mean_change,"
      "median_change,outcomes_rated,outcomes_at_or_above_expected,"
      "cost_per_pupil_pence\r\n";
  for (const auto& l : r.lines()) {
    const auto& i = l.intervention();
    absl::StrAppend(&out, CsvField(i.name()), ",", SafeCsv(i.title()), ",",
                    l.places_completed(), ",", l.places_measured(), ",",
                    l.mean_change(), ",", l.median_change(), ",",
                    l.outcomes_rated(), ",", l.outcomes_at_or_above_expected(),
                    ",", l.cost_per_pupil_pence(), "\r\n");
  }
  return out;
}

}  // namespace sendcase::client
