// ViewEngine::ListAssessments, the LA's 20-week tracker: open assessments
// most urgent first. An LA case officer's own cases come first (then
// everyone else's, each part most urgent first), or only one officer's when
// the request names one. The officer parts are picked from the store's
// urgency order in batches (an LA has a few hundred open assessments), and
// the page token says which part the next page continues.
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/auth/authorizer.h"
#include "services/casework/paging.h"
#include "services/casework/validation.h"
#include "services/casework/view_engine.h"
#include "services/common/proto_time.h"
#include "services/common/resource_name.h"
#include "services/common/status_macros.h"

namespace sendcase::casework {
namespace {

// Where a page starts: the officer the list was for ("" none), the part (0,
// or 1 for the others after an officer's own) and the last row before it in
// that part.
struct TrackerCursor {
  std::string officer;
  int part = 0;
  std::optional<storage::AssessmentCursor> after;
};

std::string EncodeCursor(const std::string& officer, int part,
                         const storage::AssessmentRow& last) {
  return SealPageToken(absl::StrCat("a2|", officer, "|", part, "|",
                                    FormatDay(last.next_due), "|", last.seq));
}

absl::StatusOr<TrackerCursor> DecodeCursor(absl::string_view token) {
  TrackerCursor cursor;
  if (token.empty()) return cursor;
  const auto invalid = absl::InvalidArgumentError(
      "page_token: not a token from a previous ListAssessments response");
  absl::StatusOr<std::string> decoded = OpenPageToken(token);
  if (!decoded.ok()) return invalid;
  std::vector<absl::string_view> parts = absl::StrSplit(*decoded, '|');
  storage::AssessmentCursor after;
  if (parts.size() != 5 || parts[0] != "a2" ||
      !absl::SimpleAtoi(parts[2], &cursor.part) || cursor.part < 0 ||
      cursor.part > 1 || !absl::SimpleAtoi(parts[4], &after.seq)) {
    return invalid;
  }
  cursor.officer = std::string(parts[1]);
  auto day = ParseDay(parts[3], "page_token");
  if (!day.ok()) return invalid;
  after.next_due = *day;
  cursor.after = after;
  return cursor;
}

void Render(const storage::AssessmentRow& row, Day today,
            v1::AssessmentSummary* a) {
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
  a->set_upn_unknown(static_cast<v1::UpnUnknownReason>(row.label.upn_unknown));
  a->set_case_officer(row.case_officer);
  a->set_given_name(row.label.given_name);
  a->set_family_name(row.label.family_name);
}

}  // namespace

absl::StatusOr<v1::ListAssessmentsResponse> ViewEngine::ListAssessments(
    const auth::Principal& caller, const v1::ListAssessmentsRequest& request) {
  RETURN_IF_ERROR(
      auth::AuthorizeMethod(caller, auth::Method::kListAssessments));
  // Reuse the page-size rules; the cursor is this view's own.
  ASSIGN_OR_RETURN(storage::PageRequest page,
                   ParsePage(request.page_size(), "", ""));
  ASSIGN_OR_RETURN(TrackerCursor cursor, DecodeCursor(request.page_token()));
  RETURN_IF_ERROR(ValidateOfficer(request.case_officer(), "case_officer"));
  // Part 0 takes one officer's cases (the one asked for, or the calling
  // officer's own); part 1, after an officer's own, everyone else's.
  const std::string& named = request.case_officer();
  const std::string own =
      named.empty() && caller.role == v1::LA_CASE_OFFICER ? caller.subject : "";
  const int parts = own.empty() ? 1 : 2;
  const std::string officer = named.empty() ? own : named;
  // A token goes on the list it came from: the same officer, the same parts.
  if (!request.page_token().empty() &&
      (cursor.officer != officer || cursor.part >= parts)) {
    return absl::InvalidArgumentError(
        "page_token: from a ListAssessments request for another officer or "
        "caller; start again without it");
  }
  auto in_part = [&](const storage::AssessmentRow& row, int part) {
    if (officer.empty()) return true;  // no officer: one part, everything
    return (row.case_officer == officer) == (part == 0);
  };
  const int batch = officer.empty() ? page.limit + 1 : 200;
  std::vector<std::pair<int, storage::AssessmentRow>> rows;
  for (int part = cursor.part; part < parts; ++part) {
    std::optional<storage::AssessmentCursor> after =
        part == cursor.part ? cursor.after : std::nullopt;
    while (static_cast<int>(rows.size()) <= page.limit) {
      ASSIGN_OR_RETURN(std::vector<storage::AssessmentRow> got,
                       views_.ListOpenAssessments(auth::VisibilityFor(caller),
                                                  after, batch));
      for (auto& row : got) {
        if (in_part(row, part)) rows.emplace_back(part, std::move(row));
      }
      if (static_cast<int>(got.size()) < batch) break;
      after = storage::AssessmentCursor{got.back().next_due, got.back().seq};
    }
  }
  const Day today = LondonDate(clock_.Now());
  v1::ListAssessmentsResponse response;
  for (size_t i = 0; i < rows.size() && static_cast<int>(i) < page.limit; ++i) {
    Render(rows[i].second, today, response.add_assessments());
  }
  if (static_cast<int>(rows.size()) > page.limit) {
    const auto& [part, last] = rows[page.limit - 1];
    response.set_next_page_token(EncodeCursor(officer, part, last));
  }
  return response;
}

}  // namespace sendcase::casework
