#include "services/storage/call_audit.h"

#include <string>
#include <utility>

namespace sendcase::storage {
namespace {

thread_local CallAudit* current = nullptr;

}  // namespace

CallAudit::CallAudit(v1::AuditRecord row)
    : row_(std::move(row)), outer_(current) {
  current = this;
}

CallAudit::~CallAudit() { current = outer_; }

CallAudit* CallAudit::Unwritten() {
  return current != nullptr && !current->written_ ? current : nullptr;
}

v1::AuditRecord CallAudit::RowFor(absl::string_view created) const {
  v1::AuditRecord row = row_;
  if (row.resource().empty()) row.set_resource(std::string(created));
  return row;
}

}  // namespace sendcase::storage
