// The LA's work views on PostgreSQL (pg_view_store.h): open EHC needs
// assessments and issued plans, the queries of
// sqlite/sqlite_store_views.cc in PostgreSQL's SQL. The register, reviews
// due and the counts are in pg_view_store_register.cc.
#include "services/storage/postgres/pg_view_store.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/common/status_macros.h"
#include "services/storage/postgres/pg_filter.h"
#include "services/storage/postgres/pg_values.h"

namespace sendcase::storage::postgres {
namespace {

constexpr int64_t kMet = v1::Clock::MET;

// SQLite's group_concat joins the exception rule ids in the order it reads
// them, which its INDEXED BY hint fixes as clocks_by_journey_live's
// (journey_id, live, review, assessment_step, due_date, statutory, expires,
// start_date, exception_reason, assessment_limit, rule_id, then rowid).
// string_agg takes rows in no order unless told, so it is told that one:
// the index's columns after journey_id (assessment_step is 1 in every row
// aggregated) and `id` for the rowid, so both backends list the same ids in
// the same order.
constexpr absl::string_view kExceptionOrder =
    "c.live, c.review, c.due_date, c.statutory, c.expires, c.start_date, "
    "c.exception_reason, c.assessment_limit, c.rule_id, c.id";

}  // namespace

absl::StatusOr<std::vector<AssessmentRow>> PgViewStore::ListOpenAssessments(
    const Visibility& visibility, const std::optional<AssessmentCursor>& after,
    int limit) {
  // The assessment's clocks are its steps' clocks (the rules'
  // assessment_step) that started on or after its request (an earlier,
  // superseded request's clocks started before); the family's windows are not
  // dates the LA must meet. (SQLite names clocks_by_journey_live with INDEXED
  // BY; PostgreSQL has no hints and finds the same index.)
  const std::string live_clock =
      "c.journey_id = j.id AND c.live = 1 AND c.assessment_step = 1 AND "
      "c.statutory = 1 AND c.expires = 0 AND c.start_date >= f.start_date";
  PgFilter filter;
  filter.Visible(visibility, "p.setting_urn", "p.local_authority_code");
  // Parameters in text order: visibility, the cursor and the limit.
  std::vector<PgParam> params = filter.params();
  std::string cursor;
  if (after.has_value()) {
    // The casts only spell out the types the derived table's columns give.
    cursor = " WHERE (a.next_due, a.seq) > (?::text, ?::bigint)";
    params.push_back(DayParam(after->next_due));
    params.push_back(PgParam::Int(after->seq));
  }
  params.push_back(PgParam::Int(limit));
  // PostgreSQL 15 wants the derived table named ("AS a"). NULLS FIRST keeps
  // SQLite's place for a NULL (which sorts first there, last here by
  // default); such a row fails to read as a day on both backends alike.
  const std::string sql = absl::StrCat(
      "SELECT * FROM (SELECT j.id AS journey_id, j.pupil_id, j.seq AS seq, "
      "j.state, f.start_date, f.due_date, "
      "(SELECT MIN(c.due_date) FROM clocks c WHERE ",
      live_clock,
      ") AS next_due, "
      "(SELECT c.rule_id FROM clocks c WHERE ",
      live_clock,
      " ORDER BY c.due_date, c.id LIMIT 1) AS next_rule, "
      "(SELECT string_agg(c.rule_id, ',' ORDER BY ",
      kExceptionOrder,
      ") FROM clocks c WHERE c.journey_id = j.id AND c.assessment_step = 1 "
      "AND c.exception_reason != '' AND c.start_date >= f.start_date) AS "
      "exceptions, p.upn, p.given_name, p.family_name, "
      "COALESCE(p.upn_unknown, 0) AS upn_unknown, j.case_officer FROM "
      "journeys j JOIN pupils p ON p.id = j.pupil_id JOIN clocks f ON "
      "f.journey_id = j.id AND f.assessment_limit = 1 AND f.live = 1",
      filter.Where(), ") AS a", cursor,
      " ORDER BY a.next_due NULLS FIRST, a.seq LIMIT ?");
  ASSIGN_OR_RETURN(PgPool::Lease conn, pool_.Acquire());
  ASSIGN_OR_RETURN(PgResult result,
                   conn->Exec(NumberPlaceholders(sql), params));
  std::vector<AssessmentRow> rows;
  for (int i = 0; i < result.rows(); ++i) {
    AssessmentRow r;
    r.journey_id = result.Text(i, 0);
    r.pupil_id = result.Text(i, 1);
    r.seq = result.Int64(i, 2);
    r.state = static_cast<int>(result.Int64(i, 3));
    ASSIGN_OR_RETURN(r.received, DayAt(result, i, 4, "start_date"));
    ASSIGN_OR_RETURN(r.final_due, DayAt(result, i, 5, "due_date"));
    ASSIGN_OR_RETURN(r.next_due, DayAt(result, i, 6, "next_due"));
    r.next_rule_id = result.Text(i, 7);
    if (!result.IsNull(i, 8)) {
      r.exception_rule_ids = absl::StrSplit(result.Text(i, 8), ',');
    }
    r.label = {result.Text(i, 9), result.Text(i, 10), result.Text(i, 11),
               static_cast<int>(result.Int64(i, 12))};
    r.case_officer = result.Text(i, 13);
    rows.push_back(std::move(r));
  }
  return rows;
}

absl::StatusOr<std::vector<IssuedPlanRow>> PgViewStore::ListIssuedPlans(
    const Visibility& visibility, Day first, Day last) {
  PgFilter filter;
  filter.And(
      "f.assessment_limit = 1 AND f.live = 0 AND f.status = ? AND "
      "f.met_date BETWEEN ? AND ?",
      {PgParam::Int(kMet), DayParam(first), DayParam(last)});
  filter.Visible(visibility, "p.setting_urn", "p.local_authority_code");
  // EXISTS is a boolean here ("t"/"f" as text), not SQLite's 0/1: the CASE
  // gives back the integer that the row reader expects.
  const std::string sql = absl::StrCat(
      "SELECT f.start_date, f.met_date, f.due_date, CASE WHEN EXISTS "
      "(SELECT 1 FROM clocks c WHERE c.journey_id = f.journey_id AND "
      "c.assessment_step = 1 AND c.exception_reason != '' AND c.start_date "
      ">= f.start_date AND c.start_date <= f.met_date) THEN 1 ELSE 0 END, "
      "j.pupil_id, j.id, j.case_officer FROM clocks f JOIN journeys j ON j.id "
      "= f.journey_id JOIN pupils p ON "
      "p.id = j.pupil_id",
      filter.Where(), " ORDER BY f.met_date, f.id");
  ASSIGN_OR_RETURN(PgPool::Lease conn, pool_.Acquire());
  ASSIGN_OR_RETURN(PgResult result,
                   conn->Exec(NumberPlaceholders(sql), filter.params()));
  std::vector<IssuedPlanRow> rows;
  for (int i = 0; i < result.rows(); ++i) {
    IssuedPlanRow r;
    ASSIGN_OR_RETURN(r.received, DayAt(result, i, 0, "start_date"));
    ASSIGN_OR_RETURN(r.issued, DayAt(result, i, 1, "met_date"));
    ASSIGN_OR_RETURN(r.due, DayAt(result, i, 2, "due_date"));
    r.exception = result.Int64(i, 3) != 0;
    r.pupil_id = result.Text(i, 4);
    r.journey_id = result.Text(i, 5);
    r.case_officer = result.Text(i, 6);
    rows.push_back(std::move(r));
  }
  return rows;
}

}  // namespace sendcase::storage::postgres
