#include "clients/cli/health_command.h"

#include <grpc/support/time.h>
#include <grpcpp/grpcpp.h>

#include <cstdio>

#include "clients/cli/command_util.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace sendcase::client {

void AddHealthCommand(CLI::App& app, const GlobalOptions& o, int* rc) {
  auto* health = app.add_subcommand(
      "health",
      "Ask the server's gRPC health service (exit 0 only when SERVING)");
  auto service = std::make_shared<std::string>();
  health->add_option("--service", *service,
                     "a service's own status, e.g. sendcase.v1.CaseService "
                     "(default: the server's)");
  health->callback([&o, rc, service] {
    auto channel = Connect(o.server, o.security);
    if (!channel.ok()) {
      *rc = Report(channel.status());
      return;
    }
    grpc::health::v1::HealthCheckRequest request;
    request.set_service(*service);
    grpc::health::v1::HealthCheckResponse response;
    grpc::ClientContext context;
    // Relative (a timespan): gRPC counts it from when the call starts.
    context.set_deadline(
        gpr_time_from_seconds(o.timeout_seconds, GPR_TIMESPAN));
    const grpc::Status status =
        grpc::health::v1::Health::NewStub(*channel)->Check(&context, request,
                                                           &response);
    if (!status.ok()) {
      *rc = Report(
          absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                       status.error_message()));
      return;
    }
    printf("%s\n", grpc::health::v1::HealthCheckResponse::ServingStatus_Name(
                       response.status())
                       .c_str());
    *rc = response.status() == grpc::health::v1::HealthCheckResponse::SERVING
              ? 0
              : 1;
  });
}

}  // namespace sendcase::client
