// The JSON API over the in-process gRPC service (json_gateway.h). Requests
// and replies are built by reflection from the generated descriptors, so a
// new RPC needs only its route (route_table.cc).
#include "services/http/json_gateway.h"

#include <grpc/support/time.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/impl/codegen/proto_utils.h>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "google/type/date.pb.h"
#include "sendcase/v1/case_service.pb.h"
#include "services/http/route_table.h"

namespace sendcase::http {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

constexpr char kService[] = "sendcase.v1.CaseService";

// gRPC's codes are absl's, number for number.
HttpReply Refused(grpc::StatusCode code, absl::string_view text) {
  return ErrorReply(
      HttpStatusOf(code),
      absl::StatusCodeToString(static_cast<absl::StatusCode>(code)), text);
}

const FieldDescriptor* FieldNamed(const Message& m, absl::string_view name) {
  const auto* d = m.GetDescriptor();
  if (const auto* f = d->FindFieldByName(std::string(name))) return f;
  return d->FindFieldByCamelcaseName(std::string(name));
}

// Sets the scalar (or YYYY-MM-DD date) at dotted `path` of `m` from text,
// adding to a repeated field. InvalidArgument naming `path`.
absl::Status SetFromText(Message& m, absl::string_view path,
                         absl::string_view text) {
  Message* at = &m;
  std::vector<std::string> names = absl::StrSplit(path, '.');
  for (size_t i = 0; i + 1 < names.size(); ++i) {
    const FieldDescriptor* f = FieldNamed(*at, names[i]);
    if (f == nullptr || f->type() != FieldDescriptor::TYPE_MESSAGE ||
        f->is_repeated()) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ": not a field of this request"));
    }
    at = at->GetReflection()->MutableMessage(at, f);
  }
  const FieldDescriptor* f = FieldNamed(*at, names.back());
  if (f == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": not a field of this request"));
  }
  const Reflection* r = at->GetReflection();
  const bool rep = f->is_repeated();
  auto bad = [&](absl::string_view what) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": ", what));
  };
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      rep ? r->AddString(at, f, std::string(text))
          : r->SetString(at, f, std::string(text));
      return absl::OkStatus();
    case FieldDescriptor::CPPTYPE_INT32: {
      int32_t v;
      if (!absl::SimpleAtoi(text, &v)) return bad("not a whole number");
      rep ? r->AddInt32(at, f, v) : r->SetInt32(at, f, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_INT64: {
      int64_t v;
      if (!absl::SimpleAtoi(text, &v)) return bad("not a whole number");
      rep ? r->AddInt64(at, f, v) : r->SetInt64(at, f, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_BOOL: {
      bool v;
      if (!absl::SimpleAtob(text, &v)) return bad("not true or false");
      rep ? r->AddBool(at, f, v) : r->SetBool(at, f, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      const auto* value =
          f->enum_type()->FindValueByName(absl::AsciiStrToUpper(text));
      if (value == nullptr) return bad("not one of its values");
      rep ? r->AddEnum(at, f, value) : r->SetEnum(at, f, value);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_MESSAGE: {
      int y = 0, mo = 0, d = 0;
      std::vector<std::string> ymd = absl::StrSplit(text, '-');
      if (f->message_type()->full_name() != "google.type.Date" || rep ||
          ymd.size() != 3 || !absl::SimpleAtoi(ymd[0], &y) ||
          !absl::SimpleAtoi(ymd[1], &mo) || !absl::SimpleAtoi(ymd[2], &d)) {
        return bad("give a date as YYYY-MM-DD");
      }
      auto* date = static_cast<google::type::Date*>(r->MutableMessage(at, f));
      date->set_year(y);
      date->set_month(mo);
      date->set_day(d);
      return absl::OkStatus();
    }
    default:
      return bad("cannot be given in the query");
  }
}

// The field at dotted `path`, as text ("" when unset).
std::string TextAt(const Message& m, absl::string_view path) {
  const Message* at = &m;
  std::vector<std::string> names = absl::StrSplit(path, '.');
  for (size_t i = 0; i + 1 < names.size(); ++i) {
    const FieldDescriptor* f = FieldNamed(*at, names[i]);
    if (f == nullptr || !at->GetReflection()->HasField(*at, f)) return "";
    at = &at->GetReflection()->GetMessage(*at, f);
  }
  const FieldDescriptor* f = FieldNamed(*at, names.back());
  if (f == nullptr || f->is_repeated() ||
      f->cpp_type() != FieldDescriptor::CPPTYPE_STRING) {
    return "";
  }
  return at->GetReflection()->GetString(*at, f);
}

// Through a message of the service's file, which links that file (and
// registers its descriptors) wherever the gateway is linked.
const google::protobuf::ServiceDescriptor* CaseServiceDescriptor() {
  return v1::CreatePupilRequest::descriptor()->file()->FindServiceByName(
      "CaseService");
}

bool PrintableAscii(absl::string_view s) {
  for (char c : s) {
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

}  // namespace

HttpReply ErrorReply(int http_status, absl::string_view status,
                     absl::string_view message) {
  google::protobuf::Struct error;
  auto& inner = *(*error.mutable_fields())["error"]
                     .mutable_struct_value()
                     ->mutable_fields();
  inner["code"].set_number_value(http_status);
  inner["status"].set_string_value(std::string(status));
  inner["message"].set_string_value(std::string(message));
  HttpReply reply{http_status, ""};
  (void)google::protobuf::util::MessageToJsonString(error, &reply.body);
  return reply;
}

int HttpStatusOf(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return 200;
    case grpc::StatusCode::CANCELLED:
      return 499;
    case grpc::StatusCode::INVALID_ARGUMENT:
      return 400;
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return 504;
    case grpc::StatusCode::NOT_FOUND:
      return 404;
    case grpc::StatusCode::ALREADY_EXISTS:
      return 409;
    case grpc::StatusCode::PERMISSION_DENIED:
      return 403;
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return 429;
    case grpc::StatusCode::FAILED_PRECONDITION:
      return 400;
    case grpc::StatusCode::ABORTED:
      return 409;
    case grpc::StatusCode::OUT_OF_RANGE:
      return 400;
    case grpc::StatusCode::UNIMPLEMENTED:
      return 501;
    case grpc::StatusCode::UNAVAILABLE:
      return 503;
    case grpc::StatusCode::UNAUTHENTICATED:
      return 401;
    default:
      return 500;  // UNKNOWN, INTERNAL, DATA_LOSS
  }
}

JsonGateway::JsonGateway(std::shared_ptr<grpc::Channel> channel)
    : channel_(std::move(channel)) {}

HttpReply JsonGateway::Handle(
    absl::string_view verb, absl::string_view path,
    const std::multimap<std::string, std::string>& query,
    absl::string_view body, absl::string_view authorization,
    absl::string_view request_id) {
  const std::optional<RouteMatch> match = MatchRoute(verb, path);
  if (!match.has_value()) {
    if (PathHasOtherVerb(verb, path)) {
      return ErrorReply(405, "METHOD_NOT_ALLOWED",
                        absl::StrCat(verb, " is not a method of ", path));
    }
    return ErrorReply(404, "NOT_FOUND",
                      "no such path in the API (/api/v1/...)");
  }
  const auto* method =
      CaseServiceDescriptor()->FindMethodByName(match->route->method);
  auto* factory = google::protobuf::MessageFactory::generated_factory();
  std::unique_ptr<Message> request(
      factory->GetPrototype(method->input_type())->New());
  if (verb == "GET") {
    for (const auto& [key, value] : query) {
      if (absl::Status s = SetFromText(*request, key, value); !s.ok()) {
        return Refused(grpc::StatusCode::INVALID_ARGUMENT, s.message());
      }
    }
  } else if (!body.empty()) {
    google::protobuf::util::JsonParseOptions options;
    const auto parsed = google::protobuf::util::JsonStringToMessage(
        std::string(body), request.get(), options);
    if (!parsed.ok()) {
      return Refused(grpc::StatusCode::INVALID_ARGUMENT,
                     absl::StrCat("body: not this request as JSON (",
                                  parsed.message().as_string(), ")"));
    }
  }
  for (const auto& [field, value] : match->bindings) {
    const std::string given = TextAt(*request, field);
    if (!given.empty() && given != value) {
      return Refused(grpc::StatusCode::INVALID_ARGUMENT,
                     absl::StrCat(field, ": the body names ", given,
                                  " but the path ", value));
    }
    if (absl::Status s = SetFromText(*request, field, value); !s.ok()) {
      return Refused(grpc::StatusCode::INTERNAL, s.message());  // a route bug
    }
  }
  if (!PrintableAscii(authorization)) {
    return Refused(grpc::StatusCode::UNAUTHENTICATED,
                   "authorization header must be 'Bearer TOKEN'");
  }

  grpc::ClientContext context;
  if (!authorization.empty()) {
    context.AddMetadata("authorization", std::string(authorization));
  }
  // Only what a metadata value may hold; the log checks its shape again.
  if (!request_id.empty() && request_id.size() <= 64 &&
      PrintableAscii(request_id)) {
    context.AddMetadata("x-request-id", std::string(request_id));
  }
  // Relative (a timespan): gRPC counts it from when the call starts.
  context.set_deadline(gpr_time_from_seconds(30, GPR_TIMESPAN));
  grpc::TemplatedGenericStub<Message, Message> stub(channel_);
  grpc::CompletionQueue queue;
  std::unique_ptr<Message> response(
      factory->GetPrototype(method->output_type())->New());
  grpc::Status status;
  auto call = stub.PrepareUnaryCall(
      &context, absl::StrCat("/", kService, "/", method->name()), *request,
      &queue);
  call->StartCall();
  call->Finish(response.get(), &status, reinterpret_cast<void*>(1));
  void* tag = nullptr;
  bool ok = false;
  queue.Next(&tag, &ok);
  queue.Shutdown();
  while (queue.Next(&tag, &ok)) {
  }
  if (!status.ok()) return Refused(status.error_code(), status.error_message());
  HttpReply reply;
  (void)google::protobuf::util::MessageToJsonString(*response, &reply.body);
  return reply;
}

}  // namespace sendcase::http
