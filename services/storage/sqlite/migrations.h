#ifndef SENDCASE_SERVICES_STORAGE_SQLITE_MIGRATIONS_H_
#define SENDCASE_SERVICES_STORAGE_SQLITE_MIGRATIONS_H_

// Schema migrations: services/storage/sqlite/schema/NNNN_name.sql, compiled
// into the binary by CMake (migrations_data.cc), applied in order, each in its
// own transaction, and tracked in PRAGMA user_version.

#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "services/storage/sqlite/database.h"

namespace sendcase::storage {

struct Migration {
  int version;             // NNNN from the file name
  absl::string_view name;  // file name
  absl::string_view sql;
};

// All known migrations in version order (generated).
const std::vector<Migration>& AllMigrations();

// Brings `db` to the latest version. Idempotent; safe to run from two
// processes at once (each step takes the write lock and re-reads the
// version). FailedPrecondition if the database is newer than this binary.
absl::Status Migrate(Database& db);

// Applies migrations up to and including `version` only (for tests that
// check an upgrade from an older schema).
absl::Status MigrateTo(Database& db, int version);

// PRAGMA user_version.
absl::StatusOr<int> SchemaVersion(Database& db);

}  // namespace sendcase::storage

#endif  // SENDCASE_SERVICES_STORAGE_SQLITE_MIGRATIONS_H_
