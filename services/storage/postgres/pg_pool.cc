// The connection pool (pg_pool.h).
#include "services/storage/postgres/pg_pool.h"

#include "absl/strings/str_cat.h"

namespace sendcase::storage::postgres {

absl::StatusOr<std::unique_ptr<PgPool>> PgPool::Open(const std::string& uri,
                                                     int size) {
  if (size < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("--db-pool-size: at least 1, not ", size));
  }
  std::unique_ptr<PgPool> pool(new PgPool());
  for (int i = 0; i < size; ++i) {
    auto conn = PgConnection::Open(uri);
    if (!conn.ok()) return conn.status();
    pool->all_.push_back(*std::move(conn));
  }
  absl::MutexLock lock(&pool->mu_);
  for (const auto& conn : pool->all_) pool->free_.push_back(conn.get());
  return pool;
}

PgPool::Lease::~Lease() {
  if (conn_ != nullptr) pool_->Release(conn_);
}

PgPool::Lease::Lease(Lease&& other) noexcept
    : pool_(other.pool_), conn_(other.conn_) {
  other.conn_ = nullptr;
}

absl::StatusOr<PgPool::Lease> PgPool::Acquire(absl::Duration wait) {
  PgConnection* conn = nullptr;
  {
    absl::MutexLock lock(&mu_);
    auto has_free = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      return !free_.empty();
    };
    if (!mu_.AwaitWithTimeout(absl::Condition(&has_free), wait)) {
      return absl::UnavailableError(absl::StrCat(
          "postgres: all ", all_.size(), " connections busy (--db-pool-size)"));
    }
    conn = free_.back();
    free_.pop_back();
  }
  Lease lease(this, conn);
  // A connection the server dropped (a restart, a failover) is made again
  // here rather than failing the caller's first statement.
  if (!conn->ok()) {
    if (absl::Status reset = conn->Reset(); !reset.ok()) return reset;
  }
  // One given back inside a transaction (its ROLLBACK failed) would fail
  // every statement of its next caller: end that transaction first.
  if (absl::Status idle = conn->EnsureIdle(); !idle.ok()) return idle;
  return lease;
}

void PgPool::Release(PgConnection* conn) {
  absl::MutexLock lock(&mu_);
  free_.push_back(conn);
}

int PgPool::in_use() const {
  absl::MutexLock lock(&mu_);
  return static_cast<int>(all_.size() - free_.size());
}

}  // namespace sendcase::storage::postgres
