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
      if (!run.error_occurred) {
        // Benchmarks timed on the wall clock (UseManualTime, UseRealTime: threads beside the measured
        // one, or waiting on the disk) compare by that time; every other by CPU time.
        const bool manual = run.benchmark_name().find("/manual_time") != std::string::npos ||
                            run.benchmark_name().find("/real_time") != std::string::npos;
        cpu_[run.benchmark_name()] = {manual ? run.GetAdjustedRealTime() : run.GetAdjustedCPUTime(),
                                      benchmark::GetTimeUnitString(run.time_unit)};
      }
  }

  void Finalize() override {
    ConsoleReporter::Finalize();
    for (const auto &c : comparisons_) {
      const auto fast = cpu_.find(c.fast), base = cpu_.find(c.baseline);
      if (fast == cpu_.end() || base == cpu_.end() || fast->second.time <= 0 || fast->second.unit != base->second.unit) continue;
      GetOutputStream() << fmt::format("ratio {}: {} {:.3g} {}, {} {:.3g} {} -> {:.1f}x\n", c.label, c.fast, fast->second.time,
                                       fast->second.unit, c.baseline, base->second.time, base->second.unit,
                                       base->second.time / fast->second.time);
    }
  }

private:
  std::vector<comparison> comparisons_;
  struct measured {
    double time;      // CPU time per iteration, in `unit`
    const char *unit; // as the benchmark reports it
  };
  std::map<std::string, measured> cpu_;
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
