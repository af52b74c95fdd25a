// The PostgreSQL backend against the storage conformance suite: every
// port, opened as sendcased opens them (pg_stores.h). Each test gets a new
// database on the process's throw-away PostgreSQL 15; reopening the same
// folder reaches the same database.
#include <map>

#include "absl/synchronization/mutex.h"
#include "services/storage/conformance/store_conformance.h"
#include "services/storage/postgres/pg_stores.h"
#include "tests/testing/postgres_cluster.h"

namespace sendcase::storage::conformance {
namespace {

// The database of each test folder, made on first open.
absl::StatusOr<std::string> DatabaseFor(const std::string& dir) {
  static absl::Mutex mu(absl::kConstInit);
  static auto* databases = new std::map<std::string, std::string>();
  absl::MutexLock lock(&mu);
  if (auto it = databases->find(dir); it != databases->end()) {
    return it->second;
  }
  auto uri = testing::NewPostgresDatabase();
  if (!uri.ok()) return uri.status();
  (*databases)[dir] = *uri;
  return *uri;
}

absl::StatusOr<Stores> Open(const std::string& dir) {
  auto uri = DatabaseFor(dir);
  if (!uri.ok()) return uri.status();
  // Four connections: the concurrency tests write from several threads.
  return postgres::OpenPostgresStores(*uri, 4);
}

SENDCASE_STORE_CONFORMANCE(Postgres,
                           ::testing::Values(Backend{"Postgres", true, Open}));

}  // namespace
}  // namespace sendcase::storage::conformance
