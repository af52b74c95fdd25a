#include "services/casework/register_views.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/auth/authorizer.h"
#include "services/casework/caseloads.h"
#include "services/casework/paging.h"
#include "services/casework/validation.h"
#include "services/common/proto_time.h"
#include "services/common/resource_name.h"
#include "services/common/status_macros.h"
#include "services/journey/provision.h"

namespace sendcase::casework {
namespace {

using auth::Method;

// "settings/{urn}" → urn. InvalidArgument naming `field`.
absl::StatusOr<std::string> ParseSettingName(absl::string_view name,
                                             absl::string_view field) {
  constexpr absl::string_view kPrefix = "settings/";
  if (!absl::StartsWith(name, kPrefix) ||
      !IsDigits(name.substr(kPrefix.size()), 6)) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": expected settings/{6-digit URN}"));
  }
  return std::string(name.substr(kPrefix.size()));
}

// A setting or trust scope (or an Area SENCO's) names its settings
// outright, so asking for another is refused rather than answered with an
// empty list. An LA scope may look at any setting: the rows are still only
// its own pupils.
absl::Status CheckSetting(const auth::Principal& caller, const std::string& urn,
                          absl::string_view resource) {
  using Kind = auth::Scope::Kind;
  if (caller.scope.kind == Kind::kSetting || caller.NarrowedToSettings()) {
    return auth::CheckPupilAccess(caller, urn, "", resource);
  }
  return absl::OkStatus();
}

// Reviews are ordered by (due date, clock id); both fit one int64 cursor:
// days since 1970 in the high bits, the clock id (< 2^40) in the low ones.
constexpr int kIdBits = 40;
int64_t PackCursor(Day due, int64_t clock_id) {
  return (int64_t{due.time_since_epoch().count()} << kIdBits) | clock_id;
}
storage::ReviewCursor UnpackCursor(int64_t packed) {
  return {Day(date::days(packed >> kIdBits)),
          packed & ((int64_t{1} << kIdBits) - 1)};
}

// Aggregates are few (officers, settings): read them all and page by
// position. A page boundary may shift if a row appears between pages.
template <typename Row>
std::vector<Row> Slice(std::vector<Row> all, const storage::PageRequest& page,
                       std::optional<int64_t>* next) {
  const size_t first = std::min<size_t>(page.after, all.size());
  const size_t last = std::min<size_t>(first + page.limit, all.size());
  if (last < all.size()) *next = static_cast<int64_t>(last);
  return std::vector<Row>(std::make_move_iterator(all.begin() + first),
                          std::make_move_iterator(all.begin() + last));
}

storage::ProvisionStates Provision() {
  return {journey::StatesWith(v1::SEN_PROVISION_K),
          journey::StatesWith(v1::SEN_PROVISION_E)};
}

}  // namespace

absl::StatusOr<v1::ListSenRegisterResponse> RegisterViews::ListSenRegister(
    const auth::Principal& caller, const v1::ListSenRegisterRequest& request) {
  RETURN_IF_ERROR(auth::AuthorizeMethod(caller, Method::kListSenRegister));
  ASSIGN_OR_RETURN(std::string urn,
                   ParseSettingName(request.parent(), "parent"));
  RETURN_IF_ERROR(CheckSetting(caller, urn, request.parent()));
  const std::string params =
      absl::StrCat(request.parent(), "|", request.include_no_sen());
  ASSIGN_OR_RETURN(
      storage::PageRequest page,
      ParsePage(request.page_size(), request.page_token(), params));
  std::vector<int> states = journey::StatesWith(v1::SEN_PROVISION_K);
  for (int s : journey::StatesWith(v1::SEN_PROVISION_E)) states.push_back(s);
  if (request.include_no_sen()) {
    for (int s : journey::StatesWith(v1::SEN_PROVISION_N)) states.push_back(s);
  }
  const Day today = LondonDate(clock_.Now());
  ASSIGN_OR_RETURN(auto rows, views_.ListRegister(auth::VisibilityFor(caller),
                                                  urn, states, today, page));
  v1::ListSenRegisterResponse response;
  for (const storage::RegisterRow& row : rows.items) {
    v1::SenRegisterEntry* e = response.add_entries();
    e->set_pupil(PupilName{row.pupil_id}.Format());
    e->set_upn(row.upn);
    e->set_upn_unknown(static_cast<v1::UpnUnknownReason>(row.upn_unknown));
    e->set_given_name(row.given_name);
    e->set_family_name(row.family_name);
    const auto state = static_cast<v1::Journey::State>(row.state);
    e->set_sen_provision(journey::ProvisionFor(state));
    for (int need : row.needs) e->add_needs(static_cast<v1::NeedType>(need));
    e->set_journey(JourneyName{row.pupil_id, row.journey_id}.Format());
    e->set_state(state);
    if (row.next_review.has_value()) {
      *e->mutable_next_review_date() = ToProtoDate(*row.next_review);
      e->set_next_review_rule_id(row.next_review_rule_id);
    }
    e->set_open_tasks(row.open_tasks);
    e->set_overdue_tasks(row.overdue_tasks);
  }
  response.set_next_page_token(NextPageToken(rows.next_after, params));
  return response;
}

absl::StatusOr<v1::ListReviewsDueResponse> RegisterViews::ListReviewsDue(
    const auth::Principal& caller, const v1::ListReviewsDueRequest& request) {
  RETURN_IF_ERROR(auth::AuthorizeMethod(caller, Method::kListReviewsDue));
  if (request.within_days() < 0 || request.within_days() > 366) {
    return absl::InvalidArgumentError("within_days: 0 to 366");
  }
  std::string urn;
  if (!request.parent().empty()) {
    ASSIGN_OR_RETURN(urn, ParseSettingName(request.parent(), "parent"));
    RETURN_IF_ERROR(CheckSetting(caller, urn, request.parent()));
  }
  const std::string params =
      absl::StrCat(request.parent(), "|", request.within_days());
  ASSIGN_OR_RETURN(
      storage::PageRequest page,
      ParsePage(request.page_size(), request.page_token(), params));
  std::optional<storage::ReviewCursor> after;
  if (!request.page_token().empty()) after = UnpackCursor(page.after);
  const Day today = LondonDate(clock_.Now());
  ASSIGN_OR_RETURN(
      std::vector<storage::ReviewRow> rows,
      views_.ListReviewsDue(auth::VisibilityFor(caller), urn,
                            today + date::days(request.within_days()), after,
                            page.limit + 1));
  v1::ListReviewsDueResponse response;
  std::optional<int64_t> next;
  for (size_t i = 0; i < rows.size(); ++i) {
    const storage::ReviewRow& row = rows[i];
    if (static_cast<int>(i) == page.limit) {
      next = PackCursor(rows[i - 1].due, rows[i - 1].clock_id);
      break;
    }
    v1::ReviewDue* r = response.add_reviews();
    r->set_pupil(PupilName{row.pupil_id}.Format());
    r->set_journey(JourneyName{row.pupil_id, row.journey_id}.Format());
    r->set_setting_urn(row.setting_urn);
    r->set_rule_id(row.rule_id);
    *r->mutable_due_date() = ToProtoDate(row.due);
    r->set_days_left(static_cast<int>((row.due - today).count()));
    r->set_owner_role(static_cast<v1::Role>(row.owner_role));
    if (row.phase_transfer_due.has_value() && row.rule_id == "review.annual") {
      *r->mutable_phase_transfer_due_date() =
          ToProtoDate(*row.phase_transfer_due);
    }
    r->set_upn(row.label.upn);
    r->set_upn_unknown(
        static_cast<v1::UpnUnknownReason>(row.label.upn_unknown));
    r->set_given_name(row.label.given_name);
    r->set_family_name(row.label.family_name);
  }
  response.set_next_page_token(NextPageToken(next, params));
  return response;
}

absl::StatusOr<v1::ListCaseloadsResponse> RegisterViews::ListCaseloads(
    const auth::Principal& caller, const v1::ListCaseloadsRequest& request) {
  RETURN_IF_ERROR(auth::AuthorizeMethod(caller, Method::kListCaseloads));
  ASSIGN_OR_RETURN(storage::PageRequest page,
                   ParsePage(request.page_size(), request.page_token(), "c"));
  // One row per current journey, summed here per officer: the counts are
  // then the cases listed, by construction.
  ASSIGN_OR_RETURN(
      std::vector<storage::CountsRow> journeys,
      views_.CountByJourney(auth::VisibilityFor(caller), Provision(),
                            LondonDate(clock_.Now())));
  // An officer's own caseload comes first.
  const std::string own =
      caller.role == v1::LA_CASE_OFFICER ? caller.subject : "";
  std::vector<v1::Caseload> all =
      SumCaseloads(journeys, own, request.include_cases());
  std::optional<int64_t> next;
  v1::ListCaseloadsResponse response;
  for (auto& c : Slice(std::move(all), page, &next)) {
    *response.add_caseloads() = std::move(c);
  }
  response.set_next_page_token(NextPageToken(next, "c"));
  return response;
}

absl::StatusOr<v1::ListSettingSummariesResponse>
RegisterViews::ListSettingSummaries(
    const auth::Principal& caller,
    const v1::ListSettingSummariesRequest& request) {
  RETURN_IF_ERROR(auth::AuthorizeMethod(caller, Method::kListSettingSummaries));
  ASSIGN_OR_RETURN(storage::PageRequest page,
                   ParsePage(request.page_size(), request.page_token(), "s"));
  ASSIGN_OR_RETURN(
      std::vector<storage::CountsRow> all,
      views_.CountBySetting(auth::VisibilityFor(caller), Provision(),
                            LondonDate(clock_.Now())));
  std::optional<int64_t> next;
  v1::ListSettingSummariesResponse response;
  for (const auto& row : Slice(std::move(all), page, &next)) {
    v1::SettingSummary* s = response.add_summaries();
    s->set_setting(absl::StrCat("settings/", row.key));
    s->set_display_name(row.display_name);
    s->set_pupils(row.pupils);
    s->set_sen_support(row.sen_support);
    s->set_ehc_plans(row.ehc_plans);
    s->set_open_assessments(row.open_assessments);
    s->set_overdue_reviews(row.overdue_reviews);
    s->set_open_tasks(row.open_tasks);
    s->set_overdue_tasks(row.overdue_tasks);
  }
  response.set_next_page_token(NextPageToken(next, "s"));
  return response;
}

}  // namespace sendcase::casework
