#ifndef SENDCASE_SERVICES_STORAGE_POSTGRES_PG_TEST_DATABASE_H_
#define SENDCASE_SERVICES_STORAGE_POSTGRES_PG_TEST_DATABASE_H_

// A test with a new, empty database of its own on the process's throw-away
// PostgreSQL (tests/testing/postgres_cluster.h): its URI and a connection.

#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "services/storage/postgres/pg_connection.h"
#include "tests/testing/postgres_cluster.h"

namespace sendcase::storage::postgres {

class PgTestDatabase : public ::testing::Test {
 protected:
  void SetUp() override {
    auto uri = testing::NewPostgresDatabase();
    ASSERT_TRUE(uri.ok()) << uri.status();
    uri_ = *uri;
    auto conn = PgConnection::Open(uri_);
    ASSERT_TRUE(conn.ok()) << conn.status();
    conn_ = *std::move(conn);
  }

  std::string uri_;
  std::unique_ptr<PgConnection> conn_;
};

}  // namespace sendcase::storage::postgres

#endif  // SENDCASE_SERVICES_STORAGE_POSTGRES_PG_TEST_DATABASE_H_
