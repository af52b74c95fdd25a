#ifndef SENDCASE_SERVICES_STORAGE_FEED_STORE_H_
#define SENDCASE_SERVICES_STORAGE_FEED_STORE_H_

// FeedStore: the event feed behind WatchEvents — every journey event with a
// global, increasing revision and the pupil's scope at the time. Old feed
// rows are compacted away; the chronology is not. Thread-safe.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "sendcase/v1/journey_event.pb.h"
#include "services/common/clock.h"
#include "services/storage/records.h"

namespace sendcase::storage {

struct FeedEvent {
  int64_t revision = 0;
  std::string pupil_id;
  std::string journey_id;
  v1::JourneyEvent event;
};

struct FeedBounds {
  int64_t compacted = 0;  // revisions up to this one are gone
  int64_t latest = 0;     // the newest revision recorded (0: none)
};

class FeedStore {
 public:
  virtual ~FeedStore() = default;
  // Up to `limit` visible events with revision > `after`, in order.
  virtual absl::StatusOr<std::vector<FeedEvent>> ListFeed(
      const Visibility& visibility, int64_t after, int limit) = 0;
  virtual absl::StatusOr<FeedBounds> GetFeedBounds() = 0;
  // Removes feed rows recorded before `before`; returns the new bounds.
  virtual absl::StatusOr<FeedBounds> CompactFeed(Instant before) = 0;
};

}  // namespace sendcase::storage

#endif  // SENDCASE_SERVICES_STORAGE_FEED_STORE_H_
