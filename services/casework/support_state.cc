#include "services/casework/support_state.h"

#include "absl/strings/str_cat.h"
#include "services/casework/proto_convert.h"
#include "services/casework/support_engine.h"
#include "services/common/error_reason.h"

namespace sendcase::casework {

absl::Status WrongState(const storage::SupportPlanRecord& r,
                        absl::string_view need) {
  return absl::FailedPreconditionError(
      absl::StrCat(RenderSupportPlan(r).name(), " is ",
                   v1::SupportPlan::State_Name(r.plan.state()), "; ", need));
}

absl::Status CheckEtag(const std::string& sent, int64_t version,
                       const std::string& resource) {
  if (sent.empty() || sent == Etag(version)) return absl::OkStatus();
  return WithReason(
      absl::AbortedError(absl::StrCat(
          "etag: ", resource, " has changed since it was read; read it again")),
      "ETAG_MISMATCH", {{"resource", resource}});
}

void MarkParent(v1::SupportMeeting& meeting) {
  bool parent = false;
  for (int role : meeting.participants()) parent |= role == v1::PARENT;
  meeting.set_parent_participated(parent);
}

v1::SupportPlan DraftFields(const v1::SupportPlan& in) {
  v1::SupportPlan out;
  *out.mutable_outcomes() = in.outcomes();
  for (auto& o : *out.mutable_outcomes()) {
    o.clear_rating();
    o.clear_review_comment();
  }
  out.set_strategies(in.strategies());
  out.set_pupil_views(in.pupil_views());
  out.set_parent_views(in.parent_views());
  if (in.has_review_date()) *out.mutable_review_date() = in.review_date();
  out.set_state(v1::SupportPlan::DRAFT);
  return out;
}

absl::Status InPlanTerms(const absl::Status& status,
                         absl::string_view event_field,
                         absl::string_view request_field) {
  if (!absl::IsInvalidArgument(status)) return status;
  const std::string prefix = absl::StrCat(event_field, ": ");
  const size_t at = status.message().find(prefix);
  if (at == absl::string_view::npos) return status;
  return absl::InvalidArgumentError(absl::StrCat(
      request_field, ": ", status.message().substr(at + prefix.size())));
}

}  // namespace sendcase::casework
