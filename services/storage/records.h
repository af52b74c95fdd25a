#ifndef SENDCASE_SERVICES_STORAGE_RECORDS_H_
#define SENDCASE_SERVICES_STORAGE_RECORDS_H_

// Value types that cross the storage ports (case_store.h, task_store.h).
// Backend-neutral: nothing here is SQLite-specific.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "sendcase/v1/journey.pb.h"
#include "sendcase/v1/journey_event.pb.h"
#include "sendcase/v1/pupil.pb.h"
#include "sendcase/v1/support.pb.h"
#include "sendcase/v1/support_requests.pb.h"
#include "sendcase/v1/task.pb.h"
#include "services/common/civil_date.h"
#include "services/common/clock.h"
#include "services/common/clock_record.h"
#include "services/common/resource_name.h"

namespace sendcase::storage {

// Which pupils' records a caller may see; built by auth, applied by the
// store in its queries so that lists never touch foreign rows.
struct Visibility {
  bool all = false;
  std::vector<std::string> setting_urns;
  std::vector<std::string> local_authority_codes;

  static Visibility All() { return Visibility{true, {}, {}}; }
};

// Narrows a pupil listing: an exact UPN and/or name words, each of which
// must occur in the given or family name (ASCII case ignored; the words are
// lower-case already).
struct PupilFilter {
  std::string upn;
  std::vector<std::string> name_words;
};

// Keyset pagination: rows strictly after cursor `after`, at most `limit`.
struct PageRequest {
  int64_t after = 0;
  int limit = 50;
};

template <typename T>
struct Page {
  std::vector<T> items;
  // Cursor for the next page; unset on the last page.
  std::optional<int64_t> next_after;
};

// Every item of a paged list: calls `list(PageRequest)` (returning
// absl::StatusOr<Page<T>>) page after page until the last.
template <typename T, typename List>
absl::StatusOr<std::vector<T>> ReadAllPages(List list, int page_size = 1000) {
  std::vector<T> all;
  PageRequest page{0, page_size};
  while (true) {
    absl::StatusOr<Page<T>> result = list(page);
    if (!result.ok()) return result.status();
    for (auto& item : result->items) all.push_back(std::move(item));
    if (!result->next_after.has_value()) return all;
    page.after = *result->next_after;
  }
}

// Versions (AIP-154 etags): a new pupil or journey is at kFirstVersion, and
// every committed write moves it to NextVersion. Casework renders the etag
// (casework/proto_convert.h); stores compare and set versions, nothing else.
inline constexpr int64_t kFirstVersion = 1;
inline constexpr int64_t NextVersion(int64_t version) { return version + 1; }

// A pupil as stored: every field of `pupil` but the etag and sen_provision,
// which casework renders from `version` and the current journey's state.
struct PupilRecord {
  v1::Pupil pupil;
  int64_t version = 0;
  v1::Journey::State journey_state = v1::Journey::STATE_UNSPECIFIED;
};

// A journey as stored, with what authorisation needs about its pupil.
struct JourneyRecord {
  v1::Journey journey;  // no etag (rendered from version), no clocks
  std::vector<ClockRecord> clocks;  // every clock, oldest first
  int64_t version = 0;
  std::optional<Day> latest_event_date;
  std::string setting_urn;
  std::string local_authority_code;
  std::optional<Day> birth_date;  // the pupil's, for age conditions in rules
};

// An idempotency key with what it protects (AIP-155).
struct IdempotencyKey {
  std::string principal;  // auth::Principal::Key(): subject, role and scope
  std::string request_id;
  std::string method;
  std::string fingerprint;  // hash of the request; a mismatch is an error
};

// The first response stored under an idempotency key.
struct StoredResponse {
  std::string method;
  std::string fingerprint;
  std::string response;  // serialized response message
};

// A new pupil and its first journey, both with names assigned.
struct NewPupil {
  v1::Pupil pupil;
  v1::Journey journey;
  Instant create_time;
};

// A reminder to fire for a new task.
struct NewAlert {
  int kind = 0;  // sendcase.v1.Alert.Kind
  Instant fire_time;
};

// A task to create with a newly opened clock, and its reminders.
struct NewTask {
  std::string id;
  std::string rule_id;
  std::string subject;
  std::string title;
  v1::Role owner_role = v1::ROLE_UNSPECIFIED;
  Day due_date;
  std::string explanation;  // the clock's, for reminder messages
  std::vector<NewAlert> alerts;
};

// A notice to send now: the event being committed is news `owner_role`
// must act on (rules' notices). Fired by the scheduler like a reminder,
// with no task.
struct NewNotice {
  std::string notice_id;
  v1::Role owner_role = v1::ROLE_UNSPECIFIED;
  std::string title;
  std::string explanation;  // the event and its source, for the message
  Day event_date;
};

// An open task of a journey, as the write path needs it.
struct OpenTask {
  std::string id;
  std::string rule_id;
  std::string subject;
  Day due_date;
};

// A task to close, and how (DONE or CANCELLED).
struct TaskClosure {
  std::string id;
  v1::Task::State state = v1::Task::CANCELLED;
};

// A pupil's support plan for one cycle, as stored: `plan` without name
// and etag (rendered from the pupil, the cycle and the version).
struct SupportPlanRecord {
  PupilName pupil;
  int cycle = 0;
  int64_t version = 0;
  v1::SupportPlan plan;
};

// A plan written with a journey transition (AgreeSupportPlan): `record`
// carries its new version, stored only if the stored one is
// `expected_version`.
struct SupportPlanWrite {
  SupportPlanRecord record;
  int64_t expected_version = 0;
  // A review's next cycle, inserted in the same transaction.
  std::optional<SupportPlanRecord> next_draft;
};

// A pupil's place on an intervention, as stored: `place` without name and
// etag; the intervention is settings/{setting_urn}/interventions/
// {intervention_id}.
struct PlaceRecord {
  PupilName pupil;
  std::string id;
  std::string setting_urn;
  std::string intervention_id;
  int64_t version = 0;
  v1::InterventionPlace place;
};

// Another installation's plan history kept with a pupil, as stored:
// `history` without its name.
struct ImportedHistoryRecord {
  PupilName pupil;
  std::string id;
  v1::ImportedPlanHistory history;
};

// A pupil's referral to an outside agency, as stored: `referral` without
// name and etag.
struct ReferralRecord {
  PupilName pupil;
  std::string id;
  int64_t version = 0;
  v1::AgencyReferral referral;
};

// A referral written with the journey event it records: inserted when
// `expected_version` is 0, else replaced if its stored version is that.
struct ReferralWrite {
  ReferralRecord record;
  int64_t expected_version = 0;
};

// Everything one RecordEvent (or a rule-set upgrade) writes, atomically.
struct TransitionEffects {
  JourneyName journey;
  int64_t expected_version = 0;
  v1::Journey::State new_state = v1::Journey::STATE_UNSPECIFIED;
  // The latest event date of the chronology after the commit (unset: none).
  std::optional<Day> latest_event_date;
  // False for a commit that appends no event (a rule-set upgrade).
  bool append_event = true;
  v1::JourneyEvent event;  // output fields set; sequence assigned by the store
  Instant record_time;
  // Stored events whose output fields (from_state, to_state) the replay
  // changed, with their sequence; rewritten in place.
  std::vector<v1::JourneyEvent> restated_events;
  // When set, the journey now follows this rule-set version.
  std::string rule_set_version;
  // replace_clocks false: id != 0 updates that clock, id == 0 inserts one.
  // replace_clocks true: the journey's clocks become exactly these (ids 0).
  bool replace_clocks = false;
  std::vector<ClockRecord> clock_changes;
  // Open tasks to close (their pending reminders are cancelled with them).
  std::vector<TaskClosure> closed_tasks;
  std::vector<NewTask> new_tasks;
  std::vector<NewNotice> notices;
  // A support plan agreed by this event, written in the same transaction
  // (Aborted, nothing written, if its version moved).
  std::optional<SupportPlanWrite> support_plan;
  // A referral created or answered by this event, likewise.
  std::optional<ReferralWrite> referral;
};

// Where a contact hears from, as auth parsed it (auth::Scope): storage
// keeps the kind and the id, so that routing compares ids and never
// rebuilds scope strings. Values are stored; never renumber.
enum class ScopeKind : int64_t {
  kAll = 0,             // every pupil
  kSetting = 1,         // pupils whose setting's URN is `id`
  kLocalAuthority = 2,  // pupils whose LA code is `id`
  kTrust = 3,           // pupils in settings whose trust is `id`
};
struct ContactScope {
  ScopeKind kind = ScopeKind::kAll;
  std::string id;  // "" for kAll
};

// Filters for listing tasks.
struct TaskFilter {
  std::optional<PupilName> pupil;
  std::optional<JourneyName> journey;
  v1::Role owner_role = v1::ROLE_UNSPECIFIED;  // unspecified: any
  std::optional<Day> overdue_on;  // only OPEN tasks due before this day
  std::string case_officer;       // only journeys assigned to them; "" any
};

}  // namespace sendcase::storage

#endif  // SENDCASE_SERVICES_STORAGE_RECORDS_H_
