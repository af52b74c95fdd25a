#include "services/storage/sqlite/statement_cache.h"

#include <sqlite3.h>

namespace sendcase::storage {

StatementCache::~StatementCache() { Clear(); }

sqlite3_stmt* StatementCache::Take(absl::string_view sql) {
  absl::MutexLock lock(&mu_);
  auto it = idle_.find(std::string(sql));
  if (it == idle_.end() || it->second.empty()) return nullptr;
  sqlite3_stmt* stmt = it->second.back();
  it->second.pop_back();
  return stmt;
}

void StatementCache::Return(sqlite3_stmt* stmt) {
  // Reset ends the statement's read of the database (a WAL reader left
  // open would hold back checkpoints) and clears its bindings.
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  absl::MutexLock lock(&mu_);
  const std::string sql = sqlite3_sql(stmt);
  auto it = idle_.find(sql);
  if (it == idle_.end()) {
    if (idle_.size() >= kMaxSql) {
      sqlite3_finalize(stmt);
      return;
    }
    it = idle_.emplace(sql, std::vector<sqlite3_stmt*>()).first;
  }
  if (it->second.size() >= kMaxIdlePerSql) {
    sqlite3_finalize(stmt);
    return;
  }
  it->second.push_back(stmt);
}

void StatementCache::Clear() {
  absl::MutexLock lock(&mu_);
  for (auto& [sql, stmts] : idle_) {
    for (sqlite3_stmt* stmt : stmts) sqlite3_finalize(stmt);
  }
  idle_.clear();
}

}  // namespace sendcase::storage
