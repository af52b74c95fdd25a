#include "rules/rule_set.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "rules/rule_file_parts.h"
#include "services/common/status_macros.h"

namespace sendcase::rules {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
namespace rv1 = sendcase::rules::v1;

// The message type of an event kind's oneof member.
const google::protobuf::Descriptor* KindMessage(EventKind kind) {
  return api::JourneyEvent::descriptor()
      ->FindFieldByNumber(kind)
      ->message_type();
}

class Compiler {
 public:
  explicit Compiler(std::string where) : where_(std::move(where)) {}

  absl::Status Error(absl::string_view what) const {
    return absl::InvalidArgumentError(absl::StrCat(where_, what));
  }

  absl::StatusOr<CompiledMatch> Match(const rv1::EventMatch& in) const {
    return CompileMatch(in, where_);
  }

  // The largest count each counting rule accepts: two years of it.
  static int MaxCount(absl::string_view what) {
    if (what == "weeks" || what == "weeks_before") return 104;
    if (what == "days_inclusive") return 731;
    if (what == "working_days") return 520;
    return 24;  // months, months_period, months_before
  }

  absl::StatusOr<CompiledDue> Due(const rv1::DueDate& in, EventKind on) const {
    CompiledDue out;
    using K = CompiledDue::Kind;
    // Bounded: no statutory clock runs past two years, and `weeks: 500000`
    // would give dates past year 9999 that no list could show.
    auto positive = [&](int n, const char* what) -> absl::Status {
      const int max = MaxCount(what);
      if (n <= 0 || n > max) {
        return Error(
            absl::StrCat(what, " must be between 1 and ", max, " (two years)"));
      }
      out.n = n;
      return absl::OkStatus();
    };
    switch (in.rule_case()) {
      case rv1::DueDate::kWeeks:
        out.kind = K::kWeeks;
        RETURN_IF_ERROR(positive(in.weeks(), "weeks"));
        break;
      case rv1::DueDate::kDaysInclusive:
        out.kind = K::kDaysInclusive;
        RETURN_IF_ERROR(positive(in.days_inclusive(), "days_inclusive"));
        break;
      case rv1::DueDate::kOnAnchor:
        out.kind = K::kOnAnchor;
        break;
      case rv1::DueDate::kMonths:
        out.kind = K::kMonths;
        RETURN_IF_ERROR(positive(in.months(), "months"));
        break;
      case rv1::DueDate::kMonthsPeriod:
        out.kind = K::kMonthsPeriod;
        RETURN_IF_ERROR(positive(in.months_period(), "months_period"));
        break;
      case rv1::DueDate::kBeforeInYear: {
        out.kind = K::kBeforeInYear;
        out.month = static_cast<unsigned>(in.before_in_year().month());
        out.day = static_cast<unsigned>(in.before_in_year().day());
        const date::month_day md{date::month{out.month}, date::day{out.day}};
        if (!md.ok()) return Error("before_in_year is not a month and day");
        break;
      }
      case rv1::DueDate::kMonthsBefore:
        out.kind = K::kMonthsBefore;
        RETURN_IF_ERROR(positive(in.months_before(), "months_before"));
        break;
      case rv1::DueDate::kWeeksBefore:
        out.kind = K::kWeeksBefore;
        RETURN_IF_ERROR(positive(in.weeks_before(), "weeks_before"));
        break;
      case rv1::DueDate::kWorkingDays:
        out.kind = K::kWorkingDays;
        RETURN_IF_ERROR(positive(in.working_days(), "working_days"));
        break;
      case rv1::DueDate::kTribunalAppeal:
        out.kind = K::kTribunalAppeal;
        break;
      default:
        return Error("due date has no counting rule");
    }
    if (in.has_no_later_than()) {
      const auto& bound = in.no_later_than();
      auto kind = [&](const std::string& name) -> absl::StatusOr<EventKind> {
        const FieldDescriptor* m =
            api::JourneyEvent::descriptor()->FindFieldByName(name);
        if (m == nullptr || m->containing_oneof() == nullptr) {
          return Error(
              absl::StrCat("no_later_than: unknown event '", name, "'"));
        }
        return static_cast<EventKind>(m->number());
      };
      ASSIGN_OR_RETURN(out.bound_event, kind(bound.event()));
      if (bound.weeks() <= 0 || bound.weeks() > MaxCount("weeks")) {
        return Error("no_later_than.weeks must be between 1 and 104");
      }
      out.bound_weeks = bound.weeks();
      for (const auto& reset : bound.reset_by()) {
        ASSIGN_OR_RETURN(CompiledMatch match, Match(reset));
        out.bound_reset_by.push_back(std::move(match));
      }
      out.bound_citation = bound.citation();
    }
    if (in.at_most_months() != 0) {
      if (out.kind != K::kOnAnchor) {
        return Error("at_most_months applies only to on_anchor");
      }
      if (in.at_most_months() < 0 || in.at_most_months() > 24) {
        return Error("at_most_months must be between 1 and 24 (two years)");
      }
      out.at_most_months = in.at_most_months();
      out.at_most_citation = in.at_most_citation();
    }
    if (!in.anchor().empty() && in.anchor() != "event_date") {
      const FieldDescriptor* f = KindMessage(on)->FindFieldByName(in.anchor());
      if (f == nullptr || f->message_type() == nullptr ||
          f->message_type()->full_name() != "google.type.Date") {
        return Error(absl::StrCat("anchor '", in.anchor(),
                                  "' is not a date field of the event"));
      }
      out.anchor = f;
    }
    return out;
  }

 private:
  std::string where_;
};

// At most one rule is the assessment's limit. Rule sets up to 2026.5 (kept
// for journeys on them) mark no rule with either flag and named the
// assessment's clocks by id: marked here, the one place knowing those ids.
absl::Status MarkAssessmentClocks(std::vector<CompiledRule>& rules) {
  const CompiledRule* limit = nullptr;
  bool any_step = false;
  for (const CompiledRule& rule : rules) {
    any_step = any_step || rule.assessment_step;
    if (!rule.assessment_limit) continue;
    if (limit != nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat(rule.location.empty() ? "" : rule.location + ": ",
                       "rule ", rule.id, ": assessment_limit is already rule ",
                       limit->id, "; a rule set has at most one"));
    }
    limit = &rule;
  }
  if (limit != nullptr || any_step) return absl::OkStatus();
  for (CompiledRule& rule : rules) {
    rule.assessment_step = absl::StartsWith(rule.id, "ehc.");
    rule.assessment_limit = rule.id == "ehc.final_plan";
  }
  return absl::OkStatus();
}

// Every real state, for legacy rules that name none.
std::vector<api::Journey::State> AllStates() {
  std::vector<api::Journey::State> out;
  const auto* d = api::Journey::State_descriptor();
  for (int i = 0; i < d->value_count(); ++i) {
    if (d->value(i)->number() != api::Journey::STATE_UNSPECIFIED) {
      out.push_back(static_cast<api::Journey::State>(d->value(i)->number()));
    }
  }
  return out;
}

bool IsRuleId(absl::string_view id) {
  if (id.empty() || id.size() > 100) return false;
  for (char c : id) {
    if (!absl::ascii_islower(static_cast<unsigned char>(c)) &&
        !absl::ascii_isdigit(static_cast<unsigned char>(c)) && c != '.' &&
        c != '_') {
      return false;
    }
  }
  return true;
}

absl::StatusOr<std::vector<int>> ReminderDays(
    const google::protobuf::RepeatedField<int32_t>& days,
    absl::string_view where) {
  std::set<int> sorted;
  for (int d : days) {
    if (d < -365 || d > 365) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, "reminder days must be within a year"));
    }
    sorted.insert(d);
  }
  return std::vector<int>(sorted.begin(), sorted.end());
}

absl::StatusOr<CompiledRule> CompileRule(const rv1::Rule& in,
                                         const std::string& location,
                                         const std::vector<int>& defaults,
                                         bool legacy) {
  CompiledRule out;
  out.location = location;
  const std::string where =
      absl::StrCat(location.empty() ? "" : location + ": ", "rule ",
                   in.id().empty() ? "(no id)" : in.id(), ": ");
  Compiler c(where);
  if (!IsRuleId(in.id())) {
    return c.Error("id must be 1-100 of a-z, 0-9, '.', '_'");
  }
  out.id = in.id();
  out.title = in.title();
  out.citation = in.citation();
  out.statutory = in.statutory();
  out.review = in.review();
  out.assessment_step = in.assessment_step() || in.assessment_limit();
  out.assessment_limit = in.assessment_limit();
  if (in.owner_role() == api::ROLE_UNSPECIFIED ||
      !api::Role_IsValid(in.owner_role())) {
    return c.Error("owner_role is required");
  }
  out.owner_role = in.owner_role();
  if (in.opens().empty()) return c.Error("has no opens");
  out.subject_field = in.subject_field();
  auto check_subject = [&](const CompiledMatch& m) -> absl::Status {
    if (out.subject_field.empty()) return absl::OkStatus();
    const FieldDescriptor* f =
        KindMessage(m.event)->FindFieldByName(out.subject_field);
    if (f == nullptr || f->cpp_type() != FieldDescriptor::CPPTYPE_STRING) {
      return c.Error(absl::StrCat("subject_field '", out.subject_field,
                                  "' is not a text field of every event"));
    }
    return absl::OkStatus();
  };
  for (const auto& o : in.opens()) {
    ASSIGN_OR_RETURN(CompiledMatch on, c.Match(o.on()));
    ASSIGN_OR_RETURN(CompiledDue due, c.Due(o.due(), on.event));
    RETURN_IF_ERROR(check_subject(on));
    out.opens.push_back({std::move(on), due});
  }
  for (const auto& m : in.met_by()) {
    ASSIGN_OR_RETURN(CompiledMatch match, c.Match(m));
    RETURN_IF_ERROR(check_subject(match));
    out.met_by.push_back(std::move(match));
  }
  for (const auto& m : in.cancelled_by()) {
    ASSIGN_OR_RETURN(CompiledMatch match, c.Match(m));
    out.cancelled_by.push_back(std::move(match));
  }
  for (int reason : in.exceptions()) {
    if (reason == api::ExceptionRecorded::REASON_UNSPECIFIED ||
        !api::ExceptionRecorded::Reason_IsValid(reason)) {
      return c.Error("unknown exception reason");
    }
    out.exceptions.insert(static_cast<api::ExceptionRecorded::Reason>(reason));
  }
  // Every rule says where its step can still happen, so that no clock can
  // outlive the process it times (the schema makes it hard to forget).
  if (in.live_in().empty() && legacy) {
    for (api::Journey::State state : AllStates()) out.live_in.insert(state);
  } else if (in.live_in().empty()) {
    return c.Error(
        "live_in is required: the journey states in which the step can still "
        "happen (a live clock closes when the journey leaves them)");
  }
  for (int state : in.live_in()) {
    if (state == api::Journey::STATE_UNSPECIFIED ||
        !api::Journey::State_IsValid(state)) {
      return c.Error("live_in: STATE_UNSPECIFIED is not a state");
    }
    out.live_in.insert(static_cast<api::Journey::State>(state));
  }
  out.window = in.window();
  out.concurrent = in.concurrent();
  if (out.concurrent && (!out.met_by.empty() || !out.cancelled_by.empty())) {
    // A concurrent clock's party is its opening event, which no later event
    // names: it could never be matched.
    return c.Error(
        "concurrent rules close only by live_in or as windows; "
        "met_by and cancelled_by cannot be set");
  }
  if (out.concurrent && !out.subject_field.empty()) {
    return c.Error(
        "concurrent rules take their subject from the opening "
        "event; subject_field cannot be set too");
  }
  for (const auto& m : in.not_before_due()) {
    ASSIGN_OR_RETURN(CompiledMatch match, c.Match(m));
    out.not_before_due.push_back(std::move(match));
  }
  out.task_title = in.task_title();
  out.family_title = in.family_title();
  ASSIGN_OR_RETURN(out.reminder_days, ReminderDays(in.reminder_days(), where));
  if (out.reminder_days.empty()) out.reminder_days = defaults;
  return out;
}

}  // namespace

RuleSet::RuleSet(std::string version, bool include_event_day,
                 BusinessCalendar calendar, std::vector<CompiledRule> rules,
                 rv1::RuleFile definition)
    : version_(std::move(version)),
      include_event_day_(include_event_day),
      calendar_(std::move(calendar)),
      rules_(std::move(rules)),
      definition_(std::move(definition)) {
  for (size_t i = 0; i < rules_.size(); ++i) by_id_[rules_[i].id] = i;
}

const TemporaryException* RuleSet::Temporary(
    api::ExceptionRecorded::Reason reason) const {
  auto it = temporary_.find(reason);
  return it == temporary_.end() ? nullptr : &it->second;
}

std::vector<const CompiledNotice*> RuleSet::NoticesFor(const Fact& fact,
                                                       Day recorded_on) const {
  std::vector<const CompiledNotice*> out;
  if (notice_max_age_days_ > 0 &&
      fact.event_date + date::days{notice_max_age_days_} < recorded_on) {
    return out;  // a chronology being caught up, not news
  }
  for (const CompiledNotice& notice : notices_) {
    for (const CompiledMatch& match : notice.on) {
      if (Matches(match, fact)) {
        out.push_back(&notice);
        break;
      }
    }
  }
  return out;
}

const CompiledRule* RuleSet::Find(const std::string& id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &rules_[it->second];
}

absl::StatusOr<std::shared_ptr<const RuleSet>> RuleSet::Create(
    const RuleSource& source) {
  const rv1::RuleFile& in = source.merged;
  if (in.version().empty()) {
    return absl::InvalidArgumentError("rule set: version is required");
  }
  ASSIGN_OR_RETURN(BusinessCalendar calendar,
                   CompileCalendar(in, source.legacy));
  ASSIGN_OR_RETURN(std::vector<int> defaults,
                   ReminderDays(in.default_reminder_days(), "rule set: "));
  std::vector<CompiledRule> rules;
  std::set<std::string> ids;
  for (int i = 0; i < in.rules_size(); ++i) {
    const std::string location =
        i < static_cast<int>(source.rule_locations.size())
            ? source.rule_locations[i]
            : "";
    ASSIGN_OR_RETURN(CompiledRule rule, CompileRule(in.rules(i), location,
                                                    defaults, source.legacy));
    if (!ids.insert(rule.id).second) {
      return absl::InvalidArgumentError(
          absl::StrCat(location.empty() ? "" : location + ": ", "rule ",
                       rule.id, ": duplicate id"));
    }
    rules.push_back(std::move(rule));
  }
  RETURN_IF_ERROR(MarkAssessmentClocks(rules));
  ASSIGN_OR_RETURN(auto temporary, CompileTemporaryExceptions(in));
  ASSIGN_OR_RETURN(std::vector<CompiledNotice> notices,
                   CompileNotices(in, source.notice_locations, ids));
  if (in.notice_max_age_days() < 0 || in.notice_max_age_days() > 3660) {
    return absl::InvalidArgumentError(
        "rule set: notice_max_age_days must be between 0 and 3660");
  }
  auto* set =
      new RuleSet(in.version(), in.week_counting() == rv1::INCLUDE_EVENT_DAY,
                  std::move(calendar), std::move(rules), in);
  set->temporary_ = std::move(temporary);
  set->notices_ = std::move(notices);
  set->notice_max_age_days_ = in.notice_max_age_days();
  return std::shared_ptr<const RuleSet>(set);
}

}  // namespace sendcase::rules
