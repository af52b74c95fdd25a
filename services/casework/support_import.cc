// SupportEngine::ImportSupportPlanHistory: a moved pupil's plan history,
// exported by another installation (its ListSupportPlansResponse as proto
// JSON), kept with the pupil here as it came. It is untrusted input from
// outside this service, so every text and date in it is checked before it
// is stored: the history is shown to staff and rendered as HTML.
#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/timestamp.pb.h"
#include "services/auth/authorizer.h"
#include "services/casework/idempotency.h"
#include "services/casework/support_engine.h"
#include "services/casework/validation.h"
#include "services/common/proto_time.h"
#include "services/common/status_macros.h"

namespace sendcase::casework {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

constexpr size_t kMaxBytes = 512 << 10;  // serialized, under gRPC's 1 MiB
// All of a pupil's imports together, so that ListSupportPlans stays well
// under a client's default 4 MiB.
constexpr size_t kMaxKeptBytes = 2 << 20;
constexpr int kMaxDepth = 4;        // histories imported in turn
constexpr size_t kMaxText = 10000;  // bytes of one text

absl::Status CheckMessage(const Message& m, const std::string& path, int depth);

absl::Status CheckField(const Message& m, const FieldDescriptor* f,
                        const std::string& path, int depth) {
  const auto* r = m.GetReflection();
  if (f->type() == FieldDescriptor::TYPE_STRING) {
    if (!f->is_repeated()) {
      const std::string text = r->GetString(m, f);
      return text.empty() ? absl::OkStatus()
                          : ValidateText(text, path, kMaxText);
    }
    for (int i = 0; i < r->FieldSize(m, f); ++i) {
      const std::string item = r->GetRepeatedString(m, f, i);
      if (item.empty()) continue;
      RETURN_IF_ERROR(
          ValidateText(item, absl::StrCat(path, "[", i, "]"), kMaxText));
    }
    return absl::OkStatus();
  }
  if (f->type() != FieldDescriptor::TYPE_MESSAGE) return absl::OkStatus();
  const bool nested =
      f->message_type()->full_name() == "sendcase.v1.ImportedPlanHistory";
  if (nested && depth + 1 > kMaxDepth) {
    return absl::InvalidArgumentError(absl::StrCat(
        path, ": histories nested more than ", kMaxDepth, " imports deep"));
  }
  const int next = nested ? depth + 1 : depth;
  if (!f->is_repeated()) {
    return r->HasField(m, f) ? CheckMessage(r->GetMessage(m, f), path, next)
                             : absl::OkStatus();
  }
  for (int i = 0; i < r->FieldSize(m, f); ++i) {
    RETURN_IF_ERROR(CheckMessage(r->GetRepeatedMessage(m, f, i),
                                 absl::StrCat(path, "[", i, "]"), next));
  }
  return absl::OkStatus();
}

// Every set field of `m`, named by its path from the request.
absl::Status CheckMessage(const Message& m, const std::string& path,
                          int depth) {
  if (m.GetDescriptor()->full_name() == "google.protobuf.Timestamp") {
    // What proto JSON can print (years 1 to 9999), so the history can be
    // exported again.
    const auto& t = static_cast<const google::protobuf::Timestamp&>(m);
    if (t.seconds() < -62135596800 || t.seconds() > 253402300799 ||
        t.nanos() < 0 || t.nanos() > 999999999) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ": not a time between the years 1 and 9999"));
    }
    return absl::OkStatus();
  }
  if (m.GetDescriptor()->full_name() == "google.type.Date") {
    const auto& date = static_cast<const google::type::Date&>(m);
    if (date.year() == 0 && date.month() == 0 && date.day() == 0) {
      return absl::OkStatus();
    }
    return FromProtoDate(date, path).status();
  }
  std::vector<const FieldDescriptor*> fields;
  m.GetReflection()->ListFields(m, &fields);
  for (const FieldDescriptor* f : fields) {
    RETURN_IF_ERROR(
        CheckField(m, f, absl::StrCat(path, ".", f->name()), depth));
  }
  return absl::OkStatus();
}

absl::Status ValidateImport(const v1::ImportedPlanHistory& in) {
  const std::string& urn = in.source_setting_urn();
  if (!urn.empty() && !IsDigits(urn, 6)) {
    return absl::InvalidArgumentError(
        "imported_history.source_setting_urn: a 6-digit URN");
  }
  if (!in.has_history()) {
    return absl::InvalidArgumentError(
        "imported_history.history: required: the export (sendcasectl --json "
        "plans list on the other installation)");
  }
  if (in.history().ByteSizeLong() > kMaxBytes) {
    return absl::InvalidArgumentError(
        "imported_history.history: at most 512 KiB");
  }
  const auto& h = in.history();
  if (h.support_plans_size() + h.places_size() + h.referrals_size() +
          h.imported_histories_size() ==
      0) {
    return absl::InvalidArgumentError(
        "imported_history.history: empty: no plans, places or referrals");
  }
  return CheckMessage(h, "imported_history.history", 1);
}

}  // namespace

absl::StatusOr<v1::ImportedPlanHistory> SupportEngine::ImportSupportPlanHistory(
    const auth::Principal& caller,
    const v1::ImportSupportPlanHistoryRequest& request) {
  RETURN_IF_ERROR(
      auth::AuthorizeMethod(caller, auth::Method::kImportSupportPlanHistory));
  ASSIGN_OR_RETURN(PupilName pupil, ParsePupilName(request.parent(), "parent"));
  RETURN_IF_ERROR(LoadPupil(caller, pupil, request.parent()).status());
  RETURN_IF_ERROR(ValidateImport(request.imported_history()));
  ASSIGN_OR_RETURN(IdempotentStart start,
                   BeginIdempotent(cases_, caller, "ImportSupportPlanHistory",
                                   request.request_id(), request));
  if (start.replay) return ParseReplay<v1::ImportedPlanHistory>(*start.replay);
  ASSIGN_OR_RETURN(std::vector<storage::ImportedHistoryRecord> kept_already,
                   support_.ListImportedHistories(pupil));
  size_t kept_bytes = request.imported_history().history().ByteSizeLong();
  for (const auto& k : kept_already) kept_bytes += k.history.ByteSizeLong();
  if (kept_bytes > kMaxKeptBytes) {
    return absl::FailedPreconditionError(absl::StrCat(
        request.parent(), ": keeps ", kept_already.size(),
        " imported histories already; with this one they would pass 2 MiB"));
  }
  const Instant now = clock_.Now();
  storage::ImportedHistoryRecord record{pupil, ids_.NewId(), {}};
  v1::ImportedPlanHistory& kept = record.history;
  kept.set_source_setting_urn(request.imported_history().source_setting_urn());
  *kept.mutable_history() = request.imported_history().history();
  *kept.mutable_import_time() = ToTimestamp(now);
  kept.set_imported_by(caller.subject);
  v1::ImportedPlanHistory rendered = kept;
  rendered.set_name(
      absl::StrCat(pupil.Format(), "/importedHistories/", record.id));
  return ResolveRace(
      cases_, start.key, [&]() -> absl::StatusOr<v1::ImportedPlanHistory> {
        RETURN_IF_ERROR(support_.InsertImportedHistory(
            record, {start.key, rendered.SerializeAsString(), now}));
        return rendered;
      }());
}

}  // namespace sendcase::casework
