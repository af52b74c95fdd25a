#ifndef SENDCASE_SERVICES_AUTH_AUTHENTICATOR_H_
#define SENDCASE_SERVICES_AUTH_AUTHENTICATOR_H_

// Authenticator port: turns the `authorization` metadata value into a
// Principal. No gRPC types. Unauthenticated on any failure, with a message
// that never echoes the credential.

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/auth/principal.h"
#include "services/common/clock.h"
#include "services/storage/setting_store.h"
#include "services/storage/token_store.h"

namespace sendcase::auth {

class Authenticator {
 public:
  virtual ~Authenticator() = default;
  // `authorization` is the whole header value, e.g. "Bearer sc_...".
  virtual absl::StatusOr<Principal> Authenticate(
      absl::string_view authorization) = 0;
};

// Bearer tokens checked by VerifyToken (tokens.h): known, matching, not
// revoked, not expired; a trust scope is
// resolved to its settings through `settings` (none without it).
// Thread-safe if the stores are.
class TokenAuthenticator final : public Authenticator {
 public:
  TokenAuthenticator(storage::TokenStore& store, const Clock& clock,
                     storage::SettingStore* settings = nullptr)
      : store_(store), clock_(clock), settings_(settings) {}
  absl::StatusOr<Principal> Authenticate(
      absl::string_view authorization) override;

 private:
  storage::TokenStore& store_;
  const Clock& clock_;  // for expiry
  storage::SettingStore* settings_;
};

}  // namespace sendcase::auth

#endif  // SENDCASE_SERVICES_AUTH_AUTHENTICATOR_H_
