#include "clients/cli/event_builder.h"

#include "absl/algorithm/container.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace sendcase::client {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

// "--field placements=100001": a plan's placement, one per --field, the
// main one first: a 6-digit URN, an 8-digit UKPRN, or a SEN2 setting type
// (OLA, EHE, ...). The JSON API takes every field of v1.Placement.
absl::Status AddPlacement(Message& msg, const FieldDescriptor* field,
                          const std::string& value) {
  v1::Placement p;
  const bool digits = !value.empty() && absl::c_all_of(value, [](char c) {
    return c >= '0' && c <= '9';
  });
  v1::Placement::SettingType type;
  if (digits && value.size() == 6) {
    p.set_urn(value);
  } else if (digits && value.size() == 8) {
    p.set_ukprn(value);
  } else if (v1::Placement::SettingType_Parse(value, &type) &&
             type != v1::Placement::SETTING_TYPE_UNSPECIFIED) {
    p.set_setting_type(type);
  } else {
    return absl::InvalidArgumentError(
        absl::StrCat("--field ", field->name(),
                     ": a 6-digit URN, an 8-digit UKPRN or a setting type "
                     "(OLA, OPA, EHE, EYP, OTH, NEET, NIEC, NIEO)"));
  }
  msg.GetReflection()->AddMessage(&msg, field)->CopyFrom(p);
  return absl::OkStatus();
}

absl::Status SetField(Message& msg, const std::string& name,
                      const std::string& value) {
  const auto* desc = msg.GetDescriptor();
  const FieldDescriptor* field = desc->FindFieldByName(name);
  if (field == nullptr) {
    std::vector<std::string> names;
    for (int i = 0; i < desc->field_count(); ++i) {
      names.push_back(desc->field(i)->name());
    }
    return absl::InvalidArgumentError(
        absl::StrCat("--field ", name, ": ", desc->name(), " has ",
                     names.empty() ? "no fields" : absl::StrJoin(names, ", ")));
  }
  const auto* reflection = msg.GetReflection();
  if (field->is_repeated() &&
      field->message_type() == v1::Placement::descriptor()) {
    return AddPlacement(msg, field, value);
  }
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      reflection->SetString(&msg, field, value);
      return absl::OkStatus();
    case FieldDescriptor::CPPTYPE_BOOL:
      if (value != "true" && value != "false") {
        return absl::InvalidArgumentError(
            absl::StrCat("--field ", name, ": true or false"));
      }
      reflection->SetBool(&msg, field, value == "true");
      return absl::OkStatus();
    case FieldDescriptor::CPPTYPE_ENUM: {
      const auto* v = field->enum_type()->FindValueByName(value);
      if (v == nullptr) {
        std::vector<std::string> names;
        for (int i = 1; i < field->enum_type()->value_count(); ++i) {
          names.push_back(field->enum_type()->value(i)->name());
        }
        return absl::InvalidArgumentError(absl::StrCat(
            "--field ", name, ": one of ", absl::StrJoin(names, ", ")));
      }
      reflection->SetEnum(&msg, field, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_MESSAGE:
      if (field->message_type()->full_name() == "google.type.Date") {
        auto date = ParseDateArg(value, absl::StrCat("--field ", name));
        if (!date.ok()) return date.status();
        reflection->MutableMessage(&msg, field)->CopyFrom(*date);
        return absl::OkStatus();
      }
      [[fallthrough]];
    default:
      return absl::InvalidArgumentError(
          absl::StrCat("--field ", name, ": unsupported field type"));
  }
}

}  // namespace

absl::StatusOr<google::type::Date> ParseDateArg(const std::string& text,
                                                const std::string& what) {
  std::vector<std::string> parts = absl::StrSplit(text, '-');
  int y = 0, m = 0, d = 0;
  if (parts.size() != 3 || parts[0].size() != 4 || parts[1].size() != 2 ||
      parts[2].size() != 2 || !absl::SimpleAtoi(parts[0], &y) ||
      !absl::SimpleAtoi(parts[1], &m) || !absl::SimpleAtoi(parts[2], &d) ||
      m < 1 || m > 12 || d < 1 || d > 31) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, ": expected YYYY-MM-DD, got '", text, "'"));
  }
  google::type::Date date;
  date.set_year(y);
  date.set_month(m);
  date.set_day(d);
  return date;
}

std::vector<std::string> EventKindNames() {
  std::vector<std::string> names;
  const auto* oneof = v1::JourneyEvent::descriptor()->FindOneofByName("kind");
  for (int i = 0; i < oneof->field_count(); ++i) {
    names.push_back(oneof->field(i)->name());
  }
  return names;
}

std::string EventKindsHelp() {
  std::string text =
      "Kinds and their --field NAME=VALUE (a date is YYYY-MM-DD; a choice "
      "one of the names shown):\n";
  const auto* oneof = v1::JourneyEvent::descriptor()->FindOneofByName("kind");
  for (int i = 0; i < oneof->field_count(); ++i) {
    const google::protobuf::Descriptor* body = oneof->field(i)->message_type();
    std::vector<std::string> fields;
    for (int f = 0; f < body->field_count(); ++f) {
      const FieldDescriptor* field = body->field(f);
      std::string value = "TEXT";
      if (field->enum_type() != nullptr) {
        std::vector<std::string> names;
        for (int v = 0; v < field->enum_type()->value_count(); ++v) {
          const std::string& name = field->enum_type()->value(v)->name();
          // The zero value means "not given" (AIP-126), never a choice.
          if (field->enum_type()->value(v)->number() != 0) {
            names.push_back(name);
          }
        }
        value = absl::StrJoin(names, "|");
      } else if (field->message_type() == google::type::Date::descriptor()) {
        value = "YYYY-MM-DD";
      } else if (field->message_type() == v1::Placement::descriptor()) {
        value = "URN|UKPRN|SETTING_TYPE";
      } else if (field->type() == FieldDescriptor::TYPE_BOOL) {
        value = "true|false";
      } else if (field->cpp_type() != FieldDescriptor::CPPTYPE_STRING) {
        value = "NUMBER";
      }
      fields.push_back(absl::StrCat(
          field->name(), "=", value,
          field->is_repeated() ? " (one --field each, main first)" : ""));
    }
    absl::StrAppend(&text, "  ", oneof->field(i)->name(),
                    fields.empty() ? "" : "  ", absl::StrJoin(fields, "  "),
                    "\n");
  }
  return text;
}

absl::StatusOr<v1::JourneyEvent> BuildEvent(
    const std::string& kind, const std::string& event_date,
    const std::vector<std::string>& fields) {
  v1::JourneyEvent event;
  const FieldDescriptor* member =
      v1::JourneyEvent::descriptor()->FindFieldByName(kind);
  if (member == nullptr || member->containing_oneof() == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown event kind '", kind,
                     "'; one of: ", absl::StrJoin(EventKindNames(), ", ")));
  }
  auto date = ParseDateArg(event_date, "--date");
  if (!date.ok()) return date.status();
  *event.mutable_event_date() = *date;
  Message* body = event.GetReflection()->MutableMessage(&event, member);
  for (const std::string& f : fields) {
    const size_t eq = f.find('=');
    if (eq == std::string::npos) {
      return absl::InvalidArgumentError(
          absl::StrCat("--field ", f, ": expected name=value"));
    }
    auto status = SetField(*body, f.substr(0, eq), f.substr(eq + 1));
    if (!status.ok()) return status;
  }
  return event;
}

}  // namespace sendcase::client
