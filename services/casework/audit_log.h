#ifndef SENDCASE_SERVICES_CASEWORK_AUDIT_LOG_H_
#define SENDCASE_SERVICES_CASEWORK_AUDIT_LOG_H_

// AuditLog: writes one audit record per call (who, role, scope, method,
// resource, outcome, when) and lets ADMIN read the trail. The resource is
// taken from the request's resource-name fields, or from the response for
// a create; never any other field, so no personal data enters the trail.
// Thread-safe.

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "google/protobuf/message.h"
#include "sendcase/v1/case_service.pb.h"
#include "services/auth/authorizer.h"
#include "services/auth/principal.h"
#include "services/common/clock.h"
#include "services/storage/audit_store.h"

namespace sendcase::casework {

// The resource a call is about: the first non-empty of the request's
// `name`, `journey`, `parent`, `pupil` (a name, or a Pupil's name),
// `resource` (an audit query) fields,
// else the response's `name` (what a create made), else "".
std::string ResourceOf(const google::protobuf::Message& request,
                       const google::protobuf::Message* response);

class AuditLog {
 public:
  AuditLog(storage::AuditStore& store, const Clock& clock)
      : store_(store), clock_(clock) {}

  // The record of one call, stamped now. `caller` is null when
  // authentication failed.
  v1::AuditRecord Row(const auth::Principal* caller, absl::string_view method,
                      const google::protobuf::Message& request,
                      const google::protobuf::Message* response,
                      const absl::Status& outcome) const;

  // Appends the record of one call (Row). A failure to write is returned
  // (the caller decides; the call's own effect is already committed).
  absl::Status Record(const auth::Principal* caller, absl::string_view method,
                      const google::protobuf::Message& request,
                      const google::protobuf::Message* response,
                      const absl::Status& outcome);

  absl::StatusOr<v1::ListAuditRecordsResponse> ListAuditRecords(
      const auth::Principal& caller,
      const v1::ListAuditRecordsRequest& request);

 private:
  storage::AuditStore& store_;
  const Clock& clock_;
};

}  // namespace sendcase::casework

#endif  // SENDCASE_SERVICES_CASEWORK_AUDIT_LOG_H_
