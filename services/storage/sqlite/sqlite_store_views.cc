// SqliteStore: the work-view queries (ViewStore).
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/common/status_macros.h"
#include "services/storage/sqlite/sql_filter.h"
#include "services/storage/sqlite/sqlite_store.h"
#include "services/storage/stored_time.h"

namespace sendcase::storage {
namespace {

constexpr int64_t kMet = v1::Clock::MET;

}  // namespace

absl::StatusOr<std::vector<AssessmentRow>> SqliteStore::ListOpenAssessments(
    const Visibility& visibility, const std::optional<AssessmentCursor>& after,
    int limit) {
  ReadConnection read(*this, Pool::kViews);
  // The assessment's clocks are its steps' clocks (the rules'
  // assessment_step) that started on or after its request (an earlier,
  // superseded request's clocks started before); the family's windows are not
  // dates the LA must meet.
  const std::string live_clock =
      "c.journey_id = j.id AND c.live = 1 AND c.assessment_step = 1 AND "
      "c.statutory = 1 AND c.expires = 0 AND c.start_date >= f.start_date";
  SqlFilter filter;
  filter.Visible(visibility, "p");
  std::string cursor;
  if (after.has_value()) {
    cursor = " WHERE (next_due, seq) > (?, ?)";
  }
  const std::string sql = absl::StrCat(
      "SELECT * FROM (SELECT j.id AS journey_id, j.pupil_id, j.seq AS seq, "
      "j.state, f.start_date, f.due_date, "
      "(SELECT MIN(c.due_date) FROM clocks c INDEXED BY "
      "clocks_by_journey_live WHERE ",
      live_clock,
      ") AS next_due, "
      "(SELECT c.rule_id FROM clocks c INDEXED BY clocks_by_journey_live "
      "WHERE ",
      live_clock,
      " ORDER BY c.due_date, c.id LIMIT 1) AS next_rule, "
      "(SELECT group_concat(c.rule_id) FROM clocks c INDEXED BY "
      "clocks_by_journey_live WHERE c.journey_id = "
      "j.id AND c.assessment_step = 1 AND c.exception_reason != '' AND "
      "c.start_date >= f.start_date) AS exceptions, p.upn, p.given_name, "
      "p.family_name, COALESCE(p.upn_unknown, 0) AS upn_unknown, "
      "j.case_officer FROM journeys j JOIN pupils p ON p.id = j.pupil_id JOIN "
      "clocks f ON "
      "f.journey_id = j.id AND f.assessment_limit = 1 AND f.live = 1",
      filter.Where(), ")", cursor, " ORDER BY next_due, seq LIMIT ?");
  ASSIGN_OR_RETURN(Statement stmt, read->Prepare(sql));
  // Parameters in text order: visibility, the cursor and the limit.
  int i = filter.BindTo(stmt, 1);
  if (after.has_value()) {
    stmt.Bind(i, FormatDay(after->next_due));
    stmt.Bind(i + 1, after->seq);
    i += 2;
  }
  stmt.Bind(i, int64_t{limit});
  std::vector<AssessmentRow> rows;
  while (true) {
    ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    AssessmentRow r;
    r.journey_id = stmt.ColumnText(0);
    r.pupil_id = stmt.ColumnText(1);
    r.seq = stmt.ColumnInt64(2);
    r.state = static_cast<int>(stmt.ColumnInt64(3));
    ASSIGN_OR_RETURN(r.received,
                     ParseStoredDay(stmt.ColumnText(4), "start_date"));
    ASSIGN_OR_RETURN(r.final_due,
                     ParseStoredDay(stmt.ColumnText(5), "due_date"));
    ASSIGN_OR_RETURN(r.next_due,
                     ParseStoredDay(stmt.ColumnText(6), "next_due"));
    r.next_rule_id = stmt.ColumnText(7);
    if (!stmt.ColumnIsNull(8)) {
      r.exception_rule_ids = absl::StrSplit(stmt.ColumnText(8), ',');
    }
    r.label = {stmt.ColumnText(9), stmt.ColumnText(10), stmt.ColumnText(11),
               static_cast<int>(stmt.ColumnInt64(12))};
    r.case_officer = stmt.ColumnText(13);
    rows.push_back(std::move(r));
  }
  return rows;
}

absl::StatusOr<std::vector<IssuedPlanRow>> SqliteStore::ListIssuedPlans(
    const Visibility& visibility, Day first, Day last) {
  ReadConnection read(*this, Pool::kViews);
  SqlFilter filter;
  filter.And(
      "f.assessment_limit = 1 AND f.live = 0 AND f.status = ? AND "
      "f.met_date BETWEEN ? AND ?",
      {kMet, FormatDay(first), FormatDay(last)});
  filter.Visible(visibility, "p");
  ASSIGN_OR_RETURN(
      Statement stmt,
      read->Prepare(absl::StrCat(
          "SELECT f.start_date, f.met_date, f.due_date, EXISTS (SELECT 1 "
          "FROM clocks c INDEXED BY clocks_by_journey_live WHERE "
          "c.journey_id = f.journey_id AND c.assessment_step = 1 AND "
          "c.exception_reason != '' AND c.start_date >= "
          "f.start_date AND c.start_date <= f.met_date), j.pupil_id, j.id, "
          "j.case_officer FROM clocks f JOIN "
          "journeys j ON j.id = f.journey_id JOIN pupils p ON p.id = "
          "j.pupil_id",
          filter.Where(), " ORDER BY f.met_date, f.id")));
  filter.BindTo(stmt, 1);
  std::vector<IssuedPlanRow> rows;
  while (true) {
    ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    IssuedPlanRow r;
    ASSIGN_OR_RETURN(r.received,
                     ParseStoredDay(stmt.ColumnText(0), "start_date"));
    ASSIGN_OR_RETURN(r.issued, ParseStoredDay(stmt.ColumnText(1), "met_date"));
    ASSIGN_OR_RETURN(r.due, ParseStoredDay(stmt.ColumnText(2), "due_date"));
    r.exception = stmt.ColumnInt64(3) != 0;
    r.pupil_id = stmt.ColumnText(4);
    r.journey_id = stmt.ColumnText(5);
    r.case_officer = stmt.ColumnText(6);
    rows.push_back(std::move(r));
  }
  return rows;
}

}  // namespace sendcase::storage
