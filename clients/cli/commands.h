#ifndef SENDCASE_CLIENTS_CLI_COMMANDS_H_
#define SENDCASE_CLIENTS_CLI_COMMANDS_H_

// The sendcasectl subcommands, one per RPC:
//   pupils create|get|list, journeys get|list, events record|list,
//   tasks list|complete.
// Each prints a table (or JSON with --json) on stdout; errors go to stderr
// as "sendcasectl: CODE: message" with exit code 1.

#include <memory>
#include <string>

#include "CLI/CLI.hpp"
#include "clients/case_client.h"

namespace sendcase::client {

struct GlobalOptions {
  std::string server = "127.0.0.1:50051";
  std::string token;
  bool json = false;
  int timeout_seconds = 30;
  ChannelSecurity security;
};

// Registers every subcommand on `app`. The callbacks set `*exit_code`.
void AddCommands(CLI::App& app, const GlobalOptions& options, int* exit_code);

}  // namespace sendcase::client

#endif  // SENDCASE_CLIENTS_CLI_COMMANDS_H_
