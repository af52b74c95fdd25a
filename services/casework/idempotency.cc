#include "services/casework/idempotency.h"

#include "absl/strings/str_cat.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "services/casework/validation.h"
#include "services/common/sha256.h"
#include "services/common/status_macros.h"

namespace sendcase::casework {
namespace {

std::string Fingerprint(absl::string_view method,
                        const google::protobuf::Message& request) {
  // Deterministic serialization so equal requests hash equally across
  // processes and restarts.
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream out(&bytes);
    google::protobuf::io::CodedOutputStream coded(&out);
    coded.SetSerializationDeterministic(true);
    request.SerializeToCodedStream(&coded);
  }
  return Sha256Hex(absl::StrCat(method, "\n", bytes));
}

}  // namespace

absl::StatusOr<IdempotentStart> BeginIdempotent(
    storage::CaseStore& store, const auth::Principal& caller,
    absl::string_view method, const std::string& request_id,
    const google::protobuf::Message& request) {
  IdempotentStart start;
  RETURN_IF_ERROR(ValidateRequestId(request_id));
  if (request_id.empty()) return start;
  const std::string fingerprint = Fingerprint(method, request);
  ASSIGN_OR_RETURN(std::optional<storage::StoredResponse> stored,
                   store.FindResponse(caller.Key(), request_id));
  if (stored.has_value()) {
    if (stored->method != method || stored->fingerprint != fingerprint) {
      return absl::InvalidArgumentError(
          "request_id: already used for a different request");
    }
    start.replay = std::move(stored->response);
    return start;
  }
  start.key = storage::IdempotencyKey{caller.Key(), request_id,
                                      std::string(method), fingerprint};
  return start;
}

absl::StatusOr<std::optional<std::string>> ReplayAfterRace(
    storage::CaseStore& store,
    const std::optional<storage::IdempotencyKey>& key,
    const absl::Status& failed) {
  // A concurrent call with the same key commits its response in the same
  // transaction as its write, so by the time this write has seen the
  // conflict (a taken UPN, a moved version, the key itself) the response is
  // there to read.
  if (!key.has_value() ||
      (!absl::IsAlreadyExists(failed) && !absl::IsAborted(failed))) {
    return std::optional<std::string>();
  }
  ASSIGN_OR_RETURN(std::optional<storage::StoredResponse> stored,
                   store.FindResponse(key->principal, key->request_id));
  if (!stored.has_value()) return std::optional<std::string>();
  if (stored->method != key->method ||
      stored->fingerprint != key->fingerprint) {
    return absl::InvalidArgumentError(
        "request_id: already used for a different request");
  }
  return std::optional<std::string>(std::move(stored->response));
}

}  // namespace sendcase::casework
