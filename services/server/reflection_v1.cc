#include "services/server/reflection_v1.h"

#include <set>

#include "google/protobuf/descriptor.h"
#include "google/protobuf/descriptor.pb.h"

namespace sendcase::server {
namespace {

namespace pb = google::protobuf;
using grpc::reflection::v1::ServerReflectionRequest;
using grpc::reflection::v1::ServerReflectionResponse;

void Error(ServerReflectionResponse& out, grpc::StatusCode code,
           const std::string& message) {
  out.mutable_error_response()->set_error_code(code);
  out.mutable_error_response()->set_error_message(message);
}

// `file` and its dependencies, each once per stream (`sent`), dependencies
// after the file as the reference implementation orders them.
void AddFile(const pb::FileDescriptor* file, std::set<std::string>& sent,
             ServerReflectionResponse& out) {
  if (!sent.insert(file->name()).second) return;
  pb::FileDescriptorProto proto;
  file->CopyTo(&proto);
  out.mutable_file_descriptor_response()->add_file_descriptor_proto(
      proto.SerializeAsString());
  for (int i = 0; i < file->dependency_count(); ++i) {
    AddFile(file->dependency(i), sent, out);
  }
}

void Answer(const ServerReflectionRequest& request,
            const std::vector<std::string>& services,
            std::set<std::string>& sent, ServerReflectionResponse& out) {
  const pb::DescriptorPool* pool = pb::DescriptorPool::generated_pool();
  out.set_valid_host(request.host());
  *out.mutable_original_request() = request;
  // Files already sent are not sent again, but a request always gets at
  // least its own file.
  auto file_response = [&](const pb::FileDescriptor* file) {
    sent.erase(file->name());
    AddFile(file, sent, out);
  };
  switch (request.message_request_case()) {
    case ServerReflectionRequest::kListServices:
      for (const std::string& name : services) {
        out.mutable_list_services_response()->add_service()->set_name(name);
      }
      return;
    case ServerReflectionRequest::kFileByFilename:
      if (const auto* f = pool->FindFileByName(request.file_by_filename())) {
        return file_response(f);
      }
      return Error(out, grpc::StatusCode::NOT_FOUND, "file not found");
    case ServerReflectionRequest::kFileContainingSymbol:
      if (const auto* f = pool->FindFileContainingSymbol(
              request.file_containing_symbol())) {
        return file_response(f);
      }
      return Error(out, grpc::StatusCode::NOT_FOUND, "symbol not found");
    case ServerReflectionRequest::kFileContainingExtension: {
      const auto& ext = request.file_containing_extension();
      const auto* type = pool->FindMessageTypeByName(ext.containing_type());
      const auto* field = type == nullptr ? nullptr
                                          : pool->FindExtensionByNumber(
                                                type, ext.extension_number());
      if (field != nullptr) return file_response(field->file());
      return Error(out, grpc::StatusCode::NOT_FOUND, "extension not found");
    }
    case ServerReflectionRequest::kAllExtensionNumbersOfType: {
      const auto* type =
          pool->FindMessageTypeByName(request.all_extension_numbers_of_type());
      if (type == nullptr) {
        return Error(out, grpc::StatusCode::NOT_FOUND, "type not found");
      }
      std::vector<const pb::FieldDescriptor*> extensions;
      pool->FindAllExtensions(type, &extensions);
      auto* numbers = out.mutable_all_extension_numbers_response();
      numbers->set_base_type_name(type->full_name());
      for (const auto* e : extensions)
        numbers->add_extension_number(e->number());
      return;
    }
    default:
      return Error(out, grpc::StatusCode::INVALID_ARGUMENT,
                   "set one of the message_request fields");
  }
}

}  // namespace

grpc::Status ReflectionV1Service::ServerReflectionInfo(
    grpc::ServerContext* /*context*/,
    grpc::ServerReaderWriter<ServerReflectionResponse, ServerReflectionRequest>*
        stream) {
  std::set<std::string> sent;  // file names already sent on this stream
  ServerReflectionRequest request;
  while (stream->Read(&request)) {
    ServerReflectionResponse response;
    Answer(request, services_, sent, response);
    if (!stream->Write(response)) break;
  }
  return grpc::Status::OK;
}

}  // namespace sendcase::server
