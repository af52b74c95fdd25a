#ifndef SENDCASE_SERVICES_STORAGE_POSTGRES_PG_CONTACT_STORE_H_
#define SENDCASE_SERVICES_STORAGE_POSTGRES_PG_CONTACT_STORE_H_

// Who hears of alerts, on PostgreSQL (contact_store.h), passing
// ContactConformance. A new contact and the reminders it is owed commit in
// one transaction with the call's audit row (pg_write.h). Thread-safe.

#include "services/storage/contact_store.h"
#include "services/storage/postgres/pg_pool.h"

namespace sendcase::storage::postgres {

class PgContactStore final : public ContactStore {
 public:
  explicit PgContactStore(PgPool& pool) : pool_(pool) {}
  absl::StatusOr<int> PutContact(const v1::Contact& contact,
                                 const ContactScope& scope, bool catch_up_mail,
                                 Instant now) override;
  absl::Status DeleteContact(const v1::Contact& contact) override;
  absl::StatusOr<Page<v1::Contact>> ListContacts(
      bool all, const std::vector<std::string>& scopes,
      const PageRequest& page) override;
  absl::StatusOr<std::vector<v1::Contact>> SignInContacts(
      const std::string& email) override;

 private:
  PgPool& pool_;
};

}  // namespace sendcase::storage::postgres

#endif  // SENDCASE_SERVICES_STORAGE_POSTGRES_PG_CONTACT_STORE_H_
