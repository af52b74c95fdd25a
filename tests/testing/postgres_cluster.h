#ifndef SENDCASE_TESTS_TESTING_POSTGRES_CLUSTER_H_
#define SENDCASE_TESTS_TESTING_POSTGRES_CLUSTER_H_

// A throw-away PostgreSQL 15 for this test process (tests/postgres/
// pg_cluster.sh): started on first use, stopped and removed when the
// process exits, however it ends. Each test makes its own database on it
// with NewDatabase, so tests never see each other's rows.

#include <string>

#include "absl/status/statusor.h"

namespace sendcase::testing {

// The libpq URI of the cluster's "postgres" database; the script's error
// as Unavailable if it could not start.
absl::StatusOr<std::string> PostgresUri();

// A new, empty database on the cluster ("t1", "t2", ...): its URI.
absl::StatusOr<std::string> NewPostgresDatabase();

}  // namespace sendcase::testing

#endif  // SENDCASE_TESTS_TESTING_POSTGRES_CLUSTER_H_
