#ifndef SENDCASE_SERVICES_STORAGE_POSTGRES_PG_SUPPORT_WRITES_H_
#define SENDCASE_SERVICES_STORAGE_POSTGRES_PG_SUPPORT_WRITES_H_

// The graduated approach's writes on PostgreSQL that two stores share:
// PgSupportStore's own calls and PgCaseStore::CommitTransition, which
// writes an agreed or reviewed plan and a referral with the journey event
// that records them. Each runs on a connection already inside the caller's
// transaction (pg_write.h) and neither begins nor ends one; the SQLite
// backend's counterparts are SqliteStore's *Locked helpers. A failed
// statement leaves the transaction aborted: the caller returns the error
// and rolls back.

#include <cstdint>

#include "absl/status/status.h"
#include "services/storage/postgres/pg_connection.h"
#include "services/storage/records.h"
#include "services/storage/support_store.h"

namespace sendcase::storage::postgres {

// Inserts cycle `plan.cycle` of the pupil at `plan.version`: AlreadyExists
// if the cycle exists, NotFound if the pupil does not.
absl::Status InsertPlan(PgConnection& conn, const SupportPlanRecord& plan);

// Replaces the stored cycle with `plan` (its version the new one) if the
// stored version is `expected_version`: Aborted if it is not, NotFound if
// there is no such cycle.
absl::Status UpdatePlan(PgConnection& conn, const SupportPlanRecord& plan,
                        int64_t expected_version);

// Inserts the referral when `write.expected_version` is 0 (AlreadyExists if
// its id is taken), else replaces it if its stored version is that
// (Aborted if not, or if there is no such referral).
absl::Status WriteReferral(PgConnection& conn, const ReferralWrite& write);

// Stores `write.response` under `write.key`, if it has one (pg_responses.h).
absl::Status PutWriteRecord(PgConnection& conn, const WriteRecord& write);

}  // namespace sendcase::storage::postgres

#endif  // SENDCASE_SERVICES_STORAGE_POSTGRES_PG_SUPPORT_WRITES_H_
