#include "services/casework/caseloads.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace sendcase::casework {
namespace {

// Lower sorts first: how urgent a case is.
auto Urgency(const v1::CaseloadCase& c) {
  return std::make_tuple(!c.overdue_assessment(),
                         !c.assessment_with_exception(), !c.open_assessment(),
                         -c.overdue_reviews(), c.journey());
}

}  // namespace

std::vector<v1::Caseload> SumCaseloads(
    const std::vector<storage::CountsRow>& journeys, const std::string& own,
    bool include_cases) {
  std::map<std::string, v1::Caseload> by_officer;
  if (!own.empty()) by_officer[own].set_case_officer(own);
  for (const storage::CountsRow& row : journeys) {
    v1::Caseload& load = by_officer[row.display_name];
    load.set_case_officer(row.display_name);
    load.set_open_assessments(load.open_assessments() + row.open_assessments);
    load.set_overdue_assessments(load.overdue_assessments() +
                                 row.overdue_assessments);
    load.set_assessments_with_exceptions(load.assessments_with_exceptions() +
                                         row.assessments_with_exceptions);
    load.set_ehc_plans(load.ehc_plans() + row.ehc_plans);
    load.set_overdue_reviews(load.overdue_reviews() + row.overdue_reviews);
    const bool counted = row.open_assessments > 0 || row.ehc_plans > 0 ||
                         row.overdue_reviews > 0;
    if (!include_cases || !counted) continue;
    const std::pair<std::string, std::string> ids =
        absl::StrSplit(row.key, absl::MaxSplits('/', 1));
    v1::CaseloadCase* c = load.add_cases();
    c->set_journey(
        absl::StrCat("pupils/", ids.first, "/journeys/", ids.second));
    c->set_open_assessment(row.open_assessments > 0);
    c->set_overdue_assessment(row.overdue_assessments > 0);
    c->set_assessment_with_exception(row.assessments_with_exceptions > 0);
    c->set_ehc_plan(row.ehc_plans > 0);
    c->set_overdue_reviews(row.overdue_reviews);
  }
  std::vector<v1::Caseload> out;
  if (!own.empty()) out.push_back(by_officer[own]);
  for (auto& [officer, load] : by_officer) {
    if (!own.empty() && officer == own) continue;
    out.push_back(std::move(load));
  }
  for (v1::Caseload& load : out) {
    std::sort(load.mutable_cases()->begin(), load.mutable_cases()->end(),
              [](const v1::CaseloadCase& a, const v1::CaseloadCase& b) {
                return Urgency(a) < Urgency(b);
              });
  }
  return out;
}

}  // namespace sendcase::casework
