#include "services/storage/sqlite/checkpointer.h"

#include <filesystem>
#include <string>

#include "gtest/gtest.h"
#include "services/storage/sqlite/database.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace sendcase::storage {
namespace {

constexpr int kRows = 200;
constexpr int kRowBytes = 4000;  // about a page each

void WriteRows(Database& db) {
  ASSERT_OK(db.Exec("CREATE TABLE t (v BLOB NOT NULL)"));
  for (int i = 0; i < kRows; ++i) {
    auto insert = db.Prepare("INSERT INTO t (v) VALUES (?)");
    ASSERT_OK(insert);
    insert->BindBlob(1, std::string(kRowBytes, 'x'));
    ASSERT_OK(insert->Run());  // each its own commit
  }
}

TEST(CheckpointerTest, CopiesTheWalIntoTheFileOnItsOwnThread) {
  testing::TempDir dir;
  const std::string path = dir.File("c.db");
  auto db = Database::Open(path);
  ASSERT_OK(db);
  CheckpointOptions options;
  options.wake_frames = 10;
  options.inline_frames = 1'000'000;  // never inline
  auto checkpointer = Checkpointer::Start(path, **db, options);
  ASSERT_OK(checkpointer);
  WriteRows(**db);
  EXPECT_GE((*checkpointer)->WaitForCheckpoints(1, absl::Seconds(30)), 1);
  // Pages reached the database file itself, not only the WAL.
  EXPECT_GT(std::filesystem::file_size(path), kRows * kRowBytes / 2);
}

TEST(CheckpointerTest, ALongWalIsCheckpointedInlineWhenTheThreadLags) {
  testing::TempDir dir;
  const std::string path = dir.File("c.db");
  auto db = Database::Open(path);
  ASSERT_OK(db);
  CheckpointOptions options;
  options.wake_frames = 1'000'000;  // the thread is never woken
  options.inline_frames = 20;
  auto checkpointer = Checkpointer::Start(path, **db, options);
  ASSERT_OK(checkpointer);
  WriteRows(**db);
  EXPECT_EQ((*checkpointer)->WaitForCheckpoints(1, absl::ZeroDuration()), 0);
  EXPECT_GT(std::filesystem::file_size(path), kRows * kRowBytes / 2);
  // The WAL is reused from its start after each inline checkpoint.
  EXPECT_LT(std::filesystem::file_size(path + "-wal"), 40 * 4200);
}

TEST(CheckpointerTest, WithoutItSqliteWouldNotHaveCopiedYet) {
  // The control for the two tests above: SQLite's own threshold (1000
  // frames) is not reached by these writes, so the file stays small.
  testing::TempDir dir;
  const std::string path = dir.File("c.db");
  auto db = Database::Open(path);
  ASSERT_OK(db);
  WriteRows(**db);
  EXPECT_LT(std::filesystem::file_size(path), kRows * kRowBytes / 2);
}

}  // namespace
}  // namespace sendcase::storage
