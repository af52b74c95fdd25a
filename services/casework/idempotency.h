#ifndef SENDCASE_SERVICES_CASEWORK_IDEMPOTENCY_H_
#define SENDCASE_SERVICES_CASEWORK_IDEMPOTENCY_H_

// Request-id replay (AIP-155). A mutating call with a request_id first asks
// BeginIdempotent: if the caller already used that id for the same request,
// the stored response is replayed; the same id with a different request is
// InvalidArgument. Otherwise the returned key is committed together with the
// new response, in the write's own transaction.
//
// Keys belong to the authenticated principal (Principal::Key(): subject,
// role and scope), never to the free-text subject alone, and a caller checks
// its access to the resource before it hands out a replay. Two concurrent
// calls with one key get one answer: the loser's write fails on the
// winner's (taken UPN, moved version, or the key itself), and
// ReplayAfterRace then finds the winner's response.

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

// After a write under `key` failed with `failed`: the response a concurrent
// call with the same key committed first, if that is why it failed (an
// AlreadyExists or Aborted failure and a stored response); nullopt when not.
// InvalidArgument if the key was used for a different request.
absl::StatusOr<std::optional<std::string>> ReplayAfterRace(
    storage::CaseStore& store,
    const std::optional<storage::IdempotencyKey>& key,
    const absl::Status& failed);

// Parses a replayed response; Internal if the stored bytes are corrupt.
template <typename Response>
absl::StatusOr<Response> ParseReplay(const std::string& bytes) {
  Response response;
  if (!response.ParseFromString(bytes)) {
    return absl::InternalError("stored response for request_id is corrupt");
  }
  return response;
}

// `result` of a write under `key`; or, if it lost a race with a concurrent
// call under the same key, that call's response (ReplayAfterRace).
template <typename Response>
absl::StatusOr<Response> ResolveRace(
    storage::CaseStore& store,
    const std::optional<storage::IdempotencyKey>& key,
    absl::StatusOr<Response> result) {
  if (result.ok()) return result;
  absl::StatusOr<std::optional<std::string>> replay =
      ReplayAfterRace(store, key, result.status());
  if (!replay.ok()) return replay.status();
  if (!replay->has_value()) return result;
  return ParseReplay<Response>(**replay);
}

}  // namespace sendcase::casework

#endif  // SENDCASE_SERVICES_CASEWORK_IDEMPOTENCY_H_
