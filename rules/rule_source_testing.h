#ifndef SENDCASE_RULES_RULE_SOURCE_TESTING_H_
#define SENDCASE_RULES_RULE_SOURCE_TESTING_H_

// For rules tests: a rule set "t1" (holidays 2024 only) holding
// `rules_text` (RuleFile text format), each rule located at
// f.textproto:10, :11, ... for error messages.

#include <string>

#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "rules/rule_set.h"

namespace sendcase::rules {

inline RuleSource SourceForTest(const std::string& rules_text) {
  RuleSource source;
  const std::string text =
      "version: \"t1\" holidays_first_year: 2024 "
      "holidays_last_year: 2024 " +
      rules_text;
  EXPECT_TRUE(
      google::protobuf::TextFormat::ParseFromString(text, &source.merged))
      << text;
  for (int i = 0; i < source.merged.rules_size(); ++i) {
    source.rule_locations.push_back("f.textproto:" + std::to_string(10 + i));
  }
  return source;
}

}  // namespace sendcase::rules

#endif  // SENDCASE_RULES_RULE_SOURCE_TESTING_H_
