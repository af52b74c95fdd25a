#include "tests/benchmarks/bench_result.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <sstream>

#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"

namespace sendcase::bench {

void SetPercentiles(std::vector<double>& latencies_ms, LoadResult& result) {
  if (latencies_ms.empty()) return;
  std::sort(latencies_ms.begin(), latencies_ms.end());
  auto rank = [&](double q) {
    // Nearest rank: the smallest value with at least q of them at or below.
    size_t i = static_cast<size_t>(std::ceil(q * latencies_ms.size()));
    return latencies_ms[std::clamp<size_t>(i, 1, latencies_ms.size()) - 1];
  };
  result.p50_ms = rank(0.50);
  result.p99_ms = rank(0.99);
}

std::string FormatResult(const LoadResult& r) {
  // Tabs and newlines in an error message would break the line format.
  const std::string error =
      absl::StrReplaceAll(r.first_error, {{"\t", " "}, {"\n", " "}});
  return absl::StrFormat(
      "RESULT\t%s\t%d\t%d\t%d\t%.3f\t%.1f\t%.3f\t%.3f\t%.4f\t%s", r.op,
      r.in_flight, r.calls, r.errors, r.seconds, r.throughput(), r.p50_ms,
      r.p99_ms, r.server_cpu_ms, error);
}

double ProcessCpuSeconds(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)),
                   std::istreambuf_iterator<char>());
  // Fields after the command (which may hold spaces) in its parentheses:
  // state is field 3, utime 14 and stime 15, in clock ticks.
  const size_t close = stat.rfind(')');
  if (close == std::string::npos) return -1;
  std::istringstream fields(stat.substr(close + 2));
  std::string field;
  double ticks = 0;
  for (int i = 3; i <= 15 && fields >> field; ++i) {
    if (i >= 14) ticks += std::stod(field);
  }
  return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

}  // namespace sendcase::bench
