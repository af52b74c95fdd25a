#include "services/server/command_line.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "absl/flags/parse.h"
#include "absl/flags/reflection.h"
#include "absl/flags/usage.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "services/server/config_file.h"

namespace sendcase::server {

std::vector<std::string> WithUnderscoreFlags(int argc, char** argv) {
  std::vector<std::string> out(argv, argv + argc);
  for (size_t i = 1; i < out.size(); ++i) {
    std::string& arg = out[i];
    if (arg == "--") break;  // what follows is not a flag
    // absl reads -flag as --flag: spell it so, so that it is seen here too
    // (-config=FILE must not be skipped by the --config pre-scan).
    if (arg.size() > 2 && arg[0] == '-' && arg[1] != '-' &&
        absl::ascii_isalpha(arg[1])) {
      arg = absl::StrCat("-", arg);  // (GCC 12 -Wrestrict: not insert)
    }
    if (!absl::StartsWith(arg, "--")) continue;
    const size_t end = std::min(arg.find('='), arg.size());
    std::replace(arg.begin() + 2, arg.begin() + end, '-', '_');
  }
  return out;
}

std::string ServerHelp(const std::string& usage) {
  std::vector<const absl::CommandLineFlag*> flags;
  for (const auto& [name, flag] : absl::GetAllFlags()) {
    // Ours only: gRPC and abseil bring flags of their own.
    if (absl::StrContains(flag->Filename(), "services/server/")) {
      flags.push_back(flag);
    }
  }
  std::sort(flags.begin(), flags.end(),
            [](const auto* a, const auto* b) { return a->Name() < b->Name(); });
  std::string text = absl::StrCat(usage,
                                  "\n\nFlags (--a-flag and --a_flag "
                                  "are the same flag):\n");
  for (const absl::CommandLineFlag* f : flags) {
    const std::string name = absl::StrReplaceAll(f->Name(), {{"_", "-"}});
    absl::StrAppend(&text, "  --", name, "=",
                    f->DefaultValue().empty() ? "\"\"" : f->DefaultValue(),
                    "\n      ", f->Help(), "\n");
  }
  return text;
}

ServerCommandLine ParseServerCommandLine(int argc, char** argv,
                                         const std::string& usage) {
  ServerCommandLine out;
  std::vector<std::string> args = WithUnderscoreFlags(argc, argv);
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") break;
    if (a == "--help" || a == "-h" || a == "--h" || a == "--helpfull") {
      fputs(ServerHelp(usage).c_str(), stdout);
      exit(0);
    }
    if (!absl::StartsWith(a, "--")) continue;
    std::string name = a.substr(2, a.find('=') - 2);
    if (absl::StartsWith(name, "no")) {
      // --nosmtp_starttls: absl's spelling of a false boolean.
      const absl::CommandLineFlag* f = absl::FindCommandLineFlag(name);
      if (f == nullptr) name = name.substr(2);
    }
    out.from_command_line.insert(name);
    if (name == "config") {
      const size_t eq = a.find('=');
      if (eq != std::string::npos) {
        out.config_path = a.substr(eq + 1);
      } else if (i + 1 < args.size()) {
        out.config_path = args[i + 1];
      }
    }
  }
  std::vector<std::string> with_file = {args[0]};
  if (!out.config_path.empty()) {
    absl::StatusOr<std::vector<ConfigSetting>> settings =
        ReadConfigFile(out.config_path);
    if (!settings.ok()) {
      fprintf(stderr, "sendcased: %s\n",
              std::string(settings.status().message()).c_str());
      exit(2);
    }
    // Before the command line's own flags: absl keeps the last value given.
    for (const ConfigSetting& s : *settings) {
      out.from_file.insert(s.flag);
      with_file.push_back(absl::StrCat("--", s.flag, "=", s.value));
    }
  }
  with_file.insert(with_file.end(), args.begin() + 1, args.end());
  absl::SetProgramUsageMessage(usage);
  std::vector<char*> pointers;
  for (std::string& a : with_file) pointers.push_back(a.data());
  std::vector<char*> positional = absl::ParseCommandLine(
      static_cast<int>(pointers.size()), pointers.data());
  out.positional.assign(positional.begin(), positional.end());
  return out;
}

}  // namespace sendcase::server
