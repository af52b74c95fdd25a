#include "services/casework/rule_preview.h"

#include <map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "rules/evaluator.h"
#include "services/common/proto_time.h"
#include "services/common/status_macros.h"
#include "services/journey/replay.h"

namespace sendcase::casework {
namespace {

using Key = std::pair<std::string, std::string>;  // rule_id, subject

std::map<Key, rules::ClockRecord> LiveByKey(
    const std::vector<rules::ClockRecord>& clocks) {
  std::map<Key, rules::ClockRecord> out;
  for (const auto& c : clocks) {
    if (c.IsLive()) out[{c.rule_id, c.subject}] = c;
  }
  return out;
}

void Compare(const std::string& journey,
             const std::vector<rules::ClockRecord>& stored,
             const std::vector<rules::ClockRecord>& replayed,
             v1::PreviewRulesResponse& out) {
  const auto before = LiveByKey(stored);
  const auto after = LiveByKey(replayed);
  auto add = [&](const Key& key, const rules::ClockRecord* was,
                 const rules::ClockRecord* will) {
    v1::ClockPreview* change = out.add_changes();
    change->set_journey(journey);
    change->set_rule_id(key.first);
    change->set_subject(key.second);
    if (was) *change->mutable_current_due_date() = ToProtoDate(was->due_date);
    if (will) {
      *change->mutable_candidate_due_date() = ToProtoDate(will->due_date);
      change->set_explanation(will->explanation);
    }
  };
  for (const auto& [key, was] : before) {
    auto it = after.find(key);
    if (it == after.end()) {
      add(key, &was, nullptr);
    } else if (it->second.due_date != was.due_date) {
      add(key, &was, &it->second);
    }
  }
  for (const auto& [key, will] : after) {
    if (before.count(key) == 0) add(key, nullptr, &will);
  }
}

}  // namespace

absl::StatusOr<v1::PreviewRulesResponse> PreviewRuleSet(
    storage::CaseStore& store, const storage::Visibility& visibility,
    const rules::RuleSet& candidate) {
  v1::PreviewRulesResponse out;
  out.set_candidate_version(candidate.version());
  storage::PageRequest page{0, 200};
  while (true) {
    ASSIGN_OR_RETURN(auto journeys,
                     store.ListJourneys(visibility, std::nullopt, page));
    for (const storage::JourneyRecord& record : journeys.items) {
      ASSIGN_OR_RETURN(JourneyName name,
                       ParseJourneyName(record.journey.name(), "journey"));
      ASSIGN_OR_RETURN(auto events, storage::ReadAllPages<v1::JourneyEvent>(
                                        [&](const storage::PageRequest& p) {
                                          return store.ListEvents(name, p);
                                        }));
      out.set_journeys_checked(out.journeys_checked() + 1);
      auto replayed = journey::Replay(candidate, events, record.birth_date);
      if (!replayed.ok()) {
        v1::ClockPreview* change = out.add_changes();
        change->set_journey(record.journey.name());
        change->set_explanation(
            absl::StrCat("cannot replay: ", replayed.status().message()));
        continue;
      }
      Compare(record.journey.name(), record.clocks, replayed->clocks, out);
    }
    if (!journeys.next_after.has_value()) return out;
    page.after = *journeys.next_after;
  }
}

}  // namespace sendcase::casework
