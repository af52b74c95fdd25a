#ifndef SENDCASE_SERVICES_STORAGE_STORE_STATS_H_
#define SENDCASE_SERVICES_STORAGE_STORE_STATS_H_

// StoreStats: what a backend tells the metrics endpoint about itself,
// read when /metrics is scraped (services/server/metrics.h). Counts are
// since the process started; a backend without the thing reports -1.

#include <array>
#include <cstdint>

namespace sendcase::storage {

// Upper bounds of the group-size buckets, in writes per commit.
inline constexpr std::array<int64_t, 7> kGroupSizeBounds = {1,  2,  4, 8,
                                                            16, 32, 64};

struct StoreStats {
  // Group commit (SQLite, group_commit.h): transactions committed, the
  // writes they carried, and how many groups had at most
  // kGroupSizeBounds[i] writes (cumulative, as Prometheus buckets).
  int64_t commit_groups = -1;
  int64_t committed_writes = -1;
  std::array<int64_t, kGroupSizeBounds.size()> groups_at_most{};
  // WAL checkpoints completed (background and inline), and the WAL file's
  // size now, in bytes.
  int64_t checkpoints = -1;
  int64_t wal_bytes = -1;
};

}  // namespace sendcase::storage

#endif  // SENDCASE_SERVICES_STORAGE_STORE_STATS_H_
