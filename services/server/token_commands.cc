#include "services/server/token_commands.h"

#include <cstdio>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "services/auth/tokens.h"
#include "services/server/store_factory.h"

namespace sendcase::server {
namespace {

int Fail(const absl::Status& status) {
  fprintf(stderr, "sendcased: %s\n", status.ToString().c_str());
  return 1;
}

std::string When(const std::optional<Instant>& t, const char* none) {
  if (!t.has_value()) return none;
  return absl::FormatTime(
      "%Y-%m-%dT%H:%M:%SZ",
      absl::FromUnixSeconds(std::chrono::duration_cast<std::chrono::seconds>(
                                t->time_since_epoch())
                                .count()),
      absl::UTCTimeZone());
}

}  // namespace

void EnsureParentDir(const std::string& db) {
  if (db == ":memory:" || db.rfind("file:", 0) == 0) return;
  const auto parent = std::filesystem::path(db).parent_path();
  if (!parent.empty()) {
    std::error_code ignored;  // Open() reports the real problem, if any
    std::filesystem::create_directories(parent, ignored);
  }
}

int IssueTokenCommand(const IssueArgs& args) {
  if (args.ttl_days < 0) {
    return Fail(absl::InvalidArgumentError("--ttl-days: 0 (never) or more"));
  }
  EnsureParentDir(args.db);
  auto store = OpenStores(args.db);
  if (!store.ok()) return Fail(store.status());
  std::optional<std::chrono::seconds> ttl;
  if (args.ttl_days > 0) ttl = std::chrono::hours(24 * args.ttl_days);
  auto issued = auth::IssueToken(*store->tokens, SystemClock(), args.subject,
                                 args.role, args.scope, ttl);
  if (!issued.ok()) return Fail(issued.status());
  printf("%s\n", issued->token.c_str());
  fprintf(stderr, "sendcased: token %s for %s, expires %s\n",
          issued->token_id.c_str(), args.subject.c_str(),
          When(issued->expire_time, "never").c_str());
  return 0;
}

int ListTokensCommand(const std::string& db) {
  auto store = OpenStores(db);
  if (!store.ok()) return Fail(store.status());
  auto tokens = store->tokens->ListTokens();
  if (!tokens.ok()) return Fail(tokens.status());
  printf("%-18s %-24s %-24s %-18s %-20s %-20s %s\n", "ID", "SUBJECT", "ROLE",
         "SCOPE", "CREATED", "EXPIRES", "REVOKED");
  for (const auto& t : *tokens) {
    printf("%-18s %-24s %-24s %-18s %-20s %-20s %s\n",
           t.token_id.empty() ? "(pre-0006)" : t.token_id.c_str(),
           t.subject.c_str(), t.role.c_str(), t.scope.c_str(),
           When(t.create_time, "").c_str(),
           When(t.expire_time, "never").c_str(),
           When(t.revoke_time, "-").c_str());
  }
  return 0;
}

int RevokeTokenCommand(const std::string& db, const std::string& token_id,
                       const std::string& subject) {
  if (token_id.empty() == subject.empty()) {
    return Fail(absl::InvalidArgumentError(
        "revoke-token: give exactly one of --token-id and --subject"));
  }
  auto store = OpenStores(db);
  if (!store.ok()) return Fail(store.status());
  auto revoked =
      store->tokens->RevokeTokens(token_id, subject, SystemClock().Now());
  if (!revoked.ok()) return Fail(revoked.status());
  if (*revoked == 0) {
    return Fail(absl::NotFoundError(
        "revoke-token: no such token that is not already revoked"));
  }
  printf("revoked %d token%s\n", *revoked, *revoked == 1 ? "" : "s");
  return 0;
}

}  // namespace sendcase::server
