// Prints, after the usual console table, how many times faster each implementation is than its
// naive baseline measured in the same run: "add_workdays: table 4.2 ns, day_by_day 357 ns -> 85.0x".
#pragma once

#include <benchmark/benchmark.h>

#include <fmt/format.h>

#include <unistd.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace caseflow::bench {

/// One comparison: the measured implementation and the baseline it is compared with.
struct comparison {
  std::string label;
  std::string fast;
  std::string baseline;
};

class ratio_reporter : public benchmark::ConsoleReporter {
public:
  explicit ratio_reporter(std::vector<comparison> comparisons)
      : ConsoleReporter(isatty(STDOUT_FILENO) ? OO_ColorTabular : OO_Tabular), comparisons_(std::move(comparisons)) {}

  void ReportRuns(const std::vector<Run> &runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const auto &run : runs)
      if (!run.error_occurred) cpu_ns_[run.benchmark_name()] = run.GetAdjustedCPUTime();
  }

  void Finalize() override {
    ConsoleReporter::Finalize();
    for (const auto &c : comparisons_) {
      const auto fast = cpu_ns_.find(c.fast), base = cpu_ns_.find(c.baseline);
      if (fast == cpu_ns_.end() || base == cpu_ns_.end() || fast->second <= 0) continue;
      GetOutputStream() << fmt::format("ratio {}: {} {:.3g} ns, {} {:.3g} ns -> {:.1f}x\n", c.label, c.fast, fast->second,
                                       c.baseline, base->second, base->second / fast->second);
    }
  }

private:
  std::vector<comparison> comparisons_;
  std::map<std::string, double> cpu_ns_;
};

/// Replaces BENCHMARK_MAIN(): runs the benchmarks, then prints the ratios.
inline int run_with_ratios(int argc, char **argv, std::vector<comparison> comparisons) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  ratio_reporter reporter(std::move(comparisons));
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}

} // namespace caseflow::bench
