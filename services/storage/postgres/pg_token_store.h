#ifndef SENDCASE_SERVICES_STORAGE_POSTGRES_PG_TOKEN_STORE_H_
#define SENDCASE_SERVICES_STORAGE_POSTGRES_PG_TOKEN_STORE_H_

// The tokens port (token_store.h) on PostgreSQL: the first port of the
// PostgreSQL backend, passing TokenConformance. Each call takes a
// connection from the pool for one statement. Thread-safe.

#include "services/storage/postgres/pg_pool.h"
#include "services/storage/token_store.h"

namespace sendcase::storage::postgres {

class PgTokenStore final : public TokenStore {
 public:
  // `pool` must outlive the store.
  explicit PgTokenStore(PgPool& pool) : pool_(pool) {}

  absl::Status PutToken(const TokenRecord& record) override;
  absl::StatusOr<TokenRecord> FindToken(const std::string& hash) override;
  absl::StatusOr<TokenRecord> FindTokenById(
      const std::string& token_id) override;
  absl::StatusOr<std::vector<TokenRecord>> ListTokens() override;
  absl::StatusOr<int> RevokeTokens(const std::string& token_id,
                                   const std::string& subject,
                                   Instant now) override;

 private:
  // The rows of a SELECT of the token columns.
  absl::StatusOr<std::vector<TokenRecord>> Select(
      absl::string_view where, const std::vector<PgParam>& params);

  PgPool& pool_;
};

}  // namespace sendcase::storage::postgres

#endif  // SENDCASE_SERVICES_STORAGE_POSTGRES_PG_TOKEN_STORE_H_
