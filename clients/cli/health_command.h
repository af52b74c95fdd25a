#ifndef SENDCASE_CLIENTS_CLI_HEALTH_COMMAND_H_
#define SENDCASE_CLIENTS_CLI_HEALTH_COMMAND_H_

// sendcasectl health [--service=NAME]: asks sendcased's gRPC health service
// (grpc.health.v1.Health/Check), for a container's HEALTHCHECK or a
// monitoring probe. Prints the status (SERVING, NOT_SERVING, ...); exit 0
// only for SERVING, 1 otherwise or when the server cannot be reached. No
// token is needed.

#include "CLI/CLI.hpp"
#include "clients/cli/commands.h"

namespace sendcase::client {

void AddHealthCommand(CLI::App& app, const GlobalOptions& options,
                      int* exit_code);

}  // namespace sendcase::client

#endif  // SENDCASE_CLIENTS_CLI_HEALTH_COMMAND_H_
