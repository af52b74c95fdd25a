#ifndef SENDCASE_TESTS_BENCHMARKS_CLOSED_LOOP_H_
#define SENDCASE_TESTS_BENCHMARKS_CLOSED_LOOP_H_

// A closed-loop load driver over gRPC's async client API: keeps exactly
// `in_flight` unary calls outstanding on one completion queue for a warm-up
// and then a measured interval, and records each measured call's latency.
// One driver thread, so the client costs the same whatever it calls (the
// echo ceiling and sendcase are driven identically).

#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "tests/benchmarks/bench_result.h"

namespace sendcase::bench {

using SteadyClock = std::chrono::steady_clock;

// Starts one call for slot `n` (a running count): returns the reader, with
// the request already sent.
template <typename Response>
using StartCall =
    std::function<std::unique_ptr<grpc::ClientAsyncResponseReader<Response>>(
        grpc::ClientContext*, grpc::CompletionQueue*, int64_t n)>;

// `add_metadata` decorates each call's context (the bearer token).
// `server_cpu_seconds`, when set, reads the server's CPU time so far: it is
// read as the measured interval starts and ends.
template <typename Response>
LoadResult RunClosedLoop(
    const std::string& op, int in_flight, std::chrono::milliseconds warmup,
    std::chrono::milliseconds measure, const StartCall<Response>& start,
    const std::function<void(grpc::ClientContext*)>& add_metadata,
    const std::function<double()>& server_cpu_seconds = nullptr) {
  struct Call {
    grpc::ClientContext context;
    Response response;
    grpc::Status status;
    std::unique_ptr<grpc::ClientAsyncResponseReader<Response>> reader;
    SteadyClock::time_point started;
  };
  grpc::CompletionQueue cq;
  int64_t next = 0;
  auto launch = [&] {
    auto* call = new Call();
    add_metadata(&call->context);
    call->started = SteadyClock::now();
    call->reader = start(&call->context, &cq, next++);
    call->reader->Finish(&call->response, &call->status, call);
  };
  const SteadyClock::time_point begin = SteadyClock::now();
  const SteadyClock::time_point measure_from = begin + warmup;
  const SteadyClock::time_point end = measure_from + measure;
  for (int i = 0; i < in_flight; ++i) launch();

  LoadResult result;
  result.op = op;
  result.in_flight = in_flight;
  std::vector<double> latencies_ms;
  int outstanding = in_flight;
  void* tag = nullptr;
  bool ok = false;
  // The server's CPU at the first completion inside the interval and at the
  // first one past it, with when each was read.
  double cpu_from = -1, cpu_to = -1;
  SteadyClock::time_point cpu_from_at, cpu_to_at;
  while (outstanding > 0 && cq.Next(&tag, &ok)) {
    std::unique_ptr<Call> call(static_cast<Call*>(tag));
    const SteadyClock::time_point now = SteadyClock::now();
    if (server_cpu_seconds && now >= measure_from && cpu_from < 0) {
      cpu_from = server_cpu_seconds();
      cpu_from_at = now;
    }
    if (server_cpu_seconds && now >= end && cpu_to < 0 && cpu_from >= 0) {
      cpu_to = server_cpu_seconds();
      cpu_to_at = now;
    }
    --outstanding;
    // Only calls that started and finished inside the interval count.
    if (call->started >= measure_from && now <= end) {
      if (call->status.ok()) {
        ++result.calls;
        latencies_ms.push_back(
            std::chrono::duration<double, std::milli>(now - call->started)
                .count());
      } else {
        ++result.errors;
        if (result.first_error.empty()) {
          result.first_error = std::to_string(call->status.error_code()) + " " +
                               call->status.error_message();
        }
      }
    }
    if (now < end) {
      launch();
      ++outstanding;
    }
  }
  cq.Shutdown();
  while (cq.Next(&tag, &ok)) {
  }
  result.seconds = std::chrono::duration<double>(
                       std::min(SteadyClock::now(), end) - measure_from)
                       .count();
  SetPercentiles(latencies_ms, result);
  const double cpu_wall =
      std::chrono::duration<double>(cpu_to_at - cpu_from_at).count();
  if (cpu_from >= 0 && cpu_to >= 0 && cpu_wall > 0 && result.calls > 0) {
    // Cores busy over the interval, divided by calls per second.
    result.server_cpu_ms =
        1000 * (cpu_to - cpu_from) / cpu_wall / result.throughput();
  }
  return result;
}

}  // namespace sendcase::bench

#endif  // SENDCASE_TESTS_BENCHMARKS_CLOSED_LOOP_H_
