#include "services/server/config_file.h"

#include <algorithm>
#include <cstdlib>
#include <sstream>

#include "absl/flags/reflection.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "toml++/toml.h"

namespace sendcase::server {
namespace {

// Settings the file cannot hold: they say how to read the file.
bool NotASetting(const std::string& flag) {
  return flag == "config" || flag == "print_config";
}

// sendcased's own flags (gRPC and abseil bring others).
const absl::CommandLineFlag* OurFlag(const std::string& name) {
  const absl::CommandLineFlag* flag = absl::FindCommandLineFlag(name);
  if (flag == nullptr || NotASetting(name) ||
      !absl::StrContains(flag->Filename(), "services/server/")) {
    return nullptr;
  }
  return flag;
}

std::string Where(const std::string& path, const toml::source_region& at) {
  return absl::StrCat(path, ":", at.begin.line, ":", at.begin.column);
}

std::string Dashed(absl::string_view flag) {
  return absl::StrReplaceAll(flag, {{"_", "-"}});
}

// A TOML basic string: in double quotes, with its escapes (toml++ writes
// it; without format flags it does not choose a 'literal string').
std::string Quoted(const std::string& value) {
  std::ostringstream out;
  const toml::value<std::string> node(value);
  out << toml::toml_formatter(node, toml::format_flags::none);
  return out.str();
}

}  // namespace

absl::StatusOr<std::vector<ConfigSetting>> ReadConfigFile(
    const std::string& path) {
  toml::table table;
  try {
    table = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    if (!e.source().begin) {  // no position: the file could not be read
      return absl::NotFoundError(absl::StrCat("--config: cannot read ", path));
    }
    return absl::InvalidArgumentError(
        absl::StrCat("--config: ", Where(path, e.source()), ": ",
                     std::string(e.description()),
                     " (write each setting as name = value: a string in "
                     "double quotes, listen = \"0.0.0.0:50051\"; a number "
                     "or true/false without)"));
  }
  std::vector<std::pair<toml::source_position, ConfigSetting>> settings;
  for (const auto& [toml_key, node] : table) {
    const std::string key(toml_key);
    const std::string name = absl::StrReplaceAll(key, {{"-", "_"}});
    const std::string where = Where(path, node.source());
    const absl::CommandLineFlag* flag = OurFlag(name);
    if (flag == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--config: ", Where(path, toml_key.source()), ": '", key,
          "' is not a sendcased setting (sendcased --help lists them)"));
    }
    for (const auto& [at, earlier] : settings) {
      if (earlier.flag == name) {
        return absl::InvalidArgumentError(
            absl::StrCat("--config: ", Where(path, toml_key.source()), ": ",
                         key, " is set twice (line ", at.line, ")"));
      }
    }
    ConfigSetting s{name, ""};
    if (flag->IsOfType<bool>()) {
      if (!node.is_boolean()) {
        return absl::InvalidArgumentError(absl::StrCat(
            "--config: ", where, ": ", key, " must be true or false"));
      }
      s.value = node.as_boolean()->get() ? "true" : "false";
    } else if (flag->IsOfType<int>()) {
      const int64_t v = node.is_integer() ? node.as_integer()->get() : 0;
      if (!node.is_integer() || v < INT32_MIN || v > INT32_MAX) {
        return absl::InvalidArgumentError(
            absl::StrCat("--config: ", where, ": ", key,
                         " must be a whole number (without quotes)"));
      }
      s.value = std::to_string(v);
    } else {
      if (!node.is_string()) {
        return absl::InvalidArgumentError(
            absl::StrCat("--config: ", where, ": ", key,
                         " must be a string, in double quotes"));
      }
      s.value = node.as_string()->get();
    }
    settings.emplace_back(node.source().begin, std::move(s));
  }
  // toml++ keeps keys sorted; the file's order is the order of lines.
  std::stable_sort(
      settings.begin(), settings.end(),
      [](const auto& a, const auto& b) { return a.first.line < b.first.line; });
  std::vector<ConfigSetting> out;
  for (auto& [at, s] : settings) out.push_back(std::move(s));
  return out;
}

std::string RedactUri(const std::string& uri) {
  std::string out = uri;
  const size_t scheme = out.find("://");
  if (scheme != std::string::npos) {
    const size_t start = scheme + 3;
    const size_t at = out.find('@', start);
    const size_t slash = out.find('/', start);
    if (at != std::string::npos && (slash == std::string::npos || at < slash)) {
      const size_t colon = out.find(':', start);
      if (colon != std::string::npos && colon < at) {
        out.replace(colon + 1, at - colon - 1, "REDACTED");
      }
    }
  }
  // A libpq URI may carry it as a parameter too.
  for (size_t p = out.find("password="); p != std::string::npos;
       p = out.find("password=", p + 1)) {
    const size_t begin = p + 9;
    const size_t end = std::min(out.find('&', begin), out.size());
    out.replace(begin, end - begin, "REDACTED");
  }
  return out;
}

std::string EffectiveConfig(const std::string& config_path,
                            const std::set<std::string>& from_file,
                            const std::set<std::string>& from_command_line) {
  std::vector<const absl::CommandLineFlag*> flags;
  for (const auto& [name, flag] : absl::GetAllFlags()) {
    if (OurFlag(std::string(name)) != nullptr) flags.push_back(flag);
  }
  std::sort(flags.begin(), flags.end(),
            [](const auto* a, const auto* b) { return a->Name() < b->Name(); });
  std::string text =
      "# sendcased: the effective settings (a --config file; the command "
      "line\n# overrides the file, the file the defaults)\n";
  for (const absl::CommandLineFlag* f : flags) {
    const std::string name(f->Name());
    std::string value = f->CurrentValue();
    // Any setting may hold a URI with a password (db, smtp-url, to).
    if (absl::StrContains(value, "://")) value = RedactUri(value);
    if (!f->IsOfType<bool>() && !f->IsOfType<int>()) value = Quoted(value);
    const char* source = from_command_line.count(name) ? "command line"
                         : from_file.count(name)       ? nullptr
                                                       : "default";
    absl::StrAppend(&text, Dashed(name), " = ", value, "  # ",
                    source != nullptr ? source : config_path, "\n");
  }
  for (const char* secret : {"SENDCASE_SMTP_PASSWORD", "PGPASSWORD"}) {
    absl::StrAppend(&text, "# $", secret, ": ",
                    getenv(secret) != nullptr ? "set (not shown)" : "not set",
                    "\n");
  }
  return text;
}

}  // namespace sendcase::server
