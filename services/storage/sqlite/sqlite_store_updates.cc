// SqliteStore: changes to a pupil's details and a journey's case officer.
#include "absl/strings/str_cat.h"
#include "services/common/proto_time.h"
#include "services/common/status_macros.h"
#include "services/storage/alert_states.h"
#include "services/storage/needs_column.h"
#include "services/storage/sqlite/sqlite_store.h"
#include "services/storage/sqlite/transaction.h"
#include "services/storage/stored_time.h"

namespace sendcase::storage {

absl::Status SqliteStore::UpdatePupil(const PupilName& name,
                                      const v1::Pupil& pupil,
                                      int64_t expected_version,
                                      const std::optional<IdempotencyKey>& key,
                                      const std::string& response,
                                      Instant now) {
  ASSIGN_OR_RETURN(Day birth, FromProtoDate(pupil.birth_date(), "birth_date"));
  return CommitWrite("", [&]() -> absl::Status {
    if (!pupil.upn().empty()) {
      // A changed UPN (a temporary one replaced) must not be another pupil's.
      ASSIGN_OR_RETURN(
          Statement dup,
          db_->Prepare("SELECT 1 FROM pupils WHERE upn = ? AND id <> ?"));
      dup.Bind(1, pupil.upn()).Bind(2, name.pupil);
      ASSIGN_OR_RETURN(bool taken, dup.Step());
      if (taken) {
        return absl::AlreadyExistsError(
            "pupil.upn: another pupil already has this UPN");
      }
    }
    // Version check and update in one statement, as CommitTransition.
    ASSIGN_OR_RETURN(
        Statement update,
        db_->Prepare(
            "UPDATE pupils SET given_name = ?, family_name = ?, "
            "birth_date = ?, setting_urn = ?, local_authority_code = "
            "?, needs = ?, upn = ?, version = ?, upn_unknown = ?, sex = ?, "
            "ethnicity = ?, postcode = ?, uln = ? WHERE id = ? AND version = "
            "?"));
    update.Bind(1, pupil.given_name())
        .Bind(2, pupil.family_name())
        .Bind(3, FormatDay(birth))
        .Bind(4, pupil.setting_urn())
        .Bind(5, pupil.local_authority_code())
        .Bind(6, FormatNeeds({pupil.needs().begin(), pupil.needs().end()}))
        .BindOptional(7, UpnColumn(pupil))
        .Bind(8, NextVersion(expected_version))
        .BindOptional(9, UpnUnknownColumn(pupil))
        .Bind(10, int64_t{pupil.sex()})
        .Bind(11, pupil.ethnicity())
        .Bind(12, pupil.postcode())
        .Bind(13, pupil.unique_learner_number())
        .Bind(14, name.pupil)
        .Bind(15, expected_version);
    RETURN_IF_ERROR(update.Run());
    if (db_->Changes() != 1) {
      ASSIGN_OR_RETURN(Statement exists,
                       db_->Prepare("SELECT 1 FROM pupils WHERE id = ?"));
      exists.Bind(1, name.pupil);
      ASSIGN_OR_RETURN(bool found, exists.Step());
      if (!found) {
        return absl::NotFoundError(absl::StrCat(name.Format(), " not found"));
      }
      return absl::AbortedError(absl::StrCat(
          name.Format(),
          " was changed by another request; read it again and retry"));
    }
    // Reminders not yet fired go to the contacts of the pupil's new scope;
    // fired ones stay where they were delivered.
    ASSIGN_OR_RETURN(
        Statement alerts,
        db_->Prepare("UPDATE alerts SET setting_urn = ?, local_authority_code "
                     "= ? WHERE pupil_id = ? AND state = ?"));
    alerts.Bind(1, pupil.setting_urn())
        .Bind(2, pupil.local_authority_code())
        .Bind(3, name.pupil)
        .Bind(4, int64_t{kPending});
    RETURN_IF_ERROR(alerts.Run());
    if (key.has_value())
      RETURN_IF_ERROR(PutResponseLocked(*key, response, now));
    return absl::OkStatus();
  });
}

absl::Status SqliteStore::AssignCaseOfficer(const JourneyName& name,
                                            const std::string& case_officer,
                                            int64_t expected_version,
                                            Instant now) {
  return CommitWrite("", [&]() -> absl::Status {
    ASSIGN_OR_RETURN(
        Statement update,
        db_->Prepare("UPDATE journeys SET case_officer = ?, version = ?, "
                     "update_time = ? WHERE id = ? AND pupil_id = ? AND "
                     "version = ?"));
    update.Bind(1, case_officer)
        .Bind(2, NextVersion(expected_version))
        .Bind(3, ToSeconds(now))
        .Bind(4, name.journey)
        .Bind(5, name.pupil)
        .Bind(6, expected_version);
    RETURN_IF_ERROR(update.Run());
    if (db_->Changes() == 1) return absl::OkStatus();
    RETURN_IF_ERROR(GetJourneyLocked(name).status());
    return absl::AbortedError(absl::StrCat(
        name.Format(),
        " was changed by another request; read it again and retry"));
  });
}

}  // namespace sendcase::storage
