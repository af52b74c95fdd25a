#include "services/storage/sqlite/group_commit.h"

#include <sqlite3.h>

#include <chrono>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"

namespace sendcase::storage {

absl::Status GroupCommitter::Run(absl::FunctionRef<absl::Status()> body) {
  Member me{body, absl::OkStatus(), false};
  absl::MutexLock lock(&mu_);
  waiting_.push_back(&me);
  arrived_.Signal();  // a leader holding the group open for more
  while (true) {
    while (!me.done && leading_) changed_.Wait(&mu_);
    if (me.done) return me.status;
    // Nobody is committing: lead a group of everyone waiting, this caller
    // included. Those who arrive meanwhile form the next group.
    leading_ = true;
    if (last_group_ > 1 && waiting_.size() < last_group_) {
      // Writers are arriving together: give the rest of the last group's
      // number a moment to join (PostgreSQL's commit_delay), since one
      // fsync then serves them all. Reachable: the last group's callers are
      // free again once it committed.
      // A monotonic timer, not the time of day: this is a pause.
      const auto until =
          std::chrono::steady_clock::now() + std::chrono::microseconds(300);
      while (waiting_.size() < last_group_) {
        const auto left = until - std::chrono::steady_clock::now();
        if (left <= left.zero()) break;
        arrived_.WaitWithTimeout(&mu_, absl::FromChrono(left));
      }
    }
    last_group_ = waiting_.size();
    std::vector<Member*> group;
    group.swap(waiting_);
    mu_.Unlock();
    CommitGroup(group);
    mu_.Lock();
    for (Member* m : group) m->done = true;
    leading_ = false;
    ++groups_;
    writes_ += static_cast<int64_t>(group.size());
    for (size_t i = 0; i < kGroupSizeBounds.size(); ++i) {
      if (static_cast<int64_t>(group.size()) <= kGroupSizeBounds[i]) {
        ++groups_at_most_[i];
      }
    }
    changed_.SignalAll();
  }
}

int64_t GroupCommitter::groups() const {
  absl::MutexLock lock(&mu_);
  return groups_;
}

void GroupCommitter::AddStats(StoreStats& stats) const {
  absl::MutexLock lock(&mu_);
  stats.commit_groups = groups_;
  stats.committed_writes = writes_;
  stats.groups_at_most = groups_at_most_;
}

int GroupCommitter::waiting() const {
  absl::MutexLock lock(&mu_);
  return static_cast<int>(waiting_.size());
}

void GroupCommitter::CommitGroup(const std::vector<Member*>& group) {
  absl::MutexLock lock(&connection_);
  const absl::Status begin = db_.Exec("BEGIN IMMEDIATE");
  if (!begin.ok()) {
    for (Member* m : group) m->status = begin;
    return;
  }
  for (Member* m : group) {
    m->status = db_.Exec("SAVEPOINT member");
    if (!m->status.ok()) continue;
    m->status = m->body();
    if (!m->status.ok() && sqlite3_get_autocommit(db_.handle())) {
      // Some errors (I/O, full disk) make SQLite roll back the whole
      // transaction: nothing of the group survives.
      const absl::Status lost = absl::UnavailableError(absl::StrCat(
          "write rolled back with its group: ", m->status.message()));
      for (Member* other : group) {
        if (other != m) other->status = lost;
      }
      return;
    }
    // A failed body leaves nothing behind; the savepoint is released
    // either way so the next member starts clean.
    if (!m->status.ok()) db_.Exec("ROLLBACK TO member").IgnoreError();
    db_.Exec("RELEASE member").IgnoreError();
  }
  const absl::Status commit = db_.Exec("COMMIT");
  if (commit.ok()) return;
  // Nothing of this group is durable: every member that had succeeded
  // learns the commit's error.
  db_.Exec("ROLLBACK").IgnoreError();
  for (Member* m : group) {
    if (m->status.ok()) m->status = commit;
  }
}

}  // namespace sendcase::storage
