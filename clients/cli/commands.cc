#include "clients/cli/commands.h"

#include <cstdlib>

#include "clients/cli/command_util.h"
#include "clients/cli/health_command.h"

namespace sendcase::client {

void AddCommands(CLI::App& app, const GlobalOptions& o, int* exit_code) {
  auto client = [&o] {
    auto channel = Connect(o.server, o.security);
    if (!channel.ok()) {
      // An unreadable certificate file: nothing a subcommand could do.
      std::exit(Report(channel.status()));
    }
    return CaseClient(*channel, o.token,
                      std::chrono::seconds(o.timeout_seconds));
  };
  AddCaseCommands(app, o, exit_code, client);
  AddAdminCommands(app, o, exit_code, client);
  AddWorkViewCommands(app, o, exit_code, client);
  AddSupportCommands(app, o, exit_code, client);
  AddImportCommands(app, o, exit_code, client);  // extends pupils, journeys
  AddHealthCommand(app, o, exit_code);
}

}  // namespace sendcase::client
