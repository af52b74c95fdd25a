#ifndef SENDCASE_CLIENTS_CLI_DEMO_SUPPORT_H_
#define SENDCASE_CLIENTS_CLI_DEMO_SUPPORT_H_

// The demo's graduated approach (demo_seed.h), through the public API: a
// catalogue of interventions per setting, and for each pupil on SEN support
// the plan cycles, places and referral that record its journey's support
// steps. Reproducible: every write carries a request id.

#include <optional>
#include <random>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "clients/case_client.h"
#include "date/date.h"

namespace sendcase::client {

// A pupil's SEN support as the demo journey drew it: support starts on
// `start` with a review on `review`; optionally a review held then with the
// next on `next_review`, and a referral to the EP service on `referral`.
struct DemoSupport {
  date::sys_days start;
  date::sys_days review;
  std::optional<date::sys_days> next_review;
  std::optional<date::sys_days> referral;
};

// The setting's catalogue (six interventions, one or two per area of need),
// created once (a re-run finds them by their request ids).
absl::StatusOr<std::vector<v1::Intervention>> SeedCatalogue(
    CaseClient& client, const std::string& urn, const std::string& key);

// Agrees the pupil's first plan on `start` (recording sen_support_started),
// places the pupil on one or two interventions (ended, with an exit
// measure, when they began over ten weeks before `today`), refers to the EP
// service, and holds the review with ratings and agrees the next cycle.
absl::Status SeedSupport(CaseClient& client, std::mt19937_64& rng,
                         const v1::Pupil& pupil,
                         const std::vector<v1::Intervention>& catalogue,
                         const DemoSupport& support, date::sys_days today,
                         const std::string& key);

}  // namespace sendcase::client

#endif  // SENDCASE_CLIENTS_CLI_DEMO_SUPPORT_H_
