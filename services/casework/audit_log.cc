#include "services/casework/audit_log.h"

#include "absl/strings/str_cat.h"
#include "services/casework/paging.h"
#include "services/common/proto_time.h"
#include "services/common/status_macros.h"

namespace sendcase::casework {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

// A string field `name` of `message`, or "".
std::string StringField(const Message& message, const std::string& name) {
  const FieldDescriptor* f = message.GetDescriptor()->FindFieldByName(name);
  if (f == nullptr || f->is_repeated()) return "";
  if (f->type() == FieldDescriptor::TYPE_STRING) {
    return message.GetReflection()->GetString(message, f);
  }
  if (f->type() == FieldDescriptor::TYPE_MESSAGE &&
      message.GetReflection()->HasField(message, f)) {
    return StringField(message.GetReflection()->GetMessage(message, f), "name");
  }
  return "";
}

}  // namespace

std::string ResourceOf(const Message& request, const Message* response) {
  for (const char* field : {"name", "journey", "parent", "pupil", "resource",
                            "support_plan", "place"}) {
    std::string value = StringField(request, field);
    if (!value.empty()) return value.substr(0, 200);
  }
  if (response != nullptr) return StringField(*response, "name").substr(0, 200);
  return "";
}

absl::Status AuditLog::Record(const auth::Principal* caller,
                              absl::string_view method, const Message& request,
                              const Message* response,
                              const absl::Status& outcome) {
  return store_.AppendAudit(Row(caller, method, request, response, outcome));
}

v1::AuditRecord AuditLog::Row(const auth::Principal* caller,
                              absl::string_view method, const Message& request,
                              const Message* response,
                              const absl::Status& outcome) const {
  v1::AuditRecord record;
  *record.mutable_time() = ToTimestamp(clock_.Now());
  if (caller != nullptr) {
    record.set_subject(caller->subject);
    record.set_role(caller->RoleName());
    record.set_scope(caller->scope.ToString());
  }
  record.set_method(std::string(method));
  record.set_resource(ResourceOf(request, outcome.ok() ? response : nullptr));
  record.set_outcome(absl::StatusCodeToString(outcome.code()));
  return record;
}

absl::StatusOr<v1::ListAuditRecordsResponse> AuditLog::ListAuditRecords(
    const auth::Principal& caller, const v1::ListAuditRecordsRequest& request) {
  RETURN_IF_ERROR(
      auth::AuthorizeMethod(caller, auth::Method::kListAuditRecords));
  if (request.subject().size() > 128 || request.resource().size() > 200) {
    return absl::InvalidArgumentError(request.subject().size() > 128
                                          ? "subject: at most 128 characters"
                                          : "resource: at most 200 characters");
  }
  const std::string params =
      absl::StrCat(request.subject(), "|", request.resource());
  ASSIGN_OR_RETURN(
      storage::PageRequest page,
      ParsePage(request.page_size(), request.page_token(), params));
  ASSIGN_OR_RETURN(
      auto records,
      store_.ListAudit({request.subject(), request.resource()}, page));
  v1::ListAuditRecordsResponse response;
  for (auto& r : records.items) *response.add_records() = std::move(r);
  response.set_next_page_token(NextPageToken(records.next_after, params));
  return response;
}

}  // namespace sendcase::casework
