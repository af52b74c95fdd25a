// Every port on one PostgreSQL database (pg_stores.h).
#include "services/storage/postgres/pg_stores.h"

#include <memory>

#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"
#include "services/storage/postgres/pg_alert_store.h"
#include "services/storage/postgres/pg_audit_store.h"
#include "services/storage/postgres/pg_case_store.h"
#include "services/storage/postgres/pg_contact_store.h"
#include "services/storage/postgres/pg_migrations.h"
#include "services/storage/postgres/pg_register_stores.h"
#include "services/storage/postgres/pg_support_store.h"
#include "services/storage/postgres/pg_token_store.h"
#include "services/storage/postgres/pg_view_store.h"

namespace sendcase::storage::postgres {
namespace {

// The ports, each a small object over the one pool, which outlives them
// (declared first, destroyed last).
struct PgPorts {
  std::unique_ptr<PgPool> pool;
  std::unique_ptr<PgCaseStore> cases;
  std::unique_ptr<PgAlertStore> alerts;
  std::unique_ptr<PgTokenStore> tokens;
  std::unique_ptr<PgSettingStore> settings;
  std::unique_ptr<PgRuleSetStore> rule_sets;
  std::unique_ptr<PgAuditStore> audit;
  std::unique_ptr<PgContactStore> contacts;
  std::unique_ptr<PgViewStore> views;
  std::unique_ptr<PgSupportStore> support;
};

}  // namespace

absl::StatusOr<Stores> OpenPostgresStores(const std::string& uri,
                                          int pool_size) {
  auto ports = std::make_shared<PgPorts>();
  ASSIGN_OR_RETURN(ports->pool, PgPool::Open(uri, pool_size));
  {
    ASSIGN_OR_RETURN(PgPool::Lease conn, ports->pool->Acquire());
    RETURN_IF_ERROR(CheckCollation(*conn));
    RETURN_IF_ERROR(Migrate(*conn));
  }
  PgPool& pool = *ports->pool;
  ports->cases = std::make_unique<PgCaseStore>(pool);
  ports->alerts = std::make_unique<PgAlertStore>(pool);
  ports->tokens = std::make_unique<PgTokenStore>(pool);
  ports->settings = std::make_unique<PgSettingStore>(pool);
  ports->rule_sets = std::make_unique<PgRuleSetStore>(pool);
  ports->audit = std::make_unique<PgAuditStore>(pool);
  ports->contacts = std::make_unique<PgContactStore>(pool);
  ports->views = std::make_unique<PgViewStore>(pool);
  ports->support = std::make_unique<PgSupportStore>(pool);
  Stores s;
  s.cases = ports->cases.get();
  s.tasks = ports->cases.get();
  s.feed = ports->cases.get();
  s.alerts = ports->alerts.get();
  s.tokens = ports->tokens.get();
  s.settings = ports->settings.get();
  s.rule_sets = ports->rule_sets.get();
  s.audit = ports->audit.get();
  s.contacts = ports->contacts.get();
  s.views = ports->views.get();
  s.support = ports->support.get();
  s.owner = std::move(ports);
  return s;
}

// "C" and "POSIX" compare by bytes and fold ASCII only, as SQLite does.
// glibc's C.UTF-8 collates by code point, which for UTF-8 is byte order,
// but classifies (and lower()s) non-ASCII letters too: accepted for
// LC_COLLATE only.
absl::Status CheckCollation(PgConnection& conn) {
  ASSIGN_OR_RETURN(PgResult db,
                   conn.Exec("SELECT datcollate, datctype, datlocprovider "
                             "FROM pg_database WHERE datname = "
                             "current_database()"));
  // An ICU database sorts by ICU's rules whatever LC_COLLATE says.
  if (db.rows() > 0 && db.Text(0, 2) != "c") {
    return absl::FailedPreconditionError(
        "the database sorts text with ICU; sendcase needs C: create it with "
        "createdb --template=template0 --locale-provider=libc "
        "--lc-collate=C --lc-ctype=C");
  }
  for (int col : {0, 1}) {
    const std::string value = db.rows() > 0 ? db.Text(0, col) : "";
    const bool c_utf8 = value == "C.UTF-8" || value == "C.utf8";
    if (value != "C" && value != "POSIX" && !(col == 0 && c_utf8)) {
      return absl::FailedPreconditionError(absl::StrCat(
          "the database's ", col == 0 ? "LC_COLLATE" : "LC_CTYPE", " is '",
          value,
          "'; sendcase needs C: create it with createdb --template=template0 "
          "--locale-provider=libc --lc-collate=C --lc-ctype=C"));
    }
  }
  return absl::OkStatus();
}

}  // namespace sendcase::storage::postgres
