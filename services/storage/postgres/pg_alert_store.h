#ifndef SENDCASE_SERVICES_STORAGE_POSTGRES_PG_ALERT_STORE_H_
#define SENDCASE_SERVICES_STORAGE_POSTGRES_PG_ALERT_STORE_H_

// Reminders, notices and their e-mail on PostgreSQL (alert_store.h),
// passing AlertConformance. Every replica's scheduler calls FireDue and
// ClaimDeliveries; each alert fires once and each e-mail is claimed by one
// replica at a time:
//
//  * FireDue runs under a transaction-level advisory lock (kAlertLock): one
//    replica fires a batch at a time, and alert revisions, taken under the
//    lock, commit in order (a resuming alert stream skips nothing). The
//    others wait for the batch, then find those alerts fired.
//  * ClaimDeliveries takes its rows FOR UPDATE SKIP LOCKED and leases them
//    (next_attempt_time moves past the lease) in the same transaction, so
//    two replicas claim different deliveries; a replica that dies
//    mid-send leaves its lease to run out, then another sends it.
//
// Thread-safe.

#include "services/storage/alert_store.h"
#include "services/storage/postgres/pg_pool.h"

namespace sendcase::storage::postgres {

// "sendalrt" in ASCII.
inline constexpr int64_t kAlertLock = 0x73656e64616c7274;

class PgAlertStore final : public AlertStore {
 public:
  explicit PgAlertStore(PgPool& pool) : pool_(pool) {}

  absl::StatusOr<std::vector<v1::Alert>> FireDue(Instant now, int limit,
                                                 bool with_deliveries) override;
  absl::StatusOr<std::vector<Delivery>> ClaimDeliveries(
      Instant now, std::chrono::seconds lease, int limit) override;
  absl::Status MarkDelivered(int64_t delivery_id, Instant now) override;
  absl::Status MarkRetry(int64_t delivery_id, Instant next_attempt,
                         const std::string& error) override;
  absl::StatusOr<std::vector<v1::Alert>> ListFired(
      const Visibility& visibility, std::optional<int> owner_role,
      int64_t after, int limit) override;
  absl::StatusOr<std::optional<Instant>> NextDueTime() override;

 private:
  PgPool& pool_;
};

}  // namespace sendcase::storage::postgres

#endif  // SENDCASE_SERVICES_STORAGE_POSTGRES_PG_ALERT_STORE_H_
