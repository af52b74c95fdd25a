#include "services/storage/sqlite/migrations.h"

#include "absl/cleanup/cleanup.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"
#include "services/storage/sqlite/transaction.h"

namespace sendcase::storage {

absl::StatusOr<int> SchemaVersion(Database& db) {
  ASSIGN_OR_RETURN(Statement stmt, db.Prepare("PRAGMA user_version"));
  ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return absl::InternalError("PRAGMA user_version returned no row");
  return static_cast<int>(stmt.ColumnInt64(0));
}

namespace {

// A migration that rebuilds a table (SQLite's 12-step ALTER procedure)
// starts with this line: it runs with foreign keys off, which can only be
// switched outside a transaction, and every key is checked before commit.
constexpr absl::string_view kForeignKeysOff = "-- sendcase: foreign_keys off";

absl::Status CheckForeignKeys(Database& db, absl::string_view name) {
  ASSIGN_OR_RETURN(Statement check, db.Prepare("PRAGMA foreign_key_check"));
  ASSIGN_OR_RETURN(bool violation, check.Step());
  if (!violation) return absl::OkStatus();
  return absl::InternalError(
      absl::StrCat("migration ", name, " left a broken reference in table ",
                   check.ColumnText(0), " (to ", check.ColumnText(2), ")"));
}

}  // namespace

absl::Status MigrateTo(Database& db, int target) {
  const auto& all = AllMigrations();
  const int latest = all.empty() ? 0 : all.back().version;
  for (const Migration& m : all) {
    if (m.version > target) break;
    const bool keys_off = absl::StartsWith(m.sql, kForeignKeysOff);
    if (keys_off) RETURN_IF_ERROR(db.Exec("PRAGMA foreign_keys = OFF"));
    absl::Cleanup keys_on = [&] {
      if (keys_off) db.Exec("PRAGMA foreign_keys = ON").IgnoreError();
    };
    Transaction txn(db);
    RETURN_IF_ERROR(txn.Begin());
    // Re-read under the write lock: another process may have migrated.
    ASSIGN_OR_RETURN(int current, SchemaVersion(db));
    if (current > latest) {
      return absl::FailedPreconditionError(
          absl::StrCat("database schema version ", current,
                       " is newer than this binary supports (", latest, ")"));
    }
    if (m.version <= current) continue;
    absl::Status applied = db.Exec(m.sql);
    if (!applied.ok()) {
      return absl::InternalError(
          absl::StrCat("migration ", m.name, " failed: ", applied.message()));
    }
    if (keys_off) RETURN_IF_ERROR(CheckForeignKeys(db, m.name));
    RETURN_IF_ERROR(db.Exec(absl::StrCat("PRAGMA user_version = ", m.version)));
    RETURN_IF_ERROR(txn.Commit());
  }
  return absl::OkStatus();
}

absl::Status Migrate(Database& db) {
  const auto& all = AllMigrations();
  if (all.empty()) return absl::OkStatus();
  RETURN_IF_ERROR(MigrateTo(db, all.back().version));
  // A database newer than every migration is caught even with nothing to do.
  ASSIGN_OR_RETURN(int current, SchemaVersion(db));
  if (current > all.back().version) {
    return absl::FailedPreconditionError(absl::StrCat(
        "database schema version ", current,
        " is newer than this binary supports (", all.back().version, ")"));
  }
  return absl::OkStatus();
}

}  // namespace sendcase::storage
