// The event kinds' shapes from the descriptor (event_kinds.h).
#include "services/http/event_kinds.h"

#include "absl/strings/match.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "sendcase/v1/journey_event.pb.h"

namespace sendcase::http {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Value;

// The field's entry, or a null Value for a type a form cannot fill in.
Value FieldShape(const FieldDescriptor& field) {
  Value out;
  auto& f = *out.mutable_struct_value()->mutable_fields();
  f["name"].set_string_value(field.name());
  f["jsonName"].set_string_value(field.json_name());
  if (field.is_repeated()) return Value();
  switch (field.type()) {
    case FieldDescriptor::TYPE_STRING:
      f["type"].set_string_value("string");
      break;
    case FieldDescriptor::TYPE_BOOL:
      f["type"].set_string_value("bool");
      break;
    case FieldDescriptor::TYPE_ENUM: {
      f["type"].set_string_value("enum");
      auto* values = f["values"].mutable_list_value();
      const auto* e = field.enum_type();
      for (int i = 0; i < e->value_count(); ++i) {
        if (absl::EndsWith(e->value(i)->name(), "_UNSPECIFIED")) continue;
        values->add_values()->set_string_value(e->value(i)->name());
      }
      break;
    }
    case FieldDescriptor::TYPE_MESSAGE:
      if (field.message_type()->full_name() != "google.type.Date") {
        return Value();
      }
      f["type"].set_string_value("date");
      break;
    default:
      return Value();
  }
  return out;
}

std::string Build() {
  google::protobuf::Struct root;
  auto* kinds = (*root.mutable_fields())["eventKinds"].mutable_list_value();
  const auto* oneof = v1::JourneyEvent::descriptor()->FindOneofByName("kind");
  for (int i = 0; i < oneof->field_count(); ++i) {
    const FieldDescriptor& kind = *oneof->field(i);
    auto& k = *kinds->add_values()->mutable_struct_value()->mutable_fields();
    k["name"].set_string_value(kind.name());
    k["jsonName"].set_string_value(kind.json_name());
    auto* fields = k["fields"].mutable_list_value();
    const auto* message = kind.message_type();
    for (int j = 0; j < message->field_count(); ++j) {
      Value shape = FieldShape(*message->field(j));
      if (shape.has_struct_value()) *fields->add_values() = std::move(shape);
    }
  }
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(root, &json);
  return json;
}

}  // namespace

const std::string& EventKindsJson() {
  static const std::string* const json = new std::string(Build());
  return *json;
}

}  // namespace sendcase::http
