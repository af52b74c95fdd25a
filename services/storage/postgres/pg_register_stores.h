#ifndef SENDCASE_SERVICES_STORAGE_POSTGRES_PG_REGISTER_STORES_H_
#define SENDCASE_SERVICES_STORAGE_POSTGRES_PG_REGISTER_STORES_H_

// The rule sets and the settings register on PostgreSQL (rule_set_store.h,
// setting_store.h), passing RuleSetConformance and SettingConformance.
// Each call takes a connection from the pool; a setting's insert commits
// with its call's audit row (pg_write.h). Thread-safe.

#include "services/storage/postgres/pg_pool.h"
#include "services/storage/rule_set_store.h"
#include "services/storage/setting_store.h"

namespace sendcase::storage::postgres {

class PgRuleSetStore final : public RuleSetStore {
 public:
  explicit PgRuleSetStore(PgPool& pool) : pool_(pool) {}
  absl::Status PutRuleSet(const StoredRuleSet& rule_set, Instant now) override;
  absl::StatusOr<StoredRuleSet> GetRuleSet(const std::string& version) override;

 private:
  PgPool& pool_;
};

class PgSettingStore final : public SettingStore {
 public:
  explicit PgSettingStore(PgPool& pool) : pool_(pool) {}
  absl::Status PutSetting(
      const v1::Setting& setting, Instant now,
      const std::optional<std::string>& only_if_all_pupils_in_la) override;
  absl::StatusOr<Page<v1::Setting>> ListSettings(
      const Visibility& visibility, const PageRequest& page) override;
  absl::StatusOr<std::vector<std::string>> TrustSettings(
      const std::string& trust_id) override;
  absl::StatusOr<std::vector<std::string>> EarlyYearsSettings(
      const std::string& local_authority_code) override;

 private:
  absl::StatusOr<std::vector<std::string>> Urns(
      absl::string_view sql, const std::vector<PgParam>& params);

  PgPool& pool_;
};

}  // namespace sendcase::storage::postgres

#endif  // SENDCASE_SERVICES_STORAGE_POSTGRES_PG_REGISTER_STORES_H_
