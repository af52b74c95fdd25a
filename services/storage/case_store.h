#ifndef SENDCASE_SERVICES_STORAGE_CASE_STORE_H_
#define SENDCASE_SERVICES_STORAGE_CASE_STORE_H_

// CaseStore: the port through which casework reads and writes pupils,
// journeys and their chronology. SqliteStore is the embedded implementation;
// a PostgreSQL one would implement the same interface.
//
// Error codes: NotFound (no such resource), AlreadyExists (duplicate UPN or
// id), Aborted (stale version), Unavailable (database busy; retry),
// Internal (corruption or a bug). Implementations are thread-safe.

#include <optional>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/storage/records.h"

namespace sendcase::storage {

class CaseStore {
 public:
  virtual ~CaseStore() = default;

  // The response stored under (principal, request_id), if any; `principal`
  // is auth::Principal::Key(), so keys never cross tenants.
  virtual absl::StatusOr<std::optional<StoredResponse>> FindResponse(
      const std::string& principal, const std::string& request_id) = 0;

  // Inserts the pupil and its first journey; with `key`, also stores
  // `response` under it, all in one transaction. AlreadyExists if the UPN is
  // taken (the message names the field, never the value).
  virtual absl::Status CreatePupil(const NewPupil& pupil,
                                   const std::optional<IdempotencyKey>& key,
                                   const std::string& response) = 0;

  virtual absl::StatusOr<PupilRecord> GetPupil(const PupilName& name) = 0;
  // Visible pupils in creation order, narrowed by `filter`.
  virtual absl::StatusOr<Page<PupilRecord>> ListPupils(
      const Visibility& visibility, const PupilFilter& filter,
      const PageRequest& page) = 0;

  // Replaces the pupil's changeable fields (UPN, names, birth date, setting,
  // LA, needs) with `pupil`'s and bumps its version; with `key`, stores
  // `response` too; one transaction. Aborted if the version is not
  // `expected_version`; AlreadyExists if another pupil has the UPN;
  // NotFound. Pending reminders follow the pupil to its new setting and LA.
  virtual absl::Status UpdatePupil(const PupilName& name,
                                   const v1::Pupil& pupil,
                                   int64_t expected_version,
                                   const std::optional<IdempotencyKey>& key,
                                   const std::string& response,
                                   Instant now) = 0;

  virtual absl::StatusOr<JourneyRecord> GetJourney(const JourneyName& name) = 0;
  // Sets the journey's case officer and bumps its version. Aborted if the
  // version is not `expected_version`.
  virtual absl::Status AssignCaseOfficer(const JourneyName& name,
                                         const std::string& case_officer,
                                         int64_t expected_version,
                                         Instant now) = 0;
  // Journeys visible to the caller; only `parent`'s when set.
  virtual absl::StatusOr<Page<JourneyRecord>> ListJourneys(
      const Visibility& visibility, const std::optional<PupilName>& parent,
      const PageRequest& page) = 0;

  // The journey's OPEN tasks, oldest first.
  virtual absl::StatusOr<std::vector<OpenTask>> ListOpenTasks(
      const JourneyName& journey) = 0;

  // Appends the event, moves the journey to the new state and bumps its
  // version, writes its clocks and tasks, and stores `response` under
  // `key`: one transaction. Aborted if the journey's version is not
  // `expected_version`. Returns the sequence number given to the event (0
  // when `append_event` is false).
  virtual absl::StatusOr<int64_t> CommitTransition(
      const TransitionEffects& commit, const std::optional<IdempotencyKey>& key,
      const std::string& response) = 0;

  // The chronology, oldest first; the cursor is the event sequence.
  virtual absl::StatusOr<Page<v1::JourneyEvent>> ListEvents(
      const JourneyName& journey, const PageRequest& page) = 0;
};

}  // namespace sendcase::storage

#endif  // SENDCASE_SERVICES_STORAGE_CASE_STORE_H_
