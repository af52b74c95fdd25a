// SqliteStore against the storage conformance suite, twice: in memory (one
// connection) and on a file, where reads go through the store's reader
// connections and must still see each write as soon as it has returned.
#include "services/storage/conformance/store_conformance.h"
#include "services/storage/sqlite/sqlite_store.h"

namespace sendcase::storage::conformance {
namespace {

absl::StatusOr<Stores> Open(const std::string& path) {
  auto store = SqliteStore::Open(path);
  if (!store.ok()) return store.status();
  return Stores::Of(std::shared_ptr<SqliteStore>(*std::move(store)));
}

SENDCASE_STORE_CONFORMANCE(
    Sqlite, ::testing::Values(Backend{"Memory", false,
                                      [](const std::string&) {
                                        return Open(":memory:");
                                      }},
                              Backend{"File", true, [](const std::string& dir) {
                                        return Open(dir + "/store.db");
                                      }}));

}  // namespace
}  // namespace sendcase::storage::conformance
