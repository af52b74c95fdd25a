// sendcasectl: a pupil's plan history. `plans list PUPIL` prints it (text;
// --json, the portable export another installation imports; --html, a
// page to print or hand over), and `plans import PUPIL --file=EXPORT.json`
// keeps another installation's export with the pupil here.
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "clients/cli/command_util.h"
#include "clients/cli/format_html.h"
#include "google/protobuf/util/json_util.h"

namespace sendcase::client {
namespace {

void AddList(CLI::App* group, const GlobalOptions& o, int* rc,
             std::function<CaseClient()> client) {
  auto* list = group->add_subcommand(
      "list",
      "A pupil's plan history: cycles, places, referrals and imported "
      "histories (--json: the portable export; --html: a page)");
  auto req = std::make_shared<v1::ListSupportPlansRequest>();
  auto html = std::make_shared<bool>(false);
  list->add_option("pupil", *req->mutable_parent(), "pupils/{pupil}")
      ->required();
  list->add_flag("--html", *html,
                 "one self-contained HTML page on stdout (escaped, no script)");
  list->callback([=, &o] {
    auto history = client().ListSupportPlans(*req);
    if (history.ok() && *html) {
      fputs(SupportHistoryHtml(*history, req->parent()).c_str(), stdout);
      *rc = 0;
      return;
    }
    *rc = Print<v1::ListSupportPlansResponse>(o, history, SupportHistoryText);
  });
}

void AddImport(CLI::App* group, const GlobalOptions& o, int* rc,
               std::function<CaseClient()> client) {
  auto* import_cmd = group->add_subcommand(
      "import",
      "Keep another installation's export (its `--json plans list`) with "
      "the pupil here, read-only");
  auto req = std::make_shared<v1::ImportSupportPlanHistoryRequest>();
  auto file = std::make_shared<std::string>();
  auto lenient = std::make_shared<bool>(false);
  import_cmd->add_option("pupil", *req->mutable_parent(), "pupils/{pupil}")
      ->required();
  import_cmd->add_option("--file", *file, "the export, proto JSON")->required();
  import_cmd->add_option(
      "--from-setting",
      *req->mutable_imported_history()->mutable_source_setting_urn(),
      "URN of the setting it comes from");
  import_cmd->add_flag(
      "--ignore-unknown-fields", *lenient,
      "skip fields this version does not know (an export from a "
      "newer installation)");
  import_cmd->add_option("--request-id", *req->mutable_request_id(),
                         "idempotency key");
  import_cmd->callback([=, &o] {
    std::ifstream in(*file, std::ios::binary);
    if (!in) {
      *rc = Report(absl::NotFoundError(absl::StrCat("cannot read ", *file)));
      return;
    }
    std::ostringstream content;
    content << in.rdbuf();
    google::protobuf::util::JsonParseOptions options;
    options.ignore_unknown_fields = *lenient;
    auto* history = req->mutable_imported_history()->mutable_history();
    const auto parsed = google::protobuf::util::JsonStringToMessage(
        content.str(), history, options);
    if (!parsed.ok()) {
      *rc = Report(absl::InvalidArgumentError(
          absl::StrCat("--file: not a plan history export (",
                       parsed.message().as_string(), ")")));
      return;
    }
    *rc = Print<v1::ImportedPlanHistory>(
        o, client().ImportSupportPlanHistory(*req),
        [](const v1::ImportedPlanHistory& h) {
          return absl::StrCat(
              "imported ", h.name(), ": ", h.history().support_plans_size(),
              " plan cycle(s), ", h.history().places_size(), " place(s), ",
              h.history().referrals_size(), " referral(s)\n");
        });
  });
}

}  // namespace

void AddPlanHistoryCommands(CLI::App& app, const GlobalOptions& o, int* rc,
                            std::function<CaseClient()> client) {
  CLI::App* plans = app.get_subcommand("plans");
  AddList(plans, o, rc, client);
  AddImport(plans, o, rc, client);
}

}  // namespace sendcase::client
