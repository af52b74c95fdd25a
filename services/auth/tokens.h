#ifndef SENDCASE_SERVICES_AUTH_TOKENS_H_
#define SENDCASE_SERVICES_AUTH_TOKENS_H_

// Bearer tokens: 256 random bits, base64url; only their SHA-256 is stored.
// A token this strong needs no salt (salting protects guessable secrets);
// issue #7 may move to HMAC with a server key.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/common/clock.h"
#include "services/common/sha256.h"
#include "services/storage/token_store.h"

namespace sendcase::auth {

// The stored form of a token: Sha256Hex(token).
inline std::string HashToken(absl::string_view token) {
  return Sha256Hex(token);
}

// Validates subject, role and scope (InvalidArgument naming the field),
// creates a token, stores its hash and returns the token. The token is shown
// once and never stored.
absl::StatusOr<std::string> IssueToken(storage::TokenStore& store,
                                       const Clock& clock,
                                       absl::string_view subject,
                                       absl::string_view role,
                                       absl::string_view scope);

}  // namespace sendcase::auth

#endif  // SENDCASE_SERVICES_AUTH_TOKENS_H_
