#ifndef SENDCASE_SERVICES_CASEWORK_IDEMPOTENCY_H_
#define SENDCASE_SERVICES_CASEWORK_IDEMPOTENCY_H_

// Request-id replay (AIP-155). A mutating call with a request_id first asks
// BeginIdempotent: if the caller already used that id for the same request,
// the stored response is replayed; the same id with a different request is
// InvalidArgument. Otherwise the returned key is committed together with the
// new response, in the write's own transaction.

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "google/protobuf/message.h"
#include "services/auth/principal.h"
#include "services/storage/case_store.h"

namespace sendcase::casework {

struct IdempotentStart {
  std::optional<storage::IdempotencyKey> key;  // unset without a request_id
  std::optional<std::string> replay;           // serialized first response
};

absl::StatusOr<IdempotentStart> BeginIdempotent(
    storage::CaseStore& store, const auth::Principal& caller,
    absl::string_view method, const std::string& request_id,
    const google::protobuf::Message& request);

// Parses a replayed response; Internal if the stored bytes are corrupt.
template <typename Response>
absl::StatusOr<Response> ParseReplay(const std::string& bytes) {
  Response response;
  if (!response.ParseFromString(bytes)) {
    return absl::InternalError("stored response for request_id is corrupt");
  }
  return response;
}

}  // namespace sendcase::casework

#endif  // SENDCASE_SERVICES_CASEWORK_IDEMPOTENCY_H_
