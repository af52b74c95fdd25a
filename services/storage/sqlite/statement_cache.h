#ifndef SENDCASE_SERVICES_STORAGE_SQLITE_STATEMENT_CACHE_H_
#define SENDCASE_SERVICES_STORAGE_SQLITE_STATEMENT_CACHE_H_

// StatementCache: compiled statements kept for reuse, keyed by SQL text.
// Compiling a statement (parse + plan) cost more than running most of the
// store's, and a RecordEvent runs a few dozen (seen in perf while
// benchmarking). A Statement taken from the cache goes back to it, reset and
// with its bindings cleared, when destroyed; a statement whose SQL is
// already in use (nested use of the same query) is simply compiled again.
// At most kMaxSql distinct texts, each with at most kMaxIdlePerSql idle
// copies, are kept, so queries built with varying text cannot grow it
// without bound. Thread-safe; owned by a Database and
// emptied before the connection closes.

#include <string>
#include <unordered_map>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"

struct sqlite3_stmt;

namespace sendcase::storage {

class StatementCache {
 public:
  static constexpr size_t kMaxSql = 256;
  static constexpr size_t kMaxIdlePerSql = 8;

  StatementCache() = default;
  ~StatementCache();
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;

  // An idle compiled statement for `sql`, or nullptr.
  sqlite3_stmt* Take(absl::string_view sql);
  // Resets `stmt` and keeps it for the next Take of its SQL (or finalizes
  // it when the cache is full).
  void Return(sqlite3_stmt* stmt);
  // Finalizes every idle statement.
  void Clear();

 private:
  absl::Mutex mu_;
  std::unordered_map<std::string, std::vector<sqlite3_stmt*>> idle_
      ABSL_GUARDED_BY(mu_);
};

}  // namespace sendcase::storage

#endif  // SENDCASE_SERVICES_STORAGE_SQLITE_STATEMENT_CACHE_H_
