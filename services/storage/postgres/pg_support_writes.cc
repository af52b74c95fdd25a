// The graduated approach's shared writes on PostgreSQL
// (pg_support_writes.h): SqliteStore's InsertPlanLocked, UpdatePlanLocked,
// WriteReferralLocked and PutWriteRecordLocked in PostgreSQL's SQL, with
// the same status codes and messages.
#include "services/storage/postgres/pg_support_writes.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "services/common/status_macros.h"
#include "services/storage/postgres/pg_responses.h"

namespace sendcase::storage::postgres {
namespace {

std::string PlanName(const SupportPlanRecord& plan) {
  return absl::StrCat(plan.pupil.Format(), "/supportPlans/", plan.cycle);
}

std::string ReferralName(const PupilName& pupil, absl::string_view id) {
  return absl::StrCat(pupil.Format(), "/agencyReferrals/", id);
}

}  // namespace

absl::Status PutWriteRecord(PgConnection& conn, const WriteRecord& write) {
  if (!write.key.has_value()) return absl::OkStatus();
  return PutResponse(conn, *write.key, write.response, write.now);
}

absl::Status InsertPlan(PgConnection& conn, const SupportPlanRecord& plan) {
  v1::SupportPlan body = plan.plan;
  body.clear_name();
  body.clear_etag();
  absl::Status status =
      conn.Exec(
              "INSERT INTO support_plans (pupil_id, cycle, state, version, "
              "body) VALUES ($1, $2, $3, $4, $5)",
              {PgParam::Text(plan.pupil.pupil), PgParam::Int(plan.cycle),
               PgParam::Int(body.state()), PgParam::Int(plan.version),
               PgParam::Bytes(body.SerializeAsString())})
          .status();
  // 23505 (the primary key) arrives as AlreadyExists and 23503/23514 (the
  // pupil reference, cycle >= 1) as FailedPrecondition, the codes SQLite's
  // statement layer gives its UNIQUE/PRIMARYKEY and FOREIGNKEY/CHECK.
  if (absl::IsAlreadyExists(status)) {
    return absl::AlreadyExistsError(
        absl::StrCat(PlanName(plan), " already exists"));
  }
  if (absl::IsFailedPrecondition(status)) {
    return absl::NotFoundError(absl::StrCat(plan.pupil.Format(), " not found"));
  }
  return status;
}

absl::Status UpdatePlan(PgConnection& conn, const SupportPlanRecord& plan,
                        int64_t expected_version) {
  v1::SupportPlan body = plan.plan;
  body.clear_name();
  body.clear_etag();
  // The version check and the update are one statement: of two writers of
  // one version, the second waits on the first's row lock and then finds
  // the version moved (no row), as under SQLite's single writer.
  ASSIGN_OR_RETURN(
      PgResult updated,
      conn.Exec("UPDATE support_plans SET state = $1, version = $2, body = $3 "
                "WHERE pupil_id = $4 AND cycle = $5 AND version = $6",
                {PgParam::Int(body.state()), PgParam::Int(plan.version),
                 PgParam::Bytes(body.SerializeAsString()),
                 PgParam::Text(plan.pupil.pupil), PgParam::Int(plan.cycle),
                 PgParam::Int(expected_version)}));
  if (updated.affected() == 1) return absl::OkStatus();
  const std::string name = PlanName(plan);
  ASSIGN_OR_RETURN(
      PgResult exists,
      conn.Exec("SELECT 1 FROM support_plans WHERE pupil_id = $1 AND "
                "cycle = $2",
                {PgParam::Text(plan.pupil.pupil), PgParam::Int(plan.cycle)}));
  if (exists.rows() == 0) {
    return absl::NotFoundError(absl::StrCat(name, " not found"));
  }
  return absl::AbortedError(absl::StrCat(
      name, " was changed by another request; read it again and retry"));
}

absl::Status WriteReferral(PgConnection& conn, const ReferralWrite& write) {
  const ReferralRecord& r = write.record;
  v1::AgencyReferral body = r.referral;
  body.clear_name();
  body.clear_etag();
  if (write.expected_version == 0) {
    absl::Status status =
        conn.Exec(
                "INSERT INTO agency_referrals (pupil_id, id, version, body) "
                "VALUES ($1, $2, $3, $4)",
                {PgParam::Text(r.pupil.pupil), PgParam::Text(r.id),
                 PgParam::Int(r.version),
                 PgParam::Bytes(body.SerializeAsString())})
            .status();
    if (absl::IsAlreadyExists(status)) {
      return absl::AlreadyExistsError(
          absl::StrCat(ReferralName(r.pupil, r.id), " already exists"));
    }
    // As in SQLite, a missing pupil (FailedPrecondition) is returned as is.
    return status;
  }
  ASSIGN_OR_RETURN(
      PgResult updated,
      conn.Exec(
          "UPDATE agency_referrals SET version = $1, body = $2 WHERE "
          "pupil_id = $3 AND id = $4 AND version = $5",
          {PgParam::Int(r.version), PgParam::Bytes(body.SerializeAsString()),
           PgParam::Text(r.pupil.pupil), PgParam::Text(r.id),
           PgParam::Int(write.expected_version)}));
  if (updated.affected() != 1) {
    return absl::AbortedError(absl::StrCat(
        ReferralName(r.pupil, r.id),
        " was changed by another request or does not exist; read it again"));
  }
  return absl::OkStatus();
}

}  // namespace sendcase::storage::postgres
