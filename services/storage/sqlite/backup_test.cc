#include "services/storage/sqlite/backup.h"

#include <sys/stat.h>

#include <atomic>
#include <fstream>
#include <thread>

#include "absl/synchronization/mutex.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/status_macros.h"
#include "services/storage/sqlite/database.h"
#include "services/storage/sqlite/migrations.h"
#include "services/storage/sqlite/sqlite_store.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace sendcase::storage {
namespace {

using ::sendcase::testing::StatusIs;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Pair;

absl::StatusOr<int64_t> Count(Database& db, const std::string& sql) {
  ASSIGN_OR_RETURN(Statement s, db.Prepare(sql));
  ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return absl::InternalError("no row");
  return s.ColumnInt64(0);
}

// A writer commits rows 1, 2, 3... one transaction each, and publishes the
// last one acknowledged; the backup starts once `start_after` are.
TEST(BackupTest, HoldsEveryRowAcknowledgedBeforeItBeganWhileWritesGoOn) {
  testing::TempDir dir;
  const std::string live = dir.File("live.db");
  auto db = Database::Open(live);
  ASSERT_OK(db);
  ASSERT_OK((*db)->Exec("CREATE TABLE acks (n INTEGER PRIMARY KEY)"));
  absl::Mutex mu;
  int64_t acknowledged = 0;
  bool stop = false;
  std::thread writer([&] {
    for (int64_t n = 1;; ++n) {
      {
        absl::MutexLock lock(&mu);
        if (stop) return;
      }
      auto insert = (*db)->Prepare("INSERT INTO acks (n) VALUES (?)");
      ASSERT_OK(insert);
      insert->Bind(1, n);
      ASSERT_OK(insert->Run());
      absl::MutexLock lock(&mu);
      acknowledged = n;
    }
  });
  int64_t before = 0;
  {
    absl::MutexLock lock(&mu);
    mu.Await(absl::Condition(
        +[](int64_t* n) { return *n >= 300; }, &acknowledged));
    before = acknowledged;
  }
  const std::string backup = dir.File("nightly.db");
  auto copied = BackupDatabase(live, backup);
  int64_t after = 0;
  {
    absl::MutexLock lock(&mu);
    stop = true;
    after = acknowledged;
  }
  writer.join();
  ASSERT_OK(copied);
  EXPECT_GT(copied->pages, 1);

  struct stat st;
  ASSERT_EQ(stat(backup.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);  // pupils' data: its owner only

  const std::string restored = dir.File("restored.db");
  ASSERT_OK(RestoreDatabase(backup, restored));
  auto check = Database::Open(restored);
  ASSERT_OK(check);
  // Every row acknowledged before the backup began, 1..before, is there;
  // what it holds is a prefix (no gaps), and nothing acknowledged after
  // the backup ended.
  EXPECT_THAT(Count(**check, "SELECT COUNT(*) FROM acks WHERE n <= " +
                                 std::to_string(before)),
              ::sendcase::testing::IsOkAndHolds(before));
  auto max = Count(**check, "SELECT MAX(n) FROM acks");
  ASSERT_OK(max);
  EXPECT_THAT(Count(**check, "SELECT COUNT(*) FROM acks"),
              ::sendcase::testing::IsOkAndHolds(*max));
  EXPECT_LE(*max, after);
}

TEST(BackupTest, RefusesToCopyOntoItselfOrFromNothing) {
  testing::TempDir dir;
  const std::string live = dir.File("live.db");
  ASSERT_OK(Database::Open(live));
  EXPECT_THAT(BackupDatabase(live, live),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("is the database itself")));
  EXPECT_THAT(BackupDatabase(dir.File("none.db"), dir.File("b.db")),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(BackupDatabase(live, ""),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--to")));
  EXPECT_THAT(BackupDatabase(live, dir.File("no-such-folder/b.db")),
              StatusIs(absl::StatusCode::kUnavailable,
                       HasSubstr("b.db.partial: No such file or directory")));
}

TEST(BackupTest, RestoreNeverOverwritesADatabaseOrItsWal) {
  testing::TempDir dir;
  const std::string live = dir.File("live.db");
  ASSERT_OK(Database::Open(live));
  const std::string backup = dir.File("b.db");
  ASSERT_OK(BackupDatabase(live, backup));
  EXPECT_THAT(RestoreDatabase(backup, live),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("move the old database")));
  // A stray WAL would be replayed into the restored file: refused too.
  const std::string target = dir.File("new.db");
  std::ofstream(target + "-wal") << "stale";
  EXPECT_THAT(RestoreDatabase(backup, target),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("new.db-wal exists")));
}

TEST(BackupTest, RestoreRefusesADamagedBackupOrANewerOne) {
  testing::TempDir dir;
  const std::string damaged = dir.File("damaged.db");
  {
    auto db = Database::Open(damaged);
    ASSERT_OK(db);
    ASSERT_OK((*db)->Exec("PRAGMA journal_mode = DELETE"));
    ASSERT_OK((*db)->Exec("CREATE TABLE t (v TEXT); CREATE INDEX ti ON t(v)"));
    for (int i = 0; i < 50; ++i) {
      ASSERT_OK((*db)->Exec("INSERT INTO t VALUES (hex(randomblob(300)))"));
    }
  }
  // Overwrite the middle of the file: pages of the table and its index.
  {
    std::fstream f(damaged, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(3 * 4096 + 100);
    const std::string junk(4096, '\x7f');
    f.write(junk.data(), junk.size());
  }
  auto report = CheckDatabase(damaged);
  ASSERT_OK(report);
  EXPECT_FALSE(report->ok());
  EXPECT_THAT(RestoreDatabase(damaged, dir.File("r1.db")),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("is damaged")));

  const std::string newer = dir.File("newer.db");
  {
    auto db = Database::Open(newer);
    ASSERT_OK(db);
    ASSERT_OK((*db)->Exec("PRAGMA user_version = 9999"));
  }
  EXPECT_THAT(RestoreDatabase(newer, dir.File("r2.db")),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("at migration 9999")));
}

TEST(BackupTest, CheckReportsIntegrityMigrationLevelAndRows) {
  testing::TempDir dir;
  const std::string path = dir.File("s.db");
  {
    auto store = SqliteStore::Open(path);  // every migration applied
    ASSERT_OK(store);
  }
  auto report = CheckDatabase(path);
  ASSERT_OK(report);
  EXPECT_TRUE(report->ok());
  EXPECT_EQ(report->schema_version, AllMigrations().back().version);
  EXPECT_EQ(report->latest_version, AllMigrations().back().version);
  EXPECT_THAT(report->rows, Contains(Pair("pupils", 0)));
  EXPECT_THAT(CheckDatabase(dir.File("none.db")),
              StatusIs(absl::StatusCode::kNotFound));
}

}  // namespace
}  // namespace sendcase::storage
