#include "services/server/store_factory.h"

#include <memory>

#include "services/common/status_macros.h"
#include "services/storage/postgres/pg_stores.h"
#include "services/storage/sqlite/sqlite_store.h"

namespace sendcase::server {

bool IsPostgresUri(const std::string& db) {
  return db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0;
}

absl::StatusOr<storage::Stores> OpenStores(const std::string& db,
                                           int pool_size) {
  if (db.empty()) return absl::InvalidArgumentError("--db is required");
  if (IsPostgresUri(db)) {
    return storage::postgres::OpenPostgresStores(db, pool_size);
  }
  ASSIGN_OR_RETURN(std::unique_ptr<storage::SqliteStore> sqlite,
                   storage::SqliteStore::Open(db));
  storage::SqliteStore* store = sqlite.get();
  storage::Stores stores = storage::Stores::Of(
      std::shared_ptr<storage::SqliteStore>(std::move(sqlite)));
  stores.stats = [store] { return store->Stats(); };  // `owner` keeps it
  return stores;
}

}  // namespace sendcase::server
