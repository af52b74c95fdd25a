#ifndef SENDCASE_SERVICES_STORAGE_POSTGRES_COPY_FROM_SQLITE_H_
#define SENDCASE_SERVICES_STORAGE_POSTGRES_COPY_FROM_SQLITE_H_

// Moves an installation from its SQLite file to an empty PostgreSQL
// database (`sendcased copy-db`): every row of every table, ids, revisions
// and the audit trail included, in one PostgreSQL transaction, so that a
// failed copy leaves the target as empty as it found it. Each table's rows
// are counted on both sides as it is copied, and the copy stops (and rolls
// back) on the first table whose counts differ; the counts are checked
// again after the commit.
//
// The source is migrated to this build's schema first, as starting
// sendcased on it would. The server should be stopped while it copies
// (writes made meanwhile would be missed).

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace sendcase::storage::postgres {

struct CopiedTable {
  std::string table;
  int64_t rows = 0;
};

// Errors: NotFound if `sqlite_path` does not exist; FailedPrecondition
// naming the table if the target holds any row already; DataLoss naming
// the table when its counts differ; Unavailable if PostgreSQL cannot be
// reached (the URI, which may hold a password, is never in an error);
// Internal naming a table that this copy does not know (a migration added
// it without adding it here). `progress(table, rows)` is called after each
// table.
absl::StatusOr<std::vector<CopiedTable>> CopyFromSqlite(
    const std::string& sqlite_path, const std::string& postgres_uri,
    const std::function<void(const CopiedTable&)>& progress);

}  // namespace sendcase::storage::postgres

#endif  // SENDCASE_SERVICES_STORAGE_POSTGRES_COPY_FROM_SQLITE_H_
