#ifndef SENDCASE_TESTS_TESTING_CASEWORK_ENV_H_
#define SENDCASE_TESTS_TESTING_CASEWORK_ENV_H_

// CaseworkEnv: a CaseEngine over a real SQLite store (":memory:" or a file)
// and the shipped rules, for tests below the RPC layer. Header-only; the
// test target links sendcase_casework. Define SENDCASE_RULES_DIR.

#include <memory>
#include <string>

#include "rules/loader.h"
#include "services/auth/principal.h"
#include "services/casework/case_engine.h"
#include "services/storage/sqlite/sqlite_store.h"

namespace sendcase::testing {

struct CaseworkEnv {
  std::unique_ptr<storage::SqliteStore> store;
  std::unique_ptr<casework::RuleRegistry> registry;
  std::unique_ptr<casework::CaseEngine> engine;

  static absl::StatusOr<CaseworkEnv> Open(const std::string& db,
                                          const Clock& clock,
                                          casework::IdGenerator& ids,
                                          scheduler::AlertBus* bus = nullptr) {
    CaseworkEnv env;
    auto store = storage::SqliteStore::Open(db);
    if (!store.ok()) return store.status();
    env.store = *std::move(store);
    auto rules = rules::LoadRuleSet(SENDCASE_RULES_DIR);
    if (!rules.ok()) return rules.status();
    auto registry =
        casework::RuleRegistry::Create(*env.store, *rules, clock.Now());
    if (!registry.ok()) return registry.status();
    env.registry = *std::move(registry);
    env.engine = std::make_unique<casework::CaseEngine>(
        *env.store, *env.store, *env.registry, clock, ids, bus);
    return env;
  }
};

// A principal with `role` ("ADMIN" or a Role name) and `scope`.
inline auth::Principal Caller(const std::string& role, const std::string& scope,
                              const std::string& subject = "tester") {
  auth::Principal p;
  p.subject = subject;
  if (!auth::ParseRole(role, &p.admin, &p.role).ok()) abort();
  p.scope = *auth::Scope::Parse(scope);
  return p;
}

}  // namespace sendcase::testing

#endif  // SENDCASE_TESTS_TESTING_CASEWORK_ENV_H_
