#include "services/common/error_reason.h"

#include "absl/strings/ascii.h"
#include "absl/strings/cord.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"

namespace sendcase {
namespace {

// A field path as messages begin with it: "event.referral.received_date",
// "pupils[3].upn", "--ttl-days".
bool LooksLikeFieldPath(absl::string_view text) {
  if (text.empty() || text.size() > 100) return false;
  for (char c : text) {
    const bool ok = absl::ascii_islower(static_cast<unsigned char>(c)) ||
                    absl::ascii_isdigit(static_cast<unsigned char>(c)) ||
                    c == '_' || c == '.' || c == '-' || c == '[' || c == ']';
    if (!ok) return false;
  }
  return true;
}

// One reason per canonical code, for errors that carry no more specific one.
const char* CodeReason(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kInvalidArgument:
      return "FIELD_INVALID";
    case absl::StatusCode::kNotFound:
      return "RESOURCE_NOT_FOUND";
    case absl::StatusCode::kAlreadyExists:
      return "RESOURCE_EXISTS";
    case absl::StatusCode::kAborted:
      return "CONCURRENT_CHANGE";
    case absl::StatusCode::kFailedPrecondition:
      return "PRECONDITION_FAILED";
    case absl::StatusCode::kPermissionDenied:
      return "PERMISSION_DENIED";
    case absl::StatusCode::kUnauthenticated:
      return "TOKEN_INVALID";
    case absl::StatusCode::kResourceExhausted:
      return "LIMIT_REACHED";
    case absl::StatusCode::kUnavailable:
      return "TEMPORARILY_UNAVAILABLE";
    case absl::StatusCode::kDeadlineExceeded:
      return "DEADLINE_EXCEEDED";
    case absl::StatusCode::kOutOfRange:
      return "OUT_OF_RANGE";
    case absl::StatusCode::kCancelled:
      return "CANCELLED";
    case absl::StatusCode::kUnimplemented:
      return "NOT_IMPLEMENTED";
    default:
      return "INTERNAL_ERROR";
  }
}

}  // namespace

absl::Status WithReason(
    absl::Status status, absl::string_view reason,
    std::initializer_list<std::pair<absl::string_view, std::string>> metadata) {
  google::rpc::ErrorInfo info;
  info.set_reason(std::string(reason));
  info.set_domain(kErrorDomain);
  for (const auto& [key, value] : metadata) {
    (*info.mutable_metadata())[std::string(key)] = value;
  }
  status.SetPayload(kErrorInfoTypeUrl, absl::Cord(info.SerializeAsString()));
  return status;
}

std::optional<google::rpc::ErrorInfo> ReasonOf(const absl::Status& status) {
  const auto payload = status.GetPayload(kErrorInfoTypeUrl);
  google::rpc::ErrorInfo info;
  if (!payload.has_value() || !info.ParseFromString(std::string(*payload))) {
    return std::nullopt;
  }
  return info;
}

std::optional<google::rpc::ErrorInfo> DefaultReason(
    const absl::Status& status) {
  if (status.ok()) return std::nullopt;
  google::rpc::ErrorInfo info;
  info.set_reason(CodeReason(status.code()));
  info.set_domain(kErrorDomain);
  if (status.code() == absl::StatusCode::kInvalidArgument) {
    const std::pair<absl::string_view, absl::string_view> head =
        absl::StrSplit(status.message(), absl::MaxSplits(": ", 1));
    if (LooksLikeFieldPath(head.first) && !head.second.empty()) {
      (*info.mutable_metadata())["field"] = std::string(head.first);
    }
  }
  return info;
}

}  // namespace sendcase
