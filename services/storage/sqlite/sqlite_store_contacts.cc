// SqliteStore: the contacts that hear of alerts, and the catch-up a new
// contact is owed (reminders of open tasks that fired before it existed).
#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"
#include "services/storage/alert_states.h"
#include "services/storage/sqlite/sql_filter.h"
#include "services/storage/sqlite/sqlite_store.h"
#include "services/storage/sqlite/transaction.h"
#include "services/storage/stored_time.h"

namespace sendcase::storage {
namespace {

// A row of SELECT rowid, role, scope, email, sign_in, case_officer.
v1::Contact ContactRow(const Statement& row) {
  v1::Contact c;
  c.set_role(static_cast<v1::Role>(row.ColumnInt64(1)));
  c.set_scope(row.ColumnText(2));
  c.set_email(row.ColumnText(3));
  c.set_sign_in(row.ColumnInt64(4) != 0);
  c.set_case_officer(row.ColumnText(5));
  return c;
}

}  // namespace

absl::StatusOr<int> SqliteStore::PutContact(const v1::Contact& contact,
                                            const ContactScope& scope,
                                            bool catch_up_mail, Instant now) {
  int queued = 0;
  RETURN_IF_ERROR(CommitWrite("", [&]() -> absl::Status {
    ASSIGN_OR_RETURN(Statement stmt,
                     db_->Prepare("INSERT INTO contacts (role, scope, email, "
                                  "create_time, scope_kind, scope_id, "
                                  "sign_in, case_officer) VALUES (?, ?, ?, "
                                  "?, ?, ?, ?, ?)"));
    stmt.Bind(1, int64_t{contact.role()})
        .Bind(2, contact.scope())
        .Bind(3, contact.email())
        .Bind(4, ToSeconds(now))
        .Bind(5, static_cast<int64_t>(scope.kind))
        .Bind(6, scope.id)
        .Bind(7, int64_t{contact.sign_in() ? 1 : 0})
        .Bind(8, contact.case_officer());
    absl::Status status = stmt.Run();
    if (absl::IsAlreadyExists(status)) {
      return absl::AlreadyExistsError("contact: already present");
    }
    RETURN_IF_ERROR(status);
    if (!catch_up_mail) return absl::OkStatus();  // nothing would send them
    // The new address has had none of the reminders that fired before it was
    // listed: the latest fired alert of each task still open for its role is
    // delivered to it, once (a delivery is unique per alert and address, so
    // removing and adding the contact again sends nothing twice). Scope is
    // the pupil's as it is now, so a pupil who moved away is never mailed to
    // the old school; and the journey's officer as it is now decides between
    // an officer's address and the team's (OfficerRoutingSql).
    ASSIGN_OR_RETURN(
        Statement catch_up,
        db_->Prepare(absl::StrCat(
            "WITH me(kind, id, role, officer) AS (SELECT ?, ?, ?, ?) "
            "INSERT OR IGNORE INTO deliveries (alert_id, email, state, "
            "next_attempt_time) SELECT a.id, ?, ?, ? FROM me, alerts a JOIN "
            "tasks t ON t.id = a.task_id JOIN pupils p ON p.id = a.pupil_id "
            "WHERE a.state = ? AND t.state = ? AND a.owner_role = ? AND ",
            ContactCoversSql("me.kind", "me.id", "p.setting_urn",
                             "p.local_authority_code"),
            " AND ",
            OfficerRoutingSql("me.role", "me.officer", AlertOfficerSql("a"),
                              "p.setting_urn", "p.local_authority_code"),
            " AND a.revision = (SELECT MAX(b.revision) FROM alerts b WHERE "
            "b.task_id = a.task_id AND b.state = ?)")));
    catch_up.Bind(1, static_cast<int64_t>(scope.kind))
        .Bind(2, scope.id)
        .Bind(3, int64_t{contact.role()})
        .Bind(4, contact.case_officer())
        .Bind(5, contact.email())
        .Bind(6, int64_t{kToSend})
        .Bind(7, ToSeconds(now))
        .Bind(8, int64_t{kFired})
        .Bind(9, int64_t{v1::Task::OPEN})
        .Bind(10, int64_t{contact.role()})
        .Bind(11, int64_t{kFired});
    RETURN_IF_ERROR(catch_up.Run());
    queued = db_->Changes();
    return absl::OkStatus();
  }));
  return queued;
}

absl::Status SqliteStore::DeleteContact(const v1::Contact& contact) {
  return CommitWrite("", [&]() -> absl::Status {
    ASSIGN_OR_RETURN(Statement stmt,
                     db_->Prepare("DELETE FROM contacts WHERE role = ? AND "
                                  "scope = ? AND email = ? AND case_officer "
                                  "= ?"));
    stmt.Bind(1, int64_t{contact.role()})
        .Bind(2, contact.scope())
        .Bind(3, contact.email())
        .Bind(4, contact.case_officer());
    RETURN_IF_ERROR(stmt.Run());
    if (db_->Changes() == 0)
      return absl::NotFoundError(
          "contact: not found (an officer's own address is removed with its "
          "case_officer)");
    return absl::OkStatus();
  });
}

absl::StatusOr<Page<v1::Contact>> SqliteStore::ListContacts(
    bool all, const std::vector<std::string>& scopes, const PageRequest& page) {
  absl::MutexLock lock(&mu_);
  SqlFilter filter;
  filter.And("rowid > ?", {page.after});
  if (!all) filter.In("scope", scopes);
  ASSIGN_OR_RETURN(
      Statement stmt,
      db_->Prepare(absl::StrCat(
          "SELECT rowid, role, scope, email, sign_in, case_officer FROM "
          "contacts",
          filter.Where(), " ORDER BY rowid LIMIT ?")));
  stmt.Bind(filter.BindTo(stmt, 1), int64_t{page.limit} + 1);
  return ReadPage<v1::Contact>(
      stmt, page.limit,
      [](const Statement& row) -> absl::StatusOr<v1::Contact> {
        return ContactRow(row);
      });
}

absl::StatusOr<std::vector<v1::Contact>> SqliteStore::SignInContacts(
    const std::string& email) {
  absl::MutexLock lock(&mu_);
  // COLLATE NOCASE folds ASCII only, as the index does.
  ASSIGN_OR_RETURN(
      Statement stmt,
      db_->Prepare("SELECT rowid, role, scope, email, sign_in, case_officer "
                   "FROM contacts "
                   "WHERE email = ? COLLATE NOCASE AND sign_in = 1 "
                   "ORDER BY rowid LIMIT 50"));
  stmt.Bind(1, email);
  std::vector<v1::Contact> out;
  while (true) {
    ASSIGN_OR_RETURN(const bool row, stmt.Step());
    if (!row) break;
    out.push_back(ContactRow(stmt));
  }
  return out;
}

}  // namespace sendcase::storage
