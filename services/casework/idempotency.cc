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
                   store.FindResponse(caller.subject, request_id));
  if (stored.has_value()) {
    if (stored->method != method || stored->fingerprint != fingerprint) {
      return absl::InvalidArgumentError(
          "request_id: already used for a different request");
    }
    start.replay = std::move(stored->response);
    return start;
  }
  start.key = storage::IdempotencyKey{caller.subject, request_id,
                                      std::string(method), fingerprint};
  return start;
}

}  // namespace sendcase::casework
