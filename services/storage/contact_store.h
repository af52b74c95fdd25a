#ifndef SENDCASE_SERVICES_STORAGE_CONTACT_STORE_H_
#define SENDCASE_SERVICES_STORAGE_CONTACT_STORE_H_

// ContactStore: who receives e-mail reminders for a role in a scope.
// Thread-safe.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "sendcase/v1/alert.pb.h"
#include "services/storage/records.h"

namespace sendcase::storage {

class ContactStore {
 public:
  virtual ~ContactStore() = default;
  // Adds the contact and, with `catch_up_mail` (the server sends e-mail),
  // queues for it in the same transaction the latest fired alert of each
  // task still OPEN for its role whose pupil is now in its scope (the new
  // address has had none of them); returns how many were queued.
  // `scope` is contact.scope() parsed. AlreadyExists if the same role, scope
  // and address are present.
  virtual absl::StatusOr<int> PutContact(const v1::Contact& contact,
                                         const ContactScope& scope,
                                         bool catch_up_mail, Instant now) = 0;
  // Removes the contact of the same role, scope, address and case officer
  // (so an address can be removed only by naming whose it is). NotFound if
  // absent.
  virtual absl::Status DeleteContact(const v1::Contact& contact) = 0;
  // Contacts whose scope is one of `scopes` (all when `scopes` is empty and
  // `all` is true), in creation order; cursor is the row id.
  virtual absl::StatusOr<Page<v1::Contact>> ListContacts(
      bool all, const std::vector<std::string>& scopes,
      const PageRequest& page) = 0;
  // The contacts with sign_in set whose address is `email`, compared
  // without regard to ASCII case, in creation order (at most 50).
  virtual absl::StatusOr<std::vector<v1::Contact>> SignInContacts(
      const std::string& email) = 0;
};

}  // namespace sendcase::storage

#endif  // SENDCASE_SERVICES_STORAGE_CONTACT_STORE_H_
