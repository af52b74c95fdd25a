// Idempotency keys on PostgreSQL (pg_responses.h).
#include "services/storage/postgres/pg_responses.h"

#include "services/common/status_macros.h"
#include "services/storage/postgres/pg_values.h"

namespace sendcase::storage::postgres {

absl::Status PutResponse(PgConnection& conn, const IdempotencyKey& key,
                         const std::string& response, Instant now) {
  absl::Status put =
      conn.Exec(
              "INSERT INTO request_ids (principal, request_id, method, "
              "fingerprint, response, create_time) VALUES ($1, $2, $3, $4, "
              "$5, $6)",
              {PgParam::Text(key.principal), PgParam::Text(key.request_id),
               PgParam::Text(key.method), PgParam::Text(key.fingerprint),
               PgParam::Bytes(response), SecondsParam(now)})
          .status();
  // Two replicas may run the same retried request at once: the unique key
  // lets one commit; the other rolls back and its client's retry replays.
  if (absl::IsAlreadyExists(put)) {
    return absl::AbortedError("request_id: used concurrently; retry");
  }
  return put;
}

absl::StatusOr<std::optional<StoredResponse>> FindResponseOn(
    PgConnection& conn, const std::string& principal,
    const std::string& request_id) {
  ASSIGN_OR_RETURN(
      PgResult rows,
      conn.Exec("SELECT method, fingerprint, response FROM request_ids WHERE "
                "principal = $1 AND request_id = $2",
                {PgParam::Text(principal), PgParam::Text(request_id)}));
  if (rows.rows() == 0) return std::optional<StoredResponse>();
  return StoredResponse{rows.Text(0, 0), rows.Text(0, 1), rows.Bytes(0, 2)};
}

}  // namespace sendcase::storage::postgres
