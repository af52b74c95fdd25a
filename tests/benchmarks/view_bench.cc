// view_bench: how long each work view takes against a real sendcased with a
// large caseload (deploy/bench.sh seeds 10,000 demo pupils), and whether a
// point read waits for a view: GetPupil alone, then while another client
// runs ListCaseloads in a loop.
//
//   view_bench --target=127.0.0.1:PORT --token=sc1... [--repeats=5]
//
// Each view is called once unmeasured (its pages into the cache), then
// --repeats times. Prints one tab-separated line per measurement:
//   VIEW <name> <calls> <median ms> <max ms> <status of the first failure|OK>
//   POINT <name> <calls> <p50 ms> <p99 ms> <OK|status>
#include <grpc/support/time.h>
#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "sendcase/v1/case_service.grpc.pb.h"

ABSL_FLAG(std::string, target, "", "HOST:PORT of the server");
ABSL_FLAG(std::string, token, "", "bearer token (ADMIN)");
ABSL_FLAG(int, repeats, 5, "calls per view");
ABSL_FLAG(double, point_seconds, 3, "seconds of GetPupil per measurement");

namespace sendcase::bench {
namespace {

using Stub = v1::CaseService::Stub;
using Call = std::function<grpc::Status(Stub&, grpc::ClientContext*)>;
using Clock = std::chrono::steady_clock;

double Ms(Clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

// Times one call; `status` gets its outcome.
double Timed(Stub& stub, const Call& call, grpc::Status* status) {
  grpc::ClientContext ctx;
  ctx.AddMetadata("authorization", "Bearer " + absl::GetFlag(FLAGS_token));
  ctx.set_deadline(gpr_time_add(gpr_now(GPR_CLOCK_MONOTONIC),
                                gpr_time_from_seconds(120, GPR_TIMESPAN)));
  const auto start = Clock::now();
  *status = call(stub, &ctx);
  return Ms(Clock::now() - start);
}

template <typename Req, typename Resp>
Call Rpc(grpc::Status (Stub::*rpc)(grpc::ClientContext*, const Req&, Resp*),
         Req request = {}) {
  return [rpc, request](Stub& stub, grpc::ClientContext* ctx) {
    Resp response;
    return (stub.*rpc)(ctx, request, &response);
  };
}

std::string Outcome(const grpc::Status& s) {
  return s.ok() ? "OK"
                : std::to_string(s.error_code()) + " " + s.error_message();
}

void MeasureView(Stub& stub, const std::string& name, const Call& call) {
  std::vector<double> ms;
  grpc::Status first_failure;
  Timed(stub, call, &first_failure);  // warm-up: the page cache, not counted
  for (int i = 0; i < absl::GetFlag(FLAGS_repeats); ++i) {
    grpc::Status status;
    ms.push_back(Timed(stub, call, &status));
    if (!status.ok() && first_failure.ok()) first_failure = status;
  }
  std::sort(ms.begin(), ms.end());
  printf("VIEW\t%s\t%zu\t%.1f\t%.1f\t%s\n", name.c_str(), ms.size(),
         ms[ms.size() / 2], ms.back(), Outcome(first_failure).c_str());
}

// GetPupil in a closed loop for --point_seconds; p50 and p99.
void MeasurePoint(Stub& stub, const std::string& name, const Call& call) {
  std::vector<double> ms;
  grpc::Status first_failure;
  const auto end = Clock::now() + std::chrono::duration<double>(
                                      absl::GetFlag(FLAGS_point_seconds));
  while (Clock::now() < end) {
    grpc::Status status;
    ms.push_back(Timed(stub, call, &status));
    if (!status.ok() && first_failure.ok()) first_failure = status;
  }
  std::sort(ms.begin(), ms.end());
  printf("POINT\t%s\t%zu\t%.2f\t%.2f\t%s\n", name.c_str(), ms.size(),
         ms[ms.size() / 2], ms[ms.size() * 99 / 100],
         Outcome(first_failure).c_str());
}

int Run() {
  auto channel = grpc::CreateChannel(absl::GetFlag(FLAGS_target),
                                     grpc::InsecureChannelCredentials());
  auto stub = v1::CaseService::NewStub(channel);
  auto other = v1::CaseService::NewStub(grpc::CreateCustomChannel(
      absl::GetFlag(FLAGS_target), grpc::InsecureChannelCredentials(),
      grpc::ChannelArguments()));

  v1::ListPupilsRequest one;
  one.set_page_size(1);
  v1::ListPupilsResponse first;
  {
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", "Bearer " + absl::GetFlag(FLAGS_token));
    grpc::Status s = stub->ListPupils(&ctx, one, &first);
    if (!s.ok() || first.pupils_size() == 0) {
      fprintf(stderr, "view_bench: no pupils to read: %s\n",
              Outcome(s).c_str());
      return 1;
    }
  }
  const v1::Pupil& pupil = first.pupils(0);
  v1::GetPupilRequest get;
  get.set_name(pupil.name());
  v1::ListSenRegisterRequest reg;
  reg.set_parent("settings/" + pupil.setting_urn());
  reg.set_page_size(1000);
  v1::ListReviewsDueRequest reviews;
  reviews.set_within_days(28);
  reviews.set_page_size(1000);
  v1::ListAssessmentsRequest assessments;
  assessments.set_page_size(1000);
  v1::GetTimelinessReportRequest timeliness;
  timeliness.set_year(2025);
  v1::ListTasksRequest overdue;
  overdue.set_overdue_only(true);
  overdue.set_page_size(1000);

  // The SENCO's reports of the first pupil's setting (a third of the demo
  // pupils), over the 300 days before the server's today (the demo's dates
  // are relative to it).
  const auto today =
      std::chrono::floor<std::chrono::days>(std::chrono::sys_seconds(
          std::chrono::seconds(pupil.create_time().seconds())));
  auto proto_day = [](std::chrono::sys_days d) {
    const std::chrono::year_month_day ymd(d);
    google::type::Date out;
    out.set_year(int(ymd.year()));
    out.set_month(static_cast<int>(unsigned(ymd.month())));
    out.set_day(static_cast<int>(unsigned(ymd.day())));
    return out;
  };
  v1::GetProvisionMapRequest map;
  map.set_parent("settings/" + pupil.setting_urn());
  *map.mutable_term_start() = proto_day(today - std::chrono::days(300));
  *map.mutable_term_end() = proto_day(today);
  map.set_teaching_weeks(20);
  v1::GetInterventionEffectivenessRequest effectiveness;
  effectiveness.set_parent(map.parent());
  *effectiveness.mutable_start_date() = map.term_start();
  *effectiveness.mutable_end_date() = map.term_end();

  MeasureView(*stub, "ListCaseloads", Rpc(&Stub::ListCaseloads));
  MeasureView(*stub, "ListSettingSummaries", Rpc(&Stub::ListSettingSummaries));
  MeasureView(*stub, "ListAssessments",
              Rpc(&Stub::ListAssessments, assessments));
  MeasureView(*stub, "ListReviewsDue", Rpc(&Stub::ListReviewsDue, reviews));
  MeasureView(*stub, "ListSenRegister", Rpc(&Stub::ListSenRegister, reg));
  MeasureView(*stub, "GetTimelinessReport",
              Rpc(&Stub::GetTimelinessReport, timeliness));
  MeasureView(*stub, "ListTasks (overdue)", Rpc(&Stub::ListTasks, overdue));
  MeasureView(*stub, "GetProvisionMap (one setting)",
              Rpc(&Stub::GetProvisionMap, map));
  MeasureView(*stub, "GetInterventionEffectiveness (one setting)",
              Rpc(&Stub::GetInterventionEffectiveness, effectiveness));

  const Call get_pupil = Rpc(&Stub::GetPupil, get);
  MeasurePoint(*stub, "GetPupil alone", get_pupil);
  std::atomic<bool> stop{false};
  std::thread views([&] {
    const Call caseloads = Rpc(&Stub::ListCaseloads);
    while (!stop.load()) {
      grpc::Status status;
      Timed(*other, caseloads, &status);
    }
  });
  MeasurePoint(*stub, "GetPupil beside ListCaseloads", get_pupil);
  stop = true;
  views.join();
  return 0;
}

}  // namespace
}  // namespace sendcase::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  return sendcase::bench::Run();
}
