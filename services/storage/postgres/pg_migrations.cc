// PostgreSQL schema migrations (pg_migrations.h).
#include "services/storage/postgres/pg_migrations.h"

#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"

namespace sendcase::storage::postgres {
namespace {

// Any fixed number: the advisory lock every replica takes to migrate.
constexpr char kLock[] = "SELECT pg_advisory_xact_lock(7262016019)";

// Runs `step` in a transaction holding the migration lock; rolls back if it
// fails.
template <typename Step>
absl::Status Locked(PgConnection& conn, Step step) {
  RETURN_IF_ERROR(conn.ExecScript("BEGIN"));
  absl::Status done = conn.Exec(kLock).status();
  if (done.ok()) done = step();
  if (done.ok()) done = conn.ExecScript("COMMIT");
  if (!done.ok()) conn.ExecScript("ROLLBACK").IgnoreError();
  return done;
}

}  // namespace

absl::StatusOr<int> SchemaVersion(PgConnection& conn) {
  ASSIGN_OR_RETURN(
      PgResult exists,
      conn.Exec("SELECT to_regclass('schema_migrations') IS NOT NULL"));
  if (exists.Text(0, 0) != "t") return 0;
  ASSIGN_OR_RETURN(PgResult max, conn.Exec("SELECT COALESCE(MAX(version), 0) "
                                           "FROM schema_migrations"));
  return static_cast<int>(max.Int64(0, 0));
}

absl::Status Migrate(PgConnection& conn,
                     const std::vector<Migration>& migrations) {
  const int latest = migrations.empty() ? 0 : migrations.back().version;
  RETURN_IF_ERROR(Locked(conn, [&] {
    return conn.ExecScript(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        "version BIGINT PRIMARY KEY, name TEXT NOT NULL, "
        "applied_time TIMESTAMPTZ NOT NULL DEFAULT now())");
  }));
  for (const Migration& m : migrations) {
    RETURN_IF_ERROR(Locked(conn, [&]() -> absl::Status {
      // Read under the lock: another replica may have just applied it.
      ASSIGN_OR_RETURN(const int current, SchemaVersion(conn));
      if (current > latest) {
        return absl::FailedPreconditionError(
            absl::StrCat("database schema version ", current,
                         " is newer than this binary supports (", latest, ")"));
      }
      if (m.version <= current) return absl::OkStatus();
      if (absl::Status applied = conn.ExecScript(m.sql); !applied.ok()) {
        return absl::InternalError(
            absl::StrCat("migration ", m.name, " failed: ", applied.message()));
      }
      return conn
          .Exec("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
                {PgParam::Int(m.version), PgParam::Text(m.name)})
          .status();
    }));
  }
  ASSIGN_OR_RETURN(const int current, SchemaVersion(conn));
  if (current > latest) {
    return absl::FailedPreconditionError(
        absl::StrCat("database schema version ", current,
                     " is newer than this binary supports (", latest, ")"));
  }
  return absl::OkStatus();
}

absl::Status Migrate(PgConnection& conn) {
  return Migrate(conn, AllMigrations());
}

}  // namespace sendcase::storage::postgres
