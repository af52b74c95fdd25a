#include "services/casework/view_engine.h"

#include <algorithm>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/auth/authorizer.h"
#include "services/casework/access.h"
#include "services/casework/chronology.h"
#include "services/casework/paging.h"
#include "services/casework/support_engine.h"
#include "services/casework/validation.h"
#include "services/common/proto_time.h"
#include "services/common/resource_name.h"
#include "services/common/status_macros.h"

namespace sendcase::casework {
namespace {

double Percent(int part, int whole) {
  return whole == 0 ? 0.0 : 100.0 * part / whole;
}

}  // namespace

v1::TimelinessReport Timeliness(
    int year, const std::vector<storage::IssuedPlanRow>& plans) {
  v1::TimelinessReport r;
  r.set_year(year);
  int64_t total_days = 0;
  int64_t late_days = 0;
  for (const auto& plan : plans) {
    if (plan.issued > plan.due) late_days += (plan.issued - plan.due).count();
    const int days = static_cast<int>((plan.issued - plan.received).count());
    const bool within = plan.issued <= plan.due;
    total_days += days;
    r.set_plans_issued(r.plans_issued() + 1);
    if (within) r.set_within_20_weeks(r.within_20_weeks() + 1);
    if (!plan.exception) {
      r.set_plans_issued_excluding_exceptions(
          r.plans_issued_excluding_exceptions() + 1);
      if (within) {
        r.set_within_20_weeks_excluding_exceptions(
            r.within_20_weeks_excluding_exceptions() + 1);
      }
    }
    if (!within) {
      v1::LatePlan* l = r.add_late_plans();
      l->set_journey(JourneyName{plan.pupil_id, plan.journey_id}.Format());
      *l->mutable_received_date() = ToProtoDate(plan.received);
      *l->mutable_due_date() = ToProtoDate(plan.due);
      *l->mutable_issued_date() = ToProtoDate(plan.issued);
      l->set_days_late(static_cast<int>((plan.issued - plan.due).count()));
      l->set_exception(plan.exception);
      l->set_case_officer(plan.case_officer);
    }
    if (!within && days < 365) {
      r.set_over_20_weeks_under_a_year(r.over_20_weeks_under_a_year() + 1);
    } else if (!within) {
      r.set_over_a_year(r.over_a_year() + 1);
    }
  }
  // Latest first: the rows come in issue order.
  std::reverse(r.mutable_late_plans()->begin(), r.mutable_late_plans()->end());
  const int late = r.plans_issued() - r.within_20_weeks();
  r.set_average_days_late(late == 0 ? 0.0
                                    : static_cast<double>(late_days) / late);
  r.set_within_20_weeks_percent(Percent(r.within_20_weeks(), r.plans_issued()));
  r.set_within_20_weeks_excluding_exceptions_percent(
      Percent(r.within_20_weeks_excluding_exceptions(),
              r.plans_issued_excluding_exceptions()));
  r.set_average_weeks(plans.empty() ? 0.0
                                    : static_cast<double>(total_days) /
                                          plans.size() / 7.0);
  return r;
}

absl::StatusOr<v1::TimelinessReport> ViewEngine::GetTimelinessReport(
    const auth::Principal& caller,
    const v1::GetTimelinessReportRequest& request) {
  RETURN_IF_ERROR(
      auth::AuthorizeMethod(caller, auth::Method::kGetTimelinessReport));
  if (request.year() < 2000 || request.year() > 2100) {
    return absl::InvalidArgumentError("year: a calendar year, 2000 to 2100");
  }
  const date::year y{request.year()};
  ASSIGN_OR_RETURN(std::vector<storage::IssuedPlanRow> plans,
                   views_.ListIssuedPlans(auth::VisibilityFor(caller),
                                          Day(y / date::January / 1),
                                          Day(y / date::December / 31)));
  return Timeliness(request.year(), plans);
}

absl::StatusOr<v1::Chronology> ViewEngine::GetChronology(
    const auth::Principal& caller, const v1::GetChronologyRequest& request) {
  RETURN_IF_ERROR(auth::AuthorizeMethod(caller, auth::Method::kGetChronology));
  ASSIGN_OR_RETURN(PupilName name, ParsePupilName(request.pupil(), "pupil"));
  RETURN_IF_ERROR(
      LoadVisiblePupil(cases_, caller, request.pupil(), "pupil").status());
  // The pupil is visible, so its rows are: read them unfiltered.
  const storage::Visibility all = storage::Visibility::All();
  ASSIGN_OR_RETURN(std::vector<storage::JourneyRecord> journeys,
                   storage::ReadAllPages<storage::JourneyRecord>(
                       [&](const storage::PageRequest& p) {
                         return cases_.ListJourneys(all, name, p);
                       }));
  std::vector<JourneyHistory> histories;
  for (auto& record : journeys) {
    ASSIGN_OR_RETURN(JourneyName journey,
                     ParseJourneyName(record.journey.name(), "journey"));
    ASSIGN_OR_RETURN(std::vector<v1::JourneyEvent> events,
                     storage::ReadAllPages<v1::JourneyEvent>(
                         [&](const storage::PageRequest& p) {
                           return cases_.ListEvents(journey, p);
                         }));
    histories.push_back({std::move(record), std::move(events)});
  }
  storage::TaskFilter filter;
  filter.pupil = name;
  ASSIGN_OR_RETURN(std::vector<storage::TaskRecord> task_records,
                   storage::ReadAllPages<storage::TaskRecord>(
                       [&](const storage::PageRequest& p) {
                         return tasks_.ListTasks(all, filter, p);
                       }));
  std::vector<v1::Task> tasks;
  for (auto& t : task_records) tasks.push_back(std::move(t.task));
  std::vector<v1::ChronologyEntry> entries =
      BuildChronology(histories, tasks, LondonDate(clock_.Now()));
  // Plans and places only for those who may read them (ListSupportPlans):
  // not an advice giver's or a trust's token.
  if (support_ != nullptr &&
      auth::AuthorizeMethod(caller, auth::Method::kListSupportPlans).ok()) {
    ASSIGN_OR_RETURN(std::vector<storage::SupportPlanRecord> plans,
                     support_->ListSupportPlans(name));
    ASSIGN_OR_RETURN(std::vector<storage::PlaceRecord> places,
                     support_->ListPlaces(name));
    std::vector<v1::SupportPlan> rendered_plans;
    for (const auto& p : plans) rendered_plans.push_back(RenderSupportPlan(p));
    std::vector<v1::InterventionPlace> rendered_places;
    for (const auto& p : places) rendered_places.push_back(RenderPlace(p));
    ASSIGN_OR_RETURN(std::vector<storage::ImportedHistoryRecord> imported,
                     support_->ListImportedHistories(name));
    std::vector<v1::ImportedPlanHistory> histories;
    for (auto& i : imported) {
      histories.push_back(std::move(i.history));
      histories.back().set_name(
          absl::StrCat(name.Format(), "/importedHistories/", i.id));
    }
    AddSupportLines(rendered_plans, rendered_places, histories, entries);
  }
  v1::Chronology chronology;
  chronology.set_pupil(request.pupil());
  for (auto& entry : entries) *chronology.add_entries() = std::move(entry);
  return chronology;
}

}  // namespace sendcase::casework
