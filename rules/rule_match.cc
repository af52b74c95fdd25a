// Event conditions (EventMatch) of rules and notices: compiled against the
// event schema, then matched on kind, field values, the journey's prior
// state and the pupil's age.
#include "absl/strings/str_cat.h"
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

absl::StatusOr<CompiledMatch> CompileMatch(
    const sendcase::rules::v1::EventMatch& in, absl::string_view where) {
  auto error = [&](absl::string_view what) {
    return absl::InvalidArgumentError(absl::StrCat(where, what));
  };
  CompiledMatch out;
  const FieldDescriptor* member =
      api::JourneyEvent::descriptor()->FindFieldByName(in.event());
  if (member == nullptr || member->containing_oneof() == nullptr) {
    return error(absl::StrCat("unknown event '", in.event(), "'"));
  }
  out.event = static_cast<EventKind>(member->number());
  for (const auto& [name, value] : in.when()) {
    const FieldDescriptor* f = member->message_type()->FindFieldByName(name);
    if (f == nullptr || f->is_repeated() ||
        f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      return error(absl::StrCat("event ", in.event(), " has no plain field '",
                                name, "' to test"));
    }
    if (f->cpp_type() == FieldDescriptor::CPPTYPE_ENUM &&
        f->enum_type()->FindValueByName(value) == nullptr) {
      return error(absl::StrCat("'", value, "' is not a value of ", in.event(),
                                ".", name));
    }
    if (f->cpp_type() == FieldDescriptor::CPPTYPE_BOOL && value != "true" &&
        value != "false") {
      return error(absl::StrCat(in.event(), ".", name, " is true or false"));
    }
    out.when.emplace_back(f, value);
  }
  for (int state : in.from_states()) {
    if (state == api::Journey::STATE_UNSPECIFIED) {
      return error("from_states: STATE_UNSPECIFIED is not a state");
    }
    out.from_states.insert(static_cast<api::Journey::State>(state));
  }
  if (in.pupil_younger_than_years() < 0 || in.pupil_younger_than_years() > 25) {
    return error("pupil_younger_than_years must be between 0 and 25");
  }
  out.younger_than_years = in.pupil_younger_than_years();
  return out;
}

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
