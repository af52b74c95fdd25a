// Pupils' intervention places, agency referrals and imported plan
// histories on PostgreSQL (pg_support_store.h), and the places a setting's
// reports read: the rows of the SQLite backend's sqlite_store_support.cc,
// sqlite_store_referrals.cc and sqlite_store_imports.cc in PostgreSQL's
// SQL. Dates are "YYYY-MM-DD" text, compared as text (the database's C
// collation orders them as SQLite's BINARY does; 0001_baseline.sql).
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "services/common/proto_time.h"
#include "services/common/status_macros.h"
#include "services/storage/postgres/pg_support_store.h"
#include "services/storage/postgres/pg_support_writes.h"
#include "services/storage/postgres/pg_values.h"
#include "services/storage/postgres/pg_write.h"

namespace sendcase::storage::postgres {
namespace {

std::string InterventionName(absl::string_view urn, absl::string_view id) {
  return absl::StrCat("settings/", urn, "/interventions/", id);
}

std::string ReferralName(const PupilName& pupil, absl::string_view id) {
  return absl::StrCat(pupil.Format(), "/agencyReferrals/", id);
}

// Columns of a place row, in the order PlaceRow expects them.
constexpr absl::string_view kPlaceColumns =
    "pl.pupil_id, pl.id, pl.setting_urn, pl.intervention_id, pl.version, "
    "pl.body";

absl::StatusOr<PlaceRecord> PlaceRow(const PgResult& r, int i) {
  PlaceRecord out;
  out.pupil.pupil = r.Text(i, 0);
  out.id = r.Text(i, 1);
  out.setting_urn = r.Text(i, 2);
  out.intervention_id = r.Text(i, 3);
  out.version = r.Int64(i, 4);
  if (!out.place.ParseFromString(r.Bytes(i, 5))) {
    return absl::InternalError("stored place is corrupt");
  }
  return out;
}

absl::StatusOr<ReferralRecord> ReferralRow(const PgResult& r, int i) {
  ReferralRecord out;
  out.pupil.pupil = r.Text(i, 0);
  out.id = r.Text(i, 1);
  out.version = r.Int64(i, 2);
  if (!out.referral.ParseFromString(r.Bytes(i, 3))) {
    return absl::InternalError("stored referral is corrupt");
  }
  return out;
}

// The end_date column: NULL for a place with no end (or an end that is no
// date, as SQLite's EndDay).
PgParam EndDayParam(const v1::InterventionPlace& place) {
  if (!place.has_end_date()) return PgParam::Null();
  absl::StatusOr<Day> day = FromProtoDate(place.end_date(), "end_date");
  return day.ok() ? DayParam(*day) : PgParam::Null();
}

// The start_date column: "" for a start that is no date, as SQLite's
// StartDay.
PgParam StartDayParam(const v1::InterventionPlace& place) {
  absl::StatusOr<Day> day = FromProtoDate(place.start_date(), "start_date");
  return day.ok() ? DayParam(*day) : PgParam::Text("");
}

// Every row of `rows`, read with `read(rows, i)`.
template <typename T, typename Reader>
absl::StatusOr<std::vector<T>> ReadAll(const PgResult& rows, Reader read) {
  std::vector<T> out;
  for (int i = 0; i < rows.rows(); ++i) {
    absl::StatusOr<T> item = read(rows, i);
    if (!item.ok()) return item.status();
    out.push_back(*std::move(item));
  }
  return out;
}

}  // namespace

absl::Status PgSupportStore::InsertPlace(const PlaceRecord& place,
                                         const WriteRecord& write) {
  return PgWrite(
      pool_,
      absl::StrCat(place.pupil.Format(), "/interventionPlaces/", place.id),
      [&](PgConnection& conn) -> absl::Status {
        v1::InterventionPlace body = place.place;
        body.clear_name();
        body.clear_etag();
        absl::Status status =
            conn.Exec(
                    "INSERT INTO intervention_places (pupil_id, id, "
                    "setting_urn, intervention_id, start_date, end_date, "
                    "version, body) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                    {PgParam::Text(place.pupil.pupil), PgParam::Text(place.id),
                     PgParam::Text(place.setting_urn),
                     PgParam::Text(place.intervention_id), StartDayParam(body),
                     EndDayParam(body), PgParam::Int(place.version),
                     PgParam::Bytes(body.SerializeAsString())})
                .status();
        // A missing pupil or intervention (23503) arrives as
        // FailedPrecondition, as SQLite's FOREIGNKEY does; a taken id
        // (23505) goes back as AlreadyExists with the server's message,
        // as SQLite's does with its own.
        if (absl::IsFailedPrecondition(status)) {
          return absl::NotFoundError(absl::StrCat(
              place.pupil.Format(), " or ",
              InterventionName(place.setting_urn, place.intervention_id),
              " not found"));
        }
        RETURN_IF_ERROR(status);
        return PutWriteRecord(conn, write);
      });
}

absl::Status PgSupportStore::UpdatePlace(const PlaceRecord& place,
                                         int64_t expected_version,
                                         const WriteRecord& write) {
  return PgWrite(pool_, "", [&](PgConnection& conn) -> absl::Status {
    v1::InterventionPlace body = place.place;
    body.clear_name();
    body.clear_etag();
    ASSIGN_OR_RETURN(
        PgResult updated,
        conn.Exec("UPDATE intervention_places SET end_date = $1, "
                  "version = $2, body = $3 WHERE pupil_id = $4 AND id = $5 "
                  "AND version = $6",
                  {EndDayParam(body), PgParam::Int(place.version),
                   PgParam::Bytes(body.SerializeAsString()),
                   PgParam::Text(place.pupil.pupil), PgParam::Text(place.id),
                   PgParam::Int(expected_version)}));
    if (updated.affected() != 1) {
      return absl::AbortedError(
          absl::StrCat(place.pupil.Format(), "/interventionPlaces/", place.id,
                       " was changed by another request or does not exist; "
                       "read it again and retry"));
    }
    return PutWriteRecord(conn, write);
  });
}

absl::StatusOr<PlaceRecord> PgSupportStore::GetPlace(const PupilName& pupil,
                                                     const std::string& id) {
  ASSIGN_OR_RETURN(PgPool::Lease conn, pool_.Acquire());
  ASSIGN_OR_RETURN(PgResult found,
                   conn->Exec(absl::StrCat("SELECT ", kPlaceColumns,
                                           " FROM intervention_places pl WHERE "
                                           "pl.pupil_id = $1 AND pl.id = $2"),
                              {PgParam::Text(pupil.pupil), PgParam::Text(id)}));
  if (found.rows() == 0) {
    return absl::NotFoundError(
        absl::StrCat(pupil.Format(), "/interventionPlaces/", id, " not found"));
  }
  return PlaceRow(found, 0);
}

absl::StatusOr<std::vector<PlaceRecord>> PgSupportStore::ListPlaces(
    const PupilName& pupil) {
  ASSIGN_OR_RETURN(PgPool::Lease conn, pool_.Acquire());
  ASSIGN_OR_RETURN(PgResult rows,
                   conn->Exec(absl::StrCat("SELECT ", kPlaceColumns,
                                           " FROM intervention_places pl WHERE "
                                           "pl.pupil_id = $1 ORDER BY pl.seq"),
                              {PgParam::Text(pupil.pupil)}));
  return ReadAll<PlaceRecord>(rows, PlaceRow);
}

absl::StatusOr<ReferralRecord> PgSupportStore::GetReferral(
    const PupilName& pupil, const std::string& id) {
  ASSIGN_OR_RETURN(PgPool::Lease conn, pool_.Acquire());
  ASSIGN_OR_RETURN(
      PgResult found,
      conn->Exec("SELECT pupil_id, id, version, body FROM agency_referrals "
                 "WHERE pupil_id = $1 AND id = $2",
                 {PgParam::Text(pupil.pupil), PgParam::Text(id)}));
  if (found.rows() == 0) {
    return absl::NotFoundError(
        absl::StrCat(ReferralName(pupil, id), " not found"));
  }
  return ReferralRow(found, 0);
}

absl::Status PgSupportStore::UpdateReferral(const ReferralWrite& referral,
                                            const WriteRecord& write) {
  return PgWrite(pool_, "", [&](PgConnection& conn) -> absl::Status {
    RETURN_IF_ERROR(WriteReferral(conn, referral));
    return PutWriteRecord(conn, write);
  });
}

absl::StatusOr<std::vector<ReferralRecord>> PgSupportStore::ListReferrals(
    const PupilName& pupil) {
  ASSIGN_OR_RETURN(PgPool::Lease conn, pool_.Acquire());
  ASSIGN_OR_RETURN(
      PgResult rows,
      conn->Exec("SELECT pupil_id, id, version, body FROM agency_referrals "
                 "WHERE pupil_id = $1 ORDER BY seq",
                 {PgParam::Text(pupil.pupil)}));
  return ReadAll<ReferralRecord>(rows, ReferralRow);
}

absl::Status PgSupportStore::InsertImportedHistory(
    const ImportedHistoryRecord& imported, const WriteRecord& write) {
  return PgWrite(
      pool_,
      absl::StrCat(imported.pupil.Format(), "/importedHistories/", imported.id),
      [&](PgConnection& conn) -> absl::Status {
        v1::ImportedPlanHistory body = imported.history;
        body.clear_name();
        absl::Status status =
            conn.Exec(
                    "INSERT INTO imported_histories (pupil_id, id, body) "
                    "VALUES ($1, $2, $3)",
                    {PgParam::Text(imported.pupil.pupil),
                     PgParam::Text(imported.id),
                     PgParam::Bytes(body.SerializeAsString())})
                .status();
        // As in InsertPlace: a missing pupil is NotFound; a taken id goes
        // back as AlreadyExists with the server's message.
        if (absl::IsFailedPrecondition(status)) {
          return absl::NotFoundError(
              absl::StrCat(imported.pupil.Format(), " not found"));
        }
        RETURN_IF_ERROR(status);
        return PutWriteRecord(conn, write);
      });
}

absl::StatusOr<std::vector<ImportedHistoryRecord>>
PgSupportStore::ListImportedHistories(const PupilName& pupil) {
  ASSIGN_OR_RETURN(PgPool::Lease conn, pool_.Acquire());
  ASSIGN_OR_RETURN(PgResult rows,
                   conn->Exec("SELECT id, body FROM imported_histories WHERE "
                              "pupil_id = $1 ORDER BY seq",
                              {PgParam::Text(pupil.pupil)}));
  return ReadAll<ImportedHistoryRecord>(
      rows,
      [&](const PgResult& r, int i) -> absl::StatusOr<ImportedHistoryRecord> {
        ImportedHistoryRecord record{pupil, r.Text(i, 0), {}};
        if (!record.history.ParseFromString(r.Bytes(i, 1))) {
          return absl::DataLossError(absl::StrCat(pupil.Format(),
                                                  "/importedHistories/",
                                                  record.id, ": unreadable"));
        }
        return record;
      });
}

absl::StatusOr<std::vector<SettingPlaceRow>> PgSupportStore::ListSettingPlaces(
    const std::string& setting_urn, PlaceWindow window, Day first, Day last) {
  // A place still open of a pupil who has left the setting stops counting:
  // the school can no longer close it. $1 the setting, $2 the window's
  // first day, $3 its last (SQLite's ?1..?3); every window uses all three,
  // so each parameter's type is inferred from its column.
  const absl::string_view where =
      window == PlaceWindow::kOverlapping
          ? "pl.start_date <= $3 AND (pl.end_date >= $2 OR (pl.end_date IS "
            "NULL AND p.setting_urn = pl.setting_urn))"
          : "pl.end_date BETWEEN $2 AND $3";
  // SQLite reads this on its pool of view connections (kViews); here it
  // takes a connection from the one pool like every other read.
  ASSIGN_OR_RETURN(PgPool::Lease conn, pool_.Acquire());
  ASSIGN_OR_RETURN(
      PgResult rows,
      conn->Exec(
          absl::StrCat("SELECT ", kPlaceColumns,
                       ", j.state FROM intervention_places pl JOIN pupils p ON "
                       "p.id = pl.pupil_id JOIN journeys j ON j.id = "
                       "p.current_journey_id WHERE pl.setting_urn = $1 AND ",
                       where, " ORDER BY pl.seq"),
          {PgParam::Text(setting_urn), DayParam(first), DayParam(last)}));
  return ReadAll<SettingPlaceRow>(
      rows, [](const PgResult& r, int i) -> absl::StatusOr<SettingPlaceRow> {
        SettingPlaceRow row;
        ASSIGN_OR_RETURN(row.place, PlaceRow(r, i));
        row.journey_state = static_cast<v1::Journey::State>(r.Int64(i, 6));
        return row;
      });
}

}  // namespace sendcase::storage::postgres
