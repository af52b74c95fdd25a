#ifndef SENDCASE_SERVICES_CASEWORK_EVENT_FEED_H_
#define SENDCASE_SERVICES_CASEWORK_EVENT_FEED_H_

// EventFeed: WatchEvents, the resumable stream of journey events for a
// trust's or an LA's systems (etcd / Kubernetes watch semantics). Events
// come in revision order, filtered to the caller's scope (as it was when
// each event was recorded); a client resumes with its last revision + 1 and
// gets no gap and no duplicate. While nothing visible happens, a progress
// message carries the feed's latest revision, so a resuming client need
// not re-read what others did meanwhile. A start older than the retained
// feed is OutOfRange with an ErrorInfo (REVISION_COMPACTED). Each stream is
// served by its own call thread and only reads: a slow client delays only
// itself. Thread-safe.

#include <functional>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "sendcase/v1/case_service.pb.h"
#include "services/auth/principal.h"
#include "services/casework/stream_session.h"
#include "services/scheduler/alert_bus.h"
#include "services/storage/feed_store.h"

namespace sendcase::casework {

struct FeedOptions {
  // A progress message after this long without a visible event.
  absl::Duration progress_interval = absl::Seconds(10);
};

class EventFeed {
 public:
  EventFeed(storage::FeedStore& feed, scheduler::AlertBus& bus,
            FeedOptions options = {})
      : feed_(feed), bus_(bus), options_(options) {}

  // Writes messages with `write` (false: the client went away) until
  // `cancelled()`. Errors: PermissionDenied, InvalidArgument
  // (negative start), OutOfRange + ErrorInfo REVISION_COMPACTED;
  // Unauthenticated when the session's credential stops being valid;
  // Unavailable (SERVER_SHUTTING_DOWN) when the server shuts down.
  absl::Status WatchEvents(
      StreamSession& session, const v1::WatchEventsRequest& request,
      const std::function<bool(const v1::WatchEventsResponse&)>& write,
      const std::function<bool()>& cancelled);

 private:
  storage::FeedStore& feed_;
  scheduler::AlertBus& bus_;
  const FeedOptions options_;
};

// The OutOfRange status for a start at or below `compacted`, with a
// google.rpc.ErrorInfo payload (reason REVISION_COMPACTED).
absl::Status RevisionCompacted(int64_t start, int64_t compacted);

}  // namespace sendcase::casework

#endif  // SENDCASE_SERVICES_CASEWORK_EVENT_FEED_H_
