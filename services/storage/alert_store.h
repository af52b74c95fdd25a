#ifndef SENDCASE_SERVICES_STORAGE_ALERT_STORE_H_
#define SENDCASE_SERVICES_STORAGE_ALERT_STORE_H_

// AlertStore: the timer side of the outbox. Alerts are inserted with their
// task by CaseStore::CommitTransition; this port fires them, delivers them
// and lists them for streams. Error codes as CaseStore. Thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "sendcase/v1/alert.pb.h"
#include "services/storage/records.h"

namespace sendcase::storage {

// A claimed e-mail delivery with what the message needs.
struct Delivery {
  int64_t id = 0;
  std::string email;
  int attempts = 0;  // including this one
  v1::Alert alert;
};

class AlertStore {
 public:
  virtual ~AlertStore() = default;

  // Fires up to `limit` pending alerts due at or before `now`, in fire-time
  // order: each gets the next revision and, if `with_deliveries`, one
  // pending delivery per contact of its owner role and the pupil's scope.
  // Alerts whose task is no longer OPEN are cancelled instead. Returns the
  // alerts fired (empty when none were due).
  virtual absl::StatusOr<std::vector<v1::Alert>> FireDue(
      Instant now, int limit, bool with_deliveries) = 0;

  // Claims up to `limit` pending deliveries due at or before `now`: each is
  // leased until `now + lease` (a crash mid-send retries after the lease)
  // and its attempt count incremented. Deliveries of closed tasks are
  // cancelled, not claimed.
  virtual absl::StatusOr<std::vector<Delivery>> ClaimDeliveries(
      Instant now, std::chrono::seconds lease, int limit) = 0;
  virtual absl::Status MarkDelivered(int64_t delivery_id, Instant now) = 0;
  virtual absl::Status MarkRetry(int64_t delivery_id, Instant next_attempt,
                                 const std::string& error) = 0;

  // Fired alerts visible to the caller with revision > `after`, by
  // revision; with `owner_role`, only the alerts of that role's tasks. Each
  // carries its task's subject and the pupil's UPN and names.
  virtual absl::StatusOr<std::vector<v1::Alert>> ListFired(
      const Visibility& visibility, std::optional<int> owner_role,
      int64_t after, int limit) = 0;

  // The earliest fire time of a pending alert or delivery, if any.
  virtual absl::StatusOr<std::optional<Instant>> NextDueTime() = 0;
};

}  // namespace sendcase::storage

#endif  // SENDCASE_SERVICES_STORAGE_ALERT_STORE_H_
