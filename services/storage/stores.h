#ifndef SENDCASE_SERVICES_STORAGE_STORES_H_
#define SENDCASE_SERVICES_STORAGE_STORES_H_

// Stores: every storage port of one backend, open on one database. What
// the server and the command-line tools hold; services/server/
// store_factory.h opens one from the --db value. A backend may implement
// the ports with one object (SqliteStore does) or several; `owner` keeps
// whatever it made alive, and the port pointers are valid while it is.

#include <functional>
#include <memory>

#include "services/storage/alert_store.h"
#include "services/storage/audit_store.h"
#include "services/storage/case_store.h"
#include "services/storage/contact_store.h"
#include "services/storage/feed_store.h"
#include "services/storage/rule_set_store.h"
#include "services/storage/setting_store.h"
#include "services/storage/store_stats.h"
#include "services/storage/support_store.h"
#include "services/storage/task_store.h"
#include "services/storage/token_store.h"
#include "services/storage/view_store.h"

namespace sendcase::storage {

struct Stores {
  std::shared_ptr<void> owner;
  CaseStore* cases = nullptr;
  TaskStore* tasks = nullptr;
  TokenStore* tokens = nullptr;
  RuleSetStore* rule_sets = nullptr;
  AlertStore* alerts = nullptr;
  ContactStore* contacts = nullptr;
  ViewStore* views = nullptr;
  SettingStore* settings = nullptr;
  AuditStore* audit = nullptr;
  FeedStore* feed = nullptr;
  SupportStore* support = nullptr;
  // The backend's own counters for /metrics; empty when it keeps none.
  std::function<StoreStats()> stats;

  // Every port from one object that implements them all.
  template <typename All>
  static Stores Of(std::shared_ptr<All> all) {
    Stores s;
    All* a = all.get();
    s.cases = a;
    s.tasks = a;
    s.tokens = a;
    s.rule_sets = a;
    s.alerts = a;
    s.contacts = a;
    s.views = a;
    s.settings = a;
    s.audit = a;
    s.feed = a;
    s.support = a;
    s.owner = std::move(all);
    return s;
  }
};

}  // namespace sendcase::storage

#endif  // SENDCASE_SERVICES_STORAGE_STORES_H_
