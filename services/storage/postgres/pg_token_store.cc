// Bearer-token records on PostgreSQL (pg_token_store.h). Instants are Unix
// seconds, as in the SQLite backend; a token from before ids has a NULL
// token_id.
#include "services/storage/postgres/pg_token_store.h"

#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"
#include "services/storage/postgres/pg_values.h"

namespace sendcase::storage::postgres {
namespace {

constexpr absl::string_view kColumns =
    "token_hash, subject, role, scope, create_time, COALESCE(token_id, ''), "
    "salt, expire_time, revoke_time";

}  // namespace

absl::Status PgTokenStore::PutToken(const TokenRecord& r) {
  ASSIGN_OR_RETURN(PgPool::Lease conn, pool_.Acquire());
  const absl::Status put =
      conn->Exec(
              "INSERT INTO tokens (token_hash, subject, role, scope, "
              "create_time, token_id, salt, expire_time) VALUES "
              "($1, $2, $3, $4, $5, $6, $7, $8)",
              {PgParam::Text(r.token_hash), PgParam::Text(r.subject),
               PgParam::Text(r.role), PgParam::Text(r.scope),
               SecondsParam(r.create_time),
               r.token_id.empty() ? PgParam::Null() : PgParam::Text(r.token_id),
               PgParam::Text(r.salt), OptionalSecondsParam(r.expire_time)})
          .status();
  // The unique hash or id, as the port says; the server's message names
  // neither value.
  if (absl::IsAlreadyExists(put)) {
    return absl::AlreadyExistsError("token: hash or id already present");
  }
  return put;
}

absl::StatusOr<std::vector<TokenRecord>> PgTokenStore::Select(
    absl::string_view where, const std::vector<PgParam>& params) {
  ASSIGN_OR_RETURN(PgPool::Lease conn, pool_.Acquire());
  ASSIGN_OR_RETURN(
      PgResult rows,
      conn->Exec(absl::StrCat("SELECT ", kColumns, " FROM tokens ", where),
                 params));
  std::vector<TokenRecord> out;
  for (int i = 0; i < rows.rows(); ++i) {
    TokenRecord r;
    r.token_hash = rows.Text(i, 0);
    r.subject = rows.Text(i, 1);
    r.role = rows.Text(i, 2);
    r.scope = rows.Text(i, 3);
    r.create_time = FromSeconds(rows.Int64(i, 4));
    r.token_id = rows.Text(i, 5);
    r.salt = rows.Text(i, 6);
    r.expire_time = OptionalInstantAt(rows, i, 7);
    r.revoke_time = OptionalInstantAt(rows, i, 8);
    out.push_back(std::move(r));
  }
  return out;
}

absl::StatusOr<TokenRecord> PgTokenStore::FindToken(const std::string& hash) {
  ASSIGN_OR_RETURN(std::vector<TokenRecord> found,
                   Select("WHERE token_hash = $1 AND token_id IS NULL",
                          {PgParam::Text(hash)}));
  if (found.empty()) return absl::NotFoundError("unknown token");
  return found.front();
}

absl::StatusOr<TokenRecord> PgTokenStore::FindTokenById(
    const std::string& token_id) {
  ASSIGN_OR_RETURN(std::vector<TokenRecord> found,
                   Select("WHERE token_id = $1", {PgParam::Text(token_id)}));
  if (found.empty()) return absl::NotFoundError("unknown token");
  return found.front();
}

absl::StatusOr<std::vector<TokenRecord>> PgTokenStore::ListTokens() {
  // `id` stands for SQLite's rowid: the order tokens were put.
  return Select("ORDER BY create_time, id", {});
}

absl::StatusOr<int> PgTokenStore::RevokeTokens(const std::string& token_id,
                                               const std::string& subject,
                                               Instant now) {
  ASSIGN_OR_RETURN(PgPool::Lease conn, pool_.Acquire());
  ASSIGN_OR_RETURN(
      PgResult done,
      conn->Exec(
          absl::StrCat("UPDATE tokens SET revoke_time = $1 WHERE "
                       "revoke_time IS NULL AND ",
                       token_id.empty() ? "subject = $2" : "token_id = $2"),
          {SecondsParam(now),
           PgParam::Text(token_id.empty() ? subject : token_id)}));
  return static_cast<int>(done.affected());
}

}  // namespace sendcase::storage::postgres
