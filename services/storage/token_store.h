#ifndef SENDCASE_SERVICES_STORAGE_TOKEN_STORE_H_
#define SENDCASE_SERVICES_STORAGE_TOKEN_STORE_H_

// TokenStore: bearer-token records. The secret part of a token is never
// stored, only a salted SHA-256 of it (services/auth/tokens.h).
// Implementations are thread-safe.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/common/clock.h"

namespace sendcase::storage {

struct TokenRecord {
  std::string token_hash;  // lower-case hex SHA-256 (of salt + secret)
  std::string subject;
  std::string role;   // a Role name or "ADMIN"
  std::string scope;  // "*", "setting:URN", "trust:ID" or "la:CODE"
  Instant create_time;
  std::string token_id;  // public id; "" for a token from before ids
  std::string salt;      // hex; "" for a token from before salts
  std::optional<Instant> expire_time;
  std::optional<Instant> revoke_time;
};

class TokenStore {
 public:
  virtual ~TokenStore() = default;
  // AlreadyExists if the hash or id is already present.
  virtual absl::Status PutToken(const TokenRecord& record) = 0;
  // A token from before ids, by SHA-256 of the whole token. NotFound.
  virtual absl::StatusOr<TokenRecord> FindToken(const std::string& hash) = 0;
  // A token by its public id. NotFound.
  virtual absl::StatusOr<TokenRecord> FindTokenById(
      const std::string& token_id) = 0;
  // Every token, oldest first (hashes and salts included: admin use only).
  virtual absl::StatusOr<std::vector<TokenRecord>> ListTokens() = 0;
  // Revokes the token with `token_id`, or when empty every token of
  // `subject`, at `now`; returns how many were revoked (already revoked ones
  // are left as they were).
  virtual absl::StatusOr<int> RevokeTokens(const std::string& token_id,
                                           const std::string& subject,
                                           Instant now) = 0;
};

}  // namespace sendcase::storage

#endif  // SENDCASE_SERVICES_STORAGE_TOKEN_STORE_H_
