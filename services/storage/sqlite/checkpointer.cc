#include "services/storage/sqlite/checkpointer.h"

#include <sqlite3.h>

#include <cstdio>

#include "services/common/log.h"
#include "services/common/status_macros.h"

namespace sendcase::storage {

absl::StatusOr<std::unique_ptr<Checkpointer>> Checkpointer::Start(
    const std::string& path, Database& main, CheckpointOptions options) {
  ASSIGN_OR_RETURN(std::unique_ptr<Database> own, Database::Open(path));
  std::unique_ptr<Checkpointer> c(
      new Checkpointer(std::move(own), main, options));
  // Replaces SQLite's auto-checkpoint hook on the store's connection.
  sqlite3_wal_hook(main.handle(), &Checkpointer::OnCommit, c.get());
  c->thread_ = std::thread([p = c.get()] { p->Loop(); });
  return c;
}

Checkpointer::Checkpointer(std::unique_ptr<Database> own, Database& main,
                           CheckpointOptions options)
    : own_(std::move(own)), main_(main), options_(options) {}

Checkpointer::~Checkpointer() {
  sqlite3_wal_hook(main_.handle(), nullptr, nullptr);
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  thread_.join();
}

// Runs in the committing thread, after the commit, with the store's
// connection held: only a flag is set, unless the WAL is far too long.
int Checkpointer::OnCommit(void* self, sqlite3* db, const char* name,
                           int frames) {
  auto* c = static_cast<Checkpointer*>(self);
  if (frames >= c->options_.inline_frames) {
    if (sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, nullptr,
                                  nullptr) == SQLITE_OK) {
      ++c->inline_;
    }
  } else if (frames >= c->options_.wake_frames) {
    absl::MutexLock lock(&c->mu_);
    c->wanted_ = true;
  }
  return SQLITE_OK;
}

void Checkpointer::Loop() {
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      mu_.Await(absl::Condition(
          +[](Checkpointer* c) ABSL_EXCLUSIVE_LOCKS_REQUIRED(c->mu_) {
            return c->wanted_ || c->stopping_;
          },
          this));
      if (stopping_) return;
      wanted_ = false;
    }
    const int rc = sqlite3_wal_checkpoint_v2(
        own_->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    if (rc != SQLITE_OK && rc != SQLITE_BUSY) {
      // Not fatal: the next commit asks again, and the inline limit keeps
      // the WAL bounded.
      Log(LogLevel::kWarning, "checkpoint failed",
          {{"sqlite", sqlite3_errstr(rc)}});
    }
    absl::MutexLock lock(&mu_);
    ++done_;
    if (rc == SQLITE_OK) ++ran_;
  }
}

int64_t Checkpointer::checkpoints() {
  absl::MutexLock lock(&mu_);
  return ran_ + inline_.load();
}

int64_t Checkpointer::WaitForCheckpoints(int64_t n, absl::Duration timeout) {
  absl::MutexLock lock(&mu_);
  struct Enough {
    Checkpointer* c;
    int64_t n;
    bool operator()() const ABSL_NO_THREAD_SAFETY_ANALYSIS {
      return c->done_ >= n;
    }
  } enough{this, n};
  mu_.AwaitWithTimeout(absl::Condition(&enough), timeout);
  return done_;
}

}  // namespace sendcase::storage
