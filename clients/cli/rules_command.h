#ifndef SENDCASE_CLIENTS_CLI_RULES_COMMAND_H_
#define SENDCASE_CLIENTS_CLI_RULES_COMMAND_H_

// `sendcasectl rules preview DIR`: merges a candidate rules directory
// (every *.textproto, as the server does) and asks the server which live
// clocks it would change. The server compiles and validates it.

#include <string>

#include "absl/status/statusor.h"
#include "sendcase/rules/v1/rules.pb.h"
#include "sendcase/v1/case_service.pb.h"

namespace sendcase::client {

// Reads and merges DIR/*.textproto in name order. InvalidArgument naming
// file:line:column on a syntax error; NotFound for an empty or missing DIR.
absl::StatusOr<sendcase::rules::v1::RuleFile> ReadRuleDirectory(
    const std::string& dir);

// A readable report of a preview.
std::string PreviewText(const v1::PreviewRulesResponse& preview);

// A readable report of a rule-set upgrade (or its preview).
std::string UpgradeText(const v1::UpgradeJourneyRulesResponse& upgrade);

}  // namespace sendcase::client

#endif  // SENDCASE_CLIENTS_CLI_RULES_COMMAND_H_
