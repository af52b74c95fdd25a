#include "services/storage/sqlite/transaction.h"

namespace sendcase::storage {

Transaction::~Transaction() {
  if (open_) {
    // Nothing useful to do if the rollback itself fails: SQLite rolls back
    // an unfinished transaction when the connection closes anyway.
    db_.Exec("ROLLBACK").IgnoreError();
  }
}

absl::Status Transaction::Begin() {
  absl::Status status = db_.Exec("BEGIN IMMEDIATE");
  open_ = status.ok();
  return status;
}

absl::Status Transaction::Commit() {
  absl::Status status = db_.Exec("COMMIT");
  if (status.ok()) open_ = false;
  return status;
}

}  // namespace sendcase::storage
