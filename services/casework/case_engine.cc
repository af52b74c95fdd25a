// CaseEngine: pupils, journeys, tasks. RecordEvent is in record_event.cc.
#include "services/casework/case_engine.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/auth/authorizer.h"
#include "services/casework/access.h"
#include "services/casework/idempotency.h"
#include "services/casework/paging.h"
#include "services/casework/proto_convert.h"
#include "services/casework/rule_preview.h"
#include "services/casework/validation.h"
#include "services/common/proto_time.h"
#include "services/common/resource_name.h"
#include "services/common/status_macros.h"
#include "services/common/upn.h"
#include "services/journey/provision.h"
#include "services/journey/state_machine.h"

namespace sendcase::casework {
namespace {

// ListPupils' filters, checked: a UPN in its 13-character shape (upper-cased),
// name words of 2-100 bytes, at most 5, lower-cased. Messages never repeat
// the values (they are personal data).
absl::StatusOr<storage::PupilFilter> ParsePupilFilter(
    const v1::ListPupilsRequest& request) {
  storage::PupilFilter filter;
  if (!request.upn().empty()) {
    filter.upn = absl::AsciiStrToUpper(request.upn());
    RETURN_IF_ERROR(ValidateUpn(filter.upn, "upn"));
  }
  if (!request.name_query().empty()) {
    RETURN_IF_ERROR(ValidateText(request.name_query(), "name_query", 200));
  }
  for (absl::string_view word : absl::StrSplit(
           request.name_query(), absl::ByAnyChar(" \t,"), absl::SkipEmpty())) {
    if (word.size() < 2 || word.size() > 100) {
      return absl::InvalidArgumentError("name_query: each word 2 to 100 bytes");
    }
    filter.name_words.push_back(absl::AsciiStrToLower(word));
  }
  if (filter.name_words.size() > 5) {
    return absl::InvalidArgumentError("name_query: at most 5 words");
  }
  return filter;
}

using auth::Method;

}  // namespace

absl::StatusOr<v1::Pupil> CaseEngine::CreatePupil(
    const auth::Principal& caller, const v1::CreatePupilRequest& request) {
  RETURN_IF_ERROR(auth::AuthorizeMethod(caller, Method::kCreatePupil));
  const Day today = LondonDate(clock_.Now());
  if (!request.has_pupil()) {
    return absl::InvalidArgumentError("pupil: required");
  }
  RETURN_IF_ERROR(ValidateNewPupil(request.pupil(), today));
  RETURN_IF_ERROR(auth::CheckPupilAccess(caller, request.pupil().setting_urn(),
                                         request.pupil().local_authority_code(),
                                         "pupil"));
  ASSIGN_OR_RETURN(IdempotentStart start,
                   BeginIdempotent(cases_, caller, "CreatePupil",
                                   request.request_id(), request));
  if (start.replay) {
    // The pupil may have moved out of the caller's scope since: check it
    // where it is now before handing the stored answer back.
    ASSIGN_OR_RETURN(v1::Pupil replayed, ParseReplay<v1::Pupil>(*start.replay));
    v1::GetPupilRequest now;
    now.set_name(replayed.name());
    RETURN_IF_ERROR(GetPupil(caller, now).status());
    return replayed;
  }

  storage::NewPupil in;
  in.create_time = clock_.Now();
  const PupilName pupil_name{ids_.NewId()};
  const JourneyName journey_name{pupil_name.pupil, ids_.NewId()};
  in.pupil = request.pupil();
  in.pupil.set_name(pupil_name.Format());
  in.pupil.set_current_journey(journey_name.Format());
  *in.pupil.mutable_create_time() = ToTimestamp(in.create_time);
  in.pupil.set_etag(Etag(storage::kFirstVersion));
  in.pupil.set_sen_provision(journey::ProvisionFor(v1::Journey::CONCERN));
  in.journey.set_name(journey_name.Format());
  in.journey.set_pupil(pupil_name.Format());
  in.journey.set_state(v1::Journey::CONCERN);
  in.journey.set_rule_set_version(rules_.current().version());
  absl::Status created =
      cases_.CreatePupil(in, start.key, in.pupil.SerializeAsString());
  if (!created.ok()) return ResolveRace<v1::Pupil>(cases_, start.key, created);
  return in.pupil;
}

absl::StatusOr<v1::Pupil> CaseEngine::GetPupil(
    const auth::Principal& caller, const v1::GetPupilRequest& request) {
  RETURN_IF_ERROR(auth::AuthorizeMethod(caller, Method::kGetPupil));
  ASSIGN_OR_RETURN(storage::PupilRecord pupil,
                   LoadVisiblePupil(cases_, caller, request.name(), "name"));
  return RenderPupil(std::move(pupil));
}

absl::StatusOr<v1::ListPupilsResponse> CaseEngine::ListPupils(
    const auth::Principal& caller, const v1::ListPupilsRequest& request) {
  RETURN_IF_ERROR(auth::AuthorizeMethod(caller, Method::kListPupils));
  ASSIGN_OR_RETURN(storage::PupilFilter filter, ParsePupilFilter(request));
  // The token is bound to the filter, so it cannot page another search.
  const std::string params =
      absl::StrCat(filter.upn, "\n", absl::StrJoin(filter.name_words, " "));
  ASSIGN_OR_RETURN(
      storage::PageRequest page,
      ParsePage(request.page_size(), request.page_token(), params));
  ASSIGN_OR_RETURN(auto result, cases_.ListPupils(auth::VisibilityFor(caller),
                                                  filter, page));
  v1::ListPupilsResponse response;
  for (auto& pupil : result.items) {
    *response.add_pupils() = RenderPupil(std::move(pupil));
  }
  response.set_next_page_token(NextPageToken(result.next_after, params));
  return response;
}

absl::StatusOr<storage::JourneyRecord> CaseEngine::LoadJourney(
    const auth::Principal& caller, const std::string& name,
    absl::string_view field) {
  ASSIGN_OR_RETURN(JourneyName parsed, ParseJourneyName(name, field));
  absl::StatusOr<storage::JourneyRecord> record = cases_.GetJourney(parsed);
  if (!record.ok()) return HideMissing(caller, record.status(), name);
  RETURN_IF_ERROR(auth::CheckPupilAccess(caller, record->setting_urn,
                                         record->local_authority_code, name));
  return record;
}

absl::StatusOr<v1::Journey> CaseEngine::GetJourney(
    const auth::Principal& caller, const v1::GetJourneyRequest& request) {
  RETURN_IF_ERROR(auth::AuthorizeMethod(caller, Method::kGetJourney));
  ASSIGN_OR_RETURN(storage::JourneyRecord record,
                   LoadJourney(caller, request.name(), "name"));
  v1::Journey journey =
      RenderJourney(std::move(record), LondonDate(clock_.Now()));
  Decorate(caller, journey);
  return journey;
}

void CaseEngine::Decorate(const auth::Principal& caller, v1::Journey& journey) {
  journey.clear_allowed_events();
  for (journey::EventKind kind : journey::AllowedEvents(journey.state())) {
    if (auth::AuthorizeEvent(caller, kind).ok()) {
      journey.add_allowed_events(journey::EventKindName(kind));
    }
  }
  auto rules = rules_.ForVersion(journey.rule_set_version());
  if (!rules.ok()) return;
  for (v1::Clock& c : *journey.mutable_clocks()) {
    if (const auto* rule = (*rules)->Find(c.rule_id()))
      c.set_title(rule->title);
  }
  for (v1::ClockChange& c : *journey.mutable_clock_changes()) {
    if (const auto* rule = (*rules)->Find(c.rule_id()))
      c.set_title(rule->title);
  }
}

absl::StatusOr<v1::ListJourneysResponse> CaseEngine::ListJourneys(
    const auth::Principal& caller, const v1::ListJourneysRequest& request) {
  RETURN_IF_ERROR(auth::AuthorizeMethod(caller, Method::kListJourneys));
  std::optional<PupilName> parent;
  if (!request.parent().empty()) {
    ASSIGN_OR_RETURN(parent, ParsePupilName(request.parent(), "parent"));
  }
  ASSIGN_OR_RETURN(
      storage::PageRequest page,
      ParsePage(request.page_size(), request.page_token(), request.parent()));
  ASSIGN_OR_RETURN(auto result, cases_.ListJourneys(auth::VisibilityFor(caller),
                                                    parent, page));
  v1::ListJourneysResponse response;
  for (auto& rec : result.items) {
    *response.add_journeys() = RenderJourney(std::move(rec), std::nullopt);
  }
  response.set_next_page_token(
      NextPageToken(result.next_after, request.parent()));
  return response;
}

absl::StatusOr<v1::ListJourneyEventsResponse> CaseEngine::ListJourneyEvents(
    const auth::Principal& caller,
    const v1::ListJourneyEventsRequest& request) {
  RETURN_IF_ERROR(auth::AuthorizeMethod(caller, Method::kListJourneyEvents));
  ASSIGN_OR_RETURN(
      storage::PageRequest page,
      ParsePage(request.page_size(), request.page_token(), request.journey()));
  RETURN_IF_ERROR(LoadJourney(caller, request.journey(), "journey").status());
  ASSIGN_OR_RETURN(JourneyName name,
                   ParseJourneyName(request.journey(), "journey"));
  ASSIGN_OR_RETURN(auto result, cases_.ListEvents(name, page));
  v1::ListJourneyEventsResponse response;
  for (auto& event : result.items) *response.add_events() = std::move(event);
  response.set_next_page_token(
      NextPageToken(result.next_after, request.journey()));
  return response;
}

absl::StatusOr<v1::ListTasksResponse> CaseEngine::ListTasks(
    const auth::Principal& caller, const v1::ListTasksRequest& request) {
  RETURN_IF_ERROR(auth::AuthorizeMethod(caller, Method::kListTasks));
  storage::TaskFilter filter;
  if (!request.parent().empty()) {
    if (auto journey = ParseJourneyName(request.parent(), "parent");
        journey.ok()) {
      filter.journey = *journey;
    } else {
      ASSIGN_OR_RETURN(filter.pupil,
                       ParsePupilName(request.parent(), "parent"));
    }
  }
  if (!v1::Role_IsValid(request.owner_role())) {
    return absl::InvalidArgumentError("owner_role: not a known Role");
  }
  filter.owner_role = request.owner_role();
  const Day today = LondonDate(clock_.Now());
  if (request.overdue_only()) filter.overdue_on = today;
  RETURN_IF_ERROR(ValidateOfficer(request.case_officer(), "case_officer"));
  filter.case_officer = request.case_officer();
  const std::string params =
      absl::StrCat(request.parent(), "|", request.owner_role(), "|",
                   request.overdue_only(), "|", request.case_officer());
  ASSIGN_OR_RETURN(
      storage::PageRequest page,
      ParsePage(request.page_size(), request.page_token(), params));
  ASSIGN_OR_RETURN(auto result,
                   tasks_.ListTasks(auth::VisibilityFor(caller), filter, page));
  v1::ListTasksResponse response;
  for (auto& rec : result.items) {
    v1::Task* task = response.add_tasks();
    *task = std::move(rec.task);
    auto due = FromProtoDate(task->due_date(), "due_date");
    task->set_overdue(task->state() == v1::Task::OPEN && due.ok() &&
                      *due < today);
  }
  response.set_next_page_token(NextPageToken(result.next_after, params));
  return response;
}

absl::StatusOr<v1::Task> CaseEngine::CompleteTask(
    const auth::Principal& caller, const v1::CompleteTaskRequest& request) {
  RETURN_IF_ERROR(auth::AuthorizeMethod(caller, Method::kCompleteTask));
  RETURN_IF_ERROR(ValidateRequestId(request.request_id()));
  ASSIGN_OR_RETURN(TaskName name, ParseTaskName(request.name(), "name"));
  absl::StatusOr<storage::TaskRecord> record = tasks_.GetTask(name);
  if (!record.ok()) return HideMissing(caller, record.status(), request.name());
  RETURN_IF_ERROR(auth::CheckPupilAccess(caller, record->setting_urn,
                                         record->local_authority_code,
                                         request.name()));
  RETURN_IF_ERROR(auth::AuthorizeTaskCompletion(
      caller, record->task.owner_role(), request.name()));
  // Completing is idempotent in itself (DONE stays DONE with its first
  // close_time), so a retried request_id gets the same answer.
  return tasks_.CompleteTask(name, clock_.Now());
}

absl::StatusOr<v1::PreviewRulesResponse> CaseEngine::PreviewRules(
    const auth::Principal& caller, const v1::PreviewRulesRequest& request) {
  RETURN_IF_ERROR(auth::AuthorizeMethod(caller, Method::kPreviewRules));
  if (!request.has_rule_set()) {
    return absl::InvalidArgumentError("rule_set: required");
  }
  rules::RuleSource source;
  source.merged = request.rule_set();
  absl::StatusOr<std::shared_ptr<const rules::RuleSet>> candidate =
      rules::RuleSet::Create(source);
  if (!candidate.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("rule_set: ", candidate.status().message()));
  }
  ASSIGN_OR_RETURN(
      v1::PreviewRulesResponse response,
      PreviewRuleSet(cases_, auth::VisibilityFor(caller), **candidate));
  response.set_current_version(rules_.current().version());
  return response;
}

}  // namespace sendcase::casework
