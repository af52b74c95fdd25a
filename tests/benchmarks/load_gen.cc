// load_gen: drives a running server with closed-loop unary calls and prints
// one RESULT line per operation and in-flight level (bench_result.h).
//
//   load_gen --target=127.0.0.1:PORT --ops=echo
//   load_gen --target=127.0.0.1:PORT --token=sc1...
//            --ops=get_journey,list_tasks,record_event --in_flight=1,8,32
//   load_gen --target=127.0.0.1:PORT1,127.0.0.1:PORT2 ...  (replicas: calls
//            alternate between them)
//
// For sendcase it first creates --journeys pupils (each journey moved into
// SEN support), then spreads calls over them round-robin. record_event is
// durable: sendcased acknowledges only after its transaction commits
// (synchronous=FULL). Each write carries a fresh request_id, as an
// integrating system's idempotent writes do.

#include <grpcpp/grpcpp.h>

#include <cstdio>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "sendcase/v1/case_service.grpc.pb.h"
#include "services/common/upn.h"
#include "tests/benchmarks/closed_loop.h"
#include "tests/benchmarks/echo.grpc.pb.h"
#include "tests/testing/requests.h"

ABSL_FLAG(std::string, target, "",
          "HOST:PORT of the server; several, comma-separated, for replicas of "
          "one service (calls alternate between them)");
ABSL_FLAG(std::string, token, "", "bearer token (sendcase ops)");
ABSL_FLAG(std::string, ops, "echo",
          "comma-separated: echo, record_event, get_journey, list_tasks");
ABSL_FLAG(std::string, in_flight, "1,8,32", "comma-separated levels");
ABSL_FLAG(double, seconds, 5, "measured seconds per level");
ABSL_FLAG(double, warmup_seconds, 1, "unmeasured seconds before each level");
ABSL_FLAG(int, server_pid, 0,
          "the server's process id on this machine: report its CPU time per "
          "call over each measured interval (0: not measured)");
ABSL_FLAG(int, journeys, 1024, "pupils/journeys to spread sendcase calls over");
ABSL_FLAG(int, payload_bytes, 200, "echo payload (about a GetJourney request)");

namespace sendcase::bench {
namespace {

using v1::CaseService;

void SetDate(google::type::Date* d, int y, int m, int day) {
  d->set_year(y);
  d->set_month(m);
  d->set_day(day);
}

// Creates the pupils and moves each journey into SEN support, where
// support_reviewed can be recorded any number of times.
std::vector<std::string> SetUp(CaseService::Stub& stub,
                               const std::string& token, int count) {
  std::vector<std::string> journeys;
  for (int i = 0; i < count; ++i) {
    const std::string last12 = absl::StrFormat("201%09d", 900000 + i);
    const v1::CreatePupilRequest create = testing::NewPupilRequest(
        absl::StrCat(std::string(1, UpnCheckLetter(last12)), last12));
    grpc::ClientContext c1;
    c1.AddMetadata("authorization", "Bearer " + token);
    v1::Pupil pupil;
    grpc::Status s = stub.CreatePupil(&c1, create, &pupil);
    if (!s.ok()) {
      fprintf(stderr, "load_gen: CreatePupil: %s\n", s.error_message().c_str());
      exit(1);
    }
    v1::RecordEventRequest start;
    start.set_journey(pupil.current_journey());
    v1::JourneyEvent* e = start.mutable_event();
    SetDate(e->mutable_event_date(), 2026, 9, 1);
    SetDate(e->mutable_sen_support_started()->mutable_review_date(), 2026, 12,
            1);
    grpc::ClientContext c2;
    c2.AddMetadata("authorization", "Bearer " + token);
    v1::Journey journey;
    s = stub.RecordEvent(&c2, start, &journey);
    if (!s.ok()) {
      fprintf(stderr, "load_gen: RecordEvent: %s\n", s.error_message().c_str());
      exit(1);
    }
    journeys.push_back(pupil.current_journey());
  }
  return journeys;
}

std::string PupilOf(const std::string& journey) {
  return journey.substr(0, journey.find("/journeys/"));
}

LoadResult RunOp(const std::string& op, int in_flight,
                 const std::vector<std::shared_ptr<grpc::Channel>>& channels,
                 const std::vector<std::string>& journeys) {
  const std::shared_ptr<grpc::Channel>& channel = channels.front();
  using std::chrono::milliseconds;
  const milliseconds warmup(
      static_cast<int64_t>(absl::GetFlag(FLAGS_warmup_seconds) * 1000));
  const milliseconds measure(
      static_cast<int64_t>(absl::GetFlag(FLAGS_seconds) * 1000));
  const std::string bearer = "Bearer " + absl::GetFlag(FLAGS_token);
  auto metadata = [&](grpc::ClientContext* c) {
    c->AddMetadata("authorization", bearer);
  };
  std::function<double()> cpu;
  if (const int pid = absl::GetFlag(FLAGS_server_pid); pid > 0) {
    cpu = [pid] { return ProcessCpuSeconds(pid); };
  }
  const auto pick = [&](int64_t n) -> const std::string& {
    return journeys[n % journeys.size()];
  };
  if (op == "echo") {
    auto stub = echo::v1::Echo::NewStub(channel);
    echo::v1::EchoMessage request;
    request.set_payload(std::string(absl::GetFlag(FLAGS_payload_bytes), 'x'));
    return RunClosedLoop<echo::v1::EchoMessage>(
        op, in_flight, warmup, measure,
        [&](grpc::ClientContext* c, grpc::CompletionQueue* cq, int64_t) {
          return stub->AsyncEcho(c, request, cq);
        },
        metadata, cpu);
  }
  // Calls alternate between the replicas in threes, so that over the laps
  // of the journeys each journey is written through every replica (1024
  // is no multiple of 3 times the replicas), racing the others.
  std::vector<std::unique_ptr<CaseService::Stub>> stubs;
  for (const auto& c : channels) stubs.push_back(CaseService::NewStub(c));
  const auto stub_for = [&](int64_t n) -> CaseService::Stub* {
    return stubs[(n / 3) % stubs.size()].get();
  };
  if (op == "get_journey") {
    return RunClosedLoop<v1::Journey>(
        op, in_flight, warmup, measure,
        [&](grpc::ClientContext* c, grpc::CompletionQueue* cq, int64_t n) {
          v1::GetJourneyRequest request;
          request.set_name(pick(n));
          return stub_for(n)->AsyncGetJourney(c, request, cq);
        },
        metadata, cpu);
  }
  if (op == "list_tasks") {
    return RunClosedLoop<v1::ListTasksResponse>(
        op, in_flight, warmup, measure,
        [&](grpc::ClientContext* c, grpc::CompletionQueue* cq, int64_t n) {
          v1::ListTasksRequest request;
          request.set_parent(PupilOf(pick(n)));
          return stub_for(n)->AsyncListTasks(c, request, cq);
        },
        metadata, cpu);
  }
  if (op == "record_event") {
    static int64_t run = 0;  // request ids stay unique across levels
    ++run;
    return RunClosedLoop<v1::Journey>(
        op, in_flight, warmup, measure,
        [&](grpc::ClientContext* c, grpc::CompletionQueue* cq, int64_t n) {
          v1::RecordEventRequest request;
          request.set_journey(pick(n));
          request.set_request_id(
              absl::StrCat("bench-", in_flight, "-", run, "-", n));
          v1::JourneyEvent* e = request.mutable_event();
          SetDate(e->mutable_event_date(), 2026, 9, 1);
          SetDate(e->mutable_support_reviewed()->mutable_next_review_date(),
                  2026, 12, 1);
          return stub_for(n)->AsyncRecordEvent(c, request, cq);
        },
        metadata, cpu);
  }
  fprintf(stderr, "load_gen: unknown op '%s'\n", op.c_str());
  exit(2);
}

}  // namespace
}  // namespace sendcase::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  using namespace sendcase::bench;
  const std::string target = absl::GetFlag(FLAGS_target);
  if (target.empty()) {
    fprintf(stderr, "load_gen: --target is required\n");
    return 2;
  }
  std::vector<int> levels;
  for (absl::string_view level :
       absl::StrSplit(absl::GetFlag(FLAGS_in_flight), ',')) {
    int n = 0;
    if (!absl::SimpleAtoi(level, &n) || n <= 0) {
      fprintf(stderr, "load_gen: --in_flight: '%s' is not a positive number\n",
              std::string(level).c_str());
      return 2;
    }
    levels.push_back(n);
  }
  const std::vector<std::string> ops =
      absl::StrSplit(absl::GetFlag(FLAGS_ops), ',');
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  for (absl::string_view t : absl::StrSplit(target, ',')) {
    channels.push_back(grpc::CreateChannel(std::string(t),
                                           grpc::InsecureChannelCredentials()));
  }
  std::vector<std::string> journeys;
  if (ops != std::vector<std::string>{"echo"}) {
    auto stub = sendcase::v1::CaseService::NewStub(channels.front());
    journeys =
        SetUp(*stub, absl::GetFlag(FLAGS_token), absl::GetFlag(FLAGS_journeys));
  }
  for (const std::string& op : ops) {
    for (int level : levels) {
      const LoadResult r = RunOp(op, level, channels, journeys);
      printf("%s\n", FormatResult(r).c_str());
      fflush(stdout);
    }
  }
  return 0;
}
