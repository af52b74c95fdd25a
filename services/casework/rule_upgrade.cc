// CaseEngine::UpgradeJourneyRules: a corrected rule set reaches journeys
// already running. Each chosen journey's chronology is replayed under the
// server's current rules; the preview lists every clock that would move,
// and applying writes each journey's replay in one transaction of its own
// (the same commit a late-logged event makes), so one journey that cannot
// be upgraded never holds up the rest.
#include "absl/strings/str_cat.h"
#include "services/auth/authorizer.h"
#include "services/casework/case_engine.h"
#include "services/casework/replay_commit.h"
#include "services/common/status_macros.h"
#include "services/journey/replay.h"

namespace sendcase::casework {
namespace {

constexpr int kMaxJourneys = 1000;

}  // namespace

absl::StatusOr<v1::JourneyUpgrade> CaseEngine::UpgradeJourney(
    const storage::JourneyRecord& record, const rules::RuleSet& target,
    bool validate_only) {
  v1::JourneyUpgrade out;
  out.set_journey(record.journey.name());
  out.set_from_version(record.journey.rule_set_version());
  ASSIGN_OR_RETURN(JourneyName name,
                   ParseJourneyName(record.journey.name(), "journeys"));
  ASSIGN_OR_RETURN(std::vector<v1::JourneyEvent> stored,
                   storage::ReadAllPages<v1::JourneyEvent>(
                       [&](const storage::PageRequest& page) {
                         return cases_.ListEvents(name, page);
                       }));
  absl::StatusOr<journey::ReplayedJourney> replayed =
      journey::Replay(target, stored, record.birth_date);
  if (!replayed.ok()) {
    out.set_error(absl::StrCat("does not replay under rule set ",
                               target.version(), ": ",
                               replayed.status().message()));
    return out;
  }
  for (auto& change : journey::DiffClocks(record.clocks, replayed->clocks)) {
    *out.add_clock_changes() = std::move(change);
  }
  if (validate_only) return out;
  const Instant now = clock_.Now();
  storage::TransitionEffects commit;
  commit.journey = name;
  commit.expected_version = record.version;
  commit.record_time = now;
  commit.append_event = false;
  commit.rule_set_version = target.version();
  ASSIGN_OR_RETURN(std::vector<storage::OpenTask> open_tasks,
                   cases_.ListOpenTasks(name));
  PlanReplayCommit(
      record, stored, open_tasks, *replayed, LondonDate(now),
      [this] { return ids_.NewId(); }, commit);
  const absl::Status written = cases_.CommitTransition(commit, {}, "").status();
  if (absl::IsAborted(written)) {
    out.set_error("changed while being upgraded; run the upgrade again");
    return out;
  }
  if (!written.ok()) {
    // Reported with the journey; the ones before it stay upgraded.
    out.set_error(absl::StrCat("not written: ", written.message()));
    return out;
  }
  out.set_applied(true);
  if (bus_ != nullptr && !commit.new_tasks.empty()) bus_->RequestRun();
  return out;
}

absl::StatusOr<v1::UpgradeJourneyRulesResponse> CaseEngine::UpgradeJourneyRules(
    const auth::Principal& caller,
    const v1::UpgradeJourneyRulesRequest& request) {
  RETURN_IF_ERROR(
      auth::AuthorizeMethod(caller, auth::Method::kUpgradeJourneyRules));
  const std::string current = rules_.current().version();
  if (request.rule_set_version() != current) {
    return absl::InvalidArgumentError(absl::StrCat(
        "rule_set_version: journeys can be moved only to the server's "
        "current rule set, ",
        current, "; got '", request.rule_set_version(), "'"));
  }
  if (request.journeys_size() > kMaxJourneys) {
    return absl::InvalidArgumentError(
        absl::StrCat("journeys: at most ", kMaxJourneys, " at a time"));
  }
  ASSIGN_OR_RETURN(std::shared_ptr<const rules::RuleSet> target,
                   rules_.ForVersion(current));
  std::vector<storage::JourneyRecord> records;
  if (request.journeys_size() > 0) {
    for (int i = 0; i < request.journeys_size(); ++i) {
      ASSIGN_OR_RETURN(storage::JourneyRecord record,
                       LoadJourney(caller, request.journeys(i),
                                   absl::StrCat("journeys[", i, "]")));
      records.push_back(std::move(record));
    }
  } else {
    ASSIGN_OR_RETURN(records, storage::ReadAllPages<storage::JourneyRecord>(
                                  [&](const storage::PageRequest& page) {
                                    return cases_.ListJourneys(
                                        auth::VisibilityFor(caller),
                                        std::nullopt, page);
                                  }));
  }
  v1::UpgradeJourneyRulesResponse response;
  response.set_rule_set_version(current);
  for (const storage::JourneyRecord& record : records) {
    if (record.journey.rule_set_version() == current) continue;
    if (response.journeys_checked() == kMaxJourneys) {
      response.set_more_remain(true);
      break;
    }
    response.set_journeys_checked(response.journeys_checked() + 1);
    ASSIGN_OR_RETURN(*response.add_journeys(),
                     UpgradeJourney(record, *target, request.validate_only()));
  }
  if (!request.validate_only() && bus_ != nullptr) bus_->EventsCommitted();
  return response;
}

}  // namespace sendcase::casework
