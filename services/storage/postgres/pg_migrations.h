#ifndef SENDCASE_SERVICES_STORAGE_POSTGRES_PG_MIGRATIONS_H_
#define SENDCASE_SERVICES_STORAGE_POSTGRES_PG_MIGRATIONS_H_

// PostgreSQL schema migrations: services/storage/postgres/schema/
// NNNN_name.sql, compiled into the binary by CMake, applied in order, each
// in its own transaction, and recorded in the table schema_migrations.
// Several sendcased replicas may start at once on one database: each step
// holds a transaction-scoped advisory lock, so one replica applies it and
// the others find it done.

#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/storage/postgres/pg_connection.h"

namespace sendcase::storage::postgres {

struct Migration {
  int version;             // NNNN from the file name
  absl::string_view name;  // file name
  absl::string_view sql;
};

// All known migrations in version order (generated).
const std::vector<Migration>& AllMigrations();

// Brings the database to the last of `migrations` (default: all).
// Idempotent. FailedPrecondition if the database is newer than this binary
// knows; Internal naming the file if a migration fails (nothing of it is
// kept).
absl::Status Migrate(PgConnection& conn,
                     const std::vector<Migration>& migrations);
absl::Status Migrate(PgConnection& conn);

// The version applied last; 0 for a new database.
absl::StatusOr<int> SchemaVersion(PgConnection& conn);

}  // namespace sendcase::storage::postgres

#endif  // SENDCASE_SERVICES_STORAGE_POSTGRES_PG_MIGRATIONS_H_
