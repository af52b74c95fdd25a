#ifndef SENDCASE_SERVICES_STORAGE_POSTGRES_PG_RESPONSES_H_
#define SENDCASE_SERVICES_STORAGE_POSTGRES_PG_RESPONSES_H_

// Idempotency keys (AIP-155) on PostgreSQL: the first response stored under
// (principal, request_id), written in the transaction of the write it
// answers, and found again by whichever replica a retry reaches.

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/storage/postgres/pg_connection.h"
#include "services/storage/records.h"

namespace sendcase::storage::postgres {

// Stores `response` under `key` on `conn` (inside the caller's
// transaction). Aborted if another request committed the key first (the
// retry then finds its response).
absl::Status PutResponse(PgConnection& conn, const IdempotencyKey& key,
                         const std::string& response, Instant now);

// The response stored under (principal, request_id), if any.
absl::StatusOr<std::optional<StoredResponse>> FindResponseOn(
    PgConnection& conn, const std::string& principal,
    const std::string& request_id);

}  // namespace sendcase::storage::postgres

#endif  // SENDCASE_SERVICES_STORAGE_POSTGRES_PG_RESPONSES_H_
