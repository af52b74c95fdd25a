// libpq connections and results (pg_connection.h).
#include "services/storage/postgres/pg_connection.h"

#include <libpq-fe.h>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace sendcase::storage::postgres {
namespace {

// libpq's messages end with a newline; ours do not.
std::string Trimmed(const char* text) {
  return std::string(
      absl::StripTrailingAsciiWhitespace(text == nullptr ? "" : text));
}

absl::StatusCode CodeOf(absl::string_view sqlstate) {
  if (sqlstate == "23505") return absl::StatusCode::kAlreadyExists;
  if (absl::StartsWith(sqlstate, "23")) {
    return absl::StatusCode::kFailedPrecondition;
  }
  if (sqlstate == "40001" || sqlstate == "40P01") {
    return absl::StatusCode::kAborted;
  }
  if (absl::StartsWith(sqlstate, "08") || sqlstate == "57P01" ||
      sqlstate == "57P02" || sqlstate == "57P03") {
    return absl::StatusCode::kUnavailable;
  }
  return absl::StatusCode::kInternal;
}

}  // namespace

PgResult::PgResult(pg_result* result) : result_(result) {}
PgResult::~PgResult() {
  if (result_ != nullptr) PQclear(result_);
}
PgResult::PgResult(PgResult&& other) noexcept : result_(other.result_) {
  other.result_ = nullptr;
}
PgResult& PgResult::operator=(PgResult&& other) noexcept {
  if (this != &other) {
    if (result_ != nullptr) PQclear(result_);
    result_ = other.result_;
    other.result_ = nullptr;
  }
  return *this;
}

int PgResult::rows() const { return PQntuples(result_); }

int64_t PgResult::affected() const {
  int64_t n = 0;
  return absl::SimpleAtoi(PQcmdTuples(result_), &n) ? n : 0;
}

bool PgResult::IsNull(int row, int col) const {
  return PQgetisnull(result_, row, col) != 0;
}

std::string PgResult::Text(int row, int col) const {
  return std::string(PQgetvalue(result_, row, col),
                     PQgetlength(result_, row, col));
}

int64_t PgResult::Int64(int row, int col) const {
  int64_t n = 0;
  return absl::SimpleAtoi(Text(row, col), &n) ? n : 0;
}

std::string PgResult::Bytes(int row, int col) const {
  size_t length = 0;
  unsigned char* bytes = PQunescapeBytea(
      reinterpret_cast<const unsigned char*>(PQgetvalue(result_, row, col)),
      &length);
  if (bytes == nullptr) return "";
  std::string out(reinterpret_cast<char*>(bytes), length);
  PQfreemem(bytes);
  return out;
}

absl::StatusOr<std::unique_ptr<PgConnection>> PgConnection::Open(
    const std::string& uri) {
  // libpq's messages about a malformed URI quote it, password and all:
  // parse it first and say only that it is malformed.
  char* parse_error = nullptr;
  PQconninfoOption* options = PQconninfoParse(uri.c_str(), &parse_error);
  if (options == nullptr) {
    if (parse_error != nullptr) PQfreemem(parse_error);
    return absl::InvalidArgumentError(
        "postgres: the connection URI is malformed (see libpq's "
        "postgresql://[user@][host][:port][/dbname][?param=value...])");
  }
  PQconninfoFree(options);
  pg_conn* conn = PQconnectdb(uri.c_str());
  if (conn == nullptr) {
    return absl::ResourceExhaustedError("postgres: out of memory");
  }
  if (PQstatus(conn) != CONNECTION_OK) {
    const std::string why = Trimmed(PQerrorMessage(conn));
    PQfinish(conn);
    return absl::UnavailableError(absl::StrCat("postgres: ", why));
  }
  // Notices ("relation ... already exists, skipping") are not errors and
  // would otherwise go to stderr.
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  return std::unique_ptr<PgConnection>(new PgConnection(conn));
}

PgConnection::~PgConnection() { PQfinish(conn_); }

bool PgConnection::ok() const { return PQstatus(conn_) == CONNECTION_OK; }

absl::Status PgConnection::Reset() {
  prepared_.clear();  // they went with the old session
  PQreset(conn_);
  if (ok()) return absl::OkStatus();
  return absl::UnavailableError(
      absl::StrCat("postgres: ", Trimmed(PQerrorMessage(conn_))));
}

absl::Status PgConnection::EnsureIdle() {
  if (PQtransactionStatus(conn_) == PQTRANS_IDLE) return absl::OkStatus();
  if (ok()) ExecScript("ROLLBACK").IgnoreError();
  if (PQtransactionStatus(conn_) == PQTRANS_IDLE) return absl::OkStatus();
  return Reset();
}

absl::Status PgConnection::ErrorOf(pg_result* result) const {
  if (result == nullptr || !ok()) {
    return absl::UnavailableError(
        absl::StrCat("postgres: ", Trimmed(PQerrorMessage(conn_))));
  }
  const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
  const char* primary = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
  const std::string sqlstate = state == nullptr ? "" : state;
  return absl::Status(CodeOf(sqlstate),
                      absl::StrCat("postgres: ", Trimmed(primary),
                                   " (SQLSTATE ", sqlstate, ")"));
}

absl::StatusOr<PgResult> PgConnection::Exec(
    absl::string_view sql, const std::vector<PgParam>& params) {
  std::vector<const char*> values;
  std::vector<int> lengths, formats;
  for (const PgParam& p : params) {
    values.push_back(p.value.has_value() ? p.value->data() : nullptr);
    lengths.push_back(p.value.has_value() ? static_cast<int>(p.value->size())
                                          : 0);
    formats.push_back(p.binary ? 1 : 0);
  }
  const std::string text(sql);
  absl::StatusOr<std::string> name =
      PreparedName(text, static_cast<int>(params.size()));
  if (!name.ok()) return name.status();
  pg_result* raw =
      name->empty()
          ? PQexecParams(conn_, text.c_str(), static_cast<int>(params.size()),
                         nullptr, values.data(), lengths.data(), formats.data(),
                         /*resultFormat=*/0)
          : PQexecPrepared(conn_, name->c_str(),
                           static_cast<int>(params.size()), values.data(),
                           lengths.data(), formats.data(), /*resultFormat=*/0);
  const ExecStatusType status =
      raw == nullptr ? PGRES_FATAL_ERROR : PQresultStatus(raw);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    absl::Status error = ErrorOf(raw);
    const char* state =
        raw == nullptr ? nullptr : PQresultErrorField(raw, PG_DIAG_SQLSTATE);
    const std::string sqlstate = state == nullptr ? "" : state;
    if (raw != nullptr) PQclear(raw);
    // Our prepared statements are gone (something deallocated them) or
    // their plan no longer fits the schema: prepare afresh. Outside a
    // transaction the statement can simply run again; inside one the
    // transaction is lost, and the caller retries it.
    if (!name->empty() && (sqlstate == "26000" || sqlstate == "0A000")) {
      prepared_.clear();
      if (PQtransactionStatus(conn_) == PQTRANS_IDLE) return Exec(sql, params);
      return absl::AbortedError(
          "postgres: prepared statements were reset; retry");
    }
    return error;
  }
  return PgResult(raw);
}

absl::StatusOr<std::string> PgConnection::PreparedName(const std::string& sql,
                                                       int params) {
  if (auto it = prepared_.find(sql); it != prepared_.end()) return it->second;
  // Texts built from a variable number of values (an IN list) are many;
  // past the cap they run unprepared rather than fill the server's memory.
  if (prepared_.size() >= kMaxPrepared) return std::string();
  std::string name = absl::StrCat("s", prepared_.size() + 1);
  // Parameter types as PQexecParams infers them: from where they are used.
  pg_result* raw = PQprepare(conn_, name.c_str(), sql.c_str(), params, nullptr);
  const bool ok = raw != nullptr && PQresultStatus(raw) == PGRES_COMMAND_OK;
  absl::Status error = ok ? absl::OkStatus() : ErrorOf(raw);
  if (raw != nullptr) PQclear(raw);
  if (!ok) return error;
  prepared_.emplace(sql, name);
  return name;
}

absl::Status PgConnection::ExecScript(absl::string_view sql) {
  const std::string text(sql);
  pg_result* result = PQexec(conn_, text.c_str());
  const ExecStatusType status =
      result == nullptr ? PGRES_FATAL_ERROR : PQresultStatus(result);
  absl::Status out = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK
                         ? absl::OkStatus()
                         : ErrorOf(result);
  if (result != nullptr) PQclear(result);
  return out;
}

std::string NumberPlaceholders(absl::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int next = 0;
  for (size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (c == '\'' || c == '"') {  // a quoted string or identifier, as is
      const size_t end = sql.find(c, i + 1);
      const size_t stop = end == absl::string_view::npos ? sql.size() : end + 1;
      absl::StrAppend(&out, sql.substr(i, stop - i));
      i = stop - 1;
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      const size_t end = sql.find('\n', i);
      const size_t stop = end == absl::string_view::npos ? sql.size() : end;
      absl::StrAppend(&out, sql.substr(i, stop - i));
      i = stop - 1;
    } else if (c == '?') {
      absl::StrAppend(&out, "$", ++next);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace sendcase::storage::postgres
