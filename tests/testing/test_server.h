#ifndef SENDCASE_TESTS_TESTING_TEST_SERVER_H_
#define SENDCASE_TESTS_TESTING_TEST_SERVER_H_

// A real sendcase server for RPC-level tests: the shipped rules, an
// in-memory database unless `adjust` names a file, the test's clock, and a
// stub on its in-process channel; plus the bearer-token context every call
// needs, and the ErrorInfo of an error. Header-only; the test target links
// sendcase_server and defines SENDCASE_RULES_DIR.

#include <grpc/support/time.h>
#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>
#include <string>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"
#include "sendcase/v1/case_service.grpc.pb.h"
#include "services/server/server.h"

namespace sendcase::testing {

struct TestServer {
  std::unique_ptr<server::Server> server;
  std::unique_ptr<v1::CaseService::Stub> stub;
};

// Starts the server; a failure to start fails the test (and returns
// nulls). `adjust` may change the options before the start.
inline TestServer StartTestServer(
    Clock& clock,
    const std::function<void(server::ServerOptions&)>& adjust = nullptr) {
  server::ServerOptions options;
  options.db_path = ":memory:";
  options.rules_dir = SENDCASE_RULES_DIR;
  options.clock = &clock;
  if (adjust) adjust(options);
  auto started = server::Server::Start(options);
  EXPECT_TRUE(started.ok()) << started.status();
  if (!started.ok()) return {};
  TestServer t{*std::move(started), nullptr};
  t.stub = v1::CaseService::NewStub(t.server->InProcessChannel());
  return t;
}

// A stub over the server's real port (started with listen "127.0.0.1:0"):
// unlike the in-process channel, a graceful shutdown lets open streams send
// their final status over HTTP/2.
inline std::unique_ptr<v1::CaseService::Stub> TcpStub(
    const server::Server& server) {
  return v1::CaseService::NewStub(
      grpc::CreateChannel("127.0.0.1:" + std::to_string(server.port()),
                          grpc::InsecureChannelCredentials()));
}

// A client context carrying `token` ("" for none); with `deadline_s`, a
// deadline that many seconds away (real time: it bounds a stream).
inline std::unique_ptr<grpc::ClientContext> BearerContext(
    const std::string& token, int deadline_s = 0) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  if (!token.empty()) ctx->AddMetadata("authorization", "Bearer " + token);
  if (deadline_s > 0) {
    ctx->set_deadline(
        gpr_time_add(gpr_now(GPR_CLOCK_MONOTONIC),
                     gpr_time_from_seconds(deadline_s, GPR_TIMESPAN)));
  }
  return ctx;
}

// The google.rpc.ErrorInfo in a gRPC error's details (reason "" if none).
inline google::rpc::ErrorInfo ErrorInfoOf(const grpc::Status& status) {
  google::rpc::Status rich;
  google::rpc::ErrorInfo info;
  if (rich.ParseFromString(status.error_details())) {
    for (const auto& detail : rich.details()) {
      if (detail.UnpackTo(&info)) break;
    }
  }
  return info;
}

}  // namespace sendcase::testing

#endif  // SENDCASE_TESTS_TESTING_TEST_SERVER_H_
