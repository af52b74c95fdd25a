#ifndef SENDCASE_SERVICES_STORAGE_CALL_AUDIT_H_
#define SENDCASE_SERVICES_STORAGE_CALL_AUDIT_H_

// CallAudit: the audit row of the call running on this thread, handed down
// to the store so that a write commits its call's audit row in its own
// transaction. Then the row costs no second commit (no second fsync), and a
// crash keeps both the write and its row or neither.
//
// The edge (the gRPC handler) opens a CallAudit around the engine call with
// the row as it reads if the call succeeds. A store's write takes
// Unwritten() before its transaction, inserts the row in it, and calls
// MarkWritten() once that transaction has committed; later writes of the
// same call find nothing to write. If the row was not written (a read, or a
// write that failed), the edge appends the row with the call's outcome as
// before. Thread-local, like CancellationScope: a scope covers only its own
// thread, and stores read it on the calling thread, never a group leader's.

#include "absl/strings/string_view.h"
#include "sendcase/v1/audit.pb.h"

namespace sendcase::storage {

class CallAudit {
 public:
  // `row`: outcome "OK"; resource "" when only the write knows it (a
  // create), which the store fills in with the name it created.
  explicit CallAudit(v1::AuditRecord row);
  ~CallAudit();
  CallAudit(const CallAudit&) = delete;
  CallAudit& operator=(const CallAudit&) = delete;

  // True once a write has committed the row.
  bool written() const { return written_; }

  // The innermost scope on this thread whose row is not yet written, or
  // nullptr.
  static CallAudit* Unwritten();

  // The row to insert; `created` is used when the row names no resource.
  v1::AuditRecord RowFor(absl::string_view created) const;
  void MarkWritten() { written_ = true; }

 private:
  v1::AuditRecord row_;
  bool written_ = false;
  CallAudit* outer_;
};

}  // namespace sendcase::storage

#endif  // SENDCASE_SERVICES_STORAGE_CALL_AUDIT_H_
