#ifndef SENDCASE_SERVICES_CASEWORK_GRPC_STATUS_H_
#define SENDCASE_SERVICES_CASEWORK_GRPC_STATUS_H_

// The one place an absl::Status becomes a grpc::Status.

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace sendcase::casework {

// Same canonical code and message (absl and gRPC share the code numbers),
// and the rich error model's details (grpc-status-details-bin): the
// status's payloads, always including a google.rpc.ErrorInfo
// (services/common/error_reason.h).
grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace sendcase::casework

#endif  // SENDCASE_SERVICES_CASEWORK_GRPC_STATUS_H_
