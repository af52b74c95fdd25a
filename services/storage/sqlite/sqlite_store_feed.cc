// SqliteStore: the event feed (FeedStore).
#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"
#include "services/storage/sqlite/sql_filter.h"
#include "services/storage/sqlite/sqlite_store.h"
#include "services/storage/sqlite/transaction.h"
#include "services/storage/stored_time.h"

namespace sendcase::storage {

absl::Status SqliteStore::AppendFeedLocked(const JourneyName& journey,
                                           Instant record_time) {
  // Called right after the journey_events insert, in its transaction:
  // last_insert_rowid() is that event's revision.
  ASSIGN_OR_RETURN(
      Statement stmt,
      db_->Prepare("INSERT INTO event_feed (revision, journey_id, pupil_id, "
                   "setting_urn, local_authority_code, record_time) SELECT "
                   "last_insert_rowid(), ?, p.id, p.setting_urn, "
                   "p.local_authority_code, ? FROM pupils p WHERE p.id = ?"));
  stmt.Bind(1, journey.journey)
      .Bind(2, ToSeconds(record_time))
      .Bind(3, journey.pupil);
  return stmt.Run();
}

absl::StatusOr<std::vector<FeedEvent>> SqliteStore::ListFeed(
    const Visibility& visibility, int64_t after, int limit) {
  ReadConnection read(*this, Pool::kHot);
  SqlFilter filter;
  filter.And("f.revision > ?", {after});
  filter.Visible(visibility, "f");
  ASSIGN_OR_RETURN(
      Statement stmt,
      read->Prepare(absl::StrCat(
          "SELECT f.revision, f.pupil_id, f.journey_id, e.event FROM "
          "event_feed f JOIN journey_events e ON e.revision = f.revision",
          filter.Where(), " ORDER BY f.revision LIMIT ?")));
  stmt.Bind(filter.BindTo(stmt, 1), int64_t{limit});
  std::vector<FeedEvent> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    FeedEvent e;
    e.revision = stmt.ColumnInt64(0);
    e.pupil_id = stmt.ColumnText(1);
    e.journey_id = stmt.ColumnText(2);
    if (!e.event.ParseFromString(stmt.ColumnBlob(3))) {
      return absl::InternalError(
          absl::StrCat("journey_events revision ", e.revision, " is corrupt"));
    }
    out.push_back(std::move(e));
  }
  return out;
}

absl::StatusOr<FeedBounds> SqliteStore::FeedBoundsLocked() {
  ASSIGN_OR_RETURN(
      Statement stmt,
      db_->Prepare("SELECT (SELECT compacted_revision FROM feed_state), "
                   "(SELECT COALESCE(MAX(revision), 0) FROM journey_events)"));
  ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return absl::InternalError("feed bounds query returned no row");
  return FeedBounds{stmt.ColumnInt64(0), stmt.ColumnInt64(1)};
}

absl::StatusOr<FeedBounds> SqliteStore::GetFeedBounds() {
  absl::MutexLock lock(&mu_);
  return FeedBoundsLocked();
}

absl::StatusOr<FeedBounds> SqliteStore::CompactFeed(Instant before) {
  absl::MutexLock lock(&mu_);
  Transaction txn(*db_);
  RETURN_IF_ERROR(txn.Begin());
  // The watermark is the newest revision removed; later ones all stay even
  // if their clocks disagree (revision order is what clients resume by).
  ASSIGN_OR_RETURN(
      Statement cut,
      db_->Prepare("SELECT COALESCE(MAX(revision), 0) FROM event_feed WHERE "
                   "record_time < ?"));
  cut.Bind(1, ToSeconds(before));
  ASSIGN_OR_RETURN(bool row, cut.Step());
  const int64_t through = row ? cut.ColumnInt64(0) : 0;
  if (through > 0) {
    ASSIGN_OR_RETURN(Statement del, db_->Prepare("DELETE FROM event_feed WHERE "
                                                 "revision <= ?"));
    del.Bind(1, through);
    RETURN_IF_ERROR(del.Run());
    ASSIGN_OR_RETURN(Statement mark,
                     db_->Prepare("UPDATE feed_state SET compacted_revision = "
                                  "MAX(compacted_revision, ?)"));
    mark.Bind(1, through);
    RETURN_IF_ERROR(mark.Run());
  }
  RETURN_IF_ERROR(txn.Commit());
  return FeedBoundsLocked();
}

}  // namespace sendcase::storage
