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

std::string EncodeCursor(const storage::AssessmentRow& last) {
  return SealPageToken(
      absl::StrCat("a1|", FormatDay(last.next_due), "|", last.seq));
}

absl::StatusOr<std::optional<storage::AssessmentCursor>> DecodeCursor(
    absl::string_view token) {
  if (token.empty()) return std::optional<storage::AssessmentCursor>();
  const auto invalid = absl::InvalidArgumentError(
      "page_token: not a token from a previous ListAssessments response");
  absl::StatusOr<std::string> decoded = OpenPageToken(token);
  if (!decoded.ok()) return invalid;
  std::vector<absl::string_view> parts = absl::StrSplit(*decoded, '|');
  storage::AssessmentCursor cursor;
  if (parts.size() != 3 || parts[0] != "a1" ||
      !absl::SimpleAtoi(parts[2], &cursor.seq)) {
    return invalid;
  }
  auto day = ParseDay(parts[1], "page_token");
  if (!day.ok()) return invalid;
  cursor.next_due = *day;
  return std::optional<storage::AssessmentCursor>(cursor);
}

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

absl::StatusOr<v1::ListAssessmentsResponse> ViewEngine::ListAssessments(
    const auth::Principal& caller, const v1::ListAssessmentsRequest& request) {
  RETURN_IF_ERROR(
      auth::AuthorizeMethod(caller, auth::Method::kListAssessments));
  // Reuse the page-size rules; the cursor is this view's own.
  ASSIGN_OR_RETURN(storage::PageRequest page,
                   ParsePage(request.page_size(), "", ""));
  ASSIGN_OR_RETURN(std::optional<storage::AssessmentCursor> after,
                   DecodeCursor(request.page_token()));
  RETURN_IF_ERROR(ValidateOfficer(request.case_officer(), "case_officer"));
  // One officer's cases are picked from the LA's in order (a few hundred
  // open assessments): batches until the page is full or the list ends.
  std::vector<storage::AssessmentRow> rows;
  const int batch = request.case_officer().empty() ? page.limit + 1 : 200;
  while (static_cast<int>(rows.size()) <= page.limit) {
    ASSIGN_OR_RETURN(
        std::vector<storage::AssessmentRow> got,
        views_.ListOpenAssessments(auth::VisibilityFor(caller), after, batch));
    for (auto& row : got) {
      if (request.case_officer().empty() ||
          row.case_officer == request.case_officer()) {
        rows.push_back(std::move(row));
      }
    }
    if (static_cast<int>(got.size()) < batch) break;
    after = storage::AssessmentCursor{got.back().next_due, got.back().seq};
  }
  const Day today = LondonDate(clock_.Now());
  v1::ListAssessmentsResponse response;
  for (size_t i = 0; i < rows.size() && static_cast<int>(i) < page.limit; ++i) {
    const storage::AssessmentRow& row = rows[i];
    v1::AssessmentSummary* a = response.add_assessments();
    a->set_journey(JourneyName{row.pupil_id, row.journey_id}.Format());
    a->set_pupil(PupilName{row.pupil_id}.Format());
    *a->mutable_received_date() = ToProtoDate(row.received);
    a->set_week(static_cast<int>((today - row.received).count() / 7) + 1);
    *a->mutable_final_plan_date() = ToProtoDate(row.final_due);
    *a->mutable_next_due_date() = ToProtoDate(row.next_due);
    a->set_next_rule_id(row.next_rule_id);
    a->set_days_left(static_cast<int>((row.next_due - today).count()));
    for (const auto& id : row.exception_rule_ids) a->add_exception_rule_ids(id);
    a->set_state(
        v1::Journey::State_Name(static_cast<v1::Journey::State>(row.state)));
    a->set_upn(row.label.upn);
    a->set_upn_unknown(
        static_cast<v1::UpnUnknownReason>(row.label.upn_unknown));
    a->set_case_officer(row.case_officer);
    a->set_given_name(row.label.given_name);
    a->set_family_name(row.label.family_name);
  }
  if (static_cast<int>(rows.size()) > page.limit) {
    response.set_next_page_token(EncodeCursor(rows[page.limit - 1]));
  }
  return response;
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
