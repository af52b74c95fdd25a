// SqliteStore: the audit trail (AuditStore).
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "services/common/proto_time.h"
#include "services/common/status_macros.h"
#include "services/storage/call_audit.h"
#include "services/storage/sqlite/sql_filter.h"
#include "services/storage/sqlite/sqlite_store.h"
#include "services/storage/stored_time.h"

namespace sendcase::storage {

absl::Status SqliteStore::InsertAuditLocked(const v1::AuditRecord& r) {
  ASSIGN_OR_RETURN(
      Statement stmt,
      db_->Prepare("INSERT INTO audit_log (time, subject, role, scope, method, "
                   "resource, outcome, peer, calls) VALUES (?, ?, ?, ?, ?, ?, "
                   "?, ?, ?)"));
  stmt.Bind(1, ToSeconds(FromTimestamp(r.time())))
      .Bind(2, r.subject())
      .Bind(3, r.role())
      .Bind(4, r.scope())
      .Bind(5, r.method())
      .Bind(6, r.resource())
      .Bind(7, r.outcome())
      .Bind(8, r.peer())
      .Bind(9, std::max<int64_t>(1, r.calls()));
  return stmt.Run();
}

absl::Status SqliteStore::AppendAudit(const v1::AuditRecord& r) {
  // Rows of reads and of refused calls: concurrent calls share one commit
  // (group_commit.h), and each call still returns only after its row is
  // durable. A write's own row commits with the write (CommitWrite).
  return group_.Run([&] { return InsertAuditLocked(r); });
}

absl::Status SqliteStore::CommitWrite(absl::string_view created,
                                      absl::FunctionRef<absl::Status()> body) {
  CallAudit* audit = CallAudit::Unwritten();  // on the caller's thread
  RETURN_IF_ERROR(group_.Run([&]() -> absl::Status {
    RETURN_IF_ERROR(body());
    if (audit == nullptr) return absl::OkStatus();
    return InsertAuditLocked(audit->RowFor(created));
  }));
  if (audit != nullptr) audit->MarkWritten();
  return absl::OkStatus();
}

absl::StatusOr<Page<v1::AuditRecord>> SqliteStore::ListAudit(
    const AuditFilter& filter, const PageRequest& page) {
  ReadConnection read(*this, Pool::kHot);
  SqlFilter where;
  if (page.after > 0) where.And("id < ?", {page.after});
  if (!filter.subject.empty()) where.And("subject = ?", {filter.subject});
  if (!filter.resource_prefix.empty()) {
    // The resource itself, or anything below it ("pupils/a" matches
    // "pupils/a/journeys/b" but not "pupils/ab").
    where.And("(resource = ? OR substr(resource, 1, ?) = ?)",
              {filter.resource_prefix,
               static_cast<int64_t>(filter.resource_prefix.size() + 1),
               absl::StrCat(filter.resource_prefix, "/")});
  }
  ASSIGN_OR_RETURN(
      Statement stmt,
      read->Prepare(absl::StrCat("SELECT id, time, subject, role, scope, "
                                 "method, resource, outcome, peer, calls FROM "
                                 "audit_log",
                                 where.Where(), " ORDER BY id DESC LIMIT ?")));
  stmt.Bind(where.BindTo(stmt, 1), int64_t{page.limit} + 1);
  return ReadPage<v1::AuditRecord>(
      stmt, page.limit,
      [](const Statement& row) -> absl::StatusOr<v1::AuditRecord> {
        v1::AuditRecord r;
        r.set_id(row.ColumnInt64(0));
        *r.mutable_time() = ToTimestamp(FromSeconds(row.ColumnInt64(1)));
        r.set_subject(row.ColumnText(2));
        r.set_role(row.ColumnText(3));
        r.set_scope(row.ColumnText(4));
        r.set_method(row.ColumnText(5));
        r.set_resource(row.ColumnText(6));
        r.set_outcome(row.ColumnText(7));
        r.set_peer(row.ColumnText(8));
        r.set_calls(row.ColumnInt64(9));
        return r;
      });
}

}  // namespace sendcase::storage
