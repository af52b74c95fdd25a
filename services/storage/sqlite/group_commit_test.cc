#include "services/storage/sqlite/group_commit.h"

#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/storage/sqlite/database.h"
#include "services/storage/sqlite/statement.h"

namespace sendcase::storage {
namespace {

using ::testing::UnorderedElementsAre;

class GroupCommitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = Database::Open(":memory:");
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = *std::move(db);
    ASSERT_TRUE(db_->Exec("CREATE TABLE t (v TEXT NOT NULL UNIQUE)").ok());
  }

  // A body that inserts `v` (with the connection held by the group's
  // leader, as the store's bodies run).
  absl::Status Insert(const std::string& v) {
    auto stmt = db_->Prepare("INSERT INTO t (v) VALUES (?)");
    if (!stmt.ok()) return stmt.status();
    stmt->Bind(1, v);
    return stmt->Run();
  }

  std::vector<std::string> Rows() {
    absl::MutexLock lock(&connection_);
    std::vector<std::string> rows;
    auto stmt = db_->Prepare("SELECT v FROM t ORDER BY v");
    EXPECT_TRUE(stmt.ok());
    while (*stmt->Step()) rows.push_back(stmt->ColumnText(0));
    return rows;
  }

  absl::Mutex connection_;
  std::unique_ptr<Database> db_;
};

TEST_F(GroupCommitTest, EveryConcurrentWriteCommitsInFewerGroups) {
  GroupCommitter group(*db_, connection_);
  constexpr int kThreads = 8, kWrites = 50;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kWrites; ++i) {
        EXPECT_TRUE(
            group.Run([&] { return Insert(absl::StrCat(t, "-", i)); }).ok());
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(Rows().size(), kThreads * kWrites);
  EXPECT_LE(group.groups(), kThreads * kWrites);
  EXPECT_GE(group.groups(), 1);
  // The metrics' view: every write in one group, no group over 8 writes.
  StoreStats stats;
  group.AddStats(stats);
  EXPECT_EQ(stats.commit_groups, group.groups());
  EXPECT_EQ(stats.committed_writes, kThreads * kWrites);
  EXPECT_EQ(stats.groups_at_most[3], group.groups());  // at most 8
  for (size_t i = 1; i < stats.groups_at_most.size(); ++i) {
    EXPECT_LE(stats.groups_at_most[i - 1], stats.groups_at_most[i]);
  }
}

TEST_F(GroupCommitTest, AFailedMemberRollsBackAloneAndTheOthersCommit) {
  GroupCommitter group(*db_, connection_);
  std::vector<std::thread> followers;
  absl::Status failed_status, ok_status;
  // The first group's only member holds the group open until two more
  // callers wait: they then commit together as the second group.
  const absl::Status first = group.Run([&]() -> absl::Status {
    followers.emplace_back([&] {
      failed_status = group.Run([&]() -> absl::Status {
        EXPECT_TRUE(Insert("partial").ok());  // undone with its savepoint
        return absl::FailedPreconditionError("refused");
      });
    });
    followers.emplace_back(
        [&] { ok_status = group.Run([&] { return Insert("second"); }); });
    while (group.waiting() < 2) std::this_thread::yield();
    return Insert("first");
  });
  for (auto& t : followers) t.join();
  EXPECT_TRUE(first.ok()) << first;
  EXPECT_EQ(failed_status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(ok_status.ok()) << ok_status;
  EXPECT_EQ(group.groups(), 2);
  EXPECT_THAT(Rows(), UnorderedElementsAre("first", "second"));
  // A group of one, then a group of two (the failed member counted: it
  // was carried, and rolled back alone).
  StoreStats stats;
  group.AddStats(stats);
  EXPECT_EQ(stats.commit_groups, 2);
  EXPECT_EQ(stats.committed_writes, 3);
  EXPECT_THAT(stats.groups_at_most,
              ::testing::ElementsAre(1, 2, 2, 2, 2, 2, 2));
}

TEST_F(GroupCommitTest, AConstraintErrorIsTheMembersOwn) {
  GroupCommitter group(*db_, connection_);
  ASSERT_TRUE(group.Run([&] { return Insert("a"); }).ok());
  const absl::Status duplicate = group.Run([&] { return Insert("a"); });
  EXPECT_EQ(duplicate.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_TRUE(group.Run([&] { return Insert("b"); }).ok());
  EXPECT_THAT(Rows(), UnorderedElementsAre("a", "b"));
}

}  // namespace
}  // namespace sendcase::storage
