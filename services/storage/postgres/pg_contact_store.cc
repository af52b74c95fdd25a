// Contacts on PostgreSQL (pg_contact_store.h): the same rows and catch-up
// as the SQLite backend's, in PostgreSQL's SQL.
#include "services/storage/postgres/pg_contact_store.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/common/status_macros.h"
#include "services/storage/alert_states.h"
#include "services/storage/postgres/pg_alert_store.h"
#include "services/storage/postgres/pg_filter.h"
#include "services/storage/postgres/pg_write.h"
#include "services/storage/stored_time.h"

namespace sendcase::storage::postgres {
namespace {

constexpr absl::string_view kColumns =
    "id, role, scope, email, sign_in, case_officer";

v1::Contact ContactRow(const PgResult& r, int i) {
  v1::Contact c;
  c.set_role(static_cast<v1::Role>(r.Int64(i, 1)));
  c.set_scope(r.Text(i, 2));
  c.set_email(r.Text(i, 3));
  c.set_sign_in(r.Int64(i, 4) != 0);
  c.set_case_officer(r.Text(i, 5));
  return c;
}

}  // namespace

absl::StatusOr<int> PgContactStore::PutContact(const v1::Contact& contact,
                                               const ContactScope& scope,
                                               bool catch_up_mail,
                                               Instant now) {
  const int64_t seconds = ToSeconds(now);
  int queued = 0;
  RETURN_IF_ERROR(PgWrite(pool_, "", [&](PgConnection& conn) -> absl::Status {
    absl::Status put =
        conn.Exec(
                "INSERT INTO contacts (role, scope, email, create_time, "
                "scope_kind, scope_id, sign_in, case_officer) VALUES ($1, $2, "
                "$3, $4, $5, $6, $7, $8)",
                {PgParam::Int(contact.role()), PgParam::Text(contact.scope()),
                 PgParam::Text(contact.email()), PgParam::Int(seconds),
                 PgParam::Int(static_cast<int64_t>(scope.kind)),
                 PgParam::Text(scope.id),
                 PgParam::Int(contact.sign_in() ? 1 : 0),
                 PgParam::Text(contact.case_officer())})
            .status();
    if (absl::IsAlreadyExists(put)) {
      return absl::AlreadyExistsError("contact: already present");
    }
    RETURN_IF_ERROR(put);
    if (!catch_up_mail) return absl::OkStatus();  // nothing would send them
    // FireDue's lock: an alert fired meanwhile is either committed before
    // the catch-up below reads (and caught up) or fired after this
    // contact is committed (and delivered to it), never neither.
    RETURN_IF_ERROR(conn.Exec("SELECT pg_advisory_xact_lock($1::bigint)",
                              {PgParam::Int(kAlertLock)})
                        .status());
    // The latest fired alert of each task still open for its role whose
    // pupil is now in its scope, once (a delivery is unique per alert and
    // address): as SqliteStore::PutContact explains.
    ASSIGN_OR_RETURN(
        PgResult caught,
        conn.Exec(
            absl::StrCat(
                "WITH me(kind, id, role, officer) AS (SELECT $1::bigint, "
                "$2::text, $8::bigint, $9::text) "
                "INSERT INTO deliveries (alert_id, email, state, "
                "next_attempt_time) SELECT a.id, $3, $4, $5 FROM me, alerts a "
                "JOIN tasks t ON t.id = a.task_id JOIN pupils p ON p.id = "
                "a.pupil_id WHERE a.state = $6 AND t.state = $7 AND "
                "a.owner_role = $8 AND ",
                ContactCoversSql("me.kind", "me.id", "p.setting_urn",
                                 "p.local_authority_code"),
                " AND ",
                OfficerRoutingSql("me.role", "me.officer", AlertOfficerSql("a"),
                                  "p.setting_urn", "p.local_authority_code"),
                " AND a.revision = (SELECT MAX(b.revision) FROM alerts b WHERE "
                "b.task_id = a.task_id AND b.state = $6) "
                "ON CONFLICT DO NOTHING"),
            {PgParam::Int(static_cast<int64_t>(scope.kind)),
             PgParam::Text(scope.id), PgParam::Text(contact.email()),
             PgParam::Int(kToSend), PgParam::Int(seconds), PgParam::Int(kFired),
             PgParam::Int(v1::Task::OPEN), PgParam::Int(contact.role()),
             PgParam::Text(contact.case_officer())}));
    queued = static_cast<int>(caught.affected());
    return absl::OkStatus();
  }));
  return queued;
}

absl::Status PgContactStore::DeleteContact(const v1::Contact& contact) {
  return PgWrite(pool_, "", [&](PgConnection& conn) -> absl::Status {
    ASSIGN_OR_RETURN(
        PgResult gone,
        conn.Exec("DELETE FROM contacts WHERE role = $1 AND scope = $2 AND "
                  "email = $3 AND case_officer = $4",
                  {PgParam::Int(contact.role()), PgParam::Text(contact.scope()),
                   PgParam::Text(contact.email()),
                   PgParam::Text(contact.case_officer())}));
    if (gone.affected() == 0)
      return absl::NotFoundError(
          "contact: not found (an officer's own address is removed with its "
          "case_officer)");
    return absl::OkStatus();
  });
}

absl::StatusOr<Page<v1::Contact>> PgContactStore::ListContacts(
    bool all, const std::vector<std::string>& scopes, const PageRequest& page) {
  PgFilter filter;
  filter.And("id > ?", {PgParam::Int(page.after)});
  if (!all) {
    std::vector<PgParam> params;
    std::vector<std::string> marks;
    for (const std::string& s : scopes) {
      params.push_back(PgParam::Text(s));
      marks.push_back("?");
    }
    filter.And(marks.empty() ? "FALSE"
                             : absl::StrCat("scope IN (",
                                            absl::StrJoin(marks, ", "), ")"),
               std::move(params));
  }
  ASSIGN_OR_RETURN(PgPool::Lease conn, pool_.Acquire());
  // `id` stands for SQLite's rowid: creation order.
  return ReadPage<v1::Contact>(
      *conn,
      absl::StrCat("SELECT ", kColumns, " FROM contacts", filter.Where(),
                   " ORDER BY id LIMIT ?"),
      filter.params(), page,
      [](const PgResult& r, int i) -> absl::StatusOr<v1::Contact> {
        return ContactRow(r, i);
      });
}

absl::StatusOr<std::vector<v1::Contact>> PgContactStore::SignInContacts(
    const std::string& email) {
  ASSIGN_OR_RETURN(PgPool::Lease conn, pool_.Acquire());
  // lower() on both sides, as the index is built (ASCII folding under the
  // database's C collation, as SQLite's NOCASE).
  ASSIGN_OR_RETURN(
      PgResult rows,
      conn->Exec(absl::StrCat("SELECT ", kColumns,
                              " FROM contacts WHERE lower(email) = lower($1) "
                              "AND sign_in = 1 ORDER BY id LIMIT 50"),
                 {PgParam::Text(email)}));
  std::vector<v1::Contact> out;
  for (int i = 0; i < rows.rows(); ++i) out.push_back(ContactRow(rows, i));
  return out;
}

}  // namespace sendcase::storage::postgres
