#ifndef SENDCASE_SERVICES_STORAGE_SQLITE_TRANSACTION_H_
#define SENDCASE_SERVICES_STORAGE_SQLITE_TRANSACTION_H_

// Scoped write transaction (cf. chromium sql/transaction.h): BEGIN IMMEDIATE
// on Begin(), rolled back on destruction unless Commit() succeeded.

#include "absl/status/status.h"
#include "services/storage/sqlite/database.h"

namespace sendcase::storage {

class Transaction {
 public:
  explicit Transaction(Database& db) : db_(db) {}
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  // Takes the write lock now (so a busy database fails here, as Unavailable,
  // not half-way through).
  absl::Status Begin();
  // Commits. After a failure the destructor rolls back.
  absl::Status Commit();

 private:
  Database& db_;
  bool open_ = false;
};

}  // namespace sendcase::storage

#endif  // SENDCASE_SERVICES_STORAGE_SQLITE_TRANSACTION_H_
