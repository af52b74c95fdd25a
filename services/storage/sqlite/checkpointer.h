#ifndef SENDCASE_SERVICES_STORAGE_SQLITE_CHECKPOINTER_H_
#define SENDCASE_SERVICES_STORAGE_SQLITE_CHECKPOINTER_H_

// Checkpointer: copies the WAL back into the database file on a thread and
// connection of its own, instead of inside whichever commit crossed
// SQLite's auto-checkpoint threshold. That commit used to wait for the copy
// and its fsyncs while holding the store: a request's p99 at one in flight
// was 10 ms against a 2 ms median (benchmarked; see deploy/bench.sh).
//
// Installs a WAL hook on the store's connection (which also turns SQLite's
// own auto-checkpoint off): after a commit that leaves at least
// `wake_frames` frames in the WAL, the thread runs a PASSIVE checkpoint,
// which never blocks readers or writers. If the WAL still reaches
// `inline_frames` (the thread cannot keep up), the committing connection
// checkpoints inline, as SQLite would, so the WAL stays bounded.
// Durability is unchanged: a commit is durable in the WAL before any
// checkpoint. Destroy before the store's Database.

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/storage/sqlite/database.h"

namespace sendcase::storage {

struct CheckpointOptions {
  int wake_frames = 1000;     // SQLite's default auto-checkpoint size
  int inline_frames = 20000;  // about 80 MB of 4 KiB pages
};

class Checkpointer {
 public:
  // Opens a second connection to `path` (a file, in WAL mode) and starts
  // the thread. `main` is the store's connection.
  static absl::StatusOr<std::unique_ptr<Checkpointer>> Start(
      const std::string& path, Database& main, CheckpointOptions options = {});
  ~Checkpointer();

  // Completed background checkpoints; waits (an event wait, for tests) up to
  // `timeout` until there are at least `n`.
  int64_t WaitForCheckpoints(int64_t n, absl::Duration timeout);
  // Checkpoint passes SQLite completed (SQLITE_OK), on the thread and
  // inline, for metrics. A PASSIVE pass copies what no reader still needs,
  // so a pass may leave frames for the next.
  int64_t checkpoints();

 private:
  Checkpointer(std::unique_ptr<Database> own, Database& main,
               CheckpointOptions options);
  static int OnCommit(void* self, struct sqlite3* db, const char* name,
                      int frames);
  void Loop();

  std::unique_ptr<Database> own_;
  Database& main_;
  const CheckpointOptions options_;
  absl::Mutex mu_;
  bool wanted_ ABSL_GUARDED_BY(mu_) = false;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  int64_t done_ ABSL_GUARDED_BY(mu_) = 0;  // passes, whatever their result
  int64_t ran_ ABSL_GUARDED_BY(mu_) = 0;   // passes SQLite completed
  std::atomic<int64_t> inline_{0};
  std::thread thread_;
};

}  // namespace sendcase::storage

#endif  // SENDCASE_SERVICES_STORAGE_SQLITE_CHECKPOINTER_H_
