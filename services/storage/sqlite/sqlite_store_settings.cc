// SqliteStore: the settings register (SettingStore).
#include "absl/strings/str_cat.h"
#include "services/common/error_reason.h"
#include "services/common/status_macros.h"
#include "services/storage/sqlite/sql_filter.h"
#include "services/storage/sqlite/sqlite_store.h"
#include "services/storage/stored_time.h"

namespace sendcase::storage {
namespace {

// The first column of every row: a list of URNs.
absl::StatusOr<std::vector<std::string>> ReadUrns(Statement& stmt) {
  std::vector<std::string> urns;
  while (true) {
    ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    urns.push_back(stmt.ColumnText(0));
  }
  return urns;
}

}  // namespace

absl::Status SqliteStore::PutSetting(
    const v1::Setting& s, Instant now,
    const std::optional<std::string>& only_if_all_pupils_in_la) {
  return CommitWrite(absl::StrCat("settings/", s.urn()), [&]() -> absl::Status {
    // One statement: no pupil of another LA can be recorded between the check
    // and the insert.
    ASSIGN_OR_RETURN(
        Statement stmt,
        db_->Prepare(
            "INSERT INTO settings (urn, display_name, phase, "
            "local_authority_code, trust_id, create_time) SELECT ?, ?, "
            "?, ?, ?, ? WHERE ?7 IS NULL OR NOT EXISTS (SELECT 1 FROM "
            "pupils WHERE setting_urn = ?1 AND local_authority_code != "
            "?7)"));
    stmt.Bind(1, s.urn())
        .Bind(2, s.display_name())
        .Bind(3, int64_t{s.phase()})
        .Bind(4, s.local_authority_code())
        .Bind(5, s.trust_id())
        .Bind(6, ToSeconds(now))
        .BindOptional(7, only_if_all_pupils_in_la);
    absl::Status status = stmt.Run();
    if (absl::IsAlreadyExists(status)) {
      return absl::AlreadyExistsError(
          absl::StrCat("settings/", s.urn(), " already exists"));
    }
    RETURN_IF_ERROR(status);
    if (db_->Changes() == 0) {
      return WithReason(
          absl::FailedPreconditionError(absl::StrCat(
              "settings/", s.urn(),
              ": pupils of other local authorities are recorded there")),
          kOtherLaPupilsReason);
    }
    return absl::OkStatus();
  });
}

absl::StatusOr<Page<v1::Setting>> SqliteStore::ListSettings(
    const Visibility& visibility, const PageRequest& page) {
  ReadConnection read(*this, Pool::kHot);
  SqlFilter filter;
  filter.And("s.rowid > ?", {page.after});
  filter.Visible(visibility, "s.urn", "s.local_authority_code");
  ASSIGN_OR_RETURN(Statement stmt,
                   read->Prepare(absl::StrCat(
                       "SELECT s.rowid, s.urn, s.display_name, s.phase, "
                       "s.local_authority_code, s.trust_id FROM settings s",
                       filter.Where(), " ORDER BY s.rowid LIMIT ?")));
  stmt.Bind(filter.BindTo(stmt, 1), int64_t{page.limit} + 1);
  return ReadPage<v1::Setting>(
      stmt, page.limit,
      [](const Statement& row) -> absl::StatusOr<v1::Setting> {
        v1::Setting s;
        s.set_name(absl::StrCat("settings/", row.ColumnText(1)));
        s.set_urn(row.ColumnText(1));
        s.set_display_name(row.ColumnText(2));
        s.set_phase(static_cast<v1::Setting::Phase>(row.ColumnInt64(3)));
        s.set_local_authority_code(row.ColumnText(4));
        s.set_trust_id(row.ColumnText(5));
        return s;
      });
}

absl::StatusOr<std::vector<std::string>> SqliteStore::TrustSettings(
    const std::string& trust_id) {
  ReadConnection read(*this, Pool::kHot);
  ASSIGN_OR_RETURN(Statement stmt,
                   read->Prepare("SELECT urn FROM settings WHERE trust_id = ? "
                                 "AND trust_id != '' ORDER BY urn"));
  stmt.Bind(1, trust_id);
  return ReadUrns(stmt);
}

absl::StatusOr<std::vector<std::string>> SqliteStore::EarlyYearsSettings(
    const std::string& local_authority_code) {
  ReadConnection read(*this, Pool::kHot);
  ASSIGN_OR_RETURN(Statement stmt,
                   read->Prepare("SELECT urn FROM settings WHERE "
                                 "local_authority_code = ? AND phase = ? "
                                 "ORDER BY urn"));
  stmt.Bind(1, local_authority_code)
      .Bind(2, static_cast<int64_t>(v1::Setting::EARLY_YEARS));
  return ReadUrns(stmt);
}

}  // namespace sendcase::storage
