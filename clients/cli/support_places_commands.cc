// sendcasectl: a pupil's places on interventions (`places add|update`) and
// the setting's reports (`reports provision-map|effectiveness`, as tables,
// --csv or --json).
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "clients/cli/command_util.h"
#include "clients/cli/event_builder.h"

namespace sendcase::client {
namespace {

struct PlaceFlags {
  std::string intervention, start, end, plan, outcomes;
  int planned = 0, attended = 0;
  double entry = 0, exit = 0;
};

void AddPlaceFlags(CLI::App* cmd, PlaceFlags& f, bool create) {
  if (create) {
    cmd->add_option("--intervention", f.intervention,
                    "settings/{urn}/interventions/{id}")
        ->required();
    cmd->add_option("--start", f.start, "YYYY-MM-DD")->required();
  }
  cmd->add_option("--end", f.end, "the day the place ended, YYYY-MM-DD");
  auto* planned = cmd->add_option("--planned", f.planned, "sessions planned");
  if (create) planned->required();
  cmd->add_option("--attended", f.attended, "sessions attended");
  cmd->add_option("--entry", f.entry, "the measure at entry");
  cmd->add_option("--exit", f.exit, "the measure at exit");
  cmd->add_option("--plan", f.plan, "pupils/{pupil}/supportPlans/{cycle}");
  cmd->add_option("--outcomes", f.outcomes,
                  "ids of the plan's outcomes it serves, comma-separated");
}

// The place from the flags given; `mask` gets their paths.
absl::Status FillPlace(CLI::App* cmd, const PlaceFlags& f,
                       v1::InterventionPlace& p,
                       google::protobuf::FieldMask* mask) {
  p.set_intervention(f.intervention);
  for (const auto& [flag, text, date] :
       {std::tuple{"--start", &f.start, p.mutable_start_date()},
        std::tuple{"--end", &f.end, p.mutable_end_date()}}) {
    if (text->empty()) continue;
    auto d = ParseDateArg(*text, flag);
    if (!d.ok()) return d.status();
    *date = *d;
  }
  if (f.end.empty()) p.clear_end_date();
  if (f.start.empty()) p.clear_start_date();
  p.set_planned_sessions(f.planned);
  p.set_attended_sessions(f.attended);
  if (cmd->count("--entry") > 0) p.set_entry_measure(f.entry);
  if (cmd->count("--exit") > 0) p.set_exit_measure(f.exit);
  p.set_support_plan(f.plan);
  for (absl::string_view id :
       absl::StrSplit(f.outcomes, ',', absl::SkipEmpty())) {
    p.add_outcome_ids(std::string(id));
  }
  if (mask == nullptr) return absl::OkStatus();
  const std::pair<const char*, const char*> flags[] = {
      {"--end", "end_date"},
      {"--planned", "planned_sessions"},
      {"--attended", "attended_sessions"},
      {"--entry", "entry_measure"},
      {"--exit", "exit_measure"},
      {"--plan", "support_plan"},
      {"--outcomes", "outcome_ids"}};
  for (const auto& [flag, path] : flags) {
    if (cmd->count(flag) > 0) mask->add_paths(path);
  }
  if (mask->paths().empty()) {
    return absl::InvalidArgumentError("places update: nothing to change");
  }
  return absl::OkStatus();
}

void AddPlaces(CLI::App& app, const GlobalOptions& o, int* rc,
               std::function<CaseClient()> client) {
  auto* group = app.add_subcommand("places", "A pupil's intervention places");
  group->require_subcommand(1);
  auto* add = group->add_subcommand("add", "Give a pupil a place");
  auto add_req = std::make_shared<v1::CreateInterventionPlaceRequest>();
  auto add_flags = std::make_shared<PlaceFlags>();
  add->add_option("pupil", *add_req->mutable_parent(), "pupils/{pupil}")
      ->required();
  AddPlaceFlags(add, *add_flags, true);
  add->add_option("--request-id", *add_req->mutable_request_id());
  add->callback([=, &o] {
    absl::Status s =
        FillPlace(add, *add_flags, *add_req->mutable_place(), nullptr);
    *rc = s.ok() ? Print<v1::InterventionPlace>(
                       o, client().CreateInterventionPlace(*add_req), PlaceText)
                 : Report(s);
  });

  auto* update = group->add_subcommand(
      "update", "Record attendance, the end and the exit measure");
  auto up_req = std::make_shared<v1::UpdateInterventionPlaceRequest>();
  auto up_flags = std::make_shared<PlaceFlags>();
  update
      ->add_option("place", *up_req->mutable_place()->mutable_name(),
                   "pupils/{pupil}/interventionPlaces/{place}")
      ->required();
  AddPlaceFlags(update, *up_flags, false);
  update->add_option("--etag", *up_req->mutable_place()->mutable_etag());
  update->callback([=, &o] {
    const std::string name = up_req->place().name();
    const std::string etag = up_req->place().etag();
    absl::Status s = FillPlace(update, *up_flags, *up_req->mutable_place(),
                               up_req->mutable_update_mask());
    up_req->mutable_place()->set_name(name);
    up_req->mutable_place()->set_etag(etag);
    *rc = s.ok() ? Print<v1::InterventionPlace>(
                       o, client().UpdateInterventionPlace(*up_req), PlaceText)
                 : Report(s);
  });
}

void AddReports(CLI::App& app, const GlobalOptions& o, int* rc,
                std::function<CaseClient()> client) {
  auto* reports = app.get_subcommand("reports");
  auto* map = reports->add_subcommand(
      "provision-map",
      "A setting's interventions over a term: pupils, staff "
      "time and cost");
  auto map_req = std::make_shared<v1::GetProvisionMapRequest>();
  auto dates = std::make_shared<std::pair<std::string, std::string>>();
  auto csv = std::make_shared<bool>(false);
  map->add_option("setting", *map_req->mutable_parent(), "settings/{urn}")
      ->required();
  map->add_option("--term-start", dates->first, "YYYY-MM-DD")->required();
  map->add_option("--term-end", dates->second, "YYYY-MM-DD")->required();
  map->add_option_function<int>(
         "--weeks", [map_req](const int& w) { map_req->set_teaching_weeks(w); },
         "teaching weeks in the term")
      ->required();
  map->add_flag("--csv", *csv, "CSV, one row per intervention (pence)");
  map->callback([=, &o] {
    auto first = ParseDateArg(dates->first, "--term-start");
    auto last = ParseDateArg(dates->second, "--term-end");
    if (!first.ok() || !last.ok()) {
      *rc = Report(first.ok() ? last.status() : first.status());
      return;
    }
    *map_req->mutable_term_start() = *first;
    *map_req->mutable_term_end() = *last;
    *rc = Print<v1::ProvisionMap>(o, client().GetProvisionMap(*map_req),
                                  [csv](const v1::ProvisionMap& m) {
                                    return *csv ? ProvisionMapCsv(m)
                                                : ProvisionMapText(m);
                                  });
  });

  auto* eff = reports->add_subcommand(
      "effectiveness",
      "Which interventions worked: places that ended in a "
      "period, change from entry to exit, outcomes, cost");
  auto eff_req = std::make_shared<v1::GetInterventionEffectivenessRequest>();
  auto period = std::make_shared<std::pair<std::string, std::string>>();
  auto eff_csv = std::make_shared<bool>(false);
  eff->add_option("setting", *eff_req->mutable_parent(), "settings/{urn}")
      ->required();
  eff->add_option("--from", period->first, "YYYY-MM-DD")->required();
  eff->add_option("--to", period->second, "YYYY-MM-DD")->required();
  eff->add_flag("--csv", *eff_csv, "CSV, one row per intervention (pence)");
  eff->callback([=, &o] {
    auto first = ParseDateArg(period->first, "--from");
    auto last = ParseDateArg(period->second, "--to");
    if (!first.ok() || !last.ok()) {
      *rc = Report(first.ok() ? last.status() : first.status());
      return;
    }
    *eff_req->mutable_start_date() = *first;
    *eff_req->mutable_end_date() = *last;
    *rc = Print<v1::InterventionEffectiveness>(
        o, client().GetInterventionEffectiveness(*eff_req),
        [eff_csv](const v1::InterventionEffectiveness& r) {
          return *eff_csv ? EffectivenessCsv(r) : EffectivenessText(r);
        });
  });
}

}  // namespace

void AddPlaceCommands(CLI::App& app, const GlobalOptions& o, int* rc,
                      std::function<CaseClient()> client) {
  AddPlaces(app, o, rc, client);
  AddReports(app, o, rc, client);
}

}  // namespace sendcase::client
