// echo_server: the gRPC ceiling for the load generator. Answers every Echo
// with its request, nothing else: no authentication, no storage. Served
// with sendcased's own settings (server::ApplyServerSettings, the sync
// server, insecure loopback) so the difference to sendcase is sendcase's
// own work. Prints "listening on HOST:PORT"; stops on SIGINT or SIGTERM.
//
//   echo_server [--listen=127.0.0.1:0]

#include <grpcpp/grpcpp.h>
#include <signal.h>

#include <cstdio>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "services/server/server.h"
#include "tests/benchmarks/echo.grpc.pb.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:0", "HOST:PORT; port 0 picks one");

namespace {

class EchoService final : public sendcase::echo::v1::Echo::Service {
  grpc::Status Echo(grpc::ServerContext*,
                    const sendcase::echo::v1::EchoMessage* request,
                    sendcase::echo::v1::EchoMessage* response) override {
    *response = *request;
    return grpc::Status::OK;
  }
};

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  // Block the stop signals before gRPC starts its threads, so only
  // sigwait below sees them.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);

  sendcase::server::ServerOptions options;  // sendcased's defaults
  grpc::ServerBuilder builder;
  sendcase::server::ApplyServerSettings(options, builder);
  int port = 0;
  const std::string listen = absl::GetFlag(FLAGS_listen);
  builder.AddListeningPort(listen, grpc::InsecureServerCredentials(), &port);
  EchoService service;
  builder.RegisterService(&service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    fprintf(stderr, "echo_server: cannot listen on %s\n", listen.c_str());
    return 1;
  }
  printf("listening on %s:%d\n", listen.substr(0, listen.rfind(':')).c_str(),
         port);
  fflush(stdout);
  int signal = 0;
  sigwait(&stop, &signal);
  server->Shutdown();
  return 0;
}
