#ifndef SENDCASE_SERVICES_STORAGE_POSTGRES_PG_SUPPORT_STORE_H_
#define SENDCASE_SERVICES_STORAGE_POSTGRES_PG_SUPPORT_STORE_H_

// The graduated approach on PostgreSQL (support_store.h): a setting's
// intervention catalogue, pupils' support plans by cycle, their places on
// interventions, their referrals and the plan histories imported with
// them, passing SupportConformance. Each write commits with its response
// under its idempotency key and its call's audit row in one transaction
// (pg_write.h); the writes the journey commit shares are in
// pg_support_writes.h. Each call takes a connection from the pool.
// Thread-safe.

#include <string>
#include <vector>

#include "services/storage/postgres/pg_pool.h"
#include "services/storage/support_store.h"

namespace sendcase::storage::postgres {

class PgSupportStore final : public SupportStore {
 public:
  explicit PgSupportStore(PgPool& pool) : pool_(pool) {}

  // Interventions and plans (pg_support_store.cc).
  absl::Status CreateIntervention(const std::string& setting_urn,
                                  const std::string& id,
                                  const v1::Intervention& intervention,
                                  const WriteRecord& write) override;
  absl::StatusOr<v1::Intervention> GetIntervention(
      const std::string& setting_urn, const std::string& id) override;
  absl::StatusOr<Page<v1::Intervention>> ListInterventions(
      const std::string& setting_urn, const PageRequest& page) override;
  absl::Status InsertSupportPlan(const SupportPlanRecord& plan,
                                 const WriteRecord& write) override;
  absl::Status UpdateSupportPlan(const SupportPlanRecord& plan,
                                 int64_t expected_version,
                                 const WriteRecord& write) override;
  absl::Status ReviewSupportPlan(const SupportPlanRecord& reviewed,
                                 int64_t expected_version,
                                 const SupportPlanRecord& next_draft,
                                 const WriteRecord& write) override;
  absl::StatusOr<SupportPlanRecord> GetSupportPlan(const PupilName& pupil,
                                                   int cycle) override;
  absl::StatusOr<std::vector<SupportPlanRecord>> ListSupportPlans(
      const PupilName& pupil) override;

  // Places, referrals, imported histories (pg_support_places.cc).
  absl::Status InsertPlace(const PlaceRecord& place,
                           const WriteRecord& write) override;
  absl::Status UpdatePlace(const PlaceRecord& place, int64_t expected_version,
                           const WriteRecord& write) override;
  absl::StatusOr<PlaceRecord> GetPlace(const PupilName& pupil,
                                       const std::string& id) override;
  absl::StatusOr<std::vector<PlaceRecord>> ListPlaces(
      const PupilName& pupil) override;
  absl::StatusOr<ReferralRecord> GetReferral(const PupilName& pupil,
                                             const std::string& id) override;
  absl::Status UpdateReferral(const ReferralWrite& referral,
                              const WriteRecord& write) override;
  absl::StatusOr<std::vector<ReferralRecord>> ListReferrals(
      const PupilName& pupil) override;
  absl::Status InsertImportedHistory(const ImportedHistoryRecord& imported,
                                     const WriteRecord& write) override;
  absl::StatusOr<std::vector<ImportedHistoryRecord>> ListImportedHistories(
      const PupilName& pupil) override;
  absl::StatusOr<std::vector<SettingPlaceRow>> ListSettingPlaces(
      const std::string& setting_urn, PlaceWindow window, Day first,
      Day last) override;

 private:
  PgPool& pool_;
};

}  // namespace sendcase::storage::postgres

#endif  // SENDCASE_SERVICES_STORAGE_POSTGRES_PG_SUPPORT_STORE_H_
