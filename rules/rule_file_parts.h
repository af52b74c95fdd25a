#ifndef SENDCASE_RULES_RULE_FILE_PARTS_H_
#define SENDCASE_RULES_RULE_FILE_PARTS_H_

// The parts of a rule file that are not rules: the bank-holiday calendar,
// the temporary exception reasons and the notices, compiled for
// RuleSet::Create. Each refuses bad data with InvalidArgument naming the entry.

#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "rules/calendar/business_calendar.h"
#include "rules/rule_set.h"
#include "sendcase/rules/v1/rules.pb.h"

namespace sendcase::rules {

// `legacy` (RuleSource::legacy): the listed holidays are the whole list for
// the years from holidays_first_year to holidays_last_year, as rule sets
// stored before the calendar was computed had them.
absl::StatusOr<BusinessCalendar> CompileCalendar(
    const sendcase::rules::v1::RuleFile& in, bool legacy);

absl::StatusOr<std::map<api::ExceptionRecorded::Reason, TemporaryException>>
CompileTemporaryExceptions(const sendcase::rules::v1::RuleFile& in);

// `locations` parallels in.notices() (may be empty); `rule_ids` are the
// rules' ids, which a notice id may not repeat. Refuses a notice without an
// id, title, event or role, an unknown event, field or role, and an id
// used twice.
absl::StatusOr<std::vector<CompiledNotice>> CompileNotices(
    const sendcase::rules::v1::RuleFile& in,
    const std::vector<std::string>& locations,
    const std::set<std::string>& rule_ids);

}  // namespace sendcase::rules

#endif  // SENDCASE_RULES_RULE_FILE_PARTS_H_
