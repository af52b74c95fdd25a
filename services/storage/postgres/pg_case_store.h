#ifndef SENDCASE_SERVICES_STORAGE_POSTGRES_PG_CASE_STORE_H_
#define SENDCASE_SERVICES_STORAGE_POSTGRES_PG_CASE_STORE_H_

// Pupils, journeys, their chronology and clocks, tasks and the event feed
// on PostgreSQL (case_store.h, task_store.h, feed_store.h), passing the
// conformance suite. Several sendcased replicas may share the database:
//
//  * A journey's writes are serialised by its version: the version check
//    and the update are one statement (UPDATE ... WHERE version = $n), so
//    of two replicas racing on one journey the second finds the version
//    moved (Aborted) once the first commits.
//  * Feed revisions are handed out at commit under a transaction-level
//    advisory lock (kFeedLock), held until the commit, so revisions become
//    visible in order: a stream that resumed after revision N can never
//    later find an N-1 it skipped (a sequence would hand out N+1 to a
//    transaction that commits before N's).
//  * Idempotency keys are rows in the write's transaction, so a retry
//    finds the first response whichever replica it reaches.
//
// Each call takes a connection from the pool; writes commit with their
// call's audit row (pg_write.h). Thread-safe.

#include <optional>
#include <string>
#include <vector>

#include "services/storage/case_store.h"
#include "services/storage/feed_store.h"
#include "services/storage/postgres/pg_pool.h"
#include "services/storage/task_store.h"

namespace sendcase::storage::postgres {

// The advisory lock (pg_advisory_xact_lock key) under which journey events
// get their revisions; "sendfeed" in ASCII.
inline constexpr int64_t kFeedLock = 0x73656e6466656564;

class PgCaseStore final : public CaseStore, public TaskStore, public FeedStore {
 public:
  explicit PgCaseStore(PgPool& pool) : pool_(pool) {}

  // CaseStore (pg_case_store.cc, pg_case_commit.cc).
  absl::StatusOr<std::optional<StoredResponse>> FindResponse(
      const std::string& principal, const std::string& request_id) override;
  absl::Status CreatePupil(const NewPupil& pupil,
                           const std::optional<IdempotencyKey>& key,
                           const std::string& response) override;
  absl::StatusOr<PupilRecord> GetPupil(const PupilName& name) override;
  absl::StatusOr<Page<PupilRecord>> ListPupils(
      const Visibility& visibility, const PupilFilter& filter,
      const PageRequest& page) override;
  absl::Status UpdatePupil(const PupilName& name, const v1::Pupil& pupil,
                           int64_t expected_version,
                           const std::optional<IdempotencyKey>& key,
                           const std::string& response, Instant now) override;
  absl::StatusOr<JourneyRecord> GetJourney(const JourneyName& name) override;
  absl::Status AssignCaseOfficer(const JourneyName& name,
                                 const std::string& case_officer,
                                 int64_t expected_version,
                                 Instant now) override;
  absl::StatusOr<Page<JourneyRecord>> ListJourneys(
      const Visibility& visibility, const std::optional<PupilName>& parent,
      const PageRequest& page) override;
  absl::StatusOr<std::vector<OpenTask>> ListOpenTasks(
      const JourneyName& journey) override;
  absl::StatusOr<int64_t> CommitTransition(
      const TransitionEffects& commit, const std::optional<IdempotencyKey>& key,
      const std::string& response) override;
  absl::StatusOr<Page<v1::JourneyEvent>> ListEvents(
      const JourneyName& journey, const PageRequest& page) override;

  // TaskStore (pg_task_feed.cc).
  absl::StatusOr<Page<TaskRecord>> ListTasks(const Visibility& visibility,
                                             const TaskFilter& filter,
                                             const PageRequest& page) override;
  absl::StatusOr<TaskRecord> GetTask(const TaskName& name) override;
  absl::StatusOr<v1::Task> CompleteTask(const TaskName& name,
                                        Instant now) override;

  // FeedStore (pg_task_feed.cc).
  absl::StatusOr<std::vector<FeedEvent>> ListFeed(const Visibility& visibility,
                                                  int64_t after,
                                                  int limit) override;
  absl::StatusOr<FeedBounds> GetFeedBounds() override;
  absl::StatusOr<FeedBounds> CompactFeed(Instant before) override;

 private:
  PgPool& pool_;
};

// The journey and its clocks, read on `conn` (NotFound naming it).
absl::StatusOr<JourneyRecord> ReadJourneyOn(PgConnection& conn,
                                            const JourneyName& name);

// Cancels the pending reminders of `journey_id`'s tasks that are no longer
// OPEN, on `conn` (in the caller's transaction).
absl::Status CancelClosedAlerts(PgConnection& conn,
                                const std::string& journey_id);

}  // namespace sendcase::storage::postgres

#endif  // SENDCASE_SERVICES_STORAGE_POSTGRES_PG_CASE_STORE_H_
