#ifndef SENDCASE_SERVICES_STORAGE_POSTGRES_PG_STORES_H_
#define SENDCASE_SERVICES_STORAGE_POSTGRES_PG_STORES_H_

// Every storage port on one PostgreSQL database (stores.h): what
// `--db=postgresql://...` opens. The schema is migrated first (several
// replicas starting at once apply each migration once: pg_migrations.h).

#include <string>

#include "absl/status/statusor.h"
#include "services/storage/postgres/pg_connection.h"
#include "services/storage/stores.h"

namespace sendcase::storage::postgres {

// Opens `pool_size` (>= 1) connections to `uri` (a libpq connection URI,
// never put in an error), migrates, and returns the ports over them.
// Unavailable if the database cannot be reached; InvalidArgument for a
// pool size below 1; FailedPrecondition if the database's collation or
// character classification is not C (text must sort by bytes, as in
// SQLite); what Migrate returns if the schema cannot be brought up to date.
absl::StatusOr<Stores> OpenPostgresStores(const std::string& uri,
                                          int pool_size);

// FailedPrecondition, naming the createdb flags, unless the database on
// `conn` compares and classifies text as C does (by bytes, ASCII-only
// case): list orders, keyset cursors on text and lower() depend on it.
absl::Status CheckCollation(PgConnection& conn);

}  // namespace sendcase::storage::postgres

#endif  // SENDCASE_SERVICES_STORAGE_POSTGRES_PG_STORES_H_
