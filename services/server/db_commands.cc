#include "services/server/db_commands.h"

#include <sys/stat.h>

#include <chrono>
#include <cstdio>

#include "absl/status/status.h"
#include "services/common/wall_time.h"
#include "services/server/store_factory.h"
#include "services/storage/postgres/copy_from_sqlite.h"
#include "services/storage/sqlite/backup.h"

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

namespace {

// PostgreSQL keeps its own backups: say which tools, rather than half-do it.
bool RefusePostgres(const std::string& db, const char* command) {
  if (!IsPostgresUri(db)) return false;
  fprintf(stderr,
          "sendcased: %s: --db is PostgreSQL: back it up with pg_dump "
          "(pg_dump --format=custom) and the database's own point-in-time "
          "recovery (WAL archiving); restore with pg_restore (README: "
          "Operating sendcase)\n",
          command);
  return true;
}

bool IsFolder(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

double MiB(int64_t bytes) { return static_cast<double>(bytes) / (1 << 20); }

}  // namespace

int BackupCommand(const std::string& db, const std::string& to) {
  if (RefusePostgres(db, "backup")) return 2;
  if (to.empty() || IsFolder(to)) {
    fprintf(stderr,
            "sendcased: backup: --to: %s the backup file to write, e.g. "
            "--to=/var/lib/sendcase-backups/sendcase-20261202.db\n",
            to.empty() ? "required:" : "names a folder; name");
    return 2;
  }
  // A monotonic interval for the report; not domain time.
  const auto start = MonotonicNow();
  auto copied = storage::BackupDatabase(db, to);
  if (!copied.ok()) {
    fprintf(stderr, "sendcased: backup: %s (no backup written)\n",
            copied.status().ToString().c_str());
    return 1;
  }
  printf(
      "backed up %s to %s: %lld pages (%.1f MiB), migration %d, checked, "
      "mode 0600, in %.1f s\n",
      db.c_str(), to.c_str(), static_cast<long long>(copied->pages),
      MiB(copied->bytes), copied->schema_version,
      std::chrono::duration<double>(MonotonicNow() - start).count());
  return 0;
}

int RestoreCommand(const std::string& from, const std::string& db) {
  if (RefusePostgres(db, "restore")) return 2;
  if (from.empty()) {
    fprintf(stderr,
            "sendcased: restore: --from: required: the backup file to "
            "restore (sendcased backup wrote it)\n");
    return 2;
  }
  auto copied = storage::RestoreDatabase(from, db);
  if (!copied.ok()) {
    fprintf(stderr, "sendcased: restore: %s (nothing was written)\n",
            copied.status().ToString().c_str());
    return 1;
  }
  printf(
      "restored %s from %s: %lld pages (%.1f MiB), migration %d, checked; "
      "start sendcased with --db=%s\n",
      db.c_str(), from.c_str(), static_cast<long long>(copied->pages),
      MiB(copied->bytes), copied->schema_version, db.c_str());
  return 0;
}

int CheckCommand(const std::string& db) {
  if (IsPostgresUri(db)) {
    fprintf(stderr,
            "sendcased: check: --db is PostgreSQL: use pg_amcheck for "
            "integrity; sendcased applies its migrations when it starts\n");
    return 2;
  }
  auto report = storage::CheckDatabase(db);
  if (!report.ok()) {
    fprintf(stderr, "sendcased: check: %s\n",
            report.status().ToString().c_str());
    return 1;
  }
  printf("database   %s\n", db.c_str());
  printf("integrity  %s\n", report->ok() ? "ok" : "DAMAGED");
  for (size_t i = 0; !report->ok() && i < report->integrity.size(); ++i) {
    printf("           %s\n", report->integrity[i].c_str());
  }
  const int have = report->schema_version, latest = report->latest_version;
  if (latest == 0) {  // the check stopped before it could read them
    printf("migration  unknown (the file could not be read)\n");
  } else {
    printf("migration  %d of %d%s\n", have, latest,
           have == latest  ? " (current)"
           : have < latest ? " (sendcased applies the rest when it starts)"
                           : " (NEWER than this sendcased: upgrade it)");
  }
  printf("rows\n");
  for (const auto& [table, rows] : report->rows) {
    printf("  %-28s %12lld\n", table.c_str(), static_cast<long long>(rows));
  }
  if (!report->ok()) {
    printf(
        "the database is damaged: stop sendcased and restore the latest "
        "backup (sendcased restore)\n");
  }
  return report->ok() && have <= latest ? 0 : 1;
}

}  // namespace sendcase::server
