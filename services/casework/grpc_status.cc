#include "services/casework/grpc_status.h"

#include <string>

#include "google/protobuf/any.pb.h"
#include "google/rpc/status.pb.h"

namespace sendcase::casework {

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  // The numbering is identical by design (both follow google.rpc.Code); the
  // static_asserts keep it honest.
  static_assert(static_cast<int>(absl::StatusCode::kFailedPrecondition) ==
                grpc::StatusCode::FAILED_PRECONDITION);
  static_assert(static_cast<int>(absl::StatusCode::kUnauthenticated) ==
                grpc::StatusCode::UNAUTHENTICATED);
  const auto code = static_cast<grpc::StatusCode>(status.code());
  // Payloads keyed by a type URL (e.g. google.rpc.ErrorInfo) travel as the
  // rich error model's details, which clients read from
  // grpc-status-details-bin.
  google::rpc::Status rich;
  status.ForEachPayload(
      [&rich](absl::string_view type_url, const absl::Cord& payload) {
        google::protobuf::Any* any = rich.add_details();
        any->set_type_url(std::string(type_url));
        any->set_value(std::string(payload));
      });
  if (rich.details_size() == 0) {
    return grpc::Status(code, std::string(status.message()));
  }
  rich.set_code(static_cast<int>(code));
  rich.set_message(std::string(status.message()));
  return grpc::Status(code, std::string(status.message()),
                      rich.SerializeAsString());
}

}  // namespace sendcase::casework
