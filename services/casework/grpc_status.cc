#include "services/casework/grpc_status.h"

#include <string>

namespace sendcase::casework {

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  // The numbering is identical by design (both follow google.rpc.Code); the
  // static_asserts keep it honest.
  static_assert(static_cast<int>(absl::StatusCode::kFailedPrecondition) ==
                grpc::StatusCode::FAILED_PRECONDITION);
  static_assert(static_cast<int>(absl::StatusCode::kUnauthenticated) ==
                grpc::StatusCode::UNAUTHENTICATED);
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()),
                      std::string(status.message()));
}

}  // namespace sendcase::casework
