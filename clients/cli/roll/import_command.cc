// sendcasectl import roll FILE.csv --setting=URN [--la-code=CODE] [--dry-run]
#include <cstdio>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "clients/cli/command_util.h"
#include "clients/cli/roll/roll_import.h"

namespace sendcase::client {
namespace {

struct ImportArgs {
  std::string file;
  ImportOptions options;
};

int RunImport(const ImportArgs& args, CaseClient client) {
  std::ifstream in(args.file, std::ios::binary);
  if (!in) {
    return Report(absl::NotFoundError(absl::StrCat("cannot read ", args.file)));
  }
  std::ostringstream content;
  content << in.rdbuf();
  auto records = ReadCsv(content.str());
  if (!records.ok()) return Report(records.status());
  auto parsed = ParseRoll(*records);
  if (!parsed.ok()) return Report(parsed.status());
  if (!parsed->ignored.empty()) {
    // Said before anything is written, so a misnamed column is noticed.
    fprintf(stderr, "roll: not read (sendcase does not use them): %s\n",
            absl::StrJoin(parsed->ignored, ", ",
                          [](std::string* out, const std::string& h) {
                            absl::StrAppend(out, "\"", h, "\"");
                          })
                .c_str());
  }
  if (!parsed->errors.empty()) {
    // Nothing is written until the whole file is right.
    for (const auto& e : parsed->errors) fprintf(stderr, "%s\n", e.c_str());
    fprintf(stderr, "roll: %zu problem(s) in %s; nothing imported\n",
            parsed->errors.size(), args.file.c_str());
    return 1;
  }
  ImportOptions options = args.options;
  options.progress = [](int done, int total) {
    if (done % 100 == 0 || done == total) {
      fprintf(stderr, "\rimporting: %d/%d rows (%d%%)", done, total,
              total == 0 ? 100 : done * 100 / total);
      if (done == total) fputs("\n", stderr);
    }
  };
  auto summary = ImportRoll(client, parsed->rows, options);
  if (!summary.ok()) return Report(summary.status());
  for (const auto& e : summary->errors) fprintf(stderr, "%s\n", e.c_str());
  // Provision differences are a to-do list for the SENCO; a first import
  // can have thousands, so show a screenful and the count.
  constexpr size_t kShownNotes = 20;
  for (size_t i = 0; i < summary->notes.size() && i < kShownNotes; ++i) {
    printf("note: %s\n", summary->notes[i].c_str());
  }
  if (summary->notes.size() > kShownNotes) {
    printf("note: ... and %zu more rows whose SEN provision differs\n",
           summary->notes.size() - kShownNotes);
  }
  printf(
      "roll%s: %zu pupils: %d created, %d updated, %d linked to a former UPN, "
      "%d unchanged, %d probable duplicates, %d refused\n",
      options.dry_run ? " (dry run, nothing written)" : "", parsed->rows.size(),
      summary->created, summary->updated, summary->linked, summary->unchanged,
      summary->duplicates, summary->failed);
  return summary->failed == 0 && summary->duplicates == 0 ? 0 : 1;
}

}  // namespace

void AddImportCommands(CLI::App& app, const GlobalOptions& /*o*/, int* rc,
                       std::function<CaseClient()> client) {
  auto* import = app.add_subcommand("import", "Import data from a MIS export");
  import->require_subcommand(1);
  auto* roll = import->add_subcommand(
      "roll",
      "Create or update a setting's pupils from a roll CSV as SIMS, Arbor "
      "or the DfE's downloads export it. Needs UPN, Surname and Forename "
      "(or Name as \"Surname, Forename\"), DOB; reads Former UPN, Year "
      "group, SEN provision/status, Primary and Secondary need (or SENtype "
      "with SENtypeRank, a row per need); lists the columns it ignores");
  auto args = std::make_shared<ImportArgs>();
  roll->add_option("file", args->file, "the CSV export")->required();
  roll->add_option("--setting", args->options.setting_urn, "the setting's URN")
      ->required();
  roll->add_option("--la-code", args->options.la_code,
                   "LA for new pupils (default: the setting's, registered)");
  roll->add_flag("--dry-run", args->options.dry_run,
                 "check the file and count what would change; write nothing");
  roll->callback([=] { *rc = RunImport(*args, client()); });
}

}  // namespace sendcase::client
