#include "services/storage/sqlite/database.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/storage/sqlite/migrations.h"
#include "services/storage/sqlite/transaction.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace sendcase::storage {
namespace {

using ::sendcase::testing::StatusIs;
using ::testing::HasSubstr;

int Count(Database& db, const char* table) {
  auto stmt = db.Prepare(std::string("SELECT COUNT(*) FROM ") + table);
  EXPECT_TRUE(stmt.ok());
  EXPECT_TRUE(*stmt->Step());
  return static_cast<int>(stmt->ColumnInt64(0));
}

int IntPragma(Database& db, const std::string& name) {
  auto stmt = db.Prepare("PRAGMA " + name);
  EXPECT_TRUE(stmt.ok());
  EXPECT_TRUE(*stmt->Step());
  return static_cast<int>(stmt->ColumnInt64(0));
}

TEST(DatabaseTest, FileDatabaseUsesWal) {
  testing::TempDir dir;
  auto db = Database::Open(dir.File("a.db"));
  ASSERT_OK(db);
  EXPECT_THAT((*db)->JournalMode(), testing::IsOkAndHolds(std::string("wal")));
}

TEST(DatabaseTest, ScratchStaysInMemoryAndCommitsAreFull) {
  testing::TempDir dir;
  auto db = Database::Open(dir.File("a.db"));
  ASSERT_OK(db);
  EXPECT_EQ(IntPragma(**db, "temp_store"), 2);   // MEMORY
  EXPECT_EQ(IntPragma(**db, "synchronous"), 2);  // FULL
}

TEST(DatabaseTest, UnopenablePathIsUnavailable) {
  EXPECT_THAT(Database::Open("/nonexistent-dir/x/y.db"),
              StatusIs(absl::StatusCode::kUnavailable));
}

TEST(MigrationsTest, AppliesAllAndIsIdempotent) {
  auto db = Database::Open(":memory:");
  ASSERT_OK(db);
  ASSERT_OK(Migrate(**db));
  const int latest = AllMigrations().back().version;
  EXPECT_THAT(SchemaVersion(**db), testing::IsOkAndHolds(latest));
  ASSERT_OK(Migrate(**db));
  EXPECT_THAT(SchemaVersion(**db), testing::IsOkAndHolds(latest));
  EXPECT_EQ(Count(**db, "pupils"), 0);
}

TEST(MigrationsTest, VersionsAreDenseFromOne) {
  int expected = 1;
  for (const Migration& m : AllMigrations()) EXPECT_EQ(m.version, expected++);
}

TEST(MigrationsTest, NewerDatabaseIsRefused) {
  auto db = Database::Open(":memory:");
  ASSERT_OK(db);
  ASSERT_OK((*db)->Exec("PRAGMA user_version = 999"));
  EXPECT_THAT(Migrate(**db), StatusIs(absl::StatusCode::kFailedPrecondition,
                                      HasSubstr("newer")));
}

// Each kind of constraint failure maps to its own code: only a duplicate
// key is ALREADY_EXISTS.
TEST(DatabaseTest, ConstraintFailuresMapByKind) {
  auto db = Database::Open(":memory:");
  ASSERT_OK(db);
  Database& d = **db;
  ASSERT_OK(
      d.Exec("CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT UNIQUE);"
             "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER "
             "REFERENCES parent(id), n INTEGER NOT NULL CHECK (n > 0));"
             "CREATE TRIGGER child_no_delete BEFORE DELETE ON child BEGIN "
             "SELECT RAISE(ABORT, 'append-only'); END;"
             "INSERT INTO parent VALUES (1, 'a');"
             "INSERT INTO child VALUES (1, 1, 1);"));
  EXPECT_THAT(d.Exec("INSERT INTO parent VALUES (1, 'b')"),
              StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(d.Exec("INSERT INTO parent VALUES (2, 'a')"),
              StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(d.Exec("INSERT INTO child VALUES (2, 9, 1)"),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("FOREIGN KEY")));
  EXPECT_THAT(
      d.Exec("INSERT INTO child VALUES (3, 1, 0)"),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("CHECK")));
  EXPECT_THAT(d.Exec("INSERT INTO child VALUES (4, 1, NULL)"),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("NOT NULL")));
  EXPECT_THAT(d.Exec("DELETE FROM child"),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("append-only")));
}

TEST(TransactionTest, RollsBackUnlessCommitted) {
  auto db = Database::Open(":memory:");
  ASSERT_OK(db);
  ASSERT_OK((*db)->Exec("CREATE TABLE t (x INTEGER)"));
  {
    Transaction txn(**db);
    ASSERT_OK(txn.Begin());
    ASSERT_OK((*db)->Exec("INSERT INTO t VALUES (1)"));
  }
  EXPECT_EQ(Count(**db, "t"), 0);
  {
    Transaction txn(**db);
    ASSERT_OK(txn.Begin());
    ASSERT_OK((*db)->Exec("INSERT INTO t VALUES (1)"));
    ASSERT_OK(txn.Commit());
  }
  EXPECT_EQ(Count(**db, "t"), 1);
}

TEST(TransactionTest, SecondWriterOnSameFileIsUnavailableNotCorrupt) {
  testing::TempDir dir;
  auto a = Database::Open(dir.File("w.db"));
  auto b = Database::Open(dir.File("w.db"));
  ASSERT_OK(a);
  ASSERT_OK(b);
  ASSERT_OK((*a)->Exec("CREATE TABLE t (x INTEGER)"));
  ASSERT_OK((*b)->Exec("PRAGMA busy_timeout = 0"));
  Transaction first(**a);
  ASSERT_OK(first.Begin());
  Transaction second(**b);
  EXPECT_THAT(second.Begin(), StatusIs(absl::StatusCode::kUnavailable));
}

}  // namespace
}  // namespace sendcase::storage
