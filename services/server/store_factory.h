#ifndef SENDCASE_SERVICES_SERVER_STORE_FACTORY_H_
#define SENDCASE_SERVICES_SERVER_STORE_FACTORY_H_

// The one place that turns a --db value into open stores, so that another
// backend is an addition here and nowhere else:
//   * a libpq connection URI, "postgresql://..." or "postgres://...": the
//     PostgreSQL backend, over a pool of `pool_size` connections (several
//     sendcased replicas may share the database);
//   * anything else: a SQLite file path (created if missing), or ":memory:"
//     for tests.
// Every migration is applied. Errors: InvalidArgument for an empty value or
// a pool size below 1; otherwise the backend's own (Unavailable when the
// file or server cannot be reached, FailedPrecondition for a database newer
// than this build). A URI, which may hold a password, is never put in an
// error.

#include <string>

#include "absl/status/statusor.h"
#include "services/storage/stores.h"

namespace sendcase::server {

inline constexpr int kDefaultDbPoolSize = 8;

// True for a value OpenStores gives to PostgreSQL.
bool IsPostgresUri(const std::string& db);

absl::StatusOr<storage::Stores> OpenStores(const std::string& db,
                                           int pool_size = kDefaultDbPoolSize);

}  // namespace sendcase::server

#endif  // SENDCASE_SERVICES_SERVER_STORE_FACTORY_H_
