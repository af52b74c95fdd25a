// SqliteStore: the graduated approach (SupportStore): interventions,
// support plans and intervention places. Messages are kept whole in `body`;
// the columns beside them are what queries select, join and order on.
#include "absl/strings/str_cat.h"
#include "services/common/proto_time.h"
#include "services/common/status_macros.h"
#include "services/storage/sqlite/sql_filter.h"
#include "services/storage/sqlite/sqlite_store.h"
#include "services/storage/stored_time.h"

namespace sendcase::storage {
namespace {

template <typename Message>
absl::StatusOr<Message> ParseBody(const std::string& bytes,
                                  absl::string_view what) {
  Message m;
  if (!m.ParseFromString(bytes)) {
    return absl::InternalError(absl::StrCat("stored ", what, " is corrupt"));
  }
  return m;
}

std::string InterventionName(absl::string_view urn, absl::string_view id) {
  return absl::StrCat("settings/", urn, "/interventions/", id);
}

// Columns of a place row, in the order ReadPlace expects them.
constexpr char kPlaceColumns[] =
    "pl.pupil_id, pl.id, pl.setting_urn, pl.intervention_id, pl.version, "
    "pl.body";

absl::StatusOr<PlaceRecord> ReadPlace(const Statement& s) {
  PlaceRecord r;
  r.pupil.pupil = s.ColumnText(0);
  r.id = s.ColumnText(1);
  r.setting_urn = s.ColumnText(2);
  r.intervention_id = s.ColumnText(3);
  r.version = s.ColumnInt64(4);
  ASSIGN_OR_RETURN(r.place,
                   ParseBody<v1::InterventionPlace>(s.ColumnBlob(5), "place"));
  return r;
}

absl::StatusOr<SupportPlanRecord> ReadPlan(const Statement& s) {
  SupportPlanRecord r;
  r.pupil.pupil = s.ColumnText(0);
  r.cycle = static_cast<int>(s.ColumnInt64(1));
  r.version = s.ColumnInt64(2);
  ASSIGN_OR_RETURN(r.plan,
                   ParseBody<v1::SupportPlan>(s.ColumnBlob(3), "support plan"));
  return r;
}

std::optional<std::string> EndDay(const v1::InterventionPlace& place) {
  if (!place.has_end_date()) return std::nullopt;
  auto day = FromProtoDate(place.end_date(), "end_date");
  if (!day.ok()) return std::nullopt;
  return FormatDay(*day);
}

std::string StartDay(const v1::InterventionPlace& place) {
  auto day = FromProtoDate(place.start_date(), "start_date");
  return day.ok() ? FormatDay(*day) : std::string();
}

}  // namespace

absl::Status SqliteStore::PutWriteRecordLocked(const WriteRecord& write) {
  if (!write.key.has_value()) return absl::OkStatus();
  return PutResponseLocked(*write.key, write.response, write.now);
}

absl::Status SqliteStore::CreateIntervention(
    const std::string& setting_urn, const std::string& id,
    const v1::Intervention& intervention, const WriteRecord& write) {
  return CommitWrite(InterventionName(setting_urn, id), [&]() -> absl::Status {
    v1::Intervention body = intervention;
    body.clear_name();
    ASSIGN_OR_RETURN(Statement stmt,
                     db_->Prepare("INSERT INTO interventions (setting_urn, id, "
                                  "create_time, body) VALUES (?, ?, ?, ?)"));
    stmt.Bind(1, setting_urn)
        .Bind(2, id)
        .Bind(3, ToSeconds(write.now))
        .BindBlob(4, body.SerializeAsString());
    absl::Status status = stmt.Run();
    if (absl::IsAlreadyExists(status)) {
      return absl::AlreadyExistsError(
          absl::StrCat(InterventionName(setting_urn, id), " already exists"));
    }
    RETURN_IF_ERROR(status);
    return PutWriteRecordLocked(write);
  });
}

absl::StatusOr<v1::Intervention> SqliteStore::GetIntervention(
    const std::string& setting_urn, const std::string& id) {
  ReadConnection read(*this);
  ASSIGN_OR_RETURN(Statement stmt,
                   read->Prepare("SELECT body FROM interventions WHERE "
                                 "setting_urn = ? AND id = ?"));
  stmt.Bind(1, setting_urn).Bind(2, id);
  ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) {
    return absl::NotFoundError(
        absl::StrCat(InterventionName(setting_urn, id), " not found"));
  }
  ASSIGN_OR_RETURN(
      v1::Intervention out,
      ParseBody<v1::Intervention>(stmt.ColumnBlob(0), "intervention"));
  out.set_name(InterventionName(setting_urn, id));
  return out;
}

absl::StatusOr<Page<v1::Intervention>> SqliteStore::ListInterventions(
    const std::string& setting_urn, const PageRequest& page) {
  ReadConnection read(*this);
  ASSIGN_OR_RETURN(
      Statement stmt,
      read->Prepare("SELECT seq, id, body FROM interventions WHERE "
                    "setting_urn = ? AND seq > ? ORDER BY seq LIMIT ?"));
  stmt.Bind(1, setting_urn)
      .Bind(2, page.after)
      .Bind(3, int64_t{page.limit} + 1);
  return ReadPage<v1::Intervention>(
      stmt, page.limit,
      [&](const Statement& row) -> absl::StatusOr<v1::Intervention> {
        ASSIGN_OR_RETURN(
            v1::Intervention item,
            ParseBody<v1::Intervention>(row.ColumnBlob(2), "intervention"));
        item.set_name(InterventionName(setting_urn, row.ColumnText(1)));
        return item;
      });
}

absl::Status SqliteStore::InsertPlanLocked(const SupportPlanRecord& plan) {
  v1::SupportPlan body = plan.plan;
  body.clear_name();
  body.clear_etag();
  ASSIGN_OR_RETURN(
      Statement stmt,
      db_->Prepare("INSERT INTO support_plans (pupil_id, cycle, "
                   "state, version, body) VALUES (?, ?, ?, ?, ?)"));
  stmt.Bind(1, plan.pupil.pupil)
      .Bind(2, int64_t{plan.cycle})
      .Bind(3, int64_t{body.state()})
      .Bind(4, plan.version)
      .BindBlob(5, body.SerializeAsString());
  absl::Status status = stmt.Run();
  if (absl::IsAlreadyExists(status)) {
    return absl::AlreadyExistsError(absl::StrCat(
        plan.pupil.Format(), "/supportPlans/", plan.cycle, " already exists"));
  }
  if (absl::IsFailedPrecondition(status)) {
    return absl::NotFoundError(absl::StrCat(plan.pupil.Format(), " not found"));
  }
  return status;
}

absl::Status SqliteStore::UpdatePlanLocked(const SupportPlanRecord& plan,
                                           int64_t expected_version) {
  v1::SupportPlan body = plan.plan;
  body.clear_name();
  body.clear_etag();
  ASSIGN_OR_RETURN(Statement stmt,
                   db_->Prepare("UPDATE support_plans SET state = ?, "
                                "version = ?, body = ? WHERE pupil_id = ? AND "
                                "cycle = ? AND version = ?"));
  stmt.Bind(1, int64_t{body.state()})
      .Bind(2, plan.version)
      .BindBlob(3, body.SerializeAsString())
      .Bind(4, plan.pupil.pupil)
      .Bind(5, int64_t{plan.cycle})
      .Bind(6, expected_version);
  RETURN_IF_ERROR(stmt.Run());
  if (db_->Changes() == 1) return absl::OkStatus();
  const std::string name =
      absl::StrCat(plan.pupil.Format(), "/supportPlans/", plan.cycle);
  ASSIGN_OR_RETURN(Statement exists,
                   db_->Prepare("SELECT 1 FROM support_plans WHERE "
                                "pupil_id = ? AND cycle = ?"));
  exists.Bind(1, plan.pupil.pupil).Bind(2, int64_t{plan.cycle});
  ASSIGN_OR_RETURN(bool found, exists.Step());
  if (!found) return absl::NotFoundError(absl::StrCat(name, " not found"));
  return absl::AbortedError(absl::StrCat(
      name, " was changed by another request; read it again and retry"));
}

absl::Status SqliteStore::InsertSupportPlan(const SupportPlanRecord& plan,
                                            const WriteRecord& write) {
  return CommitWrite(
      absl::StrCat(plan.pupil.Format(), "/supportPlans/", plan.cycle),
      [&]() -> absl::Status {
        RETURN_IF_ERROR(InsertPlanLocked(plan));
        return PutWriteRecordLocked(write);
      });
}

absl::Status SqliteStore::UpdateSupportPlan(const SupportPlanRecord& plan,
                                            int64_t expected_version,
                                            const WriteRecord& write) {
  return CommitWrite("", [&]() -> absl::Status {
    RETURN_IF_ERROR(UpdatePlanLocked(plan, expected_version));
    return PutWriteRecordLocked(write);
  });
}

absl::Status SqliteStore::ReviewSupportPlan(const SupportPlanRecord& reviewed,
                                            int64_t expected_version,
                                            const SupportPlanRecord& next_draft,
                                            const WriteRecord& write) {
  return CommitWrite("", [&]() -> absl::Status {
    RETURN_IF_ERROR(UpdatePlanLocked(reviewed, expected_version));
    RETURN_IF_ERROR(InsertPlanLocked(next_draft));
    return PutWriteRecordLocked(write);
  });
}

absl::StatusOr<SupportPlanRecord> SqliteStore::GetSupportPlan(
    const PupilName& pupil, int cycle) {
  ReadConnection read(*this);
  ASSIGN_OR_RETURN(Statement stmt,
                   read->Prepare("SELECT pupil_id, cycle, version, body FROM "
                                 "support_plans WHERE pupil_id = ? AND "
                                 "cycle = ?"));
  stmt.Bind(1, pupil.pupil).Bind(2, int64_t{cycle});
  ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) {
    return absl::NotFoundError(
        absl::StrCat(pupil.Format(), "/supportPlans/", cycle, " not found"));
  }
  return ReadPlan(stmt);
}

absl::StatusOr<std::vector<SupportPlanRecord>> SqliteStore::ListSupportPlans(
    const PupilName& pupil) {
  ReadConnection read(*this);
  ASSIGN_OR_RETURN(Statement stmt,
                   read->Prepare("SELECT pupil_id, cycle, version, body FROM "
                                 "support_plans WHERE pupil_id = ? "
                                 "ORDER BY cycle"));
  stmt.Bind(1, pupil.pupil);
  std::vector<SupportPlanRecord> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return out;
    ASSIGN_OR_RETURN(SupportPlanRecord plan, ReadPlan(stmt));
    out.push_back(std::move(plan));
  }
}

absl::Status SqliteStore::InsertPlace(const PlaceRecord& place,
                                      const WriteRecord& write) {
  return CommitWrite(
      absl::StrCat(place.pupil.Format(), "/interventionPlaces/", place.id),
      [&]() -> absl::Status {
        v1::InterventionPlace body = place.place;
        body.clear_name();
        body.clear_etag();
        ASSIGN_OR_RETURN(
            Statement stmt,
            db_->Prepare("INSERT INTO intervention_places (pupil_id, id, "
                         "setting_urn, intervention_id, start_date, end_date, "
                         "version, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
        stmt.Bind(1, place.pupil.pupil)
            .Bind(2, place.id)
            .Bind(3, place.setting_urn)
            .Bind(4, place.intervention_id)
            .Bind(5, StartDay(body))
            .BindOptional(6, EndDay(body))
            .Bind(7, place.version)
            .BindBlob(8, body.SerializeAsString());
        absl::Status status = stmt.Run();
        if (absl::IsFailedPrecondition(status)) {
          return absl::NotFoundError(absl::StrCat(
              place.pupil.Format(), " or ",
              InterventionName(place.setting_urn, place.intervention_id),
              " not found"));
        }
        RETURN_IF_ERROR(status);
        return PutWriteRecordLocked(write);
      });
}

absl::Status SqliteStore::UpdatePlace(const PlaceRecord& place,
                                      int64_t expected_version,
                                      const WriteRecord& write) {
  return CommitWrite("", [&]() -> absl::Status {
    v1::InterventionPlace body = place.place;
    body.clear_name();
    body.clear_etag();
    ASSIGN_OR_RETURN(
        Statement stmt,
        db_->Prepare("UPDATE intervention_places SET end_date = ?, "
                     "version = ?, body = ? WHERE pupil_id = ? AND id = ? "
                     "AND version = ?"));
    stmt.BindOptional(1, EndDay(body))
        .Bind(2, place.version)
        .BindBlob(3, body.SerializeAsString())
        .Bind(4, place.pupil.pupil)
        .Bind(5, place.id)
        .Bind(6, expected_version);
    RETURN_IF_ERROR(stmt.Run());
    if (db_->Changes() != 1) {
      return absl::AbortedError(
          absl::StrCat(place.pupil.Format(), "/interventionPlaces/", place.id,
                       " was changed by another request or does not exist; "
                       "read it again and retry"));
    }
    return PutWriteRecordLocked(write);
  });
}

absl::StatusOr<PlaceRecord> SqliteStore::GetPlace(const PupilName& pupil,
                                                  const std::string& id) {
  ReadConnection read(*this);
  ASSIGN_OR_RETURN(Statement stmt,
                   read->Prepare(absl::StrCat(
                       "SELECT ", kPlaceColumns,
                       " FROM intervention_places pl WHERE pl.pupil_id = ? "
                       "AND pl.id = ?")));
  stmt.Bind(1, pupil.pupil).Bind(2, id);
  ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) {
    return absl::NotFoundError(
        absl::StrCat(pupil.Format(), "/interventionPlaces/", id, " not found"));
  }
  return ReadPlace(stmt);
}

absl::StatusOr<std::vector<PlaceRecord>> SqliteStore::ListPlaces(
    const PupilName& pupil) {
  ReadConnection read(*this);
  ASSIGN_OR_RETURN(Statement stmt,
                   read->Prepare(absl::StrCat(
                       "SELECT ", kPlaceColumns,
                       " FROM intervention_places pl WHERE pl.pupil_id = ? "
                       "ORDER BY pl.seq")));
  stmt.Bind(1, pupil.pupil);
  std::vector<PlaceRecord> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return out;
    ASSIGN_OR_RETURN(PlaceRecord place, ReadPlace(stmt));
    out.push_back(std::move(place));
  }
}

absl::StatusOr<std::vector<SettingPlaceRow>> SqliteStore::ListSettingPlaces(
    const std::string& setting_urn, PlaceWindow window, Day first, Day last) {
  ReadConnection read(*this, Pool::kViews);
  // A place still open of a pupil who has left the setting stops counting:
  // the school can no longer close it.
  const char* where =
      window == PlaceWindow::kOverlapping
          ? "pl.start_date <= ?3 AND (pl.end_date >= ?2 OR (pl.end_date IS "
            "NULL AND p.setting_urn = pl.setting_urn))"
          : "pl.end_date BETWEEN ?2 AND ?3";
  ASSIGN_OR_RETURN(
      Statement stmt,
      read->Prepare(absl::StrCat(
          "SELECT ", kPlaceColumns,
          ", j.state FROM intervention_places pl JOIN pupils p ON p.id = "
          "pl.pupil_id JOIN journeys j ON j.id = p.current_journey_id "
          "WHERE pl.setting_urn = ?1 AND ",
          where, " ORDER BY pl.seq")));
  stmt.Bind(1, setting_urn).Bind(2, FormatDay(first)).Bind(3, FormatDay(last));
  std::vector<SettingPlaceRow> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return out;
    SettingPlaceRow r;
    ASSIGN_OR_RETURN(r.place, ReadPlace(stmt));
    r.journey_state = static_cast<v1::Journey::State>(stmt.ColumnInt64(6));
    out.push_back(std::move(r));
  }
}

}  // namespace sendcase::storage
