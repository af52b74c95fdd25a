// SqliteStore: pupils' referrals to outside agencies (SupportStore). They
// are written only with the journey event they record
// (CommitTransition), read here.
#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"
#include "services/storage/sqlite/sqlite_store.h"

namespace sendcase::storage {
namespace {

std::string ReferralName(const PupilName& pupil, absl::string_view id) {
  return absl::StrCat(pupil.Format(), "/agencyReferrals/", id);
}

absl::StatusOr<ReferralRecord> ReadReferral(const Statement& s) {
  ReferralRecord r;
  r.pupil.pupil = s.ColumnText(0);
  r.id = s.ColumnText(1);
  r.version = s.ColumnInt64(2);
  if (!r.referral.ParseFromString(s.ColumnBlob(3))) {
    return absl::InternalError("stored referral is corrupt");
  }
  return r;
}

}  // namespace

absl::Status SqliteStore::WriteReferralLocked(const ReferralWrite& write) {
  const ReferralRecord& r = write.record;
  v1::AgencyReferral body = r.referral;
  body.clear_name();
  body.clear_etag();
  if (write.expected_version == 0) {
    ASSIGN_OR_RETURN(Statement insert,
                     db_->Prepare("INSERT INTO agency_referrals (pupil_id, id, "
                                  "version, body) VALUES (?, ?, ?, ?)"));
    insert.Bind(1, r.pupil.pupil)
        .Bind(2, r.id)
        .Bind(3, r.version)
        .BindBlob(4, body.SerializeAsString());
    absl::Status status = insert.Run();
    if (absl::IsAlreadyExists(status)) {
      return absl::AlreadyExistsError(
          absl::StrCat(ReferralName(r.pupil, r.id), " already exists"));
    }
    return status;
  }
  ASSIGN_OR_RETURN(Statement update,
                   db_->Prepare("UPDATE agency_referrals SET version = ?, "
                                "body = ? WHERE pupil_id = ? AND id = ? AND "
                                "version = ?"));
  update.Bind(1, r.version)
      .BindBlob(2, body.SerializeAsString())
      .Bind(3, r.pupil.pupil)
      .Bind(4, r.id)
      .Bind(5, write.expected_version);
  RETURN_IF_ERROR(update.Run());
  if (db_->Changes() != 1) {
    return absl::AbortedError(absl::StrCat(
        ReferralName(r.pupil, r.id),
        " was changed by another request or does not exist; read it again"));
  }
  return absl::OkStatus();
}

absl::Status SqliteStore::UpdateReferral(const ReferralWrite& referral,
                                         const WriteRecord& write) {
  return CommitWrite("", [&]() -> absl::Status {
    RETURN_IF_ERROR(WriteReferralLocked(referral));
    return PutWriteRecordLocked(write);
  });
}

absl::StatusOr<ReferralRecord> SqliteStore::GetReferral(const PupilName& pupil,
                                                        const std::string& id) {
  ReadConnection read(*this);
  ASSIGN_OR_RETURN(Statement stmt,
                   read->Prepare("SELECT pupil_id, id, version, body FROM "
                                 "agency_referrals WHERE pupil_id = ? AND "
                                 "id = ?"));
  stmt.Bind(1, pupil.pupil).Bind(2, id);
  ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) {
    return absl::NotFoundError(
        absl::StrCat(ReferralName(pupil, id), " not found"));
  }
  return ReadReferral(stmt);
}

absl::StatusOr<std::vector<ReferralRecord>> SqliteStore::ListReferrals(
    const PupilName& pupil) {
  ReadConnection read(*this);
  ASSIGN_OR_RETURN(Statement stmt,
                   read->Prepare("SELECT pupil_id, id, version, body FROM "
                                 "agency_referrals WHERE pupil_id = ? "
                                 "ORDER BY seq"));
  stmt.Bind(1, pupil.pupil);
  std::vector<ReferralRecord> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return out;
    ASSIGN_OR_RETURN(ReferralRecord r, ReadReferral(stmt));
    out.push_back(std::move(r));
  }
}

}  // namespace sendcase::storage
