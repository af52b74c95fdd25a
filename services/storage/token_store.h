#ifndef SENDCASE_SERVICES_STORAGE_TOKEN_STORE_H_
#define SENDCASE_SERVICES_STORAGE_TOKEN_STORE_H_

// TokenStore: bearer-token records, keyed by a hash of the token (the token
// itself is never stored). Implementations are thread-safe.

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/common/clock.h"

namespace sendcase::storage {

struct TokenRecord {
  std::string token_hash;  // lower-case hex SHA-256 of the token
  std::string subject;
  std::string role;   // a Role name or "ADMIN"
  std::string scope;  // "*", "setting:URN", "trust:ID" or "la:CODE"
  Instant create_time;
};

class TokenStore {
 public:
  virtual ~TokenStore() = default;
  // AlreadyExists if the hash is already present.
  virtual absl::Status PutToken(const TokenRecord& record) = 0;
  // NotFound if no token has this hash.
  virtual absl::StatusOr<TokenRecord> FindToken(const std::string& hash) = 0;
};

}  // namespace sendcase::storage

#endif  // SENDCASE_SERVICES_STORAGE_TOKEN_STORE_H_
