// A setting's SEN register, reviews due and the counts behind caseloads and
// per-setting summaries on PostgreSQL (pg_view_store.h): the queries of
// sqlite/sqlite_store_register.cc in PostgreSQL's SQL.
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/common/status_macros.h"
#include "services/storage/needs_column.h"
#include "services/storage/postgres/pg_filter.h"
#include "services/storage/postgres/pg_values.h"
#include "services/storage/postgres/pg_view_store.h"

namespace sendcase::storage::postgres {
namespace {

// Live clocks (the step is still owed; written from ClockRecord::IsLive)
// and open tasks. The task state comes from the API's enum, inlined so that
// the planner sees a constant. (SQLite's queries name their indexes with
// INDEXED BY; PostgreSQL has no hints and finds the same indexes.)
constexpr absl::string_view kLive = "c.live = 1";
const std::string& OpenTaskSql() {
  static const std::string* sql =
      new std::string(absl::StrCat("t.state = ", int{v1::Task::OPEN}));
  return *sql;
}

// "x IN (NULL)" is NULL, never true, on both engines: no states, no rows.
std::string StateList(const std::vector<int>& states) {
  return states.empty() ? "(NULL)"
                        : absl::StrCat("(", absl::StrJoin(states, ","), ")");
}

// Counts per current journey, summed per `key_column`. The first parameter
// is today (in a CTE, so the filter's parameters follow it).
//
// SQLite sums booleans as 0/1 (SUM(x IN ...)); PostgreSQL's are no numbers,
// so those become COUNT(*) FILTER (WHERE ...), which counts the same rows
// and is 0, not NULL, when none match (SQLite's SUM of only NULLs, from an
// empty state list, reads as 0 too). SUM of the per-journey COUNT(*)s is
// NUMERIC in PostgreSQL: COALESCE and ::bigint give back an integer.
absl::StatusOr<std::vector<CountsRow>> Counts(PgConnection& conn,
                                              absl::string_view key_column,
                                              absl::string_view name_column,
                                              const Visibility& visibility,
                                              const ProvisionStates& provision,
                                              Day today) {
  PgFilter filter;
  filter.Visible(visibility, "p.setting_urn", "p.local_authority_code");
  // "SELECT ?" has no column to take a type from: ::text says it is a day.
  const std::string sql = absl::StrCat(
      "WITH params(today) AS (SELECT ?::text) SELECT ", key_column, ", ",
      name_column,
      ", COUNT(*), "
      "COUNT(*) FILTER (WHERE j.state IN ",
      StateList(provision.sen_support),
      "), "
      "COUNT(*) FILTER (WHERE j.state IN ",
      StateList(provision.ehc_plan),
      "), "
      "COUNT(*) FILTER (WHERE f.id IS NOT NULL), "
      "COUNT(*) FILTER (WHERE f.id IS NOT NULL AND EXISTS (SELECT 1 FROM "
      "clocks c WHERE c.journey_id = j.id AND c.assessment_step = 1 AND "
      "c.statutory = 1 AND c.expires = 0 AND ",
      kLive,
      " AND c.start_date >= f.start_date AND c.due_date < params.today)), "
      "COUNT(*) FILTER (WHERE f.id IS NOT NULL AND EXISTS (SELECT 1 FROM "
      "clocks c WHERE c.journey_id = j.id AND c.assessment_step = 1 AND "
      "c.exception_reason != '' AND c.start_date >= f.start_date)), "
      "COALESCE(SUM((SELECT COUNT(*) FROM clocks c WHERE c.journey_id = j.id "
      "AND c.review = 1 AND ",
      kLive,
      " AND c.due_date < params.today)), 0)::bigint, "
      "COALESCE(SUM((SELECT COUNT(*) FROM tasks t WHERE t.journey_id = j.id "
      "AND ",
      OpenTaskSql(),
      ")), 0)::bigint, "
      "COALESCE(SUM((SELECT COUNT(*) FROM tasks t WHERE t.journey_id = j.id "
      "AND ",
      OpenTaskSql(),
      " AND t.due_date < params.today)), 0)::bigint "
      "FROM params, pupils p JOIN journeys j ON j.id = p.current_journey_id "
      "AND j.pupil_id = p.id "
      "LEFT JOIN settings s ON s.urn = p.setting_urn "
      "LEFT JOIN clocks f ON f.journey_id = j.id AND f.assessment_limit = 1 "
      "AND f.live = 1",
      filter.Where(), " GROUP BY ", key_column, " ORDER BY ", key_column);
  std::vector<PgParam> params = {DayParam(today)};
  params.insert(params.end(), filter.params().begin(), filter.params().end());
  ASSIGN_OR_RETURN(PgResult result, conn.Exec(NumberPlaceholders(sql), params));
  std::vector<CountsRow> rows;
  for (int i = 0; i < result.rows(); ++i) {
    CountsRow r;
    r.key = result.Text(i, 0);
    r.display_name = result.IsNull(i, 1) ? "" : result.Text(i, 1);
    int* counts[] = {&r.pupils,
                     &r.sen_support,
                     &r.ehc_plans,
                     &r.open_assessments,
                     &r.overdue_assessments,
                     &r.assessments_with_exceptions,
                     &r.overdue_reviews,
                     &r.open_tasks,
                     &r.overdue_tasks};
    for (int c = 0; c < 9; ++c) {
      *counts[c] = static_cast<int>(result.Int64(i, 2 + c));
    }
    rows.push_back(std::move(r));
  }
  return rows;
}

}  // namespace

absl::StatusOr<Page<RegisterRow>> PgViewStore::ListRegister(
    const Visibility& visibility, const std::string& setting_urn,
    const std::vector<int>& states, Day today, const PageRequest& page) {
  const std::string live_review =
      absl::StrCat("c.journey_id = j.id AND c.review = 1 AND ", kLive);
  PgFilter filter;
  filter.And("p.setting_urn = ?", {PgParam::Text(setting_urn)});
  filter.And(absl::StrCat("j.state IN ", StateList(states)));
  filter.Visible(visibility, "p.setting_urn", "p.local_authority_code");
  filter.And("p.seq > ?", {PgParam::Int(page.after)});
  const std::string sql = absl::StrCat(
      "SELECT p.seq, p.id, p.upn, p.given_name, p.family_name, p.needs, "
      "j.id, j.state, "
      "(SELECT c.due_date FROM clocks c WHERE ",
      live_review,
      " ORDER BY c.due_date, c.id LIMIT 1), "
      "(SELECT c.rule_id FROM clocks c WHERE ",
      live_review,
      " ORDER BY c.due_date, c.id LIMIT 1), "
      "(SELECT COUNT(*) FROM tasks t WHERE t.journey_id = j.id AND ",
      OpenTaskSql(),
      "), "
      "(SELECT COUNT(*) FROM tasks t WHERE t.journey_id = j.id AND ",
      OpenTaskSql(),
      " AND t.due_date < ?), COALESCE(p.upn_unknown, 0) "
      "FROM pupils p JOIN journeys j ON j.id = p.current_journey_id "
      "AND j.pupil_id = p.id",
      filter.Where(), " ORDER BY p.seq LIMIT ?");
  // Today's "?" comes first in the text (in the select list), then the
  // filter's; ReadPage adds the limit's.
  std::vector<PgParam> params = {DayParam(today)};
  params.insert(params.end(), filter.params().begin(), filter.params().end());
  ASSIGN_OR_RETURN(PgPool::Lease conn, pool_.Acquire());
  return ReadPage<RegisterRow>(
      *conn, sql, std::move(params), page,
      [](const PgResult& row, int i) -> absl::StatusOr<RegisterRow> {
        RegisterRow r;
        r.seq = row.Int64(i, 0);
        r.pupil_id = row.Text(i, 1);
        r.upn = row.Text(i, 2);
        r.given_name = row.Text(i, 3);
        r.family_name = row.Text(i, 4);
        ASSIGN_OR_RETURN(r.needs, ParseNeeds(row.Text(i, 5)));
        r.journey_id = row.Text(i, 6);
        r.state = static_cast<int>(row.Int64(i, 7));
        if (!row.IsNull(i, 8)) {
          ASSIGN_OR_RETURN(r.next_review, DayAt(row, i, 8, "due_date"));
          r.next_review_rule_id = row.Text(i, 9);
        }
        r.open_tasks = static_cast<int>(row.Int64(i, 10));
        r.overdue_tasks = static_cast<int>(row.Int64(i, 11));
        r.upn_unknown = static_cast<int>(row.Int64(i, 12));
        return r;
      });
}

absl::StatusOr<std::vector<ReviewRow>> PgViewStore::ListReviewsDue(
    const Visibility& visibility, const std::string& setting_urn, Day until,
    const std::optional<ReviewCursor>& after, int limit) {
  PgFilter filter;
  // "review = 1 AND live = 1" is clocks_live_reviews' own condition, so the
  // planner reads that small partial index.
  filter.And("c.review = 1 AND c.live = 1 AND c.due_date <= ?",
             {DayParam(until)});
  if (!setting_urn.empty()) {
    filter.And("p.setting_urn = ?", {PgParam::Text(setting_urn)});
  }
  filter.Visible(visibility, "p.setting_urn", "p.local_authority_code");
  if (after.has_value()) {
    filter.And("(c.due_date, c.id) > (?::text, ?::bigint)",
               {DayParam(after->due), PgParam::Int(after->clock_id)});
  }
  const std::string sql = absl::StrCat(
      "SELECT c.id, p.id, j.id, p.setting_urn, c.rule_id, c.due_date, "
      "c.owner_role, p.upn, p.given_name, p.family_name, "
      "COALESCE(p.upn_unknown, 0), ",
      kPhaseTransferDueSql,
      " FROM clocks c "
      "JOIN journeys j ON j.id = c.journey_id "
      "JOIN pupils p ON p.id = j.pupil_id AND p.current_journey_id = j.id",
      filter.Where(), " ORDER BY c.due_date, c.id LIMIT ?");
  std::vector<PgParam> params = filter.params();
  params.push_back(PgParam::Int(limit));
  ASSIGN_OR_RETURN(PgPool::Lease conn, pool_.Acquire());
  ASSIGN_OR_RETURN(PgResult result,
                   conn->Exec(NumberPlaceholders(sql), params));
  std::vector<ReviewRow> rows;
  for (int i = 0; i < result.rows(); ++i) {
    ReviewRow r;
    r.clock_id = result.Int64(i, 0);
    r.pupil_id = result.Text(i, 1);
    r.journey_id = result.Text(i, 2);
    r.setting_urn = result.Text(i, 3);
    r.rule_id = result.Text(i, 4);
    ASSIGN_OR_RETURN(r.due, DayAt(result, i, 5, "due_date"));
    r.owner_role = static_cast<int>(result.Int64(i, 6));
    r.label = {result.Text(i, 7), result.Text(i, 8), result.Text(i, 9),
               static_cast<int>(result.Int64(i, 10))};
    if (!result.IsNull(i, 11)) {
      ASSIGN_OR_RETURN(r.phase_transfer_due, DayAt(result, i, 11, "due_date"));
    }
    rows.push_back(std::move(r));
  }
  return rows;
}

absl::StatusOr<std::vector<CountsRow>> PgViewStore::CountByOfficer(
    const Visibility& visibility, const ProvisionStates& provision, Day today) {
  ASSIGN_OR_RETURN(PgPool::Lease conn, pool_.Acquire());
  return Counts(*conn, "j.case_officer", "NULL", visibility, provision, today);
}

absl::StatusOr<std::vector<CountsRow>> PgViewStore::CountByJourney(
    const Visibility& visibility, const ProvisionStates& provision, Day today) {
  ASSIGN_OR_RETURN(PgPool::Lease conn, pool_.Acquire());
  return Counts(*conn, "p.id || '/' || j.id", "MAX(j.case_officer)", visibility,
                provision, today);
}

absl::StatusOr<std::vector<CountsRow>> PgViewStore::CountBySetting(
    const Visibility& visibility, const ProvisionStates& provision, Day today) {
  ASSIGN_OR_RETURN(PgPool::Lease conn, pool_.Acquire());
  return Counts(*conn, "p.setting_urn", "MAX(s.display_name)", visibility,
                provision, today);
}

}  // namespace sendcase::storage::postgres
