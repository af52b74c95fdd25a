#ifndef SENDCASE_SERVICES_STORAGE_SQLITE_DATABASE_H_
#define SENDCASE_SERVICES_STORAGE_SQLITE_DATABASE_H_

// RAII SQLite connection. No raw sqlite3_* calls outside services/storage/.
//
// Pragmas on open: journal_mode=WAL (files only), synchronous=FULL (an
// acknowledged commit survives a crash or power loss: these are statutory
// records), foreign_keys=ON, busy_timeout=5000 ms (other processes such as
// `sendcased issue-token` may write the same file), temp_store=MEMORY and
// journal_size_limit=64 MiB. Compiled statements are cached
// (statement_cache.h).
//
// Thread-safety: a Database is not thread-safe; callers serialise access
// (SqliteCaseStore holds a mutex).

#include <functional>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/storage/sqlite/statement.h"
#include "services/storage/sqlite/statement_cache.h"

struct sqlite3;

namespace sendcase::storage {

class Database {
 public:
  // Opens (creating if missing) `path`, or an in-memory database for
  // ":memory:". Unavailable if the file cannot be opened.
  static absl::StatusOr<std::unique_ptr<Database>> Open(
      const std::string& path);

  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs one or more statements that return no rows.
  absl::Status Exec(absl::string_view sql);
  // Prepares one statement, reusing a compiled one for the same SQL when
  // one is idle (StatementCache). Internal on a syntax error (a bug, not
  // input).
  absl::StatusOr<Statement> Prepare(absl::string_view sql);
  // Number of rows changed by the last INSERT/UPDATE/DELETE.
  int Changes() const;
  // The journal mode in effect ("wal", "memory", ...).
  absl::StatusOr<std::string> JournalMode();

  // Whether `path`, as opened, can serve: DataLoss naming the file and the
  // fix if PRAGMA quick_check finds damage (it reads every page: about a
  // second per gigabyte); FailedPrecondition if the file can only be read. Run
  // once at start, so that a damaged or read-only database is refused with a
  // reason rather than failing call by call.
  absl::Status CheckUsable(const std::string& path);

  // From now on a running statement stops once the current call is
  // cancelled (CallCancelled(), asked every few thousand SQLite VM steps):
  // its step fails with Cancelled. For read-only connections only: a
  // writer's transaction may carry other calls' writes (group commit).
  void InterruptWhenCallCancelled();

  // For tests of query plans: from now on, each statement compiled (not
  // taken from the cache) is passed to `observer` with its EXPLAIN QUERY
  // PLAN, one line per plan node ("SEARCH c USING INDEX ...").
  using PlanObserver =
      std::function<void(absl::string_view sql, const std::string& plan)>;
  void SetPlanObserverForTesting(PlanObserver observer);

  sqlite3* handle() { return db_; }

 private:
  explicit Database(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  StatementCache cache_;
  PlanObserver plan_observer_;
};

// Maps an SQLite result code to a canonical status (BUSY/LOCKED ->
// Unavailable, a duplicate key -> AlreadyExists, any other CONSTRAINT
// (foreign key, CHECK, NOT NULL, trigger) -> FailedPrecondition,
// INTERRUPT -> Cancelled,
// CORRUPT/NOTADB -> DataLoss, else Internal), with `context`
// and SQLite's message. Never contains bound values.
absl::Status SqliteError(int code, sqlite3* db, absl::string_view context);

// DataLoss: `path` is damaged (`detail` says how), with what to do.
absl::Status DatabaseDamaged(const std::string& path, absl::string_view detail);

}  // namespace sendcase::storage

#endif  // SENDCASE_SERVICES_STORAGE_SQLITE_DATABASE_H_
