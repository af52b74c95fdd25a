#include "services/storage/sqlite/database.h"

#include <sqlite3.h>

#include <map>

#include "absl/strings/str_cat.h"
#include "services/common/cancellation.h"
#include "services/common/status_macros.h"

namespace sendcase::storage {

absl::Status SqliteError(int code, sqlite3* db, absl::string_view context) {
  const std::string message = absl::StrCat(
      context, ": ", db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code));
  switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return absl::UnavailableError(message);
    case SQLITE_CONSTRAINT:
      // By extended code. A duplicate key is "already exists"; a broken
      // reference or a CHECK is a write the data's state does not allow
      // (the record it names is gone, or the value is out of range). A
      // trigger's refusal (the append-only audit trail), a NOT NULL or any
      // other constraint is a write our own code must never attempt: a
      // bug, not the caller's to fix.
      switch (code) {
        case SQLITE_CONSTRAINT_UNIQUE:
        case SQLITE_CONSTRAINT_PRIMARYKEY:
        case SQLITE_CONSTRAINT_ROWID:
          return absl::AlreadyExistsError(message);
        case SQLITE_CONSTRAINT_FOREIGNKEY:
        case SQLITE_CONSTRAINT_CHECK:
          return absl::FailedPreconditionError(message);
        default:
          return absl::InternalError(message);
      }
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return absl::DataLossError(message);
    case SQLITE_INTERRUPT:
      return absl::CancelledError(
          "the caller cancelled or its deadline passed; the query was "
          "stopped");
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
      return absl::UnavailableError(message);
    default:
      return absl::InternalError(message);
  }
}

absl::StatusOr<std::unique_ptr<Database>> Database::Open(
    const std::string& path) {
  sqlite3* raw = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                    SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  std::unique_ptr<Database> db(new Database(raw));
  if (rc != SQLITE_OK) {
    return absl::UnavailableError(
        absl::StrCat("cannot open database ", path, ": ",
                     raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  }
  sqlite3_extended_result_codes(raw, 1);
  // busy_timeout first: switching to WAL itself needs the lock.
  RETURN_IF_ERROR(db->Exec("PRAGMA busy_timeout = 5000"));
  if (path != ":memory:") {
    ASSIGN_OR_RETURN(Statement wal, db->Prepare("PRAGMA journal_mode = WAL"));
    ASSIGN_OR_RETURN(bool row, wal.Step());
    if (!row || wal.ColumnText(0) != "wal") {
      return absl::UnavailableError(
          absl::StrCat("cannot switch ", path, " to WAL mode"));
    }
  }
  RETURN_IF_ERROR(db->Exec("PRAGMA synchronous = FULL"));
  RETURN_IF_ERROR(db->Exec("PRAGMA foreign_keys = ON"));
  // Statement journals and sorter spills stay in memory: on disk each write
  // created, wrote and deleted a file in /var/tmp (one per RecordEvent,
  // seen with strace while benchmarking). They are scratch, never needed
  // after a crash; the WAL is what makes a commit durable.
  RETURN_IF_ERROR(db->Exec("PRAGMA temp_store = MEMORY"));
  // After a checkpoint lets the WAL start over, its file is cut back to
  // 64 MiB rather than keeping its largest size.
  RETURN_IF_ERROR(db->Exec("PRAGMA journal_size_limit = 67108864"));
  return db;
}

Database::~Database() {
  cache_.Clear();
  sqlite3_close_v2(db_);
}

absl::Status Database::Exec(absl::string_view sql) {
  const std::string copy(sql);
  const int rc = sqlite3_exec(db_, copy.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return SqliteError(rc, db_, "exec");
  return absl::OkStatus();
}

absl::StatusOr<Statement> Database::Prepare(absl::string_view sql) {
  if (sqlite3_stmt* cached = cache_.Take(sql)) {
    return Statement(db_, cached, &cache_);
  }
  sqlite3_stmt* stmt = nullptr;
  const int rc =
      sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                         SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    const absl::Status status = SqliteError(rc, db_, "prepare");
    // A syntax error is our bug; busy (retryable), a damaged file and a
    // caller that has gone keep their codes.
    if (absl::IsUnavailable(status) || absl::IsDataLoss(status) ||
        absl::IsCancelled(status)) {
      return status;
    }
    return absl::InternalError(status.message());
  }
  if (plan_observer_) {
    PlanObserver observer = std::move(plan_observer_);  // no recursion
    // One line per plan node, indented two spaces per level below its
    // parent (rows are id, parent, unused, detail; parents come first).
    std::string plan;
    std::map<int64_t, int> depth;
    absl::StatusOr<Statement> explain =
        Prepare(absl::StrCat("EXPLAIN QUERY PLAN ", sql));
    while (explain.ok()) {
      absl::StatusOr<bool> row = explain->Step();
      if (!row.ok() || !*row) break;
      const auto parent = depth.find(explain->ColumnInt64(1));
      const int d = parent == depth.end() ? 0 : parent->second + 1;
      depth[explain->ColumnInt64(0)] = d;
      absl::StrAppend(&plan, std::string(2 * d, ' '), explain->ColumnText(3),
                      "\n");
    }
    observer(sql, plan);
    plan_observer_ = std::move(observer);
  }
  return Statement(db_, stmt, &cache_);
}

void Database::InterruptWhenCallCancelled() {
  // Every 10,000 VM steps (well under a millisecond): often enough to stop
  // a runaway view promptly, rarely enough to cost nothing measurable.
  sqlite3_progress_handler(
      db_, 10000, [](void*) { return CallCancelled() ? 1 : 0; }, nullptr);
}

void Database::SetPlanObserverForTesting(PlanObserver observer) {
  plan_observer_ = std::move(observer);
}

absl::Status DatabaseDamaged(const std::string& path,
                             absl::string_view detail) {
  return absl::DataLossError(absl::StrCat(
      "database ", path, " is damaged (", detail,
      "); stop, keep a copy of it, and restore the last backup (or try: "
      "sqlite3 ",
      path, " .recover)"));
}

absl::Status Database::CheckUsable(const std::string& path) {
  absl::StatusOr<Statement> check = Prepare("PRAGMA quick_check(5)");
  if (!check.ok()) return DatabaseDamaged(path, check.status().message());
  std::string problems;
  while (true) {
    absl::StatusOr<bool> row = check->Step();
    if (!row.ok()) return DatabaseDamaged(path, row.status().message());
    if (!*row) break;
    const std::string line = check->ColumnText(0);
    if (line != "ok") {
      absl::StrAppend(&problems, problems.empty() ? "" : "; ", line);
    }
  }
  if (!problems.empty()) {
    return DatabaseDamaged(path, absl::StrCat("quick_check: ", problems));
  }
  if (sqlite3_db_readonly(db_, "main") == 1) {
    return absl::FailedPreconditionError(absl::StrCat(
        "database ", path,
        " can only be read: give the user running sendcased write access to "
        "it and to its folder (SQLite writes ",
        path, "-wal and -shm beside it)"));
  }
  return absl::OkStatus();
}

int Database::Changes() const { return sqlite3_changes(db_); }

absl::StatusOr<std::string> Database::JournalMode() {
  ASSIGN_OR_RETURN(Statement stmt, Prepare("PRAGMA journal_mode"));
  ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return absl::InternalError("PRAGMA journal_mode returned no row");
  return stmt.ColumnText(0);
}

}  // namespace sendcase::storage
