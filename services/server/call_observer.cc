#include "services/server/call_observer.h"

#include <atomic>
#include <chrono>

#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "services/common/log.h"
#include "services/common/log_limit.h"
#include "services/common/wall_time.h"

namespace sendcase::server {
namespace {

using grpc::experimental::InterceptionHookPoints;

// A process-unique id for a call that brought none: the start time's
// microseconds and a sequence number, in hex.
std::string MadeRequestId() {
  static std::atomic<uint64_t> sequence{0};
  static const uint64_t start = static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::microseconds>(
          LogTimestampNow().time_since_epoch())
          .count());
  return absl::StrFormat("s%x-%x", start, ++sequence);
}

class CallObserver final : public grpc::experimental::Interceptor {
 public:
  CallObserver(grpc::experimental::ServerRpcInfo* info, ServerMetrics& metrics)
      : method_(info->method() != nullptr ? info->method() : ""),
        typed_(absl::StartsWith(method_, "/sendcase.v1.CaseService/")),
        metrics_(metrics) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* batch) override {
    if (batch->QueryInterceptionHookPoint(
            InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      const auto* metadata = batch->GetRecvInitialMetadata();
      if (metadata != nullptr) {
        const auto it = metadata->find("x-request-id");
        if (it != metadata->end()) {
          request_id_ = LoggedRequestId(
              absl::string_view(it->second.data(), it->second.size()));
        }
      }
    }
    if (request_id_.empty() && typed_ &&
        batch->QueryInterceptionHookPoint(
            InterceptionHookPoints::POST_RECV_MESSAGE)) {
      // CaseService's handlers are generated synchronous ones, so what they
      // receive is a google::protobuf::Message (its only base class). Not
      // so for every service: the library's health service receives a
      // grpc::ByteBuffer, hence `typed_`.
      if (void* received = batch->GetRecvMessage(); received != nullptr) {
        const auto* message =
            static_cast<const google::protobuf::Message*>(received);
        const google::protobuf::FieldDescriptor* field =
            message->GetDescriptor()->FindFieldByName("request_id");
        if (field != nullptr &&
            field->type() == google::protobuf::FieldDescriptor::TYPE_STRING &&
            !field->is_repeated()) {
          const std::string id =
              message->GetReflection()->GetString(*message, field);
          if (!id.empty()) request_id_ = LoggedRequestId(id);
        }
      }
    }
    if (batch->QueryInterceptionHookPoint(
            InterceptionHookPoints::PRE_SEND_STATUS)) {
      Finish(batch->GetSendStatus().error_code());
    }
    batch->Proceed();
  }

 private:
  void Finish(int code) {
    // A monotonic interval, not domain time.
    const double seconds =
        std::chrono::duration<double>(MonotonicNow() - start_).count();
    metrics_.RecordCall(method_, code, seconds);
    const std::string label = metrics_.MethodLabel(method_);
    LogLevel level = LogLevel::kInfo;
    if (label == "grpc.health.v1.Health/Check") level = LogLevel::kDebug;
    if (code == grpc::StatusCode::INTERNAL ||
        code == grpc::StatusCode::UNKNOWN ||
        code == grpc::StatusCode::DATA_LOSS) {
      level = LogLevel::kError;
    }
    if (!LogEnabled(level)) return;
    // Calls anyone can make without a token, or to a method nobody serves,
    // count against the log limit (log_limit.h): a stranger cannot flood
    // the log and push real errors out of it.
    if ((code == grpc::StatusCode::UNAUTHENTICATED || label == "other") &&
        !TakeLogAllowance()) {
      return;
    }
    if (request_id_.empty()) request_id_ = MadeRequestId();
    Log(level, "call",
        {{"method", label},
         {"code", GrpcCodeName(code)},
         {"ms", seconds * 1000},
         {"request_id", request_id_}});
  }

  const std::string method_;
  const bool typed_;  // its messages are generated protobuf classes
  ServerMetrics& metrics_;
  const std::chrono::steady_clock::time_point start_ = MonotonicNow();
  std::string request_id_;
};

}  // namespace

grpc::experimental::Interceptor* CallObserverFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  return new CallObserver(info, metrics_);
}

}  // namespace sendcase::server
