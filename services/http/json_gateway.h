#ifndef SENDCASE_SERVICES_HTTP_JSON_GATEWAY_H_
#define SENDCASE_SERVICES_HTTP_JSON_GATEWAY_H_

// The JSON API: an HTTP request (verb, path, query, body, Authorization
// header) becomes the CaseService request message (protobuf's JSON mapping
// for the body, route_table.h's bindings for the path, the query string
// for the fields of a GET), called over an in-process gRPC channel with the
// caller's bearer token, so authentication, authorisation, audit, limits
// and idempotency are the gRPC service's own: no second copy of any rule.
// The reply is the response message as proto JSON (lowerCamelCase names),
// or an error as google.rpc's JSON form:
//   {"error": {"code": 404, "status": "NOT_FOUND", "message": "..."}}
// with the HTTP status of the gRPC code (AIP-193). Thread-safe.

#include <grpcpp/grpcpp.h>

#include <map>
#include <memory>
#include <string>

#include "absl/strings/string_view.h"

namespace sendcase::http {

struct HttpReply {
  int status = 200;
  std::string body;  // application/json
};

class JsonGateway {
 public:
  // `channel` reaches the CaseService (Server::InProcessChannel()).
  explicit JsonGateway(std::shared_ptr<grpc::Channel> channel);

  // `query` holds each query parameter (repeated ones in order); field names
  // as in the proto or in lowerCamelCase; dates as YYYY-MM-DD. A
  // `request_id` (the X-Request-Id header) goes with the call as its
  // x-request-id, so that the server's log line for it carries the id a
  // proxy or client chose.
  HttpReply Handle(absl::string_view verb, absl::string_view path,
                   const std::multimap<std::string, std::string>& query,
                   absl::string_view body, absl::string_view authorization,
                   absl::string_view request_id = "");

 private:
  std::shared_ptr<grpc::Channel> channel_;
};

// The HTTP status for a gRPC code (google.rpc.Code's mapping).
int HttpStatusOf(grpc::StatusCode code);

// An error reply in google.rpc's JSON form, e.g. (404, "NOT_FOUND", text).
HttpReply ErrorReply(int http_status, absl::string_view status,
                     absl::string_view message);

}  // namespace sendcase::http

#endif  // SENDCASE_SERVICES_HTTP_JSON_GATEWAY_H_
