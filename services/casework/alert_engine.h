#ifndef SENDCASE_SERVICES_CASEWORK_ALERT_ENGINE_H_
#define SENDCASE_SERVICES_CASEWORK_ALERT_ENGINE_H_

// AlertEngine: the application layer for reminder contacts and the alert
// stream. No gRPC types: the stream is written through callbacks. Error
// codes as CaseEngine. Thread-safe.

#include <functional>
#include <set>

#include "absl/status/statusor.h"
#include "google/protobuf/empty.pb.h"
#include "sendcase/v1/case_service.pb.h"
#include "services/auth/principal.h"
#include "services/casework/stream_session.h"
#include "services/common/clock.h"
#include "services/scheduler/alert_bus.h"
#include "services/storage/alert_store.h"
#include "services/storage/contact_store.h"

namespace sendcase::casework {

class AlertEngine {
 public:
  // `email_on`: the server sends e-mail (a new contact is then sent the
  // alerts of open tasks that fired before it existed). `task_owners`: the
  // roles the rules give tasks or notices to; WatchAlerts filters those by
  // role.
  AlertEngine(storage::ContactStore& contacts, storage::AlertStore& alerts,
              scheduler::AlertBus& bus, const Clock& clock, bool email_on,
              std::set<int> task_owners)
      : contacts_(contacts),
        alerts_(alerts),
        bus_(bus),
        clock_(clock),
        email_on_(email_on),
        task_owners_(std::move(task_owners)) {}

  absl::StatusOr<v1::Contact> CreateContact(
      const auth::Principal& caller, const v1::CreateContactRequest& request);
  absl::StatusOr<v1::ListContactsResponse> ListContacts(
      const auth::Principal& caller, const v1::ListContactsRequest& request);
  absl::StatusOr<google::protobuf::Empty> DeleteContact(
      const auth::Principal& caller, const v1::DeleteContactRequest& request);

  // Sends fired alerts visible to the caller with revision above
  // request.after_revision(), oldest first, through `write`; then waits for
  // new ones. Returns OK when `write` fails (the client went away) or
  // `cancelled()` turns true; Unavailable (SERVER_SHUTTING_DOWN, resume
  // with after_revision) when the server shuts down; Unauthenticated when
  // the session's credential stops being valid (StreamSession).
  absl::Status WatchAlerts(StreamSession& session,
                           const v1::WatchAlertsRequest& request,
                           const std::function<bool(const v1::Alert&)>& write,
                           const std::function<bool()>& cancelled);

 private:
  absl::Status ValidateContact(const auth::Principal& caller,
                               const v1::Contact& contact);

  storage::ContactStore& contacts_;
  storage::AlertStore& alerts_;
  scheduler::AlertBus& bus_;
  const Clock& clock_;
  const bool email_on_;
  const std::set<int> task_owners_;
};

}  // namespace sendcase::casework

#endif  // SENDCASE_SERVICES_CASEWORK_ALERT_ENGINE_H_
