#include "services/casework/alert_engine.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/auth/authorizer.h"
#include "services/casework/paging.h"
#include "services/casework/validation.h"
#include "services/common/status_macros.h"

namespace sendcase::casework {
namespace {

constexpr int kWatchBatch = 100;

// A deliberately small check: one '@', a dot in the domain, no spaces or
// angle brackets (which would break the SMTP envelope).
bool LooksLikeEmail(absl::string_view email) {
  const size_t at = email.find('@');
  if (at == 0 || at == absl::string_view::npos ||
      email.find('@', at + 1) != absl::string_view::npos) {
    return false;
  }
  const absl::string_view domain = email.substr(at + 1);
  if (domain.find('.') == absl::string_view::npos || domain.back() == '.') {
    return false;
  }
  for (char c : email) {
    if (c <= ' ' || c == '<' || c == '>' || c == ',' || c == ';') return false;
  }
  return true;
}

// The parsed scope as storage keeps it.
storage::ContactScope StoredScope(const auth::Scope& scope) {
  using K = auth::Scope::Kind;
  using S = storage::ScopeKind;
  switch (scope.kind) {
    case K::kSetting:
      return {S::kSetting, scope.id};
    case K::kLocalAuthority:
      return {S::kLocalAuthority, scope.id};
    case K::kTrust:
      return {S::kTrust, scope.id};
    case K::kAll:
    case K::kPupil:  // refused by ValidateContact
      break;
  }
  return {S::kAll, ""};
}

}  // namespace

absl::Status AlertEngine::ValidateContact(const auth::Principal& caller,
                                          const v1::Contact& c) {
  if (c.role() == v1::ROLE_UNSPECIFIED || !v1::Role_IsValid(c.role())) {
    return absl::InvalidArgumentError("contact.role: required");
  }
  ASSIGN_OR_RETURN(auth::Scope scope, auth::Scope::Parse(c.scope()));
  if (scope.kind == auth::Scope::Kind::kPupil) {
    return absl::InvalidArgumentError(
        "contact.scope: reminders go to a setting, trust, LA or everyone, not "
        "to pupil:ID");
  }
  RETURN_IF_ERROR(ValidateText(c.email(), "contact.email", 254));
  if (!LooksLikeEmail(c.email())) {
    return absl::InvalidArgumentError(
        "contact.email: not an e-mail address (name@domain)");
  }
  // A contact both routes a role's reminders and, vouched for, signs a
  // person in as that role: so staff may name addresses for their own role
  // only (never another's, whose reminders they would then read), and only
  // an ADMIN vouches for a person.
  if (!caller.admin && c.role() != caller.role) {
    return absl::PermissionDeniedError(absl::StrCat(
        "contact.role: a ", caller.RoleName(),
        " may add or remove contacts for its own role only; ask an ADMIN"));
  }
  if (c.sign_in() && !caller.admin) {
    return absl::PermissionDeniedError(
        "contact.sign_in: only an ADMIN may let a contact sign in by e-mail");
  }
  if (c.sign_in() && c.role() == v1::PARENT) {
    return absl::InvalidArgumentError(
        "contact.sign_in: a family signs in with the token for its child");
  }
  // An officer's own address takes that officer's reminders away from the
  // team's: so staff may name only themselves.
  RETURN_IF_ERROR(ValidateOfficer(c.case_officer(), "contact.case_officer"));
  if (!c.case_officer().empty() && c.role() != v1::LA_CASE_OFFICER) {
    return absl::InvalidArgumentError(
        "contact.case_officer: only for role LA_CASE_OFFICER");
  }
  if (!c.case_officer().empty() && !caller.admin &&
      c.case_officer() != caller.subject) {
    return absl::PermissionDeniedError(
        "contact.case_officer: staff may name only themselves (their token's "
        "subject); ask an ADMIN");
  }
  return auth::CheckScopeWithin(caller, c.scope());
}

absl::StatusOr<v1::Contact> AlertEngine::CreateContact(
    const auth::Principal& caller, const v1::CreateContactRequest& request) {
  RETURN_IF_ERROR(auth::AuthorizeMethod(caller, auth::Method::kCreateContact));
  RETURN_IF_ERROR(ValidateContact(caller, request.contact()));
  ASSIGN_OR_RETURN(auth::Scope scope,
                   auth::Scope::Parse(request.contact().scope()));
  ASSIGN_OR_RETURN(const int queued,
                   contacts_.PutContact(request.contact(), StoredScope(scope),
                                        email_on_, clock_.Now()));
  if (queued > 0) bus_.RequestRun();  // send them now, not at the next tick
  v1::Contact created = request.contact();
  created.set_earlier_alerts_queued(queued);
  return created;
}

absl::StatusOr<v1::ListContactsResponse> AlertEngine::ListContacts(
    const auth::Principal& caller, const v1::ListContactsRequest& request) {
  RETURN_IF_ERROR(auth::AuthorizeMethod(caller, auth::Method::kListContacts));
  ASSIGN_OR_RETURN(storage::PageRequest page,
                   ParsePage(request.page_size(), request.page_token(), "c"));
  bool all = false;
  const std::vector<std::string> scopes = auth::ContactScopesFor(caller, &all);
  ASSIGN_OR_RETURN(auto result, contacts_.ListContacts(all, scopes, page));
  v1::ListContactsResponse response;
  for (auto& c : result.items) *response.add_contacts() = std::move(c);
  response.set_next_page_token(NextPageToken(result.next_after, "c"));
  return response;
}

absl::StatusOr<google::protobuf::Empty> AlertEngine::DeleteContact(
    const auth::Principal& caller, const v1::DeleteContactRequest& request) {
  RETURN_IF_ERROR(auth::AuthorizeMethod(caller, auth::Method::kDeleteContact));
  RETURN_IF_ERROR(ValidateContact(caller, request.contact()));
  RETURN_IF_ERROR(contacts_.DeleteContact(request.contact()));
  return google::protobuf::Empty();
}

absl::Status AlertEngine::WatchAlerts(
    StreamSession& session, const v1::WatchAlertsRequest& request,
    const std::function<bool(const v1::Alert&)>& write,
    const std::function<bool()>& cancelled) {
  RETURN_IF_ERROR(
      auth::AuthorizeMethod(session.principal(), auth::Method::kWatchAlerts));
  if (request.after_revision() < 0) {
    return absl::InvalidArgumentError("after_revision: must not be negative");
  }
  RETURN_IF_ERROR(ValidateOfficer(request.case_officer(), "case_officer"));
  int64_t after = request.after_revision();
  // The bus counts every alert, visible or not; track it separately so a
  // foreign alert does not wake this stream forever.
  int64_t announced = 0;
  while (!cancelled() && !bus_.shut_down()) {
    RETURN_IF_ERROR(session.Recheck(auth::Method::kWatchAlerts));
    const storage::Visibility visibility =
        auth::VisibilityFor(session.principal());
    // A caller whose role owns tasks hears its own role's alerts unless it
    // asks for all; other roles (a headteacher, a trust) hear all in scope.
    std::optional<int> role;
    if (!session.principal().admin && !request.all_roles() &&
        task_owners_.count(session.principal().role) != 0) {
      role = session.principal().role;
    }
    ASSIGN_OR_RETURN(std::vector<v1::Alert> batch,
                     alerts_.ListFired(visibility, role, after, kWatchBatch));
    for (const v1::Alert& alert : batch) {
      after = alert.revision();
      if (!request.case_officer().empty() &&
          alert.case_officer() != request.case_officer()) {
        continue;  // another officer's (or nobody's) case
      }
      if (!write(alert)) return absl::OkStatus();
    }
    if (static_cast<int>(batch.size()) == kWatchBatch) continue;
    // Wait for the scheduler to announce more; wake each second to notice a
    // cancelled call.
    announced = std::max(announced, after);
    announced =
        std::max(announced, bus_.WaitForRevision(announced, absl::Seconds(1)));
  }
  if (!cancelled()) return ServerShuttingDown("after_revision", after);
  return absl::OkStatus();
}

}  // namespace sendcase::casework
