#include "clients/cli/rules_command.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "absl/strings/str_cat.h"
#include "clients/cli/format.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"

namespace sendcase::client {
namespace {

namespace fs = std::filesystem;

class FirstError : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, int column, const std::string& message) override {
    if (text.empty())
      text = absl::StrCat(line + 1, ":", column + 1, ": ", message);
  }
  std::string text;
};

}  // namespace

absl::StatusOr<sendcase::rules::v1::RuleFile> ReadRuleDirectory(
    const std::string& dir) {
  std::error_code ec;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".textproto") files.push_back(entry.path());
  }
  if (ec || files.empty()) {
    return absl::NotFoundError(
        absl::StrCat(dir, ": no .textproto rule files found"));
  }
  std::sort(files.begin(), files.end());
  sendcase::rules::v1::RuleFile merged;
  for (const auto& path : files) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    sendcase::rules::v1::RuleFile file;
    google::protobuf::TextFormat::Parser parser;
    FirstError errors;
    parser.RecordErrorsTo(&errors);
    if (!parser.ParseFromString(text.str(), &file)) {
      return absl::InvalidArgumentError(
          absl::StrCat(path.filename().string(), ":", errors.text));
    }
    merged.MergeFrom(file);
  }
  return merged;
}

std::string PreviewText(const v1::PreviewRulesResponse& p) {
  std::string out = absl::StrCat(
      "candidate rule set ", p.candidate_version(), " against ",
      p.journeys_checked(), " journeys (new journeys now start on ",
      p.current_version(), "; existing journeys keep their own version)\n");
  if (p.changes_size() == 0) {
    return absl::StrCat(out, "no live clock would change\n");
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& c : p.changes()) {
    rows.push_back({c.journey(), c.rule_id().empty() ? "-" : c.rule_id(),
                    c.subject(), FormatDate(c.current_due_date()),
                    FormatDate(c.candidate_due_date())});
  }
  absl::StrAppend(
      &out,
      Table({"JOURNEY", "CLOCK", "FOR", "NOW DUE", "WOULD BE DUE"}, rows));
  for (const auto& c : p.changes()) {
    if (!c.explanation().empty()) {
      absl::StrAppend(&out, "  ", c.explanation(), "\n");
    }
  }
  return out;
}

std::string UpgradeText(const v1::UpgradeJourneyRulesResponse& u) {
  int applied = 0, refused = 0;
  std::vector<std::vector<std::string>> rows;
  for (const auto& j : u.journeys()) {
    applied += j.applied() ? 1 : 0;
    refused += j.error().empty() ? 0 : 1;
    for (const auto& c : j.clock_changes()) {
      rows.push_back(
          {j.journey(),
           c.subject().empty() ? c.rule_id() : c.rule_id() + "/" + c.subject(),
           c.has_old_due_date() ? FormatDate(c.old_due_date()) : "-",
           c.has_new_due_date() ? FormatDate(c.new_due_date()) : "-",
           v1::Clock::Status_Name(c.new_status())});
    }
  }
  std::string out = absl::StrCat(
      u.journeys_checked(), " journeys on another rule set; ", applied,
      " moved to ", u.rule_set_version(), ", ", refused, " left as they are",
      applied == 0 && refused == 0 ? " (a preview: add --apply to write)" : "",
      u.more_remain() ? "; more remain: run it again" : "", "\n");
  if (!rows.empty()) {
    absl::StrAppend(
        &out,
        Table({"JOURNEY", "CLOCK", "DUE", "WILL BE DUE", "STATUS"}, rows));
  }
  for (const auto& j : u.journeys()) {
    if (!j.error().empty()) {
      absl::StrAppend(&out, "  ", j.journey(), ": ", j.error(), "\n");
    }
  }
  return out;
}

}  // namespace sendcase::client
