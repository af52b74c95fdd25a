#ifndef SENDCASE_SERVICES_STORAGE_POSTGRES_PG_CONNECTION_H_
#define SENDCASE_SERVICES_STORAGE_POSTGRES_PG_CONNECTION_H_

// One libpq connection to PostgreSQL, and the results of its statements.
// The PostgreSQL backend's only door to libpq: parameters always travel
// apart from the SQL text (PQexecParams), and errors carry the server's
// primary message and SQLSTATE only, never its DETAIL, which quotes the
// values of a row (personal data). Move-only; not thread-safe (PgPool
// hands a connection to one caller at a time).
//
// Status codes, from the SQLSTATE:
//   23505 unique_violation                         -> AlreadyExists
//   other 23xxx integrity constraints              -> FailedPrecondition
//   40001 serialization, 40P01 deadlock            -> Aborted (retry)
//   08xxx connection, 57P01-57P03 shutdown, a lost
//   connection or a failed connect                 -> Unavailable
//   anything else                                  -> Internal

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

struct pg_conn;
struct pg_result;

namespace sendcase::storage::postgres {

// A statement parameter: text (PostgreSQL casts it to the column's type),
// bytes (sent as binary, for BYTEA) or NULL.
struct PgParam {
  static PgParam Text(absl::string_view text) {
    return {std::string(text), false};
  }
  static PgParam Int(int64_t value) { return {std::to_string(value), false}; }
  static PgParam Bytes(absl::string_view bytes) {
    return {std::string(bytes), true};
  }
  static PgParam Null() { return {std::nullopt, false}; }

  std::optional<std::string> value;
  bool binary = false;
};

// A statement's result: rows of text values (libpq's text format).
class PgResult {
 public:
  explicit PgResult(pg_result* result);
  ~PgResult();
  PgResult(PgResult&& other) noexcept;
  PgResult& operator=(PgResult&& other) noexcept;

  int rows() const;
  // Rows an INSERT, UPDATE or DELETE touched.
  int64_t affected() const;
  bool IsNull(int row, int col) const;
  std::string Text(int row, int col) const;
  // 0 for NULL or text that is not a number.
  int64_t Int64(int row, int col) const;
  // A BYTEA column, decoded.
  std::string Bytes(int row, int col) const;

 private:
  pg_result* result_;
};

class PgConnection {
 public:
  // Connects with a libpq URI ("postgresql://user@host:port/db?..."). The
  // URI, which may hold a password, is never put in an error.
  static absl::StatusOr<std::unique_ptr<PgConnection>> Open(
      const std::string& uri);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Runs one statement with $1..$n parameters (see the status table above).
  // Each distinct SQL text is prepared on the connection the first time it
  // runs and executed as prepared after that (PostgreSQL parses and plans
  // it once, not on every call); up to kMaxPrepared texts per connection.
  absl::StatusOr<PgResult> Exec(absl::string_view sql,
                                const std::vector<PgParam>& params = {});
  // Runs a script of several statements without parameters (migrations).
  absl::Status ExecScript(absl::string_view sql);

  // Rolls back a transaction left open on the connection, if any, and
  // makes the connection again if that fails: Unavailable if it cannot.
  absl::Status EnsureIdle();

  // False once the connection has been lost; Reset() tries it again.
  bool ok() const;
  absl::Status Reset();

 private:
  static constexpr size_t kMaxPrepared = 512;

  explicit PgConnection(pg_conn* conn) : conn_(conn) {}
  absl::Status ErrorOf(pg_result* result) const;
  // The name of `sql`'s prepared statement, preparing it if new; "" (run
  // it unprepared) once kMaxPrepared texts have been prepared.
  absl::StatusOr<std::string> PreparedName(const std::string& sql, int params);

  pg_conn* conn_;
  absl::flat_hash_map<std::string, std::string> prepared_;
};

// "?" placeholders (SQLite's) as "$1", "$2", ... in order, leaving quoted
// strings, quoted identifiers and comments alone, so that one SQL text can
// serve both backends.
std::string NumberPlaceholders(absl::string_view sql);

}  // namespace sendcase::storage::postgres

#endif  // SENDCASE_SERVICES_STORAGE_POSTGRES_PG_CONNECTION_H_
