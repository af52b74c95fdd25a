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

}  // namespace sendcase::storage

#endif  // SENDCASE_SERVICES_STORAGE_ALERT_STATES_H_
