// Rule sets and settings on PostgreSQL (pg_register_stores.h).
#include "services/storage/postgres/pg_register_stores.h"

#include "absl/strings/str_cat.h"
#include "services/common/error_reason.h"
#include "services/common/status_macros.h"
#include "services/storage/postgres/pg_filter.h"
#include "services/storage/postgres/pg_values.h"
#include "services/storage/postgres/pg_write.h"

namespace sendcase::storage::postgres {
namespace {}  // namespace

absl::Status PgRuleSetStore::PutRuleSet(const StoredRuleSet& rule_set,
                                        Instant now) {
  ASSIGN_OR_RETURN(PgPool::Lease conn, pool_.Acquire());
  // Two replicas starting with one rule set both try: one inserts, the
  // other finds it, and both then compare digests.
  RETURN_IF_ERROR(
      conn->Exec(
              "INSERT INTO rule_sets (version, digest, "
              "definition, create_time) VALUES ($1, $2, $3, "
              "$4) ON CONFLICT (version) DO NOTHING",
              {PgParam::Text(rule_set.version), PgParam::Text(rule_set.digest),
               PgParam::Bytes(rule_set.definition), SecondsParam(now)})
          .status());
  ASSIGN_OR_RETURN(StoredRuleSet stored, GetRuleSet(rule_set.version));
  if (stored.digest == rule_set.digest) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrCat(
      "rule set version ", rule_set.version,
      " is already in use with different rules; give the changed rules a "
      "new version (ruleset.textproto)"));
}

absl::StatusOr<StoredRuleSet> PgRuleSetStore::GetRuleSet(
    const std::string& version) {
  ASSIGN_OR_RETURN(PgPool::Lease conn, pool_.Acquire());
  ASSIGN_OR_RETURN(PgResult found,
                   conn->Exec("SELECT digest, definition FROM rule_sets "
                              "WHERE version = $1",
                              {PgParam::Text(version)}));
  if (found.rows() == 0) {
    return absl::NotFoundError(
        absl::StrCat("rule set ", version, " not found"));
  }
  return StoredRuleSet{version, found.Text(0, 0), found.Bytes(0, 1)};
}

absl::Status PgSettingStore::PutSetting(
    const v1::Setting& s, Instant now,
    const std::optional<std::string>& only_if_all_pupils_in_la) {
  return PgWrite(
      pool_, absl::StrCat("settings/", s.urn()),
      [&](PgConnection& conn) -> absl::Status {
        // One statement: no pupil of another LA can be recorded between
        // the check and the insert.
        absl::StatusOr<PgResult> inserted = conn.Exec(
            "INSERT INTO settings (urn, display_name, phase, "
            "local_authority_code, trust_id, create_time) SELECT $1::text, "
            "$2::text, $3::bigint, $4::text, $5::text, $6::bigint WHERE "
            "$7::text IS NULL OR NOT EXISTS (SELECT 1 FROM pupils WHERE "
            "setting_urn = $1::text AND local_authority_code != $7::text)",
            {PgParam::Text(s.urn()), PgParam::Text(s.display_name()),
             PgParam::Int(s.phase()), PgParam::Text(s.local_authority_code()),
             PgParam::Text(s.trust_id()), SecondsParam(now),
             only_if_all_pupils_in_la.has_value()
                 ? PgParam::Text(*only_if_all_pupils_in_la)
                 : PgParam::Null()});
        if (absl::IsAlreadyExists(inserted.status())) {
          return absl::AlreadyExistsError(
              absl::StrCat("settings/", s.urn(), " already exists"));
        }
        if (!inserted.ok()) return inserted.status();
        if (inserted->affected() == 0) {
          return WithReason(
              absl::FailedPreconditionError(absl::StrCat(
                  "settings/", s.urn(),
                  ": pupils of other local authorities are recorded there")),
              kOtherLaPupilsReason);
        }
        return absl::OkStatus();
      });
}

absl::StatusOr<Page<v1::Setting>> PgSettingStore::ListSettings(
    const Visibility& visibility, const PageRequest& page) {
  PgFilter filter;
  filter.And("s.id > ?", {PgParam::Int(page.after)});
  filter.Visible(visibility, "s.urn", "s.local_authority_code");
  ASSIGN_OR_RETURN(PgPool::Lease conn, pool_.Acquire());
  // `id` stands for SQLite's rowid: the register in the order it was made.
  return ReadPage<v1::Setting>(
      *conn,
      absl::StrCat("SELECT s.id, s.urn, s.display_name, s.phase, "
                   "s.local_authority_code, s.trust_id FROM settings s",
                   filter.Where(), " ORDER BY s.id LIMIT ?"),
      filter.params(), page,
      [](const PgResult& r, int i) -> absl::StatusOr<v1::Setting> {
        v1::Setting s;
        s.set_name(absl::StrCat("settings/", r.Text(i, 1)));
        s.set_urn(r.Text(i, 1));
        s.set_display_name(r.Text(i, 2));
        s.set_phase(static_cast<v1::Setting::Phase>(r.Int64(i, 3)));
        s.set_local_authority_code(r.Text(i, 4));
        s.set_trust_id(r.Text(i, 5));
        return s;
      });
}

absl::StatusOr<std::vector<std::string>> PgSettingStore::Urns(
    absl::string_view sql, const std::vector<PgParam>& params) {
  ASSIGN_OR_RETURN(PgPool::Lease conn, pool_.Acquire());
  ASSIGN_OR_RETURN(PgResult rows, conn->Exec(sql, params));
  std::vector<std::string> urns;
  for (int i = 0; i < rows.rows(); ++i) urns.push_back(rows.Text(i, 0));
  return urns;
}

absl::StatusOr<std::vector<std::string>> PgSettingStore::TrustSettings(
    const std::string& trust_id) {
  return Urns(
      "SELECT urn FROM settings WHERE trust_id = $1 AND trust_id != '' "
      "ORDER BY urn",
      {PgParam::Text(trust_id)});
}

absl::StatusOr<std::vector<std::string>> PgSettingStore::EarlyYearsSettings(
    const std::string& local_authority_code) {
  return Urns(
      "SELECT urn FROM settings WHERE local_authority_code = $1 AND "
      "phase = $2 ORDER BY urn",
      {PgParam::Text(local_authority_code),
       PgParam::Int(v1::Setting::EARLY_YEARS)});
}

}  // namespace sendcase::storage::postgres
