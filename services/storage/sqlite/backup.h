#ifndef SENDCASE_SERVICES_STORAGE_SQLITE_BACKUP_H_
#define SENDCASE_SERVICES_STORAGE_SQLITE_BACKUP_H_

// Backup, restore and check of a SQLite database file, for sendcased's
// backup, restore and check commands (README "Operating sendcase").
//
// BackupDatabase copies a database that a server may be writing to, with
// SQLite's online backup API in a single step: one read transaction, so
// the copy is the database exactly as it was when the step began (every
// write acknowledged before then is in it, none begun after), while the
// server goes on committing (in WAL mode a reader never blocks a writer).
// The copy is written beside its destination, checked, flushed to disk,
// made readable by its owner only (0600: pupils' data) and then renamed
// into place, so a backup file is never half-written.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace sendcase::storage {

struct CopyResult {
  int64_t pages = 0;
  int64_t bytes = 0;
  int schema_version = 0;  // the migration level copied (PRAGMA user_version)
};

// Copies the database at `from` to the file `to` (replaced atomically if it
// exists). InvalidArgument if `to` is `from`; NotFound if `from` does not
// exist; DataLoss if the copy fails its check; Unavailable for I/O errors.
absl::StatusOr<CopyResult> BackupDatabase(const std::string& from,
                                          const std::string& to);

// Makes a new database file `to` from the backup `from`, checked before and
// after. FailedPrecondition if `to`, or a journal or WAL of it, exists
// (a restore never overwrites: move the old file aside first); DataLoss if
// the backup is damaged; FailedPrecondition if it was made by a newer
// sendcase (a higher migration level than this binary knows).
absl::StatusOr<CopyResult> RestoreDatabase(const std::string& from,
                                           const std::string& to);

struct CheckReport {
  // "ok", or SQLite's integrity_check findings (up to 20 lines).
  std::vector<std::string> integrity;
  int schema_version = 0;  // the file's migration level
  int latest_version = 0;  // the latest this binary knows
  // Rows in each table, by table name.
  std::vector<std::pair<std::string, int64_t>> rows;
  bool ok() const { return integrity.size() == 1 && integrity[0] == "ok"; }
};

// Reads `path` without changing it: PRAGMA integrity_check (every page and
// index: about a few seconds a gigabyte), the migration level and the rows
// in each table. NotFound if there is no such file; the check's findings
// are in the report, not the status.
absl::StatusOr<CheckReport> CheckDatabase(const std::string& path);

}  // namespace sendcase::storage

#endif  // SENDCASE_SERVICES_STORAGE_SQLITE_BACKUP_H_
