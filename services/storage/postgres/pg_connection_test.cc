// The libpq layer against a real PostgreSQL 15 (tests/postgres/
// pg_cluster.sh): values round-trip in each parameter form, errors map to
// the documented codes without the row's values, "?" placeholders are
// numbered outside quotes and comments, and the pool lends each connection
// to one caller at a time and remakes a lost one.
#include "services/storage/postgres/pg_connection.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/storage/postgres/pg_pool.h"
#include "services/storage/postgres/pg_test_database.h"

namespace sendcase::storage::postgres {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

using PgConnectionTest = PgTestDatabase;

TEST_F(PgConnectionTest, ValuesRoundTripInEachForm) {
  ASSERT_TRUE(conn_
                  ->ExecScript("CREATE TABLE t (id BIGINT PRIMARY KEY, "
                               "name TEXT, body BYTEA)")
                  .ok());
  const std::string bytes("\0\x01\xff'\\x", 6);
  auto inserted = conn_->Exec(
      "INSERT INTO t (id, name, body) VALUES ($1, $2, $3), ($4, $5, $6)",
      {PgParam::Int(-9007199254740993), PgParam::Text("O'Brien; --"),
       PgParam::Bytes(bytes), PgParam::Int(2), PgParam::Null(),
       PgParam::Null()});
  ASSERT_TRUE(inserted.ok()) << inserted.status();
  EXPECT_EQ(inserted->affected(), 2);
  auto rows = conn_->Exec("SELECT id, name, body FROM t ORDER BY id");
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->rows(), 2);
  EXPECT_EQ(rows->Int64(0, 0), -9007199254740993);
  EXPECT_EQ(rows->Text(0, 1), "O'Brien; --");
  EXPECT_EQ(rows->Bytes(0, 2), bytes);
  EXPECT_TRUE(rows->IsNull(1, 1));
  EXPECT_TRUE(rows->IsNull(1, 2));
  EXPECT_FALSE(rows->IsNull(0, 1));
}

TEST_F(PgConnectionTest, ErrorsMapToCodesWithoutTheRowsValues) {
  ASSERT_TRUE(conn_
                  ->ExecScript("CREATE TABLE p (upn TEXT PRIMARY KEY, "
                               "age BIGINT CHECK (age >= 0))")
                  .ok());
  const std::vector<PgParam> row = {PgParam::Text("A123456789012"),
                                    PgParam::Int(7)};
  const char* insert = "INSERT INTO p (upn, age) VALUES ($1, $2)";
  ASSERT_TRUE(conn_->Exec(insert, row).ok());
  const absl::Status duplicate = conn_->Exec(insert, row).status();
  EXPECT_EQ(duplicate.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_THAT(duplicate.message(), HasSubstr("SQLSTATE 23505"));
  EXPECT_THAT(duplicate.message(), Not(HasSubstr("A123456789012")));
  const absl::Status negative =
      conn_->Exec(insert, {PgParam::Text("B1"), PgParam::Int(-1)}).status();
  EXPECT_EQ(negative.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(conn_->Exec("SELEKT 1").status().code(),
            absl::StatusCode::kInternal);
  // The connection is still usable after each error.
  auto one = conn_->Exec("SELECT 1");
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->Int64(0, 0), 1);

  const absl::Status nowhere =
      PgConnection::Open(
          "postgresql://postgres:s3cret@/postgres?host=/nonexistent&port=1")
          .status();
  EXPECT_EQ(nowhere.code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(nowhere.message(), Not(HasSubstr("s3cret")));
  // libpq quotes a malformed URI (or its bad part) in its own message.
  for (const char* malformed :
       {"postgresql://postgres:s3cr%ZZet@/postgres",
        "postgresql://postgres:s3cret@/postgres?nosuchoption=1"}) {
    const absl::Status bad = PgConnection::Open(malformed).status();
    EXPECT_EQ(bad.code(), absl::StatusCode::kInvalidArgument) << malformed;
    EXPECT_THAT(bad.message(), Not(HasSubstr("s3cr")));
  }
}

// A transaction left open on a connection (its ROLLBACK failed) is ended
// before the connection is lent again.
TEST_F(PgConnectionTest, APooledConnectionIsLentOutsideAnyTransaction) {
  auto pool = PgPool::Open(uri_, 1);
  ASSERT_TRUE(pool.ok());
  {
    auto conn = (*pool)->Acquire();
    ASSERT_TRUE(conn.ok());
    ASSERT_TRUE((*conn)->ExecScript("BEGIN").ok());
    EXPECT_EQ((*conn)->Exec("SELEKT 1").status().code(),
              absl::StatusCode::kInternal);  // the transaction is now failed
  }
  auto again = (*pool)->Acquire();
  ASSERT_TRUE(again.ok());
  auto one = (*again)->Exec("SELECT 1");
  ASSERT_TRUE(one.ok()) << one.status();
  EXPECT_EQ(one->Int64(0, 0), 1);
}

// Prepared statements deallocated behind the connection's back (a proxy's
// reset, DISCARD ALL) are prepared afresh.
TEST_F(PgConnectionTest, DeallocatedStatementsArePreparedAgain) {
  ASSERT_TRUE(conn_->Exec("SELECT $1::bigint + 1", {PgParam::Int(1)}).ok());
  ASSERT_TRUE(conn_->ExecScript("DEALLOCATE ALL").ok());
  auto two = conn_->Exec("SELECT $1::bigint + 1", {PgParam::Int(1)});
  ASSERT_TRUE(two.ok()) << two.status();
  EXPECT_EQ(two->Int64(0, 0), 2);
}

TEST(NumberPlaceholdersTest, OutsideQuotesAndCommentsOnly) {
  const struct {
    const char* sql;
    const char* want;
  } cases[] = {
      {"SELECT 1", "SELECT 1"},
      {"a = ? AND b = ?", "a = $1 AND b = $2"},
      {"x = '?' AND y = ?", "x = '?' AND y = $1"},
      {"x = 'it''s ?' AND y = ?", "x = 'it''s ?' AND y = $1"},
      {"\"odd?name\" = ?", "\"odd?name\" = $1"},
      {"-- why?\nz = ?", "-- why?\nz = $1"},
      {"a IN (?, ?, ?)", "a IN ($1, $2, $3)"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(NumberPlaceholders(c.sql), c.want) << c.sql;
  }
}

TEST_F(PgConnectionTest, ThePoolLendsEachConnectionOnceAndRemakesALostOne) {
  EXPECT_EQ(PgPool::Open(uri_, 0).status().code(),
            absl::StatusCode::kInvalidArgument);
  auto pool = PgPool::Open(uri_, 2);
  ASSERT_TRUE(pool.ok()) << pool.status();
  {
    auto a = (*pool)->Acquire();
    auto b = (*pool)->Acquire();
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ((*pool)->in_use(), 2);
    EXPECT_NE(&**a, &**b);
    EXPECT_EQ((*pool)->Acquire(absl::ZeroDuration()).status().code(),
              absl::StatusCode::kUnavailable);
  }
  EXPECT_EQ((*pool)->in_use(), 0);

  // The server ends a pooled connection (a restart, a failover): the next
  // caller to get it finds it working again.
  std::string pid;
  {
    auto lease = (*pool)->Acquire();
    ASSERT_TRUE(lease.ok());
    auto me = (*lease)->Exec("SELECT pg_backend_pid()");
    ASSERT_TRUE(me.ok());
    pid = me->Text(0, 0);
  }
  ASSERT_TRUE(
      conn_->Exec("SELECT pg_terminate_backend($1::int)", {PgParam::Text(pid)})
          .ok());
  for (int i = 0; i < 2; ++i) {
    auto lease = (*pool)->Acquire();
    ASSERT_TRUE(lease.ok());
    auto answer = (*lease)->Exec("SELECT 1");
    if (!answer.ok()) {
      // The lost one is noticed on its first statement, then remade.
      EXPECT_EQ(answer.status().code(), absl::StatusCode::kUnavailable);
      ASSERT_FALSE((*lease)->ok());
    }
  }
  for (int i = 0; i < 2; ++i) {
    auto lease = (*pool)->Acquire();
    ASSERT_TRUE(lease.ok()) << lease.status();
    EXPECT_TRUE((*lease)->Exec("SELECT 1").ok());
  }
}

}  // namespace
}  // namespace sendcase::storage::postgres
