#ifndef SENDCASE_SERVICES_STORAGE_POSTGRES_PG_WRITE_H_
#define SENDCASE_SERVICES_STORAGE_POSTGRES_PG_WRITE_H_

// How the PostgreSQL backend writes: one transaction on a pooled
// connection, holding the call's audit row too (call_audit.h), so that the
// write and its row commit together or not at all, as in SQLite's
// CommitWrite. And the audit row insert itself.

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "sendcase/v1/audit.pb.h"
#include "services/storage/postgres/pg_pool.h"

namespace sendcase::storage::postgres {

// Runs `body` in a transaction, then the unwritten audit row of the call on
// this thread (its resource `created` when the row names none), and
// commits. Anything `body` or the commit returns rolls it all back and is
// returned as is.
absl::Status PgWrite(PgPool& pool, absl::string_view created,
                     absl::FunctionRef<absl::Status(PgConnection&)> body);

// Appends `row` to audit_log on `conn` (calls at least 1).
absl::Status InsertAudit(PgConnection& conn, const v1::AuditRecord& row);

}  // namespace sendcase::storage::postgres

#endif  // SENDCASE_SERVICES_STORAGE_POSTGRES_PG_WRITE_H_
