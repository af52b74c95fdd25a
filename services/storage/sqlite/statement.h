#ifndef SENDCASE_SERVICES_STORAGE_SQLITE_STATEMENT_H_
#define SENDCASE_SERVICES_STORAGE_SQLITE_STATEMENT_H_

// RAII prepared statement. Bind indexes start at 1, column indexes at 0.
// Move-only; not thread-safe. A statement from Database::Prepare returns to
// its connection's StatementCache when destroyed, so it must not outlive
// the Database.

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

struct sqlite3;
struct sqlite3_stmt;

namespace sendcase::storage {

class StatementCache;

class Statement {
 public:
  // `cache` (may be null) takes the statement back when it is destroyed.
  Statement(sqlite3* db, sqlite3_stmt* stmt, StatementCache* cache = nullptr)
      : db_(db), stmt_(stmt), cache_(cache) {}
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
  // the database is busy, AlreadyExists on a duplicate key,
  // FailedPrecondition on any other constraint (SqliteError).
  absl::StatusOr<bool> Step();
  // Steps once and expects no row (INSERT/UPDATE/DELETE).
  absl::Status Run();

  int64_t ColumnInt64(int col) const;
  std::string ColumnText(int col) const;
  std::string ColumnBlob(int col) const;
  bool ColumnIsNull(int col) const;
  // What the column holds in this row, as stored (SQLite's types are per
  // value): kInteger, kFloat, kText, kBlob or kNull.
  enum class ValueType { kInteger, kFloat, kText, kBlob, kNull };
  ValueType ColumnType(int col) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  StatementCache* cache_;
  int bind_error_ = 0;
};

}  // namespace sendcase::storage

#endif  // SENDCASE_SERVICES_STORAGE_SQLITE_STATEMENT_H_
