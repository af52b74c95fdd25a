#ifndef SENDCASE_SERVICES_STORAGE_POSTGRES_PG_AUDIT_STORE_H_
#define SENDCASE_SERVICES_STORAGE_POSTGRES_PG_AUDIT_STORE_H_

// The audit trail on PostgreSQL (audit_store.h), passing AuditConformance.
// Append-only: the schema's trigger refuses any UPDATE, DELETE or TRUNCATE
// of audit_log. A write's own row commits with it (pg_write.h); rows of
// reads and refusals are appended here, one statement each. Thread-safe.

#include "services/storage/audit_store.h"
#include "services/storage/postgres/pg_pool.h"

namespace sendcase::storage::postgres {

class PgAuditStore final : public AuditStore {
 public:
  explicit PgAuditStore(PgPool& pool) : pool_(pool) {}
  absl::Status AppendAudit(const v1::AuditRecord& record) override;
  absl::StatusOr<Page<v1::AuditRecord>> ListAudit(
      const AuditFilter& filter, const PageRequest& page) override;

 private:
  PgPool& pool_;
};

}  // namespace sendcase::storage::postgres

#endif  // SENDCASE_SERVICES_STORAGE_POSTGRES_PG_AUDIT_STORE_H_
