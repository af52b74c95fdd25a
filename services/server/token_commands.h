#ifndef SENDCASE_SERVICES_SERVER_TOKEN_COMMANDS_H_
#define SENDCASE_SERVICES_SERVER_TOKEN_COMMANDS_H_

// The token administration subcommands of sendcased. They open the database
// directly (creating and migrating it if needed) and work while the server
// runs on the same file: a revocation takes effect on the server's next call.
// Each returns the process exit code and prints errors on stderr.

#include <optional>
#include <string>

namespace sendcase::server {

struct IssueArgs {
  std::string db, subject, role, scope;
  int ttl_days = 90;  // 0: never expires
};
// Prints the token (once) on stdout, and its id and expiry on stderr.
int IssueTokenCommand(const IssueArgs& args);
// Prints every token: id, subject, role, scope, created, expires, revoked.
int ListTokensCommand(const std::string& db);
// Revokes one token by id, or every token of a subject.
int RevokeTokenCommand(const std::string& db, const std::string& token_id,
                       const std::string& subject);

// Makes sure the database's directory exists (var/ on a fresh checkout).
void EnsureParentDir(const std::string& db);

}  // namespace sendcase::server

#endif  // SENDCASE_SERVICES_SERVER_TOKEN_COMMANDS_H_
