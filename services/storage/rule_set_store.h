#ifndef SENDCASE_SERVICES_STORAGE_RULE_SET_STORE_H_
#define SENDCASE_SERVICES_STORAGE_RULE_SET_STORE_H_

// RuleSetStore: keeps every rule set a journey may follow, by version, so a
// journey keeps its rules after the rule files change. Thread-safe.

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/common/clock.h"

namespace sendcase::storage {

struct StoredRuleSet {
  std::string version;
  std::string digest;      // SHA-256 of the definition
  std::string definition;  // serialized sendcase.rules.v1.RuleFile
};

class RuleSetStore {
 public:
  virtual ~RuleSetStore() = default;
  // Stores a version once. The same version with the same digest is a no-op;
  // with a different digest it is FailedPrecondition (a changed rule set
  // must get a new version).
  virtual absl::Status PutRuleSet(const StoredRuleSet& rule_set,
                                  Instant now) = 0;
  // NotFound for an unknown version.
  virtual absl::StatusOr<StoredRuleSet> GetRuleSet(
      const std::string& version) = 0;
};

}  // namespace sendcase::storage

#endif  // SENDCASE_SERVICES_STORAGE_RULE_SET_STORE_H_
