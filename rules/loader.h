#ifndef SENDCASE_RULES_LOADER_H_
#define SENDCASE_RULES_LOADER_H_

// Loads a rules directory: every *.textproto file in it (sorted by name) is
// parsed as a sendcase.rules.v1.RuleFile and merged; exactly one file sets
// the version. The only file I/O in rules/. Errors name file:line:column.

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "rules/rule_set.h"

namespace sendcase::rules {

// Parses and merges; InvalidArgument with file:line for syntax errors, a
// missing or repeated version; NotFound for a missing or empty directory.
absl::StatusOr<RuleSource> LoadRuleSource(const std::string& directory);

// LoadRuleSource + RuleSet::Create.
absl::StatusOr<std::shared_ptr<const RuleSet>> LoadRuleSet(
    const std::string& directory);

}  // namespace sendcase::rules

#endif  // SENDCASE_RULES_LOADER_H_
