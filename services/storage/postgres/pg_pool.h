#ifndef SENDCASE_SERVICES_STORAGE_POSTGRES_PG_POOL_H_
#define SENDCASE_SERVICES_STORAGE_POSTGRES_PG_POOL_H_

// A fixed set of PostgreSQL connections (--db-pool-size), opened at start
// and lent to one caller at a time. A connection found lost when it is
// lent is reconnected first. Thread-safe.

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/storage/postgres/pg_connection.h"

namespace sendcase::storage::postgres {

class PgPool {
 public:
  // Opens `size` (>= 1) connections: Unavailable if any cannot be made,
  // InvalidArgument for a size below 1.
  static absl::StatusOr<std::unique_ptr<PgPool>> Open(const std::string& uri,
                                                      int size);

  // A lent connection, given back when the lease ends.
  class Lease {
   public:
    Lease(PgPool* pool, PgConnection* conn) : pool_(pool), conn_(conn) {}
    ~Lease();
    Lease(Lease&& other) noexcept;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Lease& operator=(Lease&&) = delete;
    PgConnection* operator->() const { return conn_; }
    PgConnection& operator*() const { return *conn_; }

   private:
    PgPool* pool_;
    PgConnection* conn_;
  };

  // A free connection, waiting up to `wait` for one: Unavailable when none
  // comes free in time or a lost one cannot be reconnected.
  absl::StatusOr<Lease> Acquire(absl::Duration wait = absl::Seconds(10));

  int size() const { return static_cast<int>(all_.size()); }
  // Connections lent out now (tests, metrics).
  int in_use() const;

 private:
  PgPool() = default;
  void Release(PgConnection* conn);

  std::vector<std::unique_ptr<PgConnection>> all_;
  mutable absl::Mutex mu_;
  std::vector<PgConnection*> free_ ABSL_GUARDED_BY(mu_);
};

}  // namespace sendcase::storage::postgres

#endif  // SENDCASE_SERVICES_STORAGE_POSTGRES_PG_POOL_H_
