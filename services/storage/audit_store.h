#ifndef SENDCASE_SERVICES_STORAGE_AUDIT_STORE_H_
#define SENDCASE_SERVICES_STORAGE_AUDIT_STORE_H_

// AuditStore: the append-only audit trail. Nothing can change or remove a
// record once written (the SQLite schema refuses it too). Thread-safe.

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "sendcase/v1/audit.pb.h"
#include "services/storage/records.h"

namespace sendcase::storage {

struct AuditFilter {
  std::string subject;          // "" any
  std::string resource_prefix;  // "" any; else the resource or below it
};

class AuditStore {
 public:
  virtual ~AuditStore() = default;
  // Appends `record` (its id is assigned; time is used as given).
  virtual absl::Status AppendAudit(const v1::AuditRecord& record) = 0;
  // Newest first; the cursor is the record id (0: from the newest).
  virtual absl::StatusOr<Page<v1::AuditRecord>> ListAudit(
      const AuditFilter& filter, const PageRequest& page) = 0;
};

}  // namespace sendcase::storage

#endif  // SENDCASE_SERVICES_STORAGE_AUDIT_STORE_H_
