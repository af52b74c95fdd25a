// The PostgreSQL backend against the storage conformance suite, port by
// port as they land: tokens, settings, rule sets, the audit trail and
// contacts so far. Each test gets a new database on the process's
// throw-away PostgreSQL 15, migrated to the baseline; reopening the same
// folder reaches the same database.
#include <map>

#include "absl/synchronization/mutex.h"
#include "services/storage/conformance/store_conformance.h"
#include "services/storage/postgres/pg_audit_store.h"
#include "services/storage/postgres/pg_contact_store.h"
#include "services/storage/postgres/pg_migrations.h"
#include "services/storage/postgres/pg_register_stores.h"
#include "services/storage/postgres/pg_token_store.h"
#include "tests/testing/postgres_cluster.h"

namespace sendcase::storage::conformance {
namespace {

using postgres::PgPool;

// The database of each test folder, made on first open.
absl::StatusOr<std::string> DatabaseFor(const std::string& dir) {
  static absl::Mutex mu(absl::kConstInit);
  static auto* databases = new std::map<std::string, std::string>();
  absl::MutexLock lock(&mu);
  if (auto it = databases->find(dir); it != databases->end()) {
    return it->second;
  }
  auto uri = testing::NewPostgresDatabase();
  if (!uri.ok()) return uri.status();
  (*databases)[dir] = *uri;
  return *uri;
}

// The ports the backend has so far, over one pool.
struct PgStores {
  std::unique_ptr<PgPool> pool;
  std::unique_ptr<postgres::PgTokenStore> tokens;
  std::unique_ptr<postgres::PgSettingStore> settings;
  std::unique_ptr<postgres::PgRuleSetStore> rule_sets;
  std::unique_ptr<postgres::PgAuditStore> audit;
  std::unique_ptr<postgres::PgContactStore> contacts;
};

absl::StatusOr<Stores> Open(const std::string& dir) {
  auto uri = DatabaseFor(dir);
  if (!uri.ok()) return uri.status();
  auto pool = PgPool::Open(*uri, 2);
  if (!pool.ok()) return pool.status();
  {
    auto conn = (*pool)->Acquire();
    if (!conn.ok()) return conn.status();
    if (absl::Status migrated = postgres::Migrate(**conn); !migrated.ok()) {
      return migrated;
    }
  }
  auto all = std::make_shared<PgStores>();
  all->pool = *std::move(pool);
  all->tokens = std::make_unique<postgres::PgTokenStore>(*all->pool);
  all->settings = std::make_unique<postgres::PgSettingStore>(*all->pool);
  all->rule_sets = std::make_unique<postgres::PgRuleSetStore>(*all->pool);
  all->audit = std::make_unique<postgres::PgAuditStore>(*all->pool);
  all->contacts = std::make_unique<postgres::PgContactStore>(*all->pool);
  Stores stores;
  stores.tokens = all->tokens.get();
  stores.settings = all->settings.get();
  stores.rule_sets = all->rule_sets.get();
  stores.audit = all->audit.get();
  stores.contacts = all->contacts.get();
  stores.owner = all;
  return stores;
}

const auto kPostgres = ::testing::Values(Backend{"Postgres", true, Open});
const auto kName = [](const auto& info) { return info.param.name; };
INSTANTIATE_TEST_SUITE_P(Postgres, TokenConformance, kPostgres, kName);
INSTANTIATE_TEST_SUITE_P(Postgres, SettingConformance, kPostgres, kName);
INSTANTIATE_TEST_SUITE_P(Postgres, RuleSetConformance, kPostgres, kName);
INSTANTIATE_TEST_SUITE_P(Postgres, AuditConformance, kPostgres, kName);
INSTANTIATE_TEST_SUITE_P(Postgres, ContactConformance, kPostgres, kName);

}  // namespace
}  // namespace sendcase::storage::conformance
