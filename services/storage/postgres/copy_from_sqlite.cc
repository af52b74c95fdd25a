// Copying a SQLite installation into PostgreSQL (copy_from_sqlite.h).
#include "services/storage/postgres/copy_from_sqlite.h"

#include <filesystem>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/common/status_macros.h"
#include "services/storage/postgres/pg_connection.h"
#include "services/storage/postgres/pg_migrations.h"
#include "services/storage/postgres/pg_stores.h"
#include "services/storage/sqlite/database.h"
#include "services/storage/sqlite/migrations.h"

namespace sendcase::storage::postgres {
namespace {

// Every table, in an order their references allow. A table PostgreSQL has
// that is not here fails the copy (Internal), so that a migration adding a
// table cannot leave it behind unnoticed.
constexpr const char* kTables[] = {"settings",         "rule_sets",
                                   "pupils",           "journeys",
                                   "journey_events",   "event_feed",
                                   "feed_state",       "tasks",
                                   "clocks",           "alerts",
                                   "deliveries",       "contacts",
                                   "request_ids",      "tokens",
                                   "audit_log",        "interventions",
                                   "support_plans",    "intervention_places",
                                   "agency_referrals", "imported_histories"};

// Tables whose PostgreSQL `id` stands for SQLite's rowid (see the baseline
// schema).
const std::set<std::string> kRowidTables = {"contacts", "settings", "tokens"};

struct Column {
  std::string name;
  std::string type;  // PostgreSQL's data_type: bigint, text or bytea
};

absl::StatusOr<std::vector<Column>> ColumnsOf(PgConnection& pg,
                                              const std::string& table) {
  ASSIGN_OR_RETURN(PgResult rows,
                   pg.Exec("SELECT column_name, data_type FROM "
                           "information_schema.columns WHERE table_schema = "
                           "current_schema() AND table_name = $1 ORDER BY "
                           "ordinal_position",
                           {PgParam::Text(table)}));
  std::vector<Column> columns;
  for (int i = 0; i < rows.rows(); ++i) {
    columns.push_back({rows.Text(i, 0), rows.Text(i, 1)});
  }
  return columns;
}

absl::StatusOr<int64_t> SqliteCount(Database& db, const std::string& table) {
  ASSIGN_OR_RETURN(Statement count,
                   db.Prepare(absl::StrCat("SELECT COUNT(*) FROM ", table)));
  ASSIGN_OR_RETURN(bool row, count.Step());
  return row ? count.ColumnInt64(0) : 0;
}

absl::StatusOr<int64_t> PgCount(PgConnection& pg, const std::string& table) {
  ASSIGN_OR_RETURN(PgResult r,
                   pg.Exec(absl::StrCat("SELECT COUNT(*) FROM ", table)));
  return r.Int64(0, 0);
}

absl::Status CheckKnownAndEmpty(PgConnection& pg) {
  ASSIGN_OR_RETURN(PgResult tables,
                   pg.Exec("SELECT table_name FROM information_schema.tables "
                           "WHERE table_schema = current_schema() AND "
                           "table_type = 'BASE TABLE' ORDER BY table_name"));
  const std::set<std::string> known(std::begin(kTables), std::end(kTables));
  for (int i = 0; i < tables.rows(); ++i) {
    const std::string table = tables.Text(i, 0);
    if (table == "schema_migrations") continue;
    if (!known.contains(table)) {
      return absl::InternalError(
          absl::StrCat("copy-db does not know table ", table));
    }
    if (table == "feed_state") continue;  // its one row is the baseline's
    ASSIGN_OR_RETURN(PgResult any, pg.Exec(absl::StrCat("SELECT 1 FROM ", table,
                                                        " LIMIT 1")));
    if (any.rows() > 0) {
      return absl::FailedPreconditionError(
          absl::StrCat("--to: table ", table,
                       " already has rows; copy into a new, empty database"));
    }
  }
  return absl::OkStatus();
}

// Copies `table` row by row, each value read as the PostgreSQL column's
// type asks.
absl::StatusOr<int64_t> CopyTable(Database& db, PgConnection& pg,
                                  const std::string& table) {
  ASSIGN_OR_RETURN(std::vector<Column> columns, ColumnsOf(pg, table));
  std::vector<std::string> names, selected, marks;
  for (size_t i = 0; i < columns.size(); ++i) {
    names.push_back(columns[i].name);
    selected.push_back(kRowidTables.contains(table) && columns[i].name == "id"
                           ? "rowid"
                           : columns[i].name);
    marks.push_back(absl::StrCat("$", i + 1));
  }
  if (table == "feed_state") {
    // The baseline made its one row; carry the watermark over.
    ASSIGN_OR_RETURN(Statement read, db.Prepare("SELECT compacted_revision "
                                                "FROM feed_state"));
    ASSIGN_OR_RETURN(bool row, read.Step());
    if (row) {
      RETURN_IF_ERROR(pg.Exec("UPDATE feed_state SET compacted_revision = $1",
                              {PgParam::Int(read.ColumnInt64(0))})
                          .status());
    }
    return 1;
  }
  ASSIGN_OR_RETURN(Statement read, db.Prepare(absl::StrCat(
                                       "SELECT ", absl::StrJoin(selected, ", "),
                                       " FROM ", table)));
  // OVERRIDING SYSTEM VALUE: identity columns take the copied ids.
  const std::string insert = absl::StrCat(
      "INSERT INTO ", table, " (", absl::StrJoin(names, ", "),
      ") OVERRIDING SYSTEM VALUE VALUES (", absl::StrJoin(marks, ", "), ")");
  int64_t copied = 0;
  std::vector<PgParam> params(columns.size());
  while (true) {
    ASSIGN_OR_RETURN(bool row, read.Step());
    if (!row) break;
    for (size_t i = 0; i < columns.size(); ++i) {
      const int c = static_cast<int>(i);
      using Type = Statement::ValueType;
      const Type stored = read.ColumnType(c);
      // SQLite keeps whatever a value is; PostgreSQL's column has one type.
      // A value of another kind (text in an integer column, a NUL inside
      // text, which libpq would cut short) stops the copy rather than
      // arrive changed.
      const bool fits =
          stored == Type::kNull ||
          (columns[i].type == "bigint" && stored == Type::kInteger) ||
          (columns[i].type == "bytea" &&
           (stored == Type::kBlob || stored == Type::kText)) ||
          (columns[i].type == "text" && stored == Type::kText &&
           read.ColumnText(c).find('\0') == std::string::npos);
      if (!fits) {
        return absl::DataLossError(
            absl::StrCat("table ", table, ", column ", columns[i].name,
                         ", row ", copied + 1, ": a value PostgreSQL's ",
                         columns[i].type, " column cannot hold as it is"));
      }
      if (stored == Type::kNull) {
        params[i] = PgParam::Null();
      } else if (columns[i].type == "bigint") {
        params[i] = PgParam::Int(read.ColumnInt64(c));
      } else if (columns[i].type == "bytea") {
        params[i] = PgParam::Bytes(read.ColumnBlob(c));
      } else {
        params[i] = PgParam::Text(read.ColumnText(c));
      }
    }
    RETURN_IF_ERROR(pg.Exec(insert, params).status());
    ++copied;
  }
  return copied;
}

// Moves each identity sequence past the copied ids, and past any id
// SQLite's AUTOINCREMENT has handed out (sqlite_sequence), so that an id of
// a row deleted before the move is never given again.
absl::Status ResetIdentities(Database& db, PgConnection& pg) {
  ASSIGN_OR_RETURN(PgResult ids,
                   pg.Exec("SELECT table_name, column_name FROM "
                           "information_schema.columns WHERE table_schema = "
                           "current_schema() AND is_identity = 'YES'"));
  for (int i = 0; i < ids.rows(); ++i) {
    const std::string table = ids.Text(i, 0), column = ids.Text(i, 1);
    int64_t handed_out = 0;
    ASSIGN_OR_RETURN(
        Statement seq,
        db.Prepare("SELECT seq FROM sqlite_sequence WHERE name = ?"));
    seq.Bind(1, table);
    ASSIGN_OR_RETURN(bool row, seq.Step());
    if (row) handed_out = seq.ColumnInt64(0);
    RETURN_IF_ERROR(
        pg.Exec(
              absl::StrCat("SELECT setval(pg_get_serial_sequence('", table,
                           "', '", column, "'), GREATEST(COALESCE(MAX(", column,
                           "), 0), $1::bigint) + 1, false) FROM ", table),
              {PgParam::Int(handed_out)})
            .status());
  }
  return absl::OkStatus();
}

absl::Status CheckCounts(Database& db, PgConnection& pg,
                         const std::string& table) {
  ASSIGN_OR_RETURN(int64_t from, SqliteCount(db, table));
  ASSIGN_OR_RETURN(int64_t to, PgCount(pg, table));
  if (from != to) {
    return absl::DataLossError(absl::StrCat("table ", table, ": ", from,
                                            " rows in SQLite, ", to,
                                            " in PostgreSQL"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<CopiedTable>> CopyFromSqlite(
    const std::string& sqlite_path, const std::string& postgres_uri,
    const std::function<void(const CopiedTable&)>& progress) {
  std::error_code ignored;
  if (!std::filesystem::is_regular_file(sqlite_path, ignored)) {
    return absl::NotFoundError("--from: no such SQLite database file");
  }
  ASSIGN_OR_RETURN(std::unique_ptr<Database> db, Database::Open(sqlite_path));
  RETURN_IF_ERROR(storage::Migrate(*db));
  ASSIGN_OR_RETURN(std::unique_ptr<PgConnection> pg,
                   PgConnection::Open(postgres_uri));
  RETURN_IF_ERROR(CheckCollation(*pg));  // sendcased would refuse it after
  RETURN_IF_ERROR(Migrate(*pg));
  RETURN_IF_ERROR(CheckKnownAndEmpty(*pg));
  // A read transaction on the source: one consistent state to copy.
  RETURN_IF_ERROR(db->Exec("BEGIN"));
  RETURN_IF_ERROR(pg->ExecScript("BEGIN"));
  std::vector<CopiedTable> copied;
  absl::Status done = [&]() -> absl::Status {
    for (const char* table : kTables) {
      ASSIGN_OR_RETURN(int64_t rows, CopyTable(*db, *pg, table));
      RETURN_IF_ERROR(CheckCounts(*db, *pg, table));
      copied.push_back({table, rows});
      if (progress) progress(copied.back());
    }
    RETURN_IF_ERROR(ResetIdentities(*db, *pg));
    return pg->ExecScript("COMMIT");
  }();
  db->Exec("COMMIT").IgnoreError();
  if (!done.ok()) {
    if (pg->ok()) pg->ExecScript("ROLLBACK").IgnoreError();
    return done;
  }
  // Once more, as committed.
  for (const char* table : kTables) {
    RETURN_IF_ERROR(CheckCounts(*db, *pg, table));
  }
  return copied;
}

}  // namespace sendcase::storage::postgres
