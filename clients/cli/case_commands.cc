// sendcasectl: pupils, journeys, events and tasks.
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "clients/cli/command_util.h"
#include "clients/cli/event_builder.h"
#include "clients/cli/format.h"
#include "clients/cli/rules_command.h"

namespace sendcase::client {
namespace {

void AddPupilCommands(CLI::App& app, const GlobalOptions& o, int* rc,
                      std::function<CaseClient()> client) {
  auto* pupils = app.add_subcommand("pupils", "Create, read and list pupils");
  pupils->require_subcommand(1);

  auto* create = pupils->add_subcommand("create", "Create a pupil");
  auto req = std::make_shared<v1::CreatePupilRequest>();
  auto birth = std::make_shared<std::string>();
  auto* p = req->mutable_pupil();
  auto upn_unknown = std::make_shared<std::string>();
  auto* upn = create->add_option("--upn", *p->mutable_upn(),
                                 "Unique Pupil Number (13 characters)");
  create
      ->add_option("--upn-unknown", *upn_unknown,
                   "instead of --upn: the census reason the child has none "
                   "(UN1: under 6, not yet assigned; UN2, UN3, UN5, UN8, "
                   "UN9, UN10)")
      ->excludes(upn);
  create->add_option("--given-name", *p->mutable_given_name())->required();
  create->add_option("--family-name", *p->mutable_family_name())->required();
  create->add_option("--birth-date", *birth, "YYYY-MM-DD")->required();
  create->add_option("--setting-urn", *p->mutable_setting_urn(), "6 digits")
      ->required();
  create
      ->add_option("--la-code", *p->mutable_local_authority_code(), "3 digits")
      ->required();
  create->add_option("--request-id", *req->mutable_request_id(),
                     "idempotency key");
  auto needs = std::make_shared<std::vector<std::string>>();
  create
      ->add_option("--needs", *needs,
                   "types of need, primary first, e.g. ASD,SLCN")
      ->delimiter(',');
  create->callback([=, &o] {
    if (absl::Status s = SetUpnUnknown(*upn_unknown, *req->mutable_pupil());
        !s.ok()) {
      *rc = Report(s);
      return;
    }
    req->mutable_pupil()->clear_needs();
    for (const std::string& code : *needs) {
      v1::NeedType need;
      if (!v1::NeedType_Parse(code, &need)) {
        *rc = Report(absl::InvalidArgumentError(
            absl::StrCat("--needs: ", code, " is not a census code")));
        return;
      }
      req->mutable_pupil()->add_needs(need);
    }
    auto date = ParseDateArg(*birth, "--birth-date");
    if (!date.ok()) {
      *rc = Report(date.status());
      return;
    }
    *req->mutable_pupil()->mutable_birth_date() = *date;
    *rc = Print<v1::Pupil>(o, client().CreatePupil(*req), PupilText);
  });

  auto* get = pupils->add_subcommand("get", "Show a pupil");
  auto get_req = std::make_shared<v1::GetPupilRequest>();
  get->add_option("name", *get_req->mutable_name(), "pupils/{pupil}")
      ->required();
  get->callback([=, &o] {
    *rc = Print<v1::Pupil>(o, client().GetPupil(*get_req), PupilText);
  });

  auto* list = pupils->add_subcommand("list", "List pupils you may see");
  auto list_req = std::make_shared<v1::ListPupilsRequest>();
  list->add_option("--upn", *list_req->mutable_upn(),
                   "only the pupil with this UPN");
  list->add_option("--name", *list_req->mutable_name_query(),
                   "name search: every word in the given or family name "
                   "(\"feath ott\")");
  auto all = AddPaging(list, list_req);
  list->callback([=, &o] {
    auto c = std::make_shared<CaseClient>(client());
    *rc = List<v1::ListPupilsRequest, v1::ListPupilsResponse, v1::Pupil>(
        o, *list_req, *all, [c](const auto& r) { return c->ListPupils(r); },
        [](const auto& r) { return ToVector(r.pupils()); }, PupilsTable);
  });
}

void AddJourneyCommands(CLI::App& app, const GlobalOptions& o, int* rc,
                        std::function<CaseClient()> client) {
  auto* journeys = app.add_subcommand("journeys", "Read and list journeys");
  journeys->require_subcommand(1);
  auto* get = journeys->add_subcommand("get", "Show a journey and its clocks");
  auto get_req = std::make_shared<v1::GetJourneyRequest>();
  get->add_option("name", *get_req->mutable_name(),
                  "pupils/{pupil}/journeys/{journey}")
      ->required();
  get->callback([=, &o] {
    *rc = Print<v1::Journey>(o, client().GetJourney(*get_req), JourneyText);
  });

  auto* list = journeys->add_subcommand("list", "List journeys you may see");
  auto list_req = std::make_shared<v1::ListJourneysRequest>();
  list->add_option("--parent", *list_req->mutable_parent(), "pupils/{pupil}");
  auto all = AddPaging(list, list_req);
  list->callback([=, &o] {
    auto c = std::make_shared<CaseClient>(client());
    *rc = List<v1::ListJourneysRequest, v1::ListJourneysResponse, v1::Journey>(
        o, *list_req, *all, [c](const auto& r) { return c->ListJourneys(r); },
        [](const auto& r) { return ToVector(r.journeys()); }, JourneysTable);
  });
}

void AddEventCommands(CLI::App& app, const GlobalOptions& o, int* rc,
                      std::function<CaseClient()> client) {
  auto* events =
      app.add_subcommand("events", "Record events; read the chronology");
  events->require_subcommand(1);
  auto* record = events->add_subcommand(
      "record", "Record an event: events record JOURNEY KIND --date=D");
  struct Args {
    v1::RecordEventRequest req;
    std::string kind, date;
    std::vector<std::string> fields;
  };
  auto a = std::make_shared<Args>();
  record
      ->add_option("journey", *a->req.mutable_journey(),
                   "pupils/{pupil}/journeys/{journey}")
      ->required();
  record->add_option("kind", a->kind, "event kind, e.g. assessment_requested")
      ->required();
  record->add_option("--date", a->date, "the day it happened, YYYY-MM-DD")
      ->required();
  record->add_option("--field", a->fields,
                     "name=value of the kind's fields (repeatable)");
  record->add_option("--etag", *a->req.mutable_etag(),
                     "fail if the journey changed");
  record->add_option("--request-id", *a->req.mutable_request_id(),
                     "idempotency key");
  record->footer(EventKindsHelp());
  record->callback([=, &o] {
    auto event = BuildEvent(a->kind, a->date, a->fields);
    if (!event.ok()) {
      *rc = Report(event.status());
      return;
    }
    *a->req.mutable_event() = *event;
    *rc = Print<v1::Journey>(o, client().RecordEvent(a->req), JourneyText);
  });

  auto* list =
      events->add_subcommand("list", "A journey's chronology, oldest first");
  auto list_req = std::make_shared<v1::ListJourneyEventsRequest>();
  list->add_option("journey", *list_req->mutable_journey())->required();
  auto all = AddPaging(list, list_req);
  list->callback([=, &o] {
    auto c = std::make_shared<CaseClient>(client());
    *rc = List<v1::ListJourneyEventsRequest, v1::ListJourneyEventsResponse,
               v1::JourneyEvent>(
        o, *list_req, *all,
        [c](const auto& r) { return c->ListJourneyEvents(r); },
        [](const auto& r) { return ToVector(r.events()); }, EventsTable);
  });
}

void AddTaskCommands(CLI::App& app, const GlobalOptions& o, int* rc,
                     std::function<CaseClient()> client) {
  auto* tasks = app.add_subcommand("tasks", "List and complete tasks");
  tasks->require_subcommand(1);
  auto* list = tasks->add_subcommand("list", "Tasks you may see");
  auto req = std::make_shared<v1::ListTasksRequest>();
  auto role = std::make_shared<std::string>();
  list->add_option("--parent", *req->mutable_parent(),
                   "a pupil or journey name");
  list->add_option("--owner-role", *role, "e.g. SENCO");
  list->add_flag("--overdue-only",
                 [req](int64_t) { req->set_overdue_only(true); });
  list->add_option("--case-officer", *req->mutable_case_officer(),
                   "only tasks of this officer's cases");
  auto all = AddPaging(list, req);
  list->callback([=, &o] {
    v1::Role parsed = v1::ROLE_UNSPECIFIED;
    if (!role->empty() && !v1::Role_Parse(*role, &parsed)) {
      *rc = Report(absl::InvalidArgumentError("--owner-role: not a Role name"));
      return;
    }
    req->set_owner_role(parsed);
    auto c = std::make_shared<CaseClient>(client());
    *rc = List<v1::ListTasksRequest, v1::ListTasksResponse, v1::Task>(
        o, *req, *all, [c](const auto& r) { return c->ListTasks(r); },
        [](const auto& r) { return ToVector(r.tasks()); }, TasksTable);
  });

  auto* complete = tasks->add_subcommand("complete", "Mark a task done");
  auto done = std::make_shared<v1::CompleteTaskRequest>();
  complete->add_option("name", *done->mutable_name())->required();
  complete->add_option("--request-id", *done->mutable_request_id());
  complete->callback([=, &o] {
    *rc = Print<v1::Task>(o, client().CompleteTask(*done),
                          [](const v1::Task& t) { return TasksTable({t}); });
  });
}

}  // namespace

void AddCaseCommands(CLI::App& app, const GlobalOptions& o, int* rc,
                     std::function<CaseClient()> client) {
  AddPupilCommands(app, o, rc, client);
  AddJourneyCommands(app, o, rc, client);
  AddEventCommands(app, o, rc, client);
  AddTaskCommands(app, o, rc, client);
}

}  // namespace sendcase::client
