#include "services/storage/sqlite/statement.h"

#include <sqlite3.h>

#include <utility>

#include "services/storage/sqlite/database.h"
#include "services/storage/sqlite/statement_cache.h"

namespace sendcase::storage {

namespace {

void Release(sqlite3_stmt* stmt, StatementCache* cache) {
  if (stmt == nullptr) return;
  if (cache != nullptr) {
    cache->Return(stmt);
  } else {
    sqlite3_finalize(stmt);
  }
}

}  // namespace

Statement::~Statement() { Release(stmt_, cache_); }

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_),
      stmt_(std::exchange(other.stmt_, nullptr)),
      cache_(other.cache_),
      bind_error_(other.bind_error_) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    Release(stmt_, cache_);
    db_ = other.db_;
    stmt_ = std::exchange(other.stmt_, nullptr);
    cache_ = other.cache_;
    bind_error_ = other.bind_error_;
  }
  return *this;
}

Statement& Statement::Bind(int index, int64_t value) {
  const int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK) bind_error_ = rc;
  return *this;
}

Statement& Statement::Bind(int index, absl::string_view text) {
  const int rc =
      sqlite3_bind_text(stmt_, index, text.data(),
                        static_cast<int>(text.size()), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) bind_error_ = rc;
  return *this;
}

Statement& Statement::BindBlob(int index, absl::string_view bytes) {
  const int rc =
      sqlite3_bind_blob(stmt_, index, bytes.data(),
                        static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) bind_error_ = rc;
  return *this;
}

Statement& Statement::BindNull(int index) {
  const int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK) bind_error_ = rc;
  return *this;
}

Statement& Statement::BindOptional(int index,
                                   const std::optional<std::string>& text) {
  return text.has_value() ? Bind(index, absl::string_view(*text))
                          : BindNull(index);
}

Statement& Statement::BindOptional(int index,
                                   const std::optional<int64_t>& value) {
  return value.has_value() ? Bind(index, *value) : BindNull(index);
}

absl::StatusOr<bool> Statement::Step() {
  if (bind_error_ != SQLITE_OK) return SqliteError(bind_error_, db_, "bind");
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return SqliteError(rc, db_, "step");
}

absl::Status Statement::Run() {
  absl::StatusOr<bool> row = Step();
  if (!row.ok()) return row.status();
  if (*row) return absl::InternalError("statement unexpectedly returned a row");
  return absl::OkStatus();
}

int64_t Statement::ColumnInt64(int col) const {
  return sqlite3_column_int64(stmt_, col);
}

std::string Statement::ColumnText(int col) const {
  const auto* text = sqlite3_column_text(stmt_, col);
  const int size = sqlite3_column_bytes(stmt_, col);
  return text ? std::string(reinterpret_cast<const char*>(text), size) : "";
}

std::string Statement::ColumnBlob(int col) const {
  const void* blob = sqlite3_column_blob(stmt_, col);
  const int size = sqlite3_column_bytes(stmt_, col);
  return blob ? std::string(static_cast<const char*>(blob), size) : "";
}

bool Statement::ColumnIsNull(int col) const {
  return sqlite3_column_type(stmt_, col) == SQLITE_NULL;
}

Statement::ValueType Statement::ColumnType(int col) const {
  switch (sqlite3_column_type(stmt_, col)) {
    case SQLITE_INTEGER:
      return ValueType::kInteger;
    case SQLITE_FLOAT:
      return ValueType::kFloat;
    case SQLITE_TEXT:
      return ValueType::kText;
    case SQLITE_BLOB:
      return ValueType::kBlob;
    default:
      return ValueType::kNull;
  }
}

}  // namespace sendcase::storage
