#ifndef SENDCASE_TESTS_BENCHMARKS_BENCH_RESULT_H_
#define SENDCASE_TESTS_BENCHMARKS_BENCH_RESULT_H_

// One measured load: what the load generator and the raw SQLite ceiling
// print, one tab-separated line each, for tests/benchmarks/report.py.

#include <cstdint>
#include <string>
#include <vector>

namespace sendcase::bench {

struct LoadResult {
  std::string op;
  int in_flight = 0;
  int64_t calls = 0;   // completed OK in the measured interval
  int64_t errors = 0;  // completed not OK in the measured interval
  double seconds = 0;
  double p50_ms = 0;
  double p99_ms = 0;
  std::string first_error;  // status code and message, for the report
  // The server's CPU time (user + system, all threads) per completed call
  // over the measured interval, from its /proc/PID/stat; < 0: not measured.
  double server_cpu_ms = -1;
  double throughput() const { return seconds > 0 ? calls / seconds : 0; }
};

// Sets p50_ms and p99_ms from the latencies (sorted in place); nearest rank.
void SetPercentiles(std::vector<double>& latencies_ms, LoadResult& result);

// "RESULT\top\tin_flight\tcalls\terrors\tseconds\tthroughput\tp50\tp99\t
//  server_cpu_ms\terror"
std::string FormatResult(const LoadResult& r);

// The CPU time (user + system) process `pid` has used, in seconds, from
// /proc/PID/stat; < 0 if it cannot be read.
double ProcessCpuSeconds(int pid);

}  // namespace sendcase::bench

#endif  // SENDCASE_TESTS_BENCHMARKS_BENCH_RESULT_H_
