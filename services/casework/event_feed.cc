#include "services/casework/event_feed.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "services/auth/authorizer.h"
#include "services/common/error_reason.h"
#include "services/common/resource_name.h"
#include "services/common/status_macros.h"

namespace sendcase::casework {
namespace {

constexpr int kBatch = 200;
// How often a waiting stream looks for cancellation.
constexpr absl::Duration kPoll = absl::Seconds(1);

}  // namespace

absl::Status RevisionCompacted(int64_t start, int64_t compacted) {
  return WithReason(
      absl::OutOfRangeError(absl::StrCat(
          "start_revision: ", start,
          " is no longer retained (the feed starts at ", compacted + 1,
          "); list the current state, then watch from its revision")),
      "REVISION_COMPACTED", {{"compacted_revision", absl::StrCat(compacted)}});
}

absl::Status EventFeed::WatchEvents(
    StreamSession& session, const v1::WatchEventsRequest& request,
    const std::function<bool(const v1::WatchEventsResponse&)>& write,
    const std::function<bool()>& cancelled) {
  RETURN_IF_ERROR(
      auth::AuthorizeMethod(session.principal(), auth::Method::kWatchEvents));
  if (request.start_revision() < 0) {
    return absl::InvalidArgumentError("start_revision: must not be negative");
  }
  ASSIGN_OR_RETURN(storage::FeedBounds bounds, feed_.GetFeedBounds());
  int64_t after = bounds.latest;  // start 0: only what comes next
  if (request.start_revision() > 0) {
    if (request.start_revision() <= bounds.compacted) {
      return RevisionCompacted(request.start_revision(), bounds.compacted);
    }
    after = request.start_revision() - 1;
  }
  int64_t signals = 0;
  absl::Duration idle;
  while (!cancelled() && !bus_.shut_down()) {
    RETURN_IF_ERROR(session.Recheck(auth::Method::kWatchEvents));
    const storage::Visibility visibility =
        auth::VisibilityFor(session.principal());
    // Bounds first: every revision up to bounds.latest is committed before
    // the feed is read, so an empty read means none of them is visible.
    ASSIGN_OR_RETURN(bounds, feed_.GetFeedBounds());
    ASSIGN_OR_RETURN(std::vector<storage::FeedEvent> batch,
                     feed_.ListFeed(visibility, after, kBatch));
    for (storage::FeedEvent& e : batch) {
      v1::WatchEventsResponse message;
      message.set_revision(e.revision);
      message.set_journey(JourneyName{e.pupil_id, e.journey_id}.Format());
      *message.mutable_event() = std::move(e.event);
      if (!write(message)) return absl::OkStatus();
      after = message.revision();
      idle = absl::ZeroDuration();
    }
    if (static_cast<int>(batch.size()) == kBatch) continue;
    if (idle >= options_.progress_interval) {
      // Nothing more visible up to bounds.latest: say so, so that a client
      // resuming from here skips what it could not see anyway.
      v1::WatchEventsResponse progress;
      progress.set_progress(true);
      progress.set_revision(std::max(after, bounds.latest));
      if (!write(progress)) return absl::OkStatus();
      after = progress.revision();
      idle = absl::ZeroDuration();
    }
    const absl::Duration wait = std::min(kPoll, options_.progress_interval);
    const int64_t now = bus_.WaitForEvents(signals, wait);
    if (now == signals) idle += wait;  // timed out: nothing committed
    signals = now;
  }
  if (!cancelled()) return ServerShuttingDown("start_revision", after + 1);
  return absl::OkStatus();
}

}  // namespace sendcase::casework
