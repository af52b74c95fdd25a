// SqliteStore::Stats: the counters /metrics reads at each scrape.
#include <sys/stat.h>

#include "services/storage/sqlite/sqlite_store.h"

namespace sendcase::storage {

StoreStats SqliteStore::Stats() {
  StoreStats stats;
  group_.AddStats(stats);
  if (checkpointer_ != nullptr)
    stats.checkpoints = checkpointer_->checkpoints();
  if (path_ != ":memory:") {
    // The WAL's size on disk: it grows between checkpoints, and a reader
    // that never finishes (a stuck backup) keeps it growing.
    struct stat wal;
    stats.wal_bytes =
        stat((path_ + "-wal").c_str(), &wal) == 0 ? wal.st_size : 0;
  }
  return stats;
}

}  // namespace sendcase::storage
