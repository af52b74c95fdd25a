#include "services/auth/tokens.h"

#include <openssl/rand.h>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "services/auth/principal.h"
#include "services/common/status_macros.h"

namespace sendcase::auth {

absl::StatusOr<std::string> IssueToken(storage::TokenStore& store,
                                       const Clock& clock,
                                       absl::string_view subject,
                                       absl::string_view role,
                                       absl::string_view scope) {
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
  bool admin = false;
  v1::Role parsed_role;
  RETURN_IF_ERROR(ParseRole(role, &admin, &parsed_role));
  ASSIGN_OR_RETURN(Scope parsed_scope, Scope::Parse(scope));

  unsigned char bytes[32];
  if (RAND_bytes(bytes, sizeof(bytes)) != 1) {
    return absl::InternalError("no randomness available for a token");
  }
  const std::string token = absl::StrCat(
      "sc_", absl::WebSafeBase64Escape(absl::string_view(
                 reinterpret_cast<const char*>(bytes), sizeof(bytes))));
  RETURN_IF_ERROR(
      store.PutToken({HashToken(token), std::string(subject), std::string(role),
                      parsed_scope.ToString(), clock.Now()}));
  return token;
}

}  // namespace sendcase::auth
