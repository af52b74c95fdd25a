// ViewEngine::GetSen2Return: gathers the LA's pupils, journeys, events and
// clocks through the storage ports (either backend) and builds the return
// (sen2_return.h). An annual report: it reads every journey of the LA, page
// by page, rather than keeping a query of its own in two SQL dialects.
#include <map>

#include "absl/strings/str_cat.h"
#include "date/date.h"
#include "services/auth/authorizer.h"
#include "services/casework/sen2_return.h"
#include "services/casework/validation.h"
#include "services/casework/view_engine.h"
#include "services/common/status_macros.h"

namespace sendcase::casework {

absl::StatusOr<v1::Sen2Return> ViewEngine::GetSen2Return(
    const auth::Principal& caller, const v1::GetSen2ReturnRequest& request) {
  RETURN_IF_ERROR(auth::AuthorizeMethod(caller, auth::Method::kGetSen2Return));
  if (request.year() < 2023 || request.year() > 2100) {
    return absl::InvalidArgumentError(
        "year: a collection year, 2023 (the first person-level return) to "
        "2100");
  }
  std::string la = request.local_authority_code();
  if (la.empty() && caller.scope.kind == auth::Scope::Kind::kLocalAuthority) {
    la = caller.scope.id;  // an officer's own LA
  }
  if (!IsDigits(la, 3)) {
    return absl::InvalidArgumentError(
        "local_authority_code: required (3 digits) unless the token's scope "
        "is one LA");
  }
  RETURN_IF_ERROR(auth::CheckScopeWithin(caller, absl::StrCat("la:", la)));
  Sen2Params params;
  params.year = request.year();
  params.la_code = la;
  params.reference_date = DefaultSen2ReferenceDate(request.year());
  if (!request.reference_date().empty()) {
    ASSIGN_OR_RETURN(params.reference_date,
                     ParseDay(request.reference_date(), "reference_date"));
    const date::year_month_day ymd{params.reference_date};
    if (ymd.year() != date::year{request.year()} ||
        ymd.month() != date::January) {
      return absl::InvalidArgumentError(
          "reference_date: a day in January of the collection year");
    }
  }
  params.generated_at = date::format("%Y-%m-%dT%H:%M:%S", clock_.Now());
  params.release = "sendcase";

  const storage::Visibility the_la{false, {}, {la}};
  ASSIGN_OR_RETURN(std::vector<storage::PupilRecord> pupils,
                   storage::ReadAllPages<storage::PupilRecord>(
                       [&](const storage::PageRequest& p) {
                         return cases_.ListPupils(the_la, {}, p);
                       }));
  ASSIGN_OR_RETURN(std::vector<storage::JourneyRecord> journeys,
                   storage::ReadAllPages<storage::JourneyRecord>(
                       [&](const storage::PageRequest& p) {
                         return cases_.ListJourneys(the_la, std::nullopt, p);
                       }));
  std::map<std::string, Sen2Child> by_pupil;  // by name: a stable order
  for (auto& p : pupils) {
    const std::string name = p.pupil.name();
    by_pupil[name].pupil = std::move(p.pupil);
  }
  for (auto& record : journeys) {
    ASSIGN_OR_RETURN(JourneyName name,
                     ParseJourneyName(record.journey.name(), "journey"));
    auto child = by_pupil.find(name.Parent().Format());
    if (child == by_pupil.end()) continue;
    Sen2Journey j;
    j.name = record.journey.name();
    ASSIGN_OR_RETURN(j.events, storage::ReadAllPages<v1::JourneyEvent>(
                                   [&](const storage::PageRequest& p) {
                                     return cases_.ListEvents(name, p);
                                   }));
    j.clocks = std::move(record.clocks);
    child->second.journeys.push_back(std::move(j));
  }
  std::vector<Sen2Child> children;
  for (auto& [name, child] : by_pupil) children.push_back(std::move(child));
  return BuildSen2Return(params, children);
}

}  // namespace sendcase::casework
