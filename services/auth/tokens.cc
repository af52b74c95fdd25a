#include "services/auth/tokens.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/auth/principal.h"
#include "services/common/error_reason.h"
#include "services/common/sha256.h"
#include "services/common/status_macros.h"

namespace sendcase::auth {
namespace {

absl::StatusOr<std::string> RandomBytes(size_t n) {
  std::string bytes(n, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()),
                 static_cast<int>(n)) != 1) {
    return absl::InternalError("no randomness available for a token");
  }
  return bytes;
}

absl::Status ValidateSubject(absl::string_view subject) {
  if (subject.empty() || subject.size() > 128) {
    return absl::InvalidArgumentError(
        "subject: required, up to 128 characters");
  }
  for (char c : subject) {
    if (!absl::ascii_isgraph(static_cast<unsigned char>(c))) {
      return absl::InvalidArgumentError(
          "subject: printable ASCII without spaces only");
    }
  }
  return absl::OkStatus();
}

absl::Status Unknown() {
  return absl::UnauthenticatedError("unknown or revoked token");
}

}  // namespace

std::string SaltedHash(absl::string_view salt, absl::string_view secret) {
  return Sha256Hex(absl::StrCat(salt, secret));
}

absl::StatusOr<IssuedToken> IssueToken(
    storage::TokenStore& store, const Clock& clock, absl::string_view subject,
    absl::string_view role, absl::string_view scope,
    std::optional<std::chrono::seconds> ttl) {
  RETURN_IF_ERROR(ValidateSubject(subject));
  bool admin = false;
  v1::Role parsed_role;
  RETURN_IF_ERROR(ParseRole(role, &admin, &parsed_role));
  ASSIGN_OR_RETURN(Scope parsed_scope, Scope::Parse(scope));
  RETURN_IF_ERROR(CheckRoleScope(admin, parsed_role, parsed_scope));
  if (ttl.has_value() && ttl->count() <= 0) {
    return absl::InvalidArgumentError("ttl: must be positive");
  }
  ASSIGN_OR_RETURN(std::string id, RandomBytes(12));
  ASSIGN_OR_RETURN(std::string secret, RandomBytes(32));
  ASSIGN_OR_RETURN(std::string salt, RandomBytes(16));
  IssuedToken issued;
  issued.token_id = absl::WebSafeBase64Escape(id);
  const std::string encoded_secret = absl::WebSafeBase64Escape(secret);
  issued.token = absl::StrCat("sc1.", issued.token_id, ".", encoded_secret);
  storage::TokenRecord record;
  record.salt = absl::BytesToHexString(salt);
  record.token_hash = SaltedHash(record.salt, encoded_secret);
  record.subject = std::string(subject);
  record.role = std::string(role);
  record.scope = parsed_scope.ToString();
  record.create_time = clock.Now();
  record.token_id = issued.token_id;
  if (ttl.has_value()) {
    issued.expire_time = clock.Now() + *ttl;
    record.expire_time = issued.expire_time;
  }
  RETURN_IF_ERROR(store.PutToken(record));
  return issued;
}

absl::StatusOr<std::string> IssueToken(storage::TokenStore& store,
                                       const Clock& clock,
                                       absl::string_view subject,
                                       absl::string_view role,
                                       absl::string_view scope) {
  ASSIGN_OR_RETURN(IssuedToken issued, IssueToken(store, clock, subject, role,
                                                  scope, std::nullopt));
  return issued.token;
}

absl::StatusOr<storage::TokenRecord> VerifyToken(storage::TokenStore& store,
                                                 absl::string_view token,
                                                 Instant now) {
  absl::StatusOr<storage::TokenRecord> record;
  if (absl::StartsWith(token, "sc1.")) {
    std::vector<absl::string_view> parts = absl::StrSplit(token, '.');
    if (parts.size() != 3 || parts[1].size() != 16 || parts[2].size() != 43) {
      return Unknown();
    }
    record = store.FindTokenById(std::string(parts[1]));
    if (absl::IsNotFound(record.status())) return Unknown();
    if (!record.ok()) return record.status();
    // Hashes are hex of equal length: compare every byte, whatever differs.
    const std::string presented = SaltedHash(record->salt, parts[2]);
    if (presented.size() != record->token_hash.size() ||
        CRYPTO_memcmp(presented.data(), record->token_hash.data(),
                      presented.size()) != 0) {
      return Unknown();
    }
  } else {
    // A token from before ids: the lookup key is a hash of the whole token,
    // so the lookup's timing says nothing useful about the token.
    record = store.FindToken(Sha256Hex(token));
    if (absl::IsNotFound(record.status())) return Unknown();
    if (!record.ok()) return record.status();
  }
  if (record->revoke_time.has_value()) return Unknown();
  if (record->expire_time.has_value() && *record->expire_time <= now) {
    return WithReason(absl::UnauthenticatedError(
                          "token expired: ask an administrator for a new one"),
                      "TOKEN_EXPIRED");
  }
  return record;
}

}  // namespace sendcase::auth
