// PostgreSQL schema migrations against a real PostgreSQL 15: the baseline
// applies to an empty database and again changes nothing; a failing step
// keeps nothing of itself; a database newer than the binary is refused;
// replicas migrating at once apply each step once.
#include "services/storage/postgres/pg_migrations.h"

#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/storage/postgres/pg_test_database.h"

namespace sendcase::storage::postgres {
namespace {

using ::testing::HasSubstr;

class PgMigrationsTest : public PgTestDatabase {
 protected:
  int64_t Count(const std::string& sql) {
    auto result = conn_->Exec(sql);
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() ? result->Int64(0, 0) : -1;
  }
};

TEST_F(PgMigrationsTest,
       TheBaselineAppliesOnceAndKeepsTheAuditTrailAppendOnly) {
  ASSERT_FALSE(AllMigrations().empty());
  EXPECT_EQ(AllMigrations().front().name, "0001_baseline.sql");
  EXPECT_EQ(*SchemaVersion(*conn_), 0);
  ASSERT_TRUE(Migrate(*conn_).ok());
  EXPECT_EQ(*SchemaVersion(*conn_), AllMigrations().back().version);
  const char* tables =
      "SELECT COUNT(*) FROM information_schema.tables "
      "WHERE table_schema = 'public'";
  EXPECT_EQ(Count(tables), 21);  // 20 of sendcase's and schema_migrations
  ASSERT_TRUE(Migrate(*conn_).ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM schema_migrations"),
            static_cast<int64_t>(AllMigrations().size()));

  ASSERT_TRUE(conn_
                  ->ExecScript("INSERT INTO audit_log (time, subject, role, "
                               "scope, method, resource, outcome) VALUES "
                               "(1, 's', 'SENCO', '*', 'GetPupil', '', 'OK')")
                  .ok());
  const absl::Status update =
      conn_->ExecScript("UPDATE audit_log SET outcome = 'x'");
  EXPECT_EQ(update.code(), absl::StatusCode::kInternal);
  EXPECT_THAT(update.message(), HasSubstr("append-only"));
  EXPECT_EQ(conn_->ExecScript("DELETE FROM audit_log").code(),
            absl::StatusCode::kInternal);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log"), 1);
}

TEST_F(PgMigrationsTest, AFailingStepKeepsNothingOfItself) {
  const std::vector<Migration> steps = {
      {1, "0001_a.sql", "CREATE TABLE a (x BIGINT)"},
      {2, "0002_bad.sql", "CREATE TABLE b (x BIGINT); SELEKT 1"},
  };
  const absl::Status failed = Migrate(*conn_, steps);
  EXPECT_EQ(failed.code(), absl::StatusCode::kInternal);
  EXPECT_THAT(failed.message(), HasSubstr("0002_bad.sql"));
  EXPECT_EQ(*SchemaVersion(*conn_), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM information_schema.tables WHERE "
                  "table_name = 'b'"),
            0);
  // The connection is left outside any transaction, ready for use.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM a"), 0);
}

TEST_F(PgMigrationsTest, ADatabaseNewerThanTheBinaryIsRefused) {
  const std::vector<Migration> one = {{1, "0001_a.sql", "SELECT 1"}};
  ASSERT_TRUE(Migrate(*conn_, one).ok());
  ASSERT_TRUE(conn_
                  ->ExecScript("INSERT INTO schema_migrations (version, name) "
                               "VALUES (7, '0007_future.sql')")
                  .ok());
  const absl::Status refused = Migrate(*conn_, one);
  EXPECT_EQ(refused.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(refused.message(), HasSubstr("schema version 7 is newer"));
}

TEST_F(PgMigrationsTest, ReplicasMigratingAtOnceApplyEachStepOnce) {
  // Each step appends a row: a step applied twice would show twice.
  const std::vector<Migration> steps = {
      {1, "0001_log.sql", "CREATE TABLE log (step BIGINT NOT NULL)"},
      {2, "0002_two.sql", "INSERT INTO log VALUES (2)"},
      {3, "0003_three.sql", "INSERT INTO log VALUES (3)"},
  };
  std::vector<absl::Status> results(4);
  std::vector<std::thread> replicas;
  for (int i = 0; i < 4; ++i) {
    replicas.emplace_back([&, i] {
      auto conn = PgConnection::Open(uri_);
      results[i] = conn.ok() ? Migrate(**conn, steps) : conn.status();
    });
  }
  for (auto& t : replicas) t.join();
  for (const absl::Status& s : results) EXPECT_TRUE(s.ok()) << s;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM log"), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM schema_migrations"), 3);
}

}  // namespace
}  // namespace sendcase::storage::postgres
