// sendcasectl: rules, contacts, alerts and the work views.
#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "clients/cli/command_util.h"
#include "clients/cli/demo_seed.h"
#include "clients/cli/event_builder.h"
#include "clients/cli/format.h"
#include "clients/cli/rules_command.h"

namespace sendcase::client {
namespace {

// Follows WatchAlerts across dropped streams and server restarts: on
// UNAVAILABLE, DEADLINE_EXCEEDED or CANCELLED (gRPC cancels calls that reach
// a server in its shutdown grace period) it says so on stderr and opens the
// stream again after the last alert it printed, waiting 1, 2, 4 ... up to
// 30 s between tries (reset by an alert). Other errors end it, and so does
// a first call that could not connect.
absl::Status WatchAlertsResuming(
    const std::function<CaseClient()>& client, v1::WatchAlertsRequest req,
    const std::function<bool(const v1::Alert&)>& on_alert) {
  absl::Duration wait = absl::Seconds(1);
  for (bool first = true;; first = false) {
    const absl::Status status =
        client().WatchAlerts(req, [&](const v1::Alert& alert) {
          req.set_after_revision(alert.revision());
          wait = absl::Seconds(1);
          return on_alert(alert);
        });
    if (status.code() != absl::StatusCode::kUnavailable &&
        status.code() != absl::StatusCode::kDeadlineExceeded &&
        status.code() != absl::StatusCode::kCancelled) {
      return status;
    }
    // A first call that could not connect at all is most likely a wrong
    // --server, not a drop: say so rather than wait for ever.
    if (first && absl::StrContains(status.message(), "failed to connect")) {
      return status;
    }
    fprintf(stderr,
            "alerts: the stream ended (%s: %s); resuming after "
            "revision %lld in %s\n",
            absl::StatusCodeToString(status.code()).c_str(),
            std::string(status.message()).c_str(),
            static_cast<long long>(req.after_revision()),
            absl::FormatDuration(wait).c_str());
    absl::SleepFor(wait);  // real time: a back-off between reconnections
    wait = std::min(wait * 2, absl::Seconds(30));
  }
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
  auto* upgrade = rules->add_subcommand(
      "upgrade",
      "Move journeys to the server's current rule set (a preview unless "
      "--apply)");
  auto request = std::make_shared<v1::UpgradeJourneyRulesRequest>();
  auto journeys = std::make_shared<std::vector<std::string>>();
  auto apply = std::make_shared<bool>(false);
  upgrade
      ->add_option("--to", *request->mutable_rule_set_version(),
                   "the current rule-set version, e.g. 2026.10")
      ->required();
  upgrade->add_option("--journey", *journeys,
                      "a journey to upgrade (repeatable); none: every "
                      "journey you can see on another rule set");
  upgrade->add_flag("--apply", *apply,
                    "write the upgrade (one transaction per journey)");
  upgrade->callback([=, &o] {
    v1::UpgradeJourneyRulesRequest req = *request;
    for (const std::string& j : *journeys) req.add_journeys(j);
    req.set_validate_only(!*apply);
    *rc = Print<v1::UpgradeJourneyRulesResponse>(
        o, client().UpgradeJourneyRules(req), UpgradeText);
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
  cmd->add_option("--case-officer", *contact->mutable_case_officer(),
                  "LA_CASE_OFFICER only: the officer whose address this is "
                  "(their reminders come here, not to the team's)");
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
    auto sign_in = std::make_shared<bool>(false);
    if (add) {
      cmd->add_flag("--sign-in", *sign_in,
                    "the person at this address holds the role and may sign "
                    "in to the web app with an e-mailed link (ADMIN only)");
    }
    cmd->callback([=, &o] {
      contact->set_sign_in(*sign_in);
      if (auto s = ParseRoleInto(*role, *contact); !s.ok()) {
        *rc = Report(s);
        return;
      }
      if (add) {
        v1::CreateContactRequest req;
        *req.mutable_contact() = *contact;
        *rc = Print<v1::Contact>(
            o, client().CreateContact(req), [](const v1::Contact& c) {
              return absl::StrCat(
                  ContactsTable({c}),
                  c.earlier_alerts_queued() == 0
                      ? ""
                      : absl::StrCat(
                            c.earlier_alerts_queued(),
                            " reminder(s) of open tasks that fired before "
                            "this contact existed will be e-mailed now\n"));
            });
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
  watch->add_flag_function(
      "--all-roles", [req](int64_t n) { req->set_all_roles(n > 0); },
      "every role's alerts in your scope (default: your role's)");
  watch->add_option("--case-officer", *req->mutable_case_officer(),
                    "only alerts of this officer's cases");
  watch->callback([=, &o] {
    int seen = 0;
    const absl::Status status =
        WatchAlertsResuming(client, *req, [&](const v1::Alert& alert) {
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
  list->add_option("--case-officer", *req->mutable_case_officer(),
                   "only this officer's cases (e.g. your own subject)");
  auto all = AddPaging(list, req);
  list->callback([=, &o] {
    auto c = std::make_shared<CaseClient>(client());
    *rc = List<v1::ListAssessmentsRequest, v1::ListAssessmentsResponse,
               v1::AssessmentSummary>(
        o, *req, *all, [c](const auto& r) { return c->ListAssessments(r); },
        [](const auto& r) { return ToVector(r.assessments()); },
        AssessmentsTable);
  });

  auto* settings = app.add_subcommand("settings", "The settings register");
  settings->require_subcommand(1);
  auto* add = settings->add_subcommand(
      "add", "Register a setting (its LA's officer, or ADMIN)");
  auto setting = std::make_shared<v1::CreateSettingRequest>();
  auto phase = std::make_shared<std::string>();
  auto* s = setting->mutable_setting();
  add->add_option("--urn", *s->mutable_urn(), "6 digits")->required();
  add->add_option("--name", *s->mutable_display_name())->required();
  add->add_option("--phase", *phase, "PRIMARY, SECONDARY, SPECIAL, ...")
      ->required();
  add->add_option("--la-code", *s->mutable_local_authority_code())->required();
  add->add_option("--trust", *s->mutable_trust_id(), "the trust's id");
  add->callback([=, &o] {
    v1::Setting::Phase parsed;
    if (!v1::Setting::Phase_Parse(*phase, &parsed)) {
      *rc = Report(absl::InvalidArgumentError("--phase: not a Setting.Phase"));
      return;
    }
    setting->mutable_setting()->set_phase(parsed);
    *rc = Print<v1::Setting>(
        o, client().CreateSetting(*setting),
        [](const v1::Setting& x) { return SettingsTable({x}); });
  });
  auto* list_settings =
      settings->add_subcommand("list", "Settings you may see");
  auto settings_req = std::make_shared<v1::ListSettingsRequest>();
  auto all_settings = AddPaging(list_settings, settings_req);
  list_settings->callback([=, &o] {
    auto c = std::make_shared<CaseClient>(client());
    *rc = List<v1::ListSettingsRequest, v1::ListSettingsResponse, v1::Setting>(
        o, *settings_req, *all_settings,
        [c](const auto& r) { return c->ListSettings(r); },
        [](const auto& r) { return ToVector(r.settings()); }, SettingsTable);
  });

  auto* demo = app.add_subcommand("demo", "A demo data set");
  demo->require_subcommand(1);
  auto* seed = demo->add_subcommand(
      "seed",
      "Create demo pupils over 3 schools and a nursery in 2 LAs, every stage");
  auto seed_options = std::make_shared<SeedOptions>();
  seed->add_option("--pupils", seed_options->pupils)->capture_default_str();
  seed->add_option("--seed", seed_options->seed,
                   "random seed (same seed, same data)")
      ->capture_default_str();
  seed->callback([=] {
    seed_options->progress = [](int done, int total) {
      if (done % 50 == 0 || done == total) {
        fprintf(stderr, "\rseeding: %d/%d pupils", done, total);
        if (done == total) fputs("\n", stderr);
      }
    };
    CaseClient c = client();
    const absl::Status status = SeedDemo(c, *seed_options);
    *rc = status.ok() ? 0 : Report(status);
    if (status.ok()) printf("seeded %d pupils\n", seed_options->pupils);
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
  auto* chronology = app.add_subcommand(
      "chronology", "One pupil's chronology: events, clock dates, tasks");
  auto chron_req = std::make_shared<v1::GetChronologyRequest>();
  auto format = std::make_shared<std::string>("text");
  chronology->add_option("pupil", *chron_req->mutable_pupil(), "pupils/{pupil}")
      ->required();
  chronology->add_option("--format", *format, "text or csv (or --json)")
      ->check(CLI::IsMember({"text", "csv"}));
  chronology->callback([=, &o] {
    *rc = Print<v1::Chronology>(o, client().GetChronology(*chron_req),
                                [format](const v1::Chronology& c) {
                                  return *format == "csv" ? ChronologyCsv(c)
                                                          : ChronologyText(c);
                                });
  });

  auto* family = app.add_subcommand(
      "family", "What the pupil's family sees: where it stands, what is next");
  auto family_req = std::make_shared<v1::GetFamilyViewRequest>();
  family->add_option("pupil", *family_req->mutable_pupil(), "pupils/{pupil}")
      ->required();
  family->callback([=, &o] {
    *rc = Print<v1::FamilyView>(o, client().GetFamilyView(*family_req),
                                FamilyViewText);
  });

  timeliness->callback([=, &o] {
    *rc = Print<v1::TimelinessReport>(
        o, client().GetTimelinessReport(*year_req),
        [csv](const v1::TimelinessReport& r) {
          return *csv ? TimelinessCsv(r) : TimelinessText(r);
        });
  });
}

}  // namespace

void AddAdminCommands(CLI::App& app, const GlobalOptions& o, int* rc,
                      std::function<CaseClient()> client) {
  AddRulesCommands(app, o, rc, client);
  AddAlertCommands(app, o, rc, client);
  AddViewCommands(app, o, rc, client);
  AddSen2Command(app, o, rc, client);
}

}  // namespace sendcase::client
