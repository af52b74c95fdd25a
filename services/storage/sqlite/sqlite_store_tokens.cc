// SqliteStore: bearer-token records (TokenStore).
#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"
#include "services/storage/sqlite/sqlite_store.h"
#include "services/storage/stored_time.h"

namespace sendcase::storage {
namespace {

constexpr absl::string_view kColumns =
    "token_hash, subject, role, scope, create_time, COALESCE(token_id, ''), "
    "salt, expire_time, revoke_time";

std::optional<Instant> OptionalInstant(const Statement& row, int column) {
  if (row.ColumnIsNull(column)) return std::nullopt;
  return FromSeconds(row.ColumnInt64(column));
}

TokenRecord ReadToken(const Statement& row) {
  TokenRecord r;
  r.token_hash = row.ColumnText(0);
  r.subject = row.ColumnText(1);
  r.role = row.ColumnText(2);
  r.scope = row.ColumnText(3);
  r.create_time = FromSeconds(row.ColumnInt64(4));
  r.token_id = row.ColumnText(5);
  r.salt = row.ColumnText(6);
  r.expire_time = OptionalInstant(row, 7);
  r.revoke_time = OptionalInstant(row, 8);
  return r;
}

}  // namespace

absl::Status SqliteStore::PutToken(const TokenRecord& record) {
  absl::MutexLock lock(&mu_);
  ASSIGN_OR_RETURN(
      Statement stmt,
      db_->Prepare("INSERT INTO tokens (token_hash, subject, role, scope, "
                   "create_time, token_id, salt, expire_time) VALUES "
                   "(?, ?, ?, ?, ?, ?, ?, ?)"));
  std::optional<std::string> id;
  if (!record.token_id.empty()) id = record.token_id;
  std::optional<int64_t> expire;
  if (record.expire_time.has_value()) expire = ToSeconds(*record.expire_time);
  stmt.Bind(1, record.token_hash)
      .Bind(2, record.subject)
      .Bind(3, record.role)
      .Bind(4, record.scope)
      .Bind(5, ToSeconds(record.create_time))
      .BindOptional(6, id)
      .Bind(7, record.salt)
      .BindOptional(8, expire);
  return stmt.Run();
}

absl::StatusOr<TokenRecord> SqliteStore::FindToken(const std::string& hash) {
  ReadConnection read(*this);
  ASSIGN_OR_RETURN(Statement stmt,
                   read->Prepare(absl::StrCat("SELECT ", kColumns,
                                              " FROM tokens WHERE token_hash = "
                                              "? AND token_id IS NULL")));
  stmt.Bind(1, hash);
  ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return absl::NotFoundError("unknown token");
  return ReadToken(stmt);
}

absl::StatusOr<TokenRecord> SqliteStore::FindTokenById(
    const std::string& token_id) {
  ReadConnection read(*this);
  ASSIGN_OR_RETURN(Statement stmt, read->Prepare(absl::StrCat(
                                       "SELECT ", kColumns,
                                       " FROM tokens WHERE token_id = ?")));
  stmt.Bind(1, token_id);
  ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return absl::NotFoundError("unknown token");
  return ReadToken(stmt);
}

absl::StatusOr<std::vector<TokenRecord>> SqliteStore::ListTokens() {
  absl::MutexLock lock(&mu_);
  ASSIGN_OR_RETURN(Statement stmt,
                   db_->Prepare(absl::StrCat("SELECT ", kColumns,
                                             " FROM tokens ORDER BY "
                                             "create_time, rowid")));
  std::vector<TokenRecord> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    out.push_back(ReadToken(stmt));
  }
  return out;
}

absl::StatusOr<int> SqliteStore::RevokeTokens(const std::string& token_id,
                                              const std::string& subject,
                                              Instant now) {
  absl::MutexLock lock(&mu_);
  ASSIGN_OR_RETURN(Statement stmt,
                   db_->Prepare(absl::StrCat(
                       "UPDATE tokens SET revoke_time = ? WHERE "
                       "revoke_time IS NULL AND ",
                       token_id.empty() ? "subject = ?" : "token_id = ?")));
  stmt.Bind(1, ToSeconds(now)).Bind(2, token_id.empty() ? subject : token_id);
  RETURN_IF_ERROR(stmt.Run());
  return db_->Changes();
}

}  // namespace sendcase::storage
