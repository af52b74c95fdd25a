#include "services/server/command_line.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "absl/flags/parse.h"
#include "absl/flags/reflection.h"
#include "absl/flags/usage.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "services/server/store_factory.h"

namespace sendcase::server {

std::vector<std::string> WithUnderscoreFlags(int argc, char** argv) {
  std::vector<std::string> out(argv, argv + argc);
  for (size_t i = 1; i < out.size(); ++i) {
    std::string& arg = out[i];
    if (arg == "--") break;  // what follows is not a flag
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

std::vector<std::string> ParseServerCommandLine(int argc, char** argv,
                                                const std::string& usage) {
  std::vector<std::string> args = WithUnderscoreFlags(argc, argv);
  for (const std::string& a : args) {
    if (a == "--") break;
    if (a == "--help" || a == "-h" || a == "--helpfull") {
      fputs(ServerHelp(usage).c_str(), stdout);
      exit(0);
    }
  }
  absl::SetProgramUsageMessage(usage);
  std::vector<char*> pointers;
  for (std::string& a : args) pointers.push_back(a.data());
  std::vector<char*> positional = absl::ParseCommandLine(
      static_cast<int>(pointers.size()), pointers.data());
  return {positional.begin(), positional.end()};
}

}  // namespace sendcase::server
