#ifndef SENDCASE_SERVICES_AUTH_AUTHENTICATOR_H_
#define SENDCASE_SERVICES_AUTH_AUTHENTICATOR_H_

// Authenticator port: turns the `authorization` metadata value into a
// Principal. No gRPC types. Unauthenticated on any failure, with a message
// that never echoes the credential.

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/auth/principal.h"
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

// Bearer tokens looked up by hash in a TokenStore; a trust scope is
// resolved to its settings through `settings` (none without it).
// Thread-safe if the stores are.
class TokenAuthenticator final : public Authenticator {
 public:
  explicit TokenAuthenticator(storage::TokenStore& store,
                              storage::SettingStore* settings = nullptr)
      : store_(store), settings_(settings) {}
  absl::StatusOr<Principal> Authenticate(
      absl::string_view authorization) override;

 private:
  storage::TokenStore& store_;
  storage::SettingStore* settings_;
};

}  // namespace sendcase::auth

#endif  // SENDCASE_SERVICES_AUTH_AUTHENTICATOR_H_
