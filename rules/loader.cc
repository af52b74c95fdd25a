#include "rules/loader.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "absl/strings/str_cat.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"
#include "services/common/status_macros.h"

namespace sendcase::rules {
namespace {

namespace fs = std::filesystem;
namespace rv1 = sendcase::rules::v1;

// Collects the parser's first error with its position.
class FirstError : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, int column, const std::string& message) override {
    if (message_.empty()) {
      message_ = absl::StrCat(line + 1, ":", column + 1, ": ", message);
    }
  }
  const std::string& message() const { return message_; }

 private:
  std::string message_;
};

}  // namespace

absl::StatusOr<RuleSource> LoadRuleSource(const std::string& directory) {
  std::error_code ec;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(directory, ec)) {
    if (entry.path().extension() == ".textproto") files.push_back(entry.path());
  }
  if (ec) {
    return absl::NotFoundError(
        absl::StrCat("rules directory ", directory, ": ", ec.message()));
  }
  if (files.empty()) {
    return absl::NotFoundError(absl::StrCat("rules directory ", directory,
                                            " has no .textproto files"));
  }
  std::sort(files.begin(), files.end());
  RuleSource source;
  std::string version_file;
  for (const fs::path& path : files) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    if (!in.good() && !in.eof()) {
      return absl::UnavailableError(
          absl::StrCat("cannot read ", path.string()));
    }
    rv1::RuleFile file;
    google::protobuf::TextFormat::Parser parser;
    FirstError errors;
    parser.RecordErrorsTo(&errors);
    google::protobuf::TextFormat::ParseInfoTree tree;
    parser.WriteLocationsTo(&tree);
    const std::string name = path.filename().string();
    if (!parser.ParseFromString(text.str(), &file)) {
      return absl::InvalidArgumentError(
          absl::StrCat(name, ":", errors.message()));
    }
    if (!file.version().empty()) {
      if (!version_file.empty()) {
        return absl::InvalidArgumentError(
            absl::StrCat(name, ": version is already set in ", version_file));
      }
      version_file = name;
    }
    const auto* rules_field =
        rv1::RuleFile::descriptor()->FindFieldByName("rules");
    for (int i = 0; i < file.rules_size(); ++i) {
      const auto location = tree.GetLocation(rules_field, i);
      source.rule_locations.push_back(
          absl::StrCat(name, ":", location.line + 1));
    }
    const auto* notices_field =
        rv1::RuleFile::descriptor()->FindFieldByName("notices");
    for (int i = 0; i < file.notices_size(); ++i) {
      const auto location = tree.GetLocation(notices_field, i);
      source.notice_locations.push_back(
          absl::StrCat(name, ":", location.line + 1));
    }
    if (file.notice_max_age_days() != 0) {
      if (source.merged.notice_max_age_days() != 0) {
        return absl::InvalidArgumentError(absl::StrCat(
            name, ": notice_max_age_days is already set in another file"));
      }
    }
    source.merged.MergeFrom(file);
  }
  if (version_file.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "rules directory ", directory, ": no file sets the rule set version"));
  }
  return source;
}

absl::StatusOr<std::shared_ptr<const RuleSet>> LoadRuleSet(
    const std::string& directory) {
  ASSIGN_OR_RETURN(RuleSource source, LoadRuleSource(directory));
  return RuleSet::Create(source);
}

}  // namespace sendcase::rules
