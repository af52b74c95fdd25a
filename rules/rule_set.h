#ifndef SENDCASE_RULES_RULE_SET_H_
#define SENDCASE_RULES_RULE_SET_H_

// RuleSet: the rule files compiled once into an immutable, validated object
// (cf. Envoy's RBAC engine built from its config proto). Everything that can
// be wrong with a rule — unknown event, field, role or exception reason,
// duplicate id, a non-positive duration, an anchor that is not a date — is
// rejected by Create with InvalidArgument naming the rule (and its file:line
// when known). Thread-safe; share as std::shared_ptr<const RuleSet>.

#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "google/protobuf/descriptor.h"
#include "rules/calendar/business_calendar.h"
#include "rules/fact.h"
#include "sendcase/rules/v1/rules.pb.h"
#include "sendcase/v1/journey.pb.h"
#include "sendcase/v1/journey_event.pb.h"

namespace sendcase::rules {

// Inside sendcase::rules, "v1" would name the rule-file schema
// (sendcase::rules::v1); the API is spelled api::.
namespace api = ::sendcase::v1;

using EventKind = api::JourneyEvent::KindCase;

// An event kind with compiled field conditions.
struct CompiledMatch {
  EventKind event = api::JourneyEvent::KIND_NOT_SET;
  // (field of the kind's message, expected value as text)
  std::vector<std::pair<const google::protobuf::FieldDescriptor*, std::string>>
      when;
  std::set<api::Journey::State> from_states;  // empty: any state
  int younger_than_years = 0;                 // 0: any age
};

struct CompiledDue {
  enum class Kind {
    kWeeks,
    kDaysInclusive,
    kOnAnchor,
    kMonths,
    kMonthsPeriod,
    kBeforeInYear,
    kMonthsBefore,
    kWeeksBefore,
    kWorkingDays,
    kTribunalAppeal
  };
  Kind kind = Kind::kWeeks;
  int n = 0;
  unsigned month = 0;
  unsigned day = 0;
  // The date field to count from; nullptr means the event date.
  const google::protobuf::FieldDescriptor* anchor = nullptr;
  // An outer limit from an earlier event (no_later_than); KIND_NOT_SET: none.
  EventKind bound_event = api::JourneyEvent::KIND_NOT_SET;
  int bound_weeks = 0;
  std::vector<CompiledMatch> bound_reset_by;
  std::string bound_citation;
  // kOnAnchor only: the anchor at most this many months after the event
  // (0: no limit), and why.
  int at_most_months = 0;
  std::string at_most_citation;
};

struct CompiledOpening {
  CompiledMatch on;
  CompiledDue due;
};

struct CompiledRule {
  std::string id;
  std::string title;
  std::string citation;
  bool statutory = false;
  bool review = false;            // a review meeting (listed by ListReviewsDue)
  bool assessment_step = false;   // a step of the EHC needs assessment
  bool assessment_limit = false;  // the 20-week limit for the final plan
  api::Role owner_role = api::ROLE_UNSPECIFIED;
  std::vector<CompiledOpening> opens;
  std::vector<CompiledMatch> met_by;
  std::vector<CompiledMatch> cancelled_by;
  std::set<api::ExceptionRecorded::Reason> exceptions;
  std::string subject_field;  // "" for one clock per journey
  std::string task_title;
  std::string family_title;  // "": not on the family's page
  // Days relative to the due date on which the task's owner is reminded,
  // ascending (the rule's own, else the rule set's default).
  std::vector<int> reminder_days;
  std::string location;  // "file:line", for messages
  // States in which the step can still happen (never empty): leaving them
  // closes a live clock.
  std::set<api::Journey::State> live_in;
  bool window = false;      // expires rather than going overdue
  bool concurrent = false;  // one clock per opening, none superseded
  std::vector<CompiledMatch> not_before_due;
};

// A notice (RuleFile.notices): the roles told when a matching event is
// recorded.
struct CompiledNotice {
  std::string id;
  std::string title;
  std::string citation;
  std::vector<CompiledMatch> on;
  std::vector<api::Role> to;  // in file order, no repeats
};

// The rule files of a directory merged into one RuleFile, with where each
// rule came from (parallel to merged.rules(); may be empty).
struct RuleSource {
  sendcase::rules::v1::RuleFile merged;
  std::vector<std::string> rule_locations;
  // Likewise for merged.notices().
  std::vector<std::string> notice_locations;
  // A rule set stored before rules had to say where their steps can happen
  // (rule sets up to 2026.3), compiled so that journeys still on it behave
  // as they did: a rule without live_in lives in every state, and a listed
  // year of holidays is the complete list for that year.
  bool legacy = false;
};

// A reason in force only for a time (RuleFile.temporary_exceptions).
struct TemporaryException {
  Day first_day;
  Day last_day;
  std::string citation;
};

class RuleSet {
 public:
  static absl::StatusOr<std::shared_ptr<const RuleSet>> Create(
      const RuleSource& source);

  const std::string& version() const { return version_; }
  bool include_event_day() const { return include_event_day_; }
  const BusinessCalendar& calendar() const { return calendar_; }
  const std::vector<CompiledRule>& rules() const { return rules_; }
  // nullptr if no rule has this id.
  const CompiledRule* Find(const std::string& id) const;
  // The reason's temporary span, or nullptr when it is always available.
  const TemporaryException* Temporary(
      api::ExceptionRecorded::Reason reason) const;
  const std::vector<CompiledNotice>& notices() const { return notices_; }
  // The notices the fact's event sends: none when the event is dated more
  // than notice_max_age_days before `recorded_on`.
  std::vector<const CompiledNotice*> NoticesFor(const Fact& fact,
                                                Day recorded_on) const;
  // The definition it was compiled from (for storage and previews).
  const sendcase::rules::v1::RuleFile& definition() const {
    return definition_;
  }

 private:
  RuleSet(std::string version, bool include_event_day,
          BusinessCalendar calendar, std::vector<CompiledRule> rules,
          sendcase::rules::v1::RuleFile definition);

  std::string version_;
  bool include_event_day_;
  BusinessCalendar calendar_;
  std::vector<CompiledRule> rules_;
  std::map<std::string, size_t> by_id_;
  std::map<api::ExceptionRecorded::Reason, TemporaryException> temporary_;
  std::vector<CompiledNotice> notices_;
  int notice_max_age_days_ = 0;
  sendcase::rules::v1::RuleFile definition_;
};

// Compiles an event condition against the event schema. InvalidArgument
// prefixed with `where` for an unknown event, field or value.
absl::StatusOr<CompiledMatch> CompileMatch(
    const sendcase::rules::v1::EventMatch& in, absl::string_view where);

// True if the fact's event matches `match`: its kind, every field
// condition, the journey's prior state and the pupil's age.
bool Matches(const CompiledMatch& match, const Fact& fact);

}  // namespace sendcase::rules

#endif  // SENDCASE_RULES_RULE_SET_H_
