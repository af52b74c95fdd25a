// The audit trail on PostgreSQL (pg_audit_store.h).
#include "services/storage/postgres/pg_audit_store.h"

#include "absl/strings/str_cat.h"
#include "services/common/proto_time.h"
#include "services/common/status_macros.h"
#include "services/storage/postgres/pg_filter.h"
#include "services/storage/postgres/pg_write.h"

namespace sendcase::storage::postgres {

absl::Status PgAuditStore::AppendAudit(const v1::AuditRecord& record) {
  ASSIGN_OR_RETURN(PgPool::Lease conn, pool_.Acquire());
  return InsertAudit(*conn, record);
}

absl::StatusOr<Page<v1::AuditRecord>> PgAuditStore::ListAudit(
    const AuditFilter& filter, const PageRequest& page) {
  PgFilter where;
  if (page.after > 0) where.And("id < ?", {PgParam::Int(page.after)});
  if (!filter.subject.empty()) {
    where.And("subject = ?", {PgParam::Text(filter.subject)});
  }
  if (!filter.resource_prefix.empty()) {
    // The resource itself, or anything below it ("pupils/a" matches
    // "pupils/a/journeys/b" but not "pupils/ab").
    where.And(
        "(resource = ? OR left(resource, ?::int) = ?)",
        {PgParam::Text(filter.resource_prefix),
         PgParam::Int(static_cast<int64_t>(filter.resource_prefix.size() + 1)),
         PgParam::Text(absl::StrCat(filter.resource_prefix, "/"))});
  }
  ASSIGN_OR_RETURN(PgPool::Lease conn, pool_.Acquire());
  return ReadPage<v1::AuditRecord>(
      *conn,
      absl::StrCat("SELECT id, time, subject, role, scope, method, resource, "
                   "outcome, peer, calls FROM audit_log",
                   where.Where(), " ORDER BY id DESC LIMIT ?"),
      where.params(), page,
      [](const PgResult& row, int i) -> absl::StatusOr<v1::AuditRecord> {
        v1::AuditRecord r;
        r.set_id(row.Int64(i, 0));
        *r.mutable_time() =
            ToTimestamp(Instant(std::chrono::seconds(row.Int64(i, 1))));
        r.set_subject(row.Text(i, 2));
        r.set_role(row.Text(i, 3));
        r.set_scope(row.Text(i, 4));
        r.set_method(row.Text(i, 5));
        r.set_resource(row.Text(i, 6));
        r.set_outcome(row.Text(i, 7));
        r.set_peer(row.Text(i, 8));
        r.set_calls(row.Int64(i, 9));
        return r;
      });
}

}  // namespace sendcase::storage::postgres
