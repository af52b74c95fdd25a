#ifndef SENDCASE_SERVICES_STORAGE_STATEMENT_H_
#define SENDCASE_SERVICES_STORAGE_STATEMENT_H_

// RAII prepared statement. Bind indexes start at 1, column indexes at 0.
// Move-only; not thread-safe.

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

struct sqlite3;
struct sqlite3_stmt;

namespace sendcase::storage {

class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binders return *this so calls chain; a bind failure (a bug: wrong index)
  // is reported by the next Step().
  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, absl::string_view text);
  Statement& BindBlob(int index, absl::string_view bytes);
  Statement& BindNull(int index);
  Statement& BindOptional(int index, const std::optional<std::string>& text);
  Statement& BindOptional(int index, const std::optional<int64_t>& value);

  // Advances. True if a row is available, false when done. Unavailable when
  // the database is busy, AlreadyExists on a constraint violation.
  absl::StatusOr<bool> Step();
  // Steps once and expects no row (INSERT/UPDATE/DELETE).
  absl::Status Run();

  int64_t ColumnInt64(int col) const;
  std::string ColumnText(int col) const;
  std::string ColumnBlob(int col) const;
  bool ColumnIsNull(int col) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  int bind_error_ = 0;
};

}  // namespace sendcase::storage

#endif  // SENDCASE_SERVICES_STORAGE_STATEMENT_H_
