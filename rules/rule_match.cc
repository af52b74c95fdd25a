// Matching an event against a rule's conditions: kind, field values, the
// journey's prior state and the pupil's age.
#include "google/protobuf/message.h"
#include "rules/rule_set.h"

namespace sendcase::rules {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

std::string FieldText(const Message& msg, const FieldDescriptor* f) {
  const auto* r = msg.GetReflection();
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_BOOL:
      return r->GetBool(msg, f) ? "true" : "false";
    case FieldDescriptor::CPPTYPE_ENUM:
      return r->GetEnum(msg, f)->name();
    case FieldDescriptor::CPPTYPE_STRING:
      return r->GetString(msg, f);
    case FieldDescriptor::CPPTYPE_INT32:
      return absl::StrCat(r->GetInt32(msg, f));
    default:
      return "";
  }
}

}  // namespace

int AgeInYears(Day birth, Day on) {
  const date::year_month_day b(birth), o(on);
  int years = int(o.year()) - int(b.year());
  if (date::month_day(o.month(), o.day()) <
      date::month_day(b.month(), b.day())) {
    --years;
  }
  return years;
}

bool Matches(const CompiledMatch& match, const Fact& fact) {
  const api::JourneyEvent& event = *fact.event;
  if (event.kind_case() != match.event) return false;
  if (!match.from_states.empty() &&
      match.from_states.count(fact.from_state) == 0) {
    return false;
  }
  if (match.younger_than_years > 0 &&
      (!fact.birth_date.has_value() ||
       AgeInYears(*fact.birth_date, fact.event_date) >=
           match.younger_than_years)) {
    return false;
  }
  if (match.when.empty()) return true;
  const auto* member =
      api::JourneyEvent::descriptor()->FindFieldByNumber(event.kind_case());
  const Message& body = event.GetReflection()->GetMessage(event, member);
  for (const auto& [field, value] : match.when) {
    if (FieldText(body, field) != value) return false;
  }
  return true;
}

}  // namespace sendcase::rules
