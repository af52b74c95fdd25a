// Interventions and support plans on PostgreSQL (pg_support_store.h): the
// rows of the SQLite backend's sqlite_store_support.cc in PostgreSQL's SQL.
// Messages are kept whole in `body` (BYTEA); the columns beside them are
// what queries select, join and order on.
#include "services/storage/postgres/pg_support_store.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "services/common/status_macros.h"
#include "services/storage/postgres/pg_filter.h"
#include "services/storage/postgres/pg_support_writes.h"
#include "services/storage/postgres/pg_values.h"
#include "services/storage/postgres/pg_write.h"

namespace sendcase::storage::postgres {
namespace {

std::string InterventionName(absl::string_view urn, absl::string_view id) {
  return absl::StrCat("settings/", urn, "/interventions/", id);
}

absl::StatusOr<v1::Intervention> ReadIntervention(const PgResult& r, int row,
                                                  int col) {
  v1::Intervention out;
  if (!out.ParseFromString(r.Bytes(row, col))) {
    return absl::InternalError("stored intervention is corrupt");
  }
  return out;
}

// Columns of a plan row, in the order PlanRow expects them.
constexpr absl::string_view kPlanColumns = "pupil_id, cycle, version, body";

absl::StatusOr<SupportPlanRecord> PlanRow(const PgResult& r, int i) {
  SupportPlanRecord out;
  out.pupil.pupil = r.Text(i, 0);
  out.cycle = static_cast<int>(r.Int64(i, 1));
  out.version = r.Int64(i, 2);
  if (!out.plan.ParseFromString(r.Bytes(i, 3))) {
    return absl::InternalError("stored support plan is corrupt");
  }
  return out;
}

}  // namespace

absl::Status PgSupportStore::CreateIntervention(
    const std::string& setting_urn, const std::string& id,
    const v1::Intervention& intervention, const WriteRecord& write) {
  return PgWrite(pool_, InterventionName(setting_urn, id),
                 [&](PgConnection& conn) -> absl::Status {
                   v1::Intervention body = intervention;
                   body.clear_name();
                   absl::Status status =
                       conn.Exec(
                               "INSERT INTO interventions (setting_urn, id, "
                               "create_time, body) VALUES ($1, $2, $3, $4)",
                               {PgParam::Text(setting_urn), PgParam::Text(id),
                                SecondsParam(write.now),
                                PgParam::Bytes(body.SerializeAsString())})
                           .status();
                   if (absl::IsAlreadyExists(status)) {
                     return absl::AlreadyExistsError(absl::StrCat(
                         InterventionName(setting_urn, id), " already exists"));
                   }
                   RETURN_IF_ERROR(status);
                   return PutWriteRecord(conn, write);
                 });
}

absl::StatusOr<v1::Intervention> PgSupportStore::GetIntervention(
    const std::string& setting_urn, const std::string& id) {
  ASSIGN_OR_RETURN(PgPool::Lease conn, pool_.Acquire());
  ASSIGN_OR_RETURN(
      PgResult found,
      conn->Exec("SELECT body FROM interventions WHERE setting_urn = $1 AND "
                 "id = $2",
                 {PgParam::Text(setting_urn), PgParam::Text(id)}));
  if (found.rows() == 0) {
    return absl::NotFoundError(
        absl::StrCat(InterventionName(setting_urn, id), " not found"));
  }
  ASSIGN_OR_RETURN(v1::Intervention out, ReadIntervention(found, 0, 0));
  out.set_name(InterventionName(setting_urn, id));
  return out;
}

absl::StatusOr<Page<v1::Intervention>> PgSupportStore::ListInterventions(
    const std::string& setting_urn, const PageRequest& page) {
  ASSIGN_OR_RETURN(PgPool::Lease conn, pool_.Acquire());
  return ReadPage<v1::Intervention>(
      *conn,
      "SELECT seq, id, body FROM interventions WHERE setting_urn = ? AND "
      "seq > ? ORDER BY seq LIMIT ?",
      {PgParam::Text(setting_urn), PgParam::Int(page.after)}, page,
      [&](const PgResult& r, int i) -> absl::StatusOr<v1::Intervention> {
        ASSIGN_OR_RETURN(v1::Intervention item, ReadIntervention(r, i, 2));
        item.set_name(InterventionName(setting_urn, r.Text(i, 1)));
        return item;
      });
}

absl::Status PgSupportStore::InsertSupportPlan(const SupportPlanRecord& plan,
                                               const WriteRecord& write) {
  return PgWrite(
      pool_, absl::StrCat(plan.pupil.Format(), "/supportPlans/", plan.cycle),
      [&](PgConnection& conn) -> absl::Status {
        RETURN_IF_ERROR(InsertPlan(conn, plan));
        return PutWriteRecord(conn, write);
      });
}

absl::Status PgSupportStore::UpdateSupportPlan(const SupportPlanRecord& plan,
                                               int64_t expected_version,
                                               const WriteRecord& write) {
  return PgWrite(pool_, "", [&](PgConnection& conn) -> absl::Status {
    RETURN_IF_ERROR(UpdatePlan(conn, plan, expected_version));
    return PutWriteRecord(conn, write);
  });
}

absl::Status PgSupportStore::ReviewSupportPlan(
    const SupportPlanRecord& reviewed, int64_t expected_version,
    const SupportPlanRecord& next_draft, const WriteRecord& write) {
  return PgWrite(pool_, "", [&](PgConnection& conn) -> absl::Status {
    RETURN_IF_ERROR(UpdatePlan(conn, reviewed, expected_version));
    RETURN_IF_ERROR(InsertPlan(conn, next_draft));
    return PutWriteRecord(conn, write);
  });
}

absl::StatusOr<SupportPlanRecord> PgSupportStore::GetSupportPlan(
    const PupilName& pupil, int cycle) {
  ASSIGN_OR_RETURN(PgPool::Lease conn, pool_.Acquire());
  ASSIGN_OR_RETURN(
      PgResult found,
      conn->Exec(absl::StrCat("SELECT ", kPlanColumns,
                              " FROM support_plans WHERE pupil_id = $1 AND "
                              "cycle = $2"),
                 {PgParam::Text(pupil.pupil), PgParam::Int(cycle)}));
  if (found.rows() == 0) {
    return absl::NotFoundError(
        absl::StrCat(pupil.Format(), "/supportPlans/", cycle, " not found"));
  }
  return PlanRow(found, 0);
}

absl::StatusOr<std::vector<SupportPlanRecord>> PgSupportStore::ListSupportPlans(
    const PupilName& pupil) {
  ASSIGN_OR_RETURN(PgPool::Lease conn, pool_.Acquire());
  ASSIGN_OR_RETURN(
      PgResult rows,
      conn->Exec(absl::StrCat("SELECT ", kPlanColumns,
                              " FROM support_plans WHERE pupil_id = $1 "
                              "ORDER BY cycle"),
                 {PgParam::Text(pupil.pupil)}));
  std::vector<SupportPlanRecord> out;
  for (int i = 0; i < rows.rows(); ++i) {
    ASSIGN_OR_RETURN(SupportPlanRecord plan, PlanRow(rows, i));
    out.push_back(std::move(plan));
  }
  return out;
}

}  // namespace sendcase::storage::postgres
