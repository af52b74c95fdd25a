// Writes in one transaction with their audit row (pg_write.h).
#include "services/storage/postgres/pg_write.h"

#include <algorithm>

#include "services/common/proto_time.h"
#include "services/common/status_macros.h"
#include "services/storage/call_audit.h"
#include "services/storage/postgres/pg_values.h"

namespace sendcase::storage::postgres {

absl::Status InsertAudit(PgConnection& conn, const v1::AuditRecord& r) {
  return conn
      .Exec(
          "INSERT INTO audit_log (time, subject, role, scope, method, "
          "resource, outcome, peer, calls) VALUES ($1, $2, $3, $4, $5, $6, "
          "$7, $8, $9)",
          {SecondsParam(FromTimestamp(r.time())), PgParam::Text(r.subject()),
           PgParam::Text(r.role()), PgParam::Text(r.scope()),
           PgParam::Text(r.method()), PgParam::Text(r.resource()),
           PgParam::Text(r.outcome()), PgParam::Text(r.peer()),
           PgParam::Int(std::max<int64_t>(1, r.calls()))})
      .status();
}

absl::Status PgWrite(PgPool& pool, absl::string_view created,
                     absl::FunctionRef<absl::Status(PgConnection&)> body) {
  CallAudit* audit = CallAudit::Unwritten();  // on the caller's thread
  ASSIGN_OR_RETURN(PgPool::Lease conn, pool.Acquire());
  RETURN_IF_ERROR(conn->ExecScript("BEGIN"));
  absl::Status done = body(*conn);
  if (done.ok() && audit != nullptr) {
    done = InsertAudit(*conn, audit->RowFor(created));
  }
  if (done.ok()) done = conn->ExecScript("COMMIT");
  if (!done.ok()) {
    // A lost connection has no transaction left to end.
    if (conn->ok()) conn->ExecScript("ROLLBACK").IgnoreError();
    return done;
  }
  if (audit != nullptr) audit->MarkWritten();
  return absl::OkStatus();
}

}  // namespace sendcase::storage::postgres
