#ifndef SENDCASE_SERVICES_STORAGE_SQLITE_GROUP_COMMIT_H_
#define SENDCASE_SERVICES_STORAGE_SQLITE_GROUP_COMMIT_H_

// GroupCommitter: durable writes that share one COMMIT (one fsync) with the
// writes that arrive while the previous group is committing — SQLite's
// single writer and synchronous=FULL otherwise cap a server at one fsync
// per write (cf. group commit in PostgreSQL, InnoDB and etcd's batched
// raft log).
//
// Run(body) returns only after the transaction holding body's changes has
// committed (or failed): a caller acknowledges nothing that is not durable.
// Each body runs in its own SAVEPOINT, so a body that fails rolls back only
// its own changes and the others still commit. With one writer at a time
// a group is that one write: latency is unchanged when idle. When the last
// group had several members, the next leader holds its group open up to
// 300 µs until as many have arrived (PostgreSQL's commit_delay), so that
// one fsync serves them all rather than the first few.
//
// Bodies run on whichever waiting thread leads the group, with the
// connection mutex held; they must not lock it, nor begin or commit a
// transaction themselves. Thread-safe.

#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "services/storage/sqlite/database.h"
#include "services/storage/store_stats.h"

namespace sendcase::storage {

class GroupCommitter {
 public:
  // `connection` guards `db` (the store's mutex); both outlive this.
  GroupCommitter(Database& db, absl::Mutex& connection)
      : db_(db), connection_(connection) {}

  // Runs `body` in the next group; its status, or the group's BEGIN or
  // COMMIT error (Unavailable, Internal) if the group could not commit.
  absl::Status Run(absl::FunctionRef<absl::Status()> body);

  // Groups committed so far, and callers waiting for the next group (for
  // tests).
  int64_t groups() const;
  int waiting() const;
  // Groups and writes committed, and the group-size histogram
  // (store_stats.h) — for metrics.
  void AddStats(StoreStats& stats) const;

 private:
  struct Member {
    absl::FunctionRef<absl::Status()> body;
    absl::Status status;
    bool done = false;
  };
  void CommitGroup(const std::vector<Member*>& group);

  Database& db_;
  absl::Mutex& connection_;
  mutable absl::Mutex mu_;
  absl::CondVar changed_;
  absl::CondVar arrived_;
  std::vector<Member*> waiting_ ABSL_GUARDED_BY(mu_);
  bool leading_ ABSL_GUARDED_BY(mu_) = false;
  int64_t groups_ ABSL_GUARDED_BY(mu_) = 0;
  size_t last_group_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t writes_ ABSL_GUARDED_BY(mu_) = 0;
  std::array<int64_t, kGroupSizeBounds.size()> groups_at_most_
      ABSL_GUARDED_BY(mu_){};
};

}  // namespace sendcase::storage

#endif  // SENDCASE_SERVICES_STORAGE_SQLITE_GROUP_COMMIT_H_
