#include "services/server/db_commands.h"

#include <cstdio>

#include "absl/status/status.h"
#include "services/server/store_factory.h"
#include "services/storage/postgres/copy_from_sqlite.h"

namespace sendcase::server {

int CopyDbCommand(const std::string& from, const std::string& to) {
  if (from.empty() || IsPostgresUri(from)) {
    fprintf(stderr, "sendcased: copy-db: --from: the SQLite file to copy\n");
    return 2;
  }
  if (!IsPostgresUri(to)) {
    fprintf(stderr,
            "sendcased: copy-db: --to: a postgresql:// URI of an empty "
            "database\n");
    return 2;
  }
  int64_t rows = 0;
  auto copied = storage::postgres::CopyFromSqlite(
      from, to, [&](const storage::postgres::CopiedTable& t) {
        rows += t.rows;
        fprintf(stderr, "copy-db: %-20s %10lld rows, counts match\n",
                t.table.c_str(), static_cast<long long>(t.rows));
      });
  if (!copied.ok()) {
    fprintf(stderr, "sendcased: copy-db: %s (nothing was copied)\n",
            copied.status().ToString().c_str());
    return 1;
  }
  printf(
      "copied %zu tables, %lld rows; counts checked again after the "
      "commit\n",
      copied->size(), static_cast<long long>(rows));
  return 0;
}

}  // namespace sendcase::server
