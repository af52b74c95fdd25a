#ifndef SENDCASE_SERVICES_SERVER_REFLECTION_V1_H_
#define SENDCASE_SERVICES_SERVER_REFLECTION_V1_H_

// grpc.reflection.v1.ServerReflection, for clients that speak only v1 (the
// gRPC library of Debian 12 serves v1alpha alone; the two share one wire
// format). Answers from the protobuf generated pool: the services named at
// construction, files by name or by the symbol or extension they define
// (with the dependencies not yet sent on the stream), and extension
// numbers. A request it cannot answer gets an error_response (NOT_FOUND or
// INVALID_ARGUMENT) and the stream goes on.

#include <grpcpp/grpcpp.h>

#include <string>
#include <vector>

#include "grpc/reflection/v1/reflection.grpc.pb.h"

namespace sendcase::server {

class ReflectionV1Service final
    : public grpc::reflection::v1::ServerReflection::Service {
 public:
  // `services`: the full names list_services reports.
  explicit ReflectionV1Service(std::vector<std::string> services)
      : services_(std::move(services)) {}

  grpc::Status ServerReflectionInfo(
      grpc::ServerContext* context,
      grpc::ServerReaderWriter<grpc::reflection::v1::ServerReflectionResponse,
                               grpc::reflection::v1::ServerReflectionRequest>*
          stream) override;

 private:
  const std::vector<std::string> services_;
};

}  // namespace sendcase::server

#endif  // SENDCASE_SERVICES_SERVER_REFLECTION_V1_H_
