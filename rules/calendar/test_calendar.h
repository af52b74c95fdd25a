#ifndef SENDCASE_RULES_CALENDAR_TEST_CALENDAR_H_
#define SENDCASE_RULES_CALENDAR_TEST_CALENDAR_H_

// Test helper: the shipped England and Wales calendar, loaded once from
// rules/definitions (so the tests check the data as well as the code).

#include <cstdlib>

#include "rules/loader.h"

namespace sendcase::rules {

inline const RuleSet& ShippedRules() {
  static const std::shared_ptr<const RuleSet> rules = [] {
    auto loaded = LoadRuleSet(SENDCASE_RULES_DIR);
    if (!loaded.ok()) {
      fprintf(stderr, "cannot load shipped rules: %s\n",
              loaded.status().ToString().c_str());
      abort();
    }
    return *loaded;
  }();
  return *rules;
}

inline const BusinessCalendar& England() { return ShippedRules().calendar(); }

inline Day D(int y, unsigned m, unsigned d) {
  return Day(date::year{y} / date::month{m} / date::day{d});
}

}  // namespace sendcase::rules

#endif  // SENDCASE_RULES_CALENDAR_TEST_CALENDAR_H_
