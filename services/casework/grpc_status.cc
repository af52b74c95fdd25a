#include "services/casework/grpc_status.h"

#include <string>

#include "google/protobuf/any.pb.h"
#include "google/rpc/status.pb.h"
#include "services/common/error_reason.h"

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
  // Every error carries a machine-readable reason (AIP-193): the one its
  // source attached, else the code's own.
  absl::Status with_reason = status;
  if (!ReasonOf(status).has_value()) {
    with_reason.SetPayload(
        kErrorInfoTypeUrl,
        absl::Cord(DefaultReason(status)->SerializeAsString()));
  }
  google::rpc::Status rich;
  with_reason.ForEachPayload(
      [&rich](absl::string_view type_url, const absl::Cord& payload) {
        google::protobuf::Any* any = rich.add_details();
        any->set_type_url(std::string(type_url));
        any->set_value(std::string(payload));
      });
  rich.set_code(static_cast<int>(code));
  rich.set_message(std::string(status.message()));
  return grpc::Status(code, std::string(status.message()),
                      rich.SerializeAsString());
}

}  // namespace sendcase::casework
