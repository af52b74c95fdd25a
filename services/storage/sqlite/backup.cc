#include "services/storage/sqlite/backup.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "absl/cleanup/cleanup.h"
#include "absl/strings/str_cat.h"
#include "services/storage/sqlite/migrations.h"

namespace sendcase::storage {
namespace {

struct Closer {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Handle = std::unique_ptr<sqlite3, Closer>;

bool Exists(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0;
}

absl::Status Error(sqlite3* db, absl::string_view what,
                   const std::string& path) {
  const int code = db != nullptr ? sqlite3_errcode(db) : SQLITE_CANTOPEN;
  const std::string message =
      absl::StrCat(what, " ", path, ": ",
                   db != nullptr ? sqlite3_errmsg(db) : "cannot open");
  if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) {
    return absl::DataLossError(message);
  }
  return absl::UnavailableError(message);
}

// Opens an existing file. Not read-only: a WAL database is read through
// its shared-memory file, which a reader may need to create; query_only
// makes sure nothing is written.
absl::StatusOr<Handle> OpenExisting(const std::string& path) {
  if (!Exists(path)) return absl::NotFoundError(absl::StrCat("no ", path));
  sqlite3* raw = nullptr;
  const int rc =
      sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr);
  Handle db(raw);
  if (rc != SQLITE_OK) return Error(raw, "cannot open", path);
  sqlite3_busy_timeout(raw, 5000);
  sqlite3_exec(raw, "PRAGMA query_only = 1", nullptr, nullptr, nullptr);
  return db;
}

absl::StatusOr<int64_t> Single(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    return Error(db, "cannot read", sqlite3_db_filename(db, "main"));
  }
  absl::Cleanup finalize = [stmt] { sqlite3_finalize(stmt); };
  if (sqlite3_step(stmt) != SQLITE_ROW) {
    return Error(db, "cannot read", sqlite3_db_filename(db, "main"));
  }
  return sqlite3_column_int64(stmt, 0);
}

absl::StatusOr<std::vector<std::string>> Column(sqlite3* db, const char* sql,
                                                int limit) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK) {
    return Error(db, "cannot read", sqlite3_db_filename(db, "main"));
  }
  absl::Cleanup finalize = [stmt] { sqlite3_finalize(stmt); };
  std::vector<std::string> out;
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW &&
         static_cast<int>(out.size()) < limit) {
    const unsigned char* text = sqlite3_column_text(stmt, 0);
    out.emplace_back(text != nullptr ? reinterpret_cast<const char*>(text)
                                     : "");
  }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
    return Error(db, "cannot read", sqlite3_db_filename(db, "main"));
  }
  return out;
}

// Copies every page of `from` into a new file `to` in one backup step,
// then checks the copy, syncs it and sets 0600. The caller renames it.
absl::StatusOr<CopyResult> CopyTo(sqlite3* from, const std::string& to) {
  // A crashed earlier attempt's file, and any journal of it that SQLite
  // would otherwise replay into the new copy.
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::remove((to + suffix).c_str());
  }
  // Created 0600 before SQLite opens it, so that the copy is never readable
  // by others, even for a moment.
  const int fd = open(to.c_str(), O_CREAT | O_EXCL | O_WRONLY, 0600);
  if (fd < 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot create ", to, ": ", strerror(errno)));
  }
  close(fd);
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(
      to.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  Handle dest(raw);
  if (rc != SQLITE_OK) return Error(raw, "cannot open", to);
  sqlite3_backup* backup = sqlite3_backup_init(raw, "main", from, "main");
  if (backup == nullptr) return Error(raw, "cannot back up into", to);
  // -1: every page in one step, one read transaction on the source.
  const int step = sqlite3_backup_step(backup, -1);
  CopyResult result;
  result.pages = sqlite3_backup_pagecount(backup);
  sqlite3_backup_finish(backup);
  if (step != SQLITE_DONE) {
    return step == SQLITE_CORRUPT || step == SQLITE_NOTADB
               ? absl::DataLossError(absl::StrCat("the source is damaged: ",
                                                  sqlite3_errstr(step)))
               : absl::UnavailableError(absl::StrCat(
                     "backup into ", to, " failed: ", sqlite3_errstr(step)));
  }
  // The copy takes the source's WAL mode. Back to a rollback journal: its
  // WAL is folded into the file and removed, so that the one file is the
  // whole backup, and no stray -wal beside it can ever be read with it
  // (sendcased sets WAL again when it opens a restored file).
  if (sqlite3_exec(raw, "PRAGMA journal_mode = DELETE", nullptr, nullptr,
                   nullptr) != SQLITE_OK) {
    return Error(raw, "cannot finish", to);
  }
  absl::StatusOr<std::vector<std::string>> check =
      Column(raw, "PRAGMA quick_check", 5);
  if (!check.ok()) return check.status();
  if (check->size() != 1 || (*check)[0] != "ok") {
    return absl::DataLossError(
        absl::StrCat("the copy in ", to,
                     " failed its check: ", check->empty() ? "" : (*check)[0]));
  }
  absl::StatusOr<int64_t> version = Single(raw, "PRAGMA user_version");
  if (!version.ok()) return version.status();
  result.schema_version = static_cast<int>(*version);
  absl::StatusOr<int64_t> page_size = Single(raw, "PRAGMA page_size");
  if (!page_size.ok()) return page_size.status();
  result.bytes = result.pages * *page_size;
  dest.reset();
  const int sync = open(to.c_str(), O_RDONLY);
  if (sync < 0 || fsync(sync) != 0) {
    const int error = errno;  // before close() can change it
    if (sync >= 0) close(sync);
    return absl::UnavailableError(
        absl::StrCat("cannot flush ", to, ": ", strerror(error)));
  }
  close(sync);
  // Run as root (a restore before the service starts), the file takes the
  // owner of its folder: the service's own user can then open it.
  if (geteuid() == 0) {
    const size_t slash = to.rfind('/');
    const std::string dir =
        slash == std::string::npos ? "." : to.substr(0, slash);
    struct stat folder;
    if (stat(dir.empty() ? "/" : dir.c_str(), &folder) == 0 &&
        chown(to.c_str(), folder.st_uid, folder.st_gid) != 0) {
      return absl::UnavailableError(absl::StrCat(
          "cannot give ", to, " its folder's owner: ", strerror(errno)));
    }
  }
  return result;
}

// Moves the finished copy `tmp` to `to`: over an existing file if
// `replace`, else only if `to` still does not exist (link() fails if it
// does, so a file made meanwhile is never overwritten).
absl::Status MoveInto(const std::string& tmp, const std::string& to,
                      bool replace) {
  const bool moved = replace ? std::rename(tmp.c_str(), to.c_str()) == 0
                             : link(tmp.c_str(), to.c_str()) == 0;
  const int error = errno;
  std::remove(tmp.c_str());  // after link(), the copy's second name
  if (!moved) {
    return error == EEXIST
               ? absl::FailedPreconditionError(
                     absl::StrCat(to, " appeared during the restore"))
               : absl::UnavailableError(absl::StrCat(
                     "cannot move the copy to ", to, ": ", strerror(error)));
  }
  // The new name is durable once the folder is flushed.
  const size_t slash = to.rfind('/');
  const std::string dir =
      slash == std::string::npos ? "." : to.substr(0, slash);
  const int fd = open(dir.empty() ? "/" : dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd >= 0) {
    fsync(fd);
    close(fd);
  }
  return absl::OkStatus();
}

// The whole copy: `from` into `to`.partial, checked and flushed, then moved
// to `to`. Nothing is left behind on failure.
absl::StatusOr<CopyResult> CopyInto(const std::string& from,
                                    const std::string& to, bool replace) {
  absl::StatusOr<Handle> source = OpenExisting(from);
  if (!source.ok()) return source.status();
  const std::string tmp = to + ".partial";
  absl::StatusOr<CopyResult> copied = CopyTo(source->get(), tmp);
  if (!copied.ok()) {
    std::remove(tmp.c_str());
    return copied.status();
  }
  if (absl::Status moved = MoveInto(tmp, to, replace); !moved.ok()) {
    return moved;
  }
  return copied;
}

bool SameFile(const std::string& a, const std::string& b) {
  struct stat sa, sb;
  return stat(a.c_str(), &sa) == 0 && stat(b.c_str(), &sb) == 0 &&
         sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

}  // namespace

absl::StatusOr<CopyResult> BackupDatabase(const std::string& from,
                                          const std::string& to) {
  if (to.empty()) return absl::InvalidArgumentError("--to: the backup file");
  if (to == from || SameFile(from, to)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--to: ", to, " is the database itself"));
  }
  return CopyInto(from, to, /*replace=*/true);
}

absl::StatusOr<CopyResult> RestoreDatabase(const std::string& from,
                                           const std::string& to) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    const std::string path = to + suffix;
    if (Exists(path)) {
      return absl::FailedPreconditionError(absl::StrCat(
          "--db: ", path,
          " exists; a restore makes a new file: stop the server and move "
          "the old database (with its -wal and -shm files) aside first"));
    }
  }
  absl::StatusOr<CheckReport> report = CheckDatabase(from);
  if (!report.ok()) return report.status();
  if (!report->ok()) {
    return absl::DataLossError(
        absl::StrCat("--from: ", from, " is damaged: ", report->integrity[0]));
  }
  if (report->schema_version > report->latest_version) {
    return absl::FailedPreconditionError(absl::StrCat(
        "--from: ", from, " is at migration ", report->schema_version,
        "; this sendcased knows up to ", report->latest_version,
        ": restore it with the newer sendcased that made it"));
  }
  return CopyInto(from, to, /*replace=*/false);
}

absl::StatusOr<CheckReport> CheckDatabase(const std::string& path) {
  absl::StatusOr<Handle> db = OpenExisting(path);
  if (!db.ok()) return db.status();
  sqlite3* raw = db->get();
  CheckReport report;
  absl::StatusOr<std::vector<std::string>> integrity =
      Column(raw, "PRAGMA integrity_check(20)", 20);
  if (absl::IsDataLoss(integrity.status())) {
    report.integrity = {std::string(integrity.status().message())};
    return report;
  }
  if (!integrity.ok()) return integrity.status();
  report.integrity = *std::move(integrity);
  absl::StatusOr<int64_t> version = Single(raw, "PRAGMA user_version");
  if (!version.ok()) return version.status();
  report.schema_version = static_cast<int>(*version);
  report.latest_version =
      AllMigrations().empty() ? 0 : AllMigrations().back().version;
  absl::StatusOr<std::vector<std::string>> tables =
      Column(raw,
             "SELECT name FROM sqlite_schema WHERE type = 'table' AND name "
             "NOT LIKE 'sqlite_%' ORDER BY name",
             1000);
  if (!tables.ok()) return tables.status();
  for (const std::string& table : *tables) {
    // Table names come from the schema itself, quoted as identifiers.
    absl::StatusOr<int64_t> n =
        Single(raw, absl::StrCat("SELECT COUNT(*) FROM \"", table, "\""));
    if (!n.ok()) return n.status();
    report.rows.emplace_back(table, *n);
  }
  return report;
}

}  // namespace sendcase::storage
