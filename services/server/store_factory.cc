#include "services/server/store_factory.h"

#include <memory>

#include "services/common/status_macros.h"
#include "services/storage/sqlite/sqlite_store.h"

namespace sendcase::server {

absl::StatusOr<storage::Stores> OpenStores(const std::string& db) {
  if (db.empty()) return absl::InvalidArgumentError("--db is required");
  ASSIGN_OR_RETURN(std::unique_ptr<storage::SqliteStore> sqlite,
                   storage::SqliteStore::Open(db));
  return storage::Stores::Of(
      std::shared_ptr<storage::SqliteStore>(std::move(sqlite)));
}

}  // namespace sendcase::server
