#include "clients/cli/commands.h"

#include <cstdio>
#include <functional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "clients/cli/event_builder.h"
#include "clients/cli/format.h"
#include "clients/cli/rules_command.h"

namespace sendcase::client {
namespace {

int Report(const absl::Status& status) {
  fprintf(stderr, "sendcasectl: %s: %s\n",
          absl::StatusCodeToString(status.code()).c_str(),
          std::string(status.message()).c_str());
  return 1;
}

// Prints one response as a table/text or JSON.
template <typename Message>
int Print(const GlobalOptions& o, const absl::StatusOr<Message>& result,
          const std::function<std::string(const Message&)>& text) {
  if (!result.ok()) return Report(result.status());
  fputs(o.json ? (ToJson(*result) + "\n").c_str() : text(*result).c_str(),
        stdout);
  return 0;
}

// Fetches one page, or every page with --all, and prints the items.
template <typename Request, typename Response, typename Item>
int List(const GlobalOptions& o, Request request, bool all,
         const std::function<absl::StatusOr<Response>(const Request&)>& call,
         const std::function<std::vector<Item>(const Response&)>& items,
         const std::function<std::string(const std::vector<Item>&)>& table) {
  std::vector<Item> collected;
  std::string next;
  do {
    auto response = call(request);
    if (!response.ok()) return Report(response.status());
    for (auto& item : items(*response)) {
      if (o.json) {
        printf("%s\n", ToJson(item).c_str());
      } else {
        collected.push_back(std::move(item));
      }
    }
    next = response->next_page_token();
    request.set_page_token(next);
  } while (all && !next.empty());
  if (!o.json) {
    fputs(table(collected).c_str(), stdout);
    if (!next.empty()) printf("next page: --page-token=%s\n", next.c_str());
  }
  return 0;
}

// Adds --page-size, --page-token and --all to a list command; returns the
// --all flag.
template <typename Request>
std::shared_ptr<bool> AddPaging(CLI::App* list,
                                const std::shared_ptr<Request>& req) {
  auto all = std::make_shared<bool>(false);
  list->add_option_function<int>(
      "--page-size", [req](const int& v) { req->set_page_size(v); });
  list->add_option("--page-token", *req->mutable_page_token());
  list->add_flag("--all", *all, "follow every page");
  return all;
}

template <typename T>
std::vector<T> ToVector(const google::protobuf::RepeatedPtrField<T>& f) {
  return std::vector<T>(f.begin(), f.end());
}

void AddPupilCommands(CLI::App& app, const GlobalOptions& o, int* rc,
                      std::function<CaseClient()> client) {
  auto* pupils = app.add_subcommand("pupils", "Create, read and list pupils");
  pupils->require_subcommand(1);

  auto* create = pupils->add_subcommand("create", "Create a pupil");
  auto req = std::make_shared<v1::CreatePupilRequest>();
  auto birth = std::make_shared<std::string>();
  auto* p = req->mutable_pupil();
  create->add_option("--upn", *p->mutable_upn(), "Unique Pupil Number")
      ->required();
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
  create->callback([=, &o] {
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
  record->footer(
      absl::StrCat("Kinds: ", absl::StrJoin(EventKindNames(), ", ")));
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

void AddRulesCommands(CLI::App& app, const GlobalOptions& o, int* rc,
                      std::function<CaseClient()> client) {
  auto* rules = app.add_subcommand("rules", "Work with rule definitions");
  rules->require_subcommand(1);
  auto* preview = rules->add_subcommand(
      "preview", "Which live clocks a candidate rules directory would change");
  auto dir = std::make_shared<std::string>();
  preview->add_option("dir", *dir, "candidate rules directory")->required();
  preview->callback([=, &o] {
    auto definition = ReadRuleDirectory(*dir);
    if (!definition.ok()) {
      *rc = Report(definition.status());
      return;
    }
    v1::PreviewRulesRequest req;
    *req.mutable_rule_set() = *definition;
    *rc = Print<v1::PreviewRulesResponse>(o, client().PreviewRules(req),
                                          PreviewText);
  });
}

// Builds a Contact from --role, --scope and --email.
void AddContactOptions(CLI::App* cmd, std::shared_ptr<v1::Contact> contact,
                       std::shared_ptr<std::string> role) {
  cmd->add_option("--role", *role, "the Role whose tasks it hears about")
      ->required();
  cmd->add_option("--scope", *contact->mutable_scope(),
                  "setting:URN, la:CODE, trust:ID or *")
      ->required();
  cmd->add_option("--email", *contact->mutable_email())->required();
}

absl::Status ParseRoleInto(const std::string& text, v1::Contact& contact) {
  v1::Role role;
  if (!v1::Role_Parse(text, &role) || role == v1::ROLE_UNSPECIFIED) {
    return absl::InvalidArgumentError("--role: not a Role name, e.g. SENCO");
  }
  contact.set_role(role);
  return absl::OkStatus();
}

void AddAlertCommands(CLI::App& app, const GlobalOptions& o, int* rc,
                      std::function<CaseClient()> client) {
  auto* contacts = app.add_subcommand("contacts", "Who gets e-mail reminders");
  contacts->require_subcommand(1);
  for (const char* verb : {"add", "remove"}) {
    const bool add = std::string(verb) == "add";
    auto* cmd = contacts->add_subcommand(
        verb, add ? "Send a role's reminders in a scope to an address"
                  : "Stop sending them");
    auto contact = std::make_shared<v1::Contact>();
    auto role = std::make_shared<std::string>();
    AddContactOptions(cmd, contact, role);
    cmd->callback([=, &o] {
      if (auto s = ParseRoleInto(*role, *contact); !s.ok()) {
        *rc = Report(s);
        return;
      }
      if (add) {
        v1::CreateContactRequest req;
        *req.mutable_contact() = *contact;
        *rc = Print<v1::Contact>(
            o, client().CreateContact(req),
            [](const v1::Contact& c) { return ContactsTable({c}); });
      } else {
        v1::DeleteContactRequest req;
        *req.mutable_contact() = *contact;
        *rc = Print<google::protobuf::Empty>(
            o, client().DeleteContact(req),
            [](const google::protobuf::Empty&) { return "removed\n"; });
      }
    });
  }
  auto* list = contacts->add_subcommand("list", "Contacts within your scope");
  auto list_req = std::make_shared<v1::ListContactsRequest>();
  auto all = AddPaging(list, list_req);
  list->callback([=, &o] {
    auto c = std::make_shared<CaseClient>(client());
    *rc = List<v1::ListContactsRequest, v1::ListContactsResponse, v1::Contact>(
        o, *list_req, *all, [c](const auto& r) { return c->ListContacts(r); },
        [](const auto& r) { return ToVector(r.contacts()); }, ContactsTable);
  });

  auto* alerts = app.add_subcommand("alerts", "Follow reminders as they fire");
  alerts->require_subcommand(1);
  auto* watch = alerts->add_subcommand(
      "watch", "Print alerts for your scope as they fire (Ctrl-C stops)");
  auto req = std::make_shared<v1::WatchAlertsRequest>();
  auto max = std::make_shared<int>(0);
  watch->add_option_function<int64_t>(
      "--after", [req](const int64_t& v) { req->set_after_revision(v); },
      "resume after this revision");
  watch->add_option("--max", *max, "stop after this many alerts (0: never)");
  watch->callback([=, &o] {
    int seen = 0;
    const absl::Status status =
        client().WatchAlerts(*req, [&](const v1::Alert& alert) {
          fputs((o.json ? ToJson(alert) : AlertLine(alert)).c_str(), stdout);
          if (o.json) fputs("\n", stdout);
          fflush(stdout);
          return *max == 0 || ++seen < *max;
        });
    *rc = status.ok() ? 0 : Report(status);
  });
}

void AddViewCommands(CLI::App& app, const GlobalOptions& o, int* rc,
                     std::function<CaseClient()> client) {
  auto* assessments =
      app.add_subcommand("assessments", "The LA's 20-week tracker");
  assessments->require_subcommand(1);
  auto* list = assessments->add_subcommand(
      "list", "Open EHC needs assessments, most urgent first");
  auto req = std::make_shared<v1::ListAssessmentsRequest>();
  auto all = AddPaging(list, req);
  list->callback([=, &o] {
    auto c = std::make_shared<CaseClient>(client());
    *rc = List<v1::ListAssessmentsRequest, v1::ListAssessmentsResponse,
               v1::AssessmentSummary>(
        o, *req, *all, [c](const auto& r) { return c->ListAssessments(r); },
        [](const auto& r) { return ToVector(r.assessments()); },
        AssessmentsTable);
  });

  auto* reports = app.add_subcommand("reports", "Statutory reporting");
  reports->require_subcommand(1);
  auto* timeliness = reports->add_subcommand(
      "timeliness", "SEN2-style 20-week timeliness for a calendar year");
  auto year_req = std::make_shared<v1::GetTimelinessReportRequest>();
  auto csv = std::make_shared<bool>(false);
  timeliness
      ->add_option_function<int>(
          "--year", [year_req](const int& y) { year_req->set_year(y); },
          "calendar year the plans were issued in")
      ->required();
  timeliness->add_flag("--csv", *csv, "CSV: a header row and a data row");
  timeliness->callback([=, &o] {
    *rc = Print<v1::TimelinessReport>(
        o, client().GetTimelinessReport(*year_req),
        [csv](const v1::TimelinessReport& r) {
          return *csv ? TimelinessCsv(r) : TimelinessText(r);
        });
  });
}

}  // namespace

void AddCommands(CLI::App& app, const GlobalOptions& o, int* exit_code) {
  auto client = [&o] {
    return CaseClient(Connect(o.server), o.token,
                      std::chrono::seconds(o.timeout_seconds));
  };
  AddPupilCommands(app, o, exit_code, client);
  AddJourneyCommands(app, o, exit_code, client);
  AddEventCommands(app, o, exit_code, client);
  AddTaskCommands(app, o, exit_code, client);
  AddRulesCommands(app, o, exit_code, client);
  AddAlertCommands(app, o, exit_code, client);
  AddViewCommands(app, o, exit_code, client);
}

}  // namespace sendcase::client
