#ifndef SENDCASE_SERVICES_STORAGE_ALERT_STATES_H_
#define SENDCASE_SERVICES_STORAGE_ALERT_STATES_H_

// The stored states of alerts and deliveries (schema 0003), and the scope
// test of a contact in SQL that both backends run: shared by the alert and
// contact code of every backend. Private to services/storage.

#include <cstdint>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "services/storage/records.h"

namespace sendcase::storage {

enum AlertState : int64_t { kPending = 0, kFired = 1, kCancelled = 2 };
enum DeliveryState : int64_t { kToSend = 0, kSent = 1, kDropped = 2 };

// SQL that is true when a contact whose scope is (`kind`, `id`) hears about
// a pupil of `setting` and `la` (each an SQL expression): everywhere, its
// setting, its LA, or its setting's trust. Compares stored ids
// (records.h ContactScope); the kinds are ScopeKind's stored values.
inline std::string ContactCoversSql(absl::string_view kind,
                                    absl::string_view id,
                                    absl::string_view setting,
                                    absl::string_view la) {
  auto k = [](ScopeKind v) { return static_cast<int64_t>(v); };
  return absl::StrCat(
      "(", kind, " = ", k(ScopeKind::kAll), " OR (", kind, " = ",
      k(ScopeKind::kSetting), " AND ", id, " = ", setting, ") OR (", kind,
      " = ", k(ScopeKind::kLocalAuthority), " AND ", id, " = ", la, ") OR (",
      kind, " = ", k(ScopeKind::kTrust), " AND ", id,
      " = (SELECT s.trust_id FROM settings s WHERE s.urn = ", setting,
      " AND s.trust_id != '')))");
}

// SQL that is true when a contact (role `role`, its own officer
// `contact_officer`; each an SQL expression) covering the pupil hears about
// a journey assigned to `officer`: an officer's own address hears about
// that officer's journeys only; a team address (officer '') about every
// other journey, and about an officer's too while no address of that
// officer covers the pupil (the fallback). `setting` and `la` are the
// pupil's, as for ContactCoversSql.
inline std::string OfficerRoutingSql(absl::string_view role,
                                     absl::string_view contact_officer,
                                     absl::string_view officer,
                                     absl::string_view setting,
                                     absl::string_view la) {
  return absl::StrCat(
      "((", contact_officer, " <> '' AND ", contact_officer, " = ", officer,
      ") OR (", contact_officer,
      " = '' AND NOT EXISTS (SELECT 1 FROM contacts o WHERE o.role = ", role,
      " AND o.case_officer <> '' AND o.case_officer = ", officer, " AND ",
      ContactCoversSql("o.scope_kind", "o.scope_id", setting, la), ")))");
}

// The officer of the alert `alert`'s journey, as an SQL expression.
inline std::string AlertOfficerSql(absl::string_view alert) {
  return absl::StrCat("(SELECT jo.case_officer FROM journeys jo WHERE jo.id = ",
                      alert, ".journey_id)");
}

}  // namespace sendcase::storage

#endif  // SENDCASE_SERVICES_STORAGE_ALERT_STATES_H_
