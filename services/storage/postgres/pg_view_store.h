#ifndef SENDCASE_SERVICES_STORAGE_POSTGRES_PG_VIEW_STORE_H_
#define SENDCASE_SERVICES_STORAGE_POSTGRES_PG_VIEW_STORE_H_

// The work views on PostgreSQL (view_store.h): the LA's open assessments
// and issued plans (pg_view_store.cc), a setting's SEN register, reviews
// due and the counts behind caseloads and per-setting summaries
// (pg_view_store_register.cc). Read-only; each call takes one pooled
// connection and runs one statement on it. Thread-safe.

#include <optional>
#include <string>
#include <vector>

#include "services/storage/postgres/pg_pool.h"
#include "services/storage/view_store.h"

namespace sendcase::storage::postgres {

class PgViewStore final : public ViewStore {
 public:
  explicit PgViewStore(PgPool& pool) : pool_(pool) {}
  absl::StatusOr<std::vector<AssessmentRow>> ListOpenAssessments(
      const Visibility& visibility,
      const std::optional<AssessmentCursor>& after, int limit) override;
  absl::StatusOr<std::vector<IssuedPlanRow>> ListIssuedPlans(
      const Visibility& visibility, Day first, Day last) override;
  absl::StatusOr<Page<RegisterRow>> ListRegister(
      const Visibility& visibility, const std::string& setting_urn,
      const std::vector<int>& states, Day today,
      const PageRequest& page) override;
  absl::StatusOr<std::vector<ReviewRow>> ListReviewsDue(
      const Visibility& visibility, const std::string& setting_urn, Day until,
      const std::optional<ReviewCursor>& after, int limit) override;
  absl::StatusOr<std::vector<CountsRow>> CountByJourney(
      const Visibility& visibility, const ProvisionStates& provision,
      Day today) override;
  absl::StatusOr<std::vector<CountsRow>> CountByOfficer(
      const Visibility& visibility, const ProvisionStates& provision,
      Day today) override;
  absl::StatusOr<std::vector<CountsRow>> CountBySetting(
      const Visibility& visibility, const ProvisionStates& provision,
      Day today) override;

 private:
  PgPool& pool_;
};

}  // namespace sendcase::storage::postgres

#endif  // SENDCASE_SERVICES_STORAGE_POSTGRES_PG_VIEW_STORE_H_
