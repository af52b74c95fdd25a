// SqliteStore: the SENCO's register, reviews due and the counts behind
// caseloads and per-setting summaries (ViewStore).
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/common/status_macros.h"
#include "services/storage/needs_column.h"
#include "services/storage/sqlite/sql_filter.h"
#include "services/storage/sqlite/sqlite_store.h"
#include "services/storage/stored_time.h"

namespace sendcase::storage {
namespace {

// Live clocks (the step is still owed; written from ClockRecord::IsLive)
// and open tasks. The task state comes from the API's enum, inlined so that
// the planner sees a constant.
constexpr absl::string_view kLive = "c.live = 1";
const std::string& OpenTaskSql() {
  static const std::string* sql =
      new std::string(absl::StrCat("t.state = ", int{v1::Task::OPEN}));
  return *sql;
}

std::string StateList(const std::vector<int>& states) {
  return states.empty() ? "(NULL)"
                        : absl::StrCat("(", absl::StrJoin(states, ","), ")");
}

// Counts per current journey, summed per `key_column`. The first parameter
// is today (in a CTE, so the filter's parameters follow it).
absl::StatusOr<std::vector<CountsRow>> Counts(
    Database& db, absl::string_view key_column, absl::string_view name_column,
    const Visibility& visibility, const ProvisionStates& provision, Day today) {
  SqlFilter filter;
  filter.Visible(visibility, "p");
  const std::string sql = absl::StrCat(
      "WITH params(today) AS (SELECT ?) SELECT ", key_column, ", ", name_column,
      ", COUNT(*), "
      "SUM(j.state IN ",
      StateList(provision.sen_support),
      "), "
      "SUM(j.state IN ",
      StateList(provision.ehc_plan),
      "), "
      "SUM(f.id IS NOT NULL), "
      "SUM(f.id IS NOT NULL AND EXISTS (SELECT 1 FROM clocks c INDEXED BY "
      "clocks_by_journey_live WHERE "
      "c.journey_id = j.id AND c.assessment_step = 1 AND c.statutory = 1 AND "
      "c.expires = 0 AND ",
      kLive,
      " AND c.start_date >= f.start_date AND c.due_date < params.today)), "
      "SUM(f.id IS NOT NULL AND EXISTS (SELECT 1 FROM clocks c INDEXED BY "
      "clocks_by_journey_live WHERE "
      "c.journey_id = j.id AND c.assessment_step = 1 AND "
      "c.exception_reason != '' AND c.start_date >= f.start_date)), "
      "SUM((SELECT COUNT(*) FROM clocks c INDEXED BY clocks_by_journey_live "
      "WHERE "
      "c.journey_id = j.id AND "
      "c.review = 1 AND ",
      kLive,
      " AND c.due_date < params.today)), "
      "SUM((SELECT COUNT(*) FROM tasks t INDEXED BY tasks_by_journey_state "
      "WHERE t.journey_id = j.id AND ",
      OpenTaskSql(),
      ")), "
      "SUM((SELECT COUNT(*) FROM tasks t INDEXED BY tasks_by_journey_state "
      "WHERE t.journey_id = j.id AND ",
      OpenTaskSql(),
      " AND t.due_date < params.today)) "
      "FROM params, pupils p JOIN journeys j ON j.id = p.current_journey_id "
      "AND j.pupil_id = p.id "
      "LEFT JOIN settings s ON s.urn = p.setting_urn "
      "LEFT JOIN clocks f ON f.journey_id = j.id AND f.assessment_limit = 1 "
      "AND f.live = 1",
      filter.Where(), " GROUP BY ", key_column, " ORDER BY ", key_column);
  ASSIGN_OR_RETURN(Statement stmt, db.Prepare(sql));
  stmt.Bind(1, FormatDay(today));
  filter.BindTo(stmt, 2);
  std::vector<CountsRow> rows;
  while (true) {
    ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    CountsRow r;
    r.key = stmt.ColumnText(0);
    r.display_name = stmt.ColumnIsNull(1) ? "" : stmt.ColumnText(1);
    int* counts[] = {&r.pupils,
                     &r.sen_support,
                     &r.ehc_plans,
                     &r.open_assessments,
                     &r.overdue_assessments,
                     &r.assessments_with_exceptions,
                     &r.overdue_reviews,
                     &r.open_tasks,
                     &r.overdue_tasks};
    for (int i = 0; i < 9; ++i) {
      *counts[i] = static_cast<int>(stmt.ColumnInt64(2 + i));
    }
    rows.push_back(std::move(r));
  }
  return rows;
}

}  // namespace

absl::StatusOr<Page<RegisterRow>> SqliteStore::ListRegister(
    const Visibility& visibility, const std::string& setting_urn,
    const std::vector<int>& states, Day today, const PageRequest& page) {
  ReadConnection read(*this, Pool::kViews);
  const std::string live_review =
      absl::StrCat("c.journey_id = j.id AND c.review = 1 AND ", kLive);
  SqlFilter filter;
  filter.And("p.setting_urn = ?", {setting_urn});
  filter.And(absl::StrCat("j.state IN ", StateList(states)));
  filter.Visible(visibility, "p");
  filter.And("p.seq > ?", {page.after});
  ASSIGN_OR_RETURN(
      Statement stmt,
      read->Prepare(absl::StrCat(
          "SELECT p.seq, p.id, p.upn, p.given_name, p.family_name, p.needs, "
          "j.id, j.state, "
          "(SELECT c.due_date FROM clocks c INDEXED BY clocks_by_journey_live "
          "WHERE ",
          live_review,
          " ORDER BY c.due_date, c.id LIMIT 1), "
          "(SELECT c.rule_id FROM clocks c INDEXED BY clocks_by_journey_live "
          "WHERE ",
          live_review,
          " ORDER BY c.due_date, c.id LIMIT 1), "
          "(SELECT COUNT(*) FROM tasks t INDEXED BY tasks_by_journey_state "
          "WHERE t.journey_id = j.id AND ",
          OpenTaskSql(),
          "), "
          "(SELECT COUNT(*) FROM tasks t INDEXED BY tasks_by_journey_state "
          "WHERE t.journey_id = j.id AND ",
          OpenTaskSql(),
          " AND t.due_date < ?), COALESCE(p.upn_unknown, 0) "
          "FROM pupils p JOIN journeys j ON j.id = p.current_journey_id "
          "AND j.pupil_id = p.id",
          filter.Where(), " ORDER BY p.seq LIMIT ?")));
  stmt.Bind(1, FormatDay(today));
  const int next = filter.BindTo(stmt, 2);
  stmt.Bind(next, int64_t{page.limit + 1});
  return ReadPage<RegisterRow>(
      stmt, page.limit,
      [](const Statement& row) -> absl::StatusOr<RegisterRow> {
        RegisterRow r;
        r.seq = row.ColumnInt64(0);
        r.pupil_id = row.ColumnText(1);
        r.upn = row.ColumnText(2);
        r.given_name = row.ColumnText(3);
        r.family_name = row.ColumnText(4);
        ASSIGN_OR_RETURN(r.needs, ParseNeeds(row.ColumnText(5)));
        r.journey_id = row.ColumnText(6);
        r.state = static_cast<int>(row.ColumnInt64(7));
        if (!row.ColumnIsNull(8)) {
          ASSIGN_OR_RETURN(r.next_review,
                           ParseStoredDay(row.ColumnText(8), "due_date"));
          r.next_review_rule_id = row.ColumnText(9);
        }
        r.open_tasks = static_cast<int>(row.ColumnInt64(10));
        r.overdue_tasks = static_cast<int>(row.ColumnInt64(11));
        r.upn_unknown = static_cast<int>(row.ColumnInt64(12));
        return r;
      });
}

absl::StatusOr<std::vector<ReviewRow>> SqliteStore::ListReviewsDue(
    const Visibility& visibility, const std::string& setting_urn, Day until,
    const std::optional<ReviewCursor>& after, int limit) {
  ReadConnection read(*this, Pool::kViews);
  SqlFilter filter;
  // "review = 1 AND live = 1" is clocks_live_reviews' own condition, so the
  // planner reads that small partial index.
  filter.And("c.review = 1 AND c.live = 1 AND c.due_date <= ?",
             {FormatDay(until)});
  if (!setting_urn.empty()) filter.And("p.setting_urn = ?", {setting_urn});
  filter.Visible(visibility, "p");
  if (after.has_value()) {
    filter.And("(c.due_date, c.id) > (?, ?)",
               {FormatDay(after->due), after->clock_id});
  }
  ASSIGN_OR_RETURN(
      Statement stmt,
      read->Prepare(absl::StrCat(
          "SELECT c.id, p.id, j.id, p.setting_urn, c.rule_id, c.due_date, "
          "c.owner_role, p.upn, p.given_name, p.family_name, "
          "COALESCE(p.upn_unknown, 0), ",
          kPhaseTransferDueSql,
          " FROM clocks c "
          "JOIN journeys j ON j.id = c.journey_id "
          "JOIN pupils p ON p.id = j.pupil_id AND p.current_journey_id = j.id",
          filter.Where(), " ORDER BY c.due_date, c.id LIMIT ?")));
  stmt.Bind(filter.BindTo(stmt, 1), int64_t{limit});
  std::vector<ReviewRow> rows;
  while (true) {
    ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    ReviewRow r;
    r.clock_id = stmt.ColumnInt64(0);
    r.pupil_id = stmt.ColumnText(1);
    r.journey_id = stmt.ColumnText(2);
    r.setting_urn = stmt.ColumnText(3);
    r.rule_id = stmt.ColumnText(4);
    ASSIGN_OR_RETURN(r.due, ParseStoredDay(stmt.ColumnText(5), "due_date"));
    r.owner_role = static_cast<int>(stmt.ColumnInt64(6));
    r.label = {stmt.ColumnText(7), stmt.ColumnText(8), stmt.ColumnText(9),
               static_cast<int>(stmt.ColumnInt64(10))};
    if (!stmt.ColumnIsNull(11)) {
      ASSIGN_OR_RETURN(r.phase_transfer_due,
                       ParseStoredDay(stmt.ColumnText(11), "due_date"));
    }
    rows.push_back(std::move(r));
  }
  return rows;
}

absl::StatusOr<std::vector<CountsRow>> SqliteStore::CountByOfficer(
    const Visibility& visibility, const ProvisionStates& provision, Day today) {
  ReadConnection read(*this, Pool::kViews);
  return Counts(*read, "j.case_officer", "NULL", visibility, provision, today);
}

absl::StatusOr<std::vector<CountsRow>> SqliteStore::CountByJourney(
    const Visibility& visibility, const ProvisionStates& provision, Day today) {
  ReadConnection read(*this, Pool::kViews);
  return Counts(*read, "p.id || '/' || j.id", "MAX(j.case_officer)", visibility,
                provision, today);
}

absl::StatusOr<std::vector<CountsRow>> SqliteStore::CountBySetting(
    const Visibility& visibility, const ProvisionStates& provision, Day today) {
  ReadConnection read(*this, Pool::kViews);
  return Counts(*read, "p.setting_urn", "MAX(s.display_name)", visibility,
                provision, today);
}

}  // namespace sendcase::storage
