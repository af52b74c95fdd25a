// SqliteStore: plan histories imported from other installations
// (SupportStore::InsertImportedHistory, ListImportedHistories).
#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"
#include "services/storage/sqlite/sqlite_store.h"

namespace sendcase::storage {

absl::Status SqliteStore::InsertImportedHistory(
    const ImportedHistoryRecord& imported, const WriteRecord& write) {
  return CommitWrite(
      absl::StrCat(imported.pupil.Format(), "/importedHistories/", imported.id),
      [&]() -> absl::Status {
        v1::ImportedPlanHistory body = imported.history;
        body.clear_name();
        ASSIGN_OR_RETURN(Statement stmt,
                         db_->Prepare("INSERT INTO imported_histories "
                                      "(pupil_id, id, body) VALUES (?, ?, ?)"));
        stmt.Bind(1, imported.pupil.pupil)
            .Bind(2, imported.id)
            .BindBlob(3, body.SerializeAsString());
        absl::Status status = stmt.Run();
        if (absl::IsFailedPrecondition(status)) {
          return absl::NotFoundError(
              absl::StrCat(imported.pupil.Format(), " not found"));
        }
        RETURN_IF_ERROR(status);
        return PutWriteRecordLocked(write);
      });
}

absl::StatusOr<std::vector<ImportedHistoryRecord>>
SqliteStore::ListImportedHistories(const PupilName& pupil) {
  ReadConnection read(*this);
  ASSIGN_OR_RETURN(Statement stmt,
                   read->Prepare("SELECT id, body FROM imported_histories "
                                 "WHERE pupil_id = ? ORDER BY seq"));
  stmt.Bind(1, pupil.pupil);
  std::vector<ImportedHistoryRecord> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return out;
    ImportedHistoryRecord record{pupil, stmt.ColumnText(0), {}};
    if (!record.history.ParseFromString(stmt.ColumnBlob(1))) {
      return absl::DataLossError(absl::StrCat(
          pupil.Format(), "/importedHistories/", record.id, ": unreadable"));
    }
    out.push_back(std::move(record));
  }
}

}  // namespace sendcase::storage
