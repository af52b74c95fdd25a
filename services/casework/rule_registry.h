#ifndef SENDCASE_SERVICES_CASEWORK_RULE_REGISTRY_H_
#define SENDCASE_SERVICES_CASEWORK_RULE_REGISTRY_H_

// RuleRegistry: the rule set new journeys start on (loaded from the rules
// directory at start-up) and every older version a journey may still
// follow, read back from the RuleSetStore and compiled on first use. This is
// how editing a rule never silently moves an open statutory date: a journey
// keeps evaluating the version it started on. Thread-safe.

#include <map>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "rules/rule_set.h"
#include "services/storage/rule_set_store.h"

namespace sendcase::casework {

class RuleRegistry {
 public:
  // Records `current` in the store. FailedPrecondition if its version is
  // already stored with different rules (the version was not bumped).
  static absl::StatusOr<std::unique_ptr<RuleRegistry>> Create(
      storage::RuleSetStore& store,
      std::shared_ptr<const rules::RuleSet> current, Instant now);

  const rules::RuleSet& current() const { return *current_; }

  // The rule set of `version`. NotFound if it was never stored.
  absl::StatusOr<std::shared_ptr<const rules::RuleSet>> ForVersion(
      const std::string& version);

  // SHA-256 of the deterministic serialization of a definition.
  static std::string Digest(const sendcase::rules::v1::RuleFile& definition);

 private:
  RuleRegistry(storage::RuleSetStore& store,
               std::shared_ptr<const rules::RuleSet> current);

  storage::RuleSetStore& store_;
  const std::shared_ptr<const rules::RuleSet> current_;
  absl::Mutex mu_;
  std::map<std::string, std::shared_ptr<const rules::RuleSet>> cache_
      ABSL_GUARDED_BY(mu_);
};

}  // namespace sendcase::casework

#endif  // SENDCASE_SERVICES_CASEWORK_RULE_REGISTRY_H_
