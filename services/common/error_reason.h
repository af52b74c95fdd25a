#ifndef SENDCASE_SERVICES_COMMON_ERROR_REASON_H_
#define SENDCASE_SERVICES_COMMON_ERROR_REASON_H_

// Machine-readable reasons on errors (AIP-193): a google.rpc.ErrorInfo
// payload, domain "sendcase.v1", reason in UPPER_SNAKE_CASE, metadata of
// resource names and field paths only (never personal data). The gRPC layer
// sends it in grpc-status-details-bin; an error that reaches it without one
// gets a reason derived from its code and message (DefaultReason).

#include <initializer_list>
#include <optional>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/rpc/error_details.pb.h"

namespace sendcase {

inline constexpr char kErrorInfoTypeUrl[] =
    "type.googleapis.com/google.rpc.ErrorInfo";
inline constexpr char kErrorDomain[] = "sendcase.v1";

// `status` with an ErrorInfo of `reason` and `metadata` (replacing any).
absl::Status WithReason(
    absl::Status status, absl::string_view reason,
    std::initializer_list<std::pair<absl::string_view, std::string>> metadata =
        {});

// The ErrorInfo attached to `status`, if any.
std::optional<google::rpc::ErrorInfo> ReasonOf(const absl::Status& status);

// The ErrorInfo an error without one is given: a reason per canonical code
// (INVALID_ARGUMENT → FIELD_INVALID, NOT_FOUND → RESOURCE_NOT_FOUND, ...)
// and, where the message starts "FIELD: ..." (a lower-case field path), the
// metadata "field". OK has none.
std::optional<google::rpc::ErrorInfo> DefaultReason(const absl::Status& status);

}  // namespace sendcase

#endif  // SENDCASE_SERVICES_COMMON_ERROR_REASON_H_
