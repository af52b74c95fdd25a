#ifndef SENDCASE_SERVICES_AUTH_TOKENS_H_
#define SENDCASE_SERVICES_AUTH_TOKENS_H_

// Bearer tokens. A token is "sc1.ID.SECRET": ID is 96 random bits (public:
// it names the token in lists and revocations), SECRET 256 random bits,
// both base64url. Only a per-token random salt and SHA-256(salt || SECRET)
// are stored; a presented token is found by ID and its hash compared in
// constant time. A token may expire and may be revoked; both take effect on
// the next call, even while the server runs.
//
// Tokens issued before ids ("sc_SECRET", stored as SHA-256 of the token)
// still authenticate, and can be revoked by subject.

#include <chrono>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/common/clock.h"
#include "services/storage/token_store.h"

namespace sendcase::auth {

struct IssuedToken {
  std::string token;     // shown once, never stored
  std::string token_id;  // for list-tokens and revoke-token
  std::optional<Instant> expire_time;
};

// Validates subject, role and scope (InvalidArgument naming the field),
// creates a token valid for `ttl` (none: until revoked) and stores its
// salted hash.
absl::StatusOr<IssuedToken> IssueToken(storage::TokenStore& store,
                                       const Clock& clock,
                                       absl::string_view subject,
                                       absl::string_view role,
                                       absl::string_view scope,
                                       std::optional<std::chrono::seconds> ttl);

// The same without expiry, returning only the token (tests, tools).
absl::StatusOr<std::string> IssueToken(storage::TokenStore& store,
                                       const Clock& clock,
                                       absl::string_view subject,
                                       absl::string_view role,
                                       absl::string_view scope);

// The record of a presented token if it is known, matches, is not revoked
// and has not expired at `now`. Unauthenticated otherwise (the message never
// echoes the token); Unavailable etc. from the store pass through.
absl::StatusOr<storage::TokenRecord> VerifyToken(storage::TokenStore& store,
                                                 absl::string_view token,
                                                 Instant now);

// SHA-256(salt || secret), lower-case hex: the stored form.
std::string SaltedHash(absl::string_view salt, absl::string_view secret);

}  // namespace sendcase::auth

#endif  // SENDCASE_SERVICES_AUTH_TOKENS_H_
