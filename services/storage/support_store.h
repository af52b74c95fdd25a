#ifndef SENDCASE_SERVICES_STORAGE_SUPPORT_STORE_H_
#define SENDCASE_SERVICES_STORAGE_SUPPORT_STORE_H_

// SupportStore: the graduated approach (sendcase/v1/support.proto): a
// setting's intervention catalogue, a pupil's support plans by cycle and the
// pupil's intervention places. Records carry no resource names or etags
// (casework renders them from ids and versions).
//
// Every write takes a WriteRecord: when it has an idempotency key, its
// response commits in the same transaction, like CaseStore's writes. Error
// codes: NotFound, AlreadyExists (a taken id, or a cycle already written),
// Aborted (the version is not the expected one), Unavailable, Internal. A plan
// agreed with the family is written by CaseStore::CommitTransition
// (TransitionEffects::support_plan), with the journey event it records.
// Thread-safe.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "sendcase/v1/support.pb.h"
#include "services/storage/records.h"

namespace sendcase::storage {

// The idempotency key of a write and the response stored under it.
struct WriteRecord {
  std::optional<IdempotencyKey> key;
  std::string response;
  Instant now;
};

// Which places a setting's report reads.
enum class PlaceWindow {
  // The place ran on some day of [first, last]; a place with no end
  // counts only while its pupil is still at the setting.
  kOverlapping,
  kEndedWithin,  // the place ended on a day of [first, last]
};

// A place with the current journey state of its pupil (for K/E counts).
struct SettingPlaceRow {
  PlaceRecord place;
  v1::Journey::State journey_state = v1::Journey::STATE_UNSPECIFIED;
};

class SupportStore {
 public:
  virtual ~SupportStore() = default;

  // Adds `intervention` (name ignored) as settings/{setting_urn}/
  // interventions/{id}. AlreadyExists if the id is taken.
  virtual absl::Status CreateIntervention(const std::string& setting_urn,
                                          const std::string& id,
                                          const v1::Intervention& intervention,
                                          const WriteRecord& write) = 0;
  // The intervention with its name set; NotFound.
  virtual absl::StatusOr<v1::Intervention> GetIntervention(
      const std::string& setting_urn, const std::string& id) = 0;
  // A setting's catalogue, oldest first (names set).
  virtual absl::StatusOr<Page<v1::Intervention>> ListInterventions(
      const std::string& setting_urn, const PageRequest& page) = 0;

  // Inserts cycle `plan.cycle` of the pupil at `plan.version`;
  // AlreadyExists if the cycle exists, NotFound if the pupil does not.
  virtual absl::Status InsertSupportPlan(const SupportPlanRecord& plan,
                                         const WriteRecord& write) = 0;
  // Replaces the stored cycle with `plan` (its version the new one) if the
  // stored version is `expected_version`; Aborted otherwise.
  virtual absl::Status UpdateSupportPlan(const SupportPlanRecord& plan,
                                         int64_t expected_version,
                                         const WriteRecord& write) = 0;
  // UpdateSupportPlan(reviewed) and InsertSupportPlan(next_draft) in one
  // transaction.
  virtual absl::Status ReviewSupportPlan(const SupportPlanRecord& reviewed,
                                         int64_t expected_version,
                                         const SupportPlanRecord& next_draft,
                                         const WriteRecord& write) = 0;
  virtual absl::StatusOr<SupportPlanRecord> GetSupportPlan(
      const PupilName& pupil, int cycle) = 0;
  // Every cycle of the pupil, oldest first.
  virtual absl::StatusOr<std::vector<SupportPlanRecord>> ListSupportPlans(
      const PupilName& pupil) = 0;

  // Inserts a place at `place.version`; AlreadyExists, or NotFound if the
  // pupil or the intervention does not exist.
  virtual absl::Status InsertPlace(const PlaceRecord& place,
                                   const WriteRecord& write) = 0;
  // Replaces the place if its stored version is `expected_version`.
  virtual absl::Status UpdatePlace(const PlaceRecord& place,
                                   int64_t expected_version,
                                   const WriteRecord& write) = 0;
  virtual absl::StatusOr<PlaceRecord> GetPlace(const PupilName& pupil,
                                               const std::string& id) = 0;
  // The pupil's places, oldest first.
  virtual absl::StatusOr<std::vector<PlaceRecord>> ListPlaces(
      const PupilName& pupil) = 0;
  // A referral (written only with its journey event: TransitionEffects::
  // referral); NotFound.
  virtual absl::StatusOr<ReferralRecord> GetReferral(const PupilName& pupil,
                                                     const std::string& id) = 0;
  // Replaces the referral (`write.expected_version` its stored version) with
  // no journey event: links to plan outcomes only. Aborted.
  virtual absl::Status UpdateReferral(const ReferralWrite& referral,
                                      const WriteRecord& write) = 0;
  // The pupil's referrals, oldest first.
  virtual absl::StatusOr<std::vector<ReferralRecord>> ListReferrals(
      const PupilName& pupil) = 0;

  // Keeps another installation's plan history with the pupil (an import).
  // AlreadyExists if the id is taken, NotFound if the pupil does not exist.
  virtual absl::Status InsertImportedHistory(
      const ImportedHistoryRecord& imported, const WriteRecord& write) = 0;
  // The pupil's imported histories, oldest import first.
  virtual absl::StatusOr<std::vector<ImportedHistoryRecord>>
  ListImportedHistories(const PupilName& pupil) = 0;
  // Places on the setting's interventions in the window, whichever pupils
  // (a report counts them; it names none).
  virtual absl::StatusOr<std::vector<SettingPlaceRow>> ListSettingPlaces(
      const std::string& setting_urn, PlaceWindow window, Day first,
      Day last) = 0;
};

}  // namespace sendcase::storage

#endif  // SENDCASE_SERVICES_STORAGE_SUPPORT_STORE_H_
