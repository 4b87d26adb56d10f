// tick(now): the due-date index against a full scan of every clock, at 10k and 100k open clocks with
// the same number of notices due (50) on the tick day.
//
// Clocks: reply clocks (3 months, reminders 10 and 3 working days before due, warnings at 50 % and
// 75 %), started on random days in the 100 days before the tick day, so that due dates spread from a few
// days overdue to three months ahead - a realistic ledger. The generator keeps exactly 50 clocks with a
// notice on the tick day (the others have none that day); every notice before it is issued before timing.
// Each iteration ticks that day and gets the same 50 notices: the 50 clocks it touched are put back
// as they were outside the timed region (state.PauseTiming), so every iteration does the same work.
//
// Recorded run (AMD EPYC, 2 cores shared with other jobs, load average 12; g++ 12.2 -O3 Release; Google
// Benchmark 1.7.1; --benchmark_min_time=0.2 --benchmark_repetitions=5, medians of CPU time per tick):
//   clocks   index     full scan   scan / index
//    10k     29.6 us    1010 us       34x
//   100k     35.9 us   14841 us      413x
// Ten times the clocks: the index costs 1.2x (the log n of its queue and the cache), the scan 14.7x.
#include <caseflow/due_index.hpp>

#include "support/ratio_reporter.hpp"

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <filesystem>
#include <map>
#include <memory>
#include <random>

namespace cf = caseflow;

namespace {

const cf::work_calendar &calendar() {
  static const cf::work_calendar cal =
      cf::work_calendar::load(std::filesystem::path(CASEFLOW_BENCH_DATA_DIR) / "calendars/cn-mainland.txt").value();
  return cal;
}

const cf::date tick_day(2025, 6, 16);
constexpr std::size_t notices_per_tick = 50;

const cf::clock_rule &reply_rule() {
  static const cf::clock_rule r{cf::months{3}, cf::warning_points{{10, 3}, {50, 75}}};
  return r;
}

bool has_point_on(const cf::deadline_clock &c, cf::date day) {
  for (const auto &p : c.schedule())
    if (p.on == day) return true;
  return false;
}

// The naive way: every clock in a vector, every tick asks each one.
struct scan_book {
  std::vector<cf::deadline_clock> clocks;

  cf::result<std::vector<cf::notice>> tick(cf::date now, const cf::work_calendar &cal) {
    std::vector<cf::notice> out;
    for (auto &c : clocks) {
      const auto next = c.next_notice();
      if (!next || *next > now) continue;
      auto n = c.notices_due(now, cal);
      if (!n) return cf::failure{n.error()};
      out.insert(out.end(), n->begin(), n->end());
      c.mark_issued_through(now);
    }
    return out;
  }
};

struct fixture {
  cf::due_index index;
  scan_book scan;
  std::vector<cf::deadline_clock> due_clocks; // the clocks with a notice on the tick day, as before the tick
  std::vector<std::size_t> due_positions;     // where they sit in scan.clocks
};

std::unique_ptr<fixture> build(std::size_t count) {
  auto f = std::make_unique<fixture>();
  std::mt19937 rng(static_cast<unsigned>(count));
  std::uniform_int_distribution<int> days_before(1, 100);
  const cf::date before_tick = tick_day - boost::gregorian::days(1);
  std::size_t due = 0;
  for (std::size_t i = 0; f->scan.clocks.size() < count; ++i) {
    const cf::date start = tick_day - boost::gregorian::days(days_before(rng));
    auto clock =
        cf::deadline_clock::start({fmt::format("25-{:06}", i), "unit", cf::clock_kind::reply, 1}, reply_rule(), start, calendar())
            .value();
    const bool on_tick_day = has_point_on(clock, tick_day);
    if (on_tick_day && due == notices_per_tick) continue;
    if (!on_tick_day && count - f->scan.clocks.size() == notices_per_tick - due) continue; // keep room for the due ones
    clock.mark_issued_through(before_tick);                                                // as if ticked every day so far
    if (on_tick_day) {
      ++due;
      f->due_clocks.push_back(clock);
      f->due_positions.push_back(f->scan.clocks.size());
    }
    if (!f->index.add(clock)) std::abort();
    f->scan.clocks.push_back(std::move(clock));
  }
  if (f->index.tick(before_tick, calendar()).value().size() != 0) std::abort();
  return f;
}

fixture &fixture_for(std::size_t count) {
  static std::map<std::size_t, std::unique_ptr<fixture>> built;
  auto &slot = built[count];
  if (!slot) slot = build(count);
  return *slot;
}

void tick_with_index(benchmark::State &state) {
  auto &f = fixture_for(static_cast<std::size_t>(state.range(0)));
  std::size_t issued = 0;
  for (auto _ : state) {
    auto notices = f.index.tick(tick_day, calendar());
    benchmark::DoNotOptimize(notices);
    state.PauseTiming();
    issued = notices.value().size();
    for (const auto &c : f.due_clocks) {
      if (!f.index.remove(c.key())) std::abort();
      if (!f.index.add(c)) std::abort();
    }
    state.ResumeTiming();
  }
  state.counters["clocks"] = static_cast<double>(f.index.size());
  state.counters["notices"] = static_cast<double>(issued);
}

void tick_with_full_scan(benchmark::State &state) {
  auto &f = fixture_for(static_cast<std::size_t>(state.range(0)));
  std::size_t issued = 0;
  for (auto _ : state) {
    auto notices = f.scan.tick(tick_day, calendar());
    benchmark::DoNotOptimize(notices);
    state.PauseTiming();
    issued = notices.value().size();
    for (std::size_t i = 0; i < f.due_clocks.size(); ++i)
      f.scan.clocks[f.due_positions[i]] = f.due_clocks[i];
    state.ResumeTiming();
  }
  state.counters["clocks"] = static_cast<double>(f.scan.clocks.size());
  state.counters["notices"] = static_cast<double>(issued);
}

} // namespace

BENCHMARK(tick_with_index)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMicrosecond);
BENCHMARK(tick_with_full_scan)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMicrosecond);

int main(int argc, char **argv) {
  return caseflow::bench::run_with_ratios(
      argc, argv,
      {{"tick, 10k clocks", "tick_with_index/10000", "tick_with_full_scan/10000"},
       {"tick, 100k clocks", "tick_with_index/100000", "tick_with_full_scan/100000"},
       {"index cost at 100k over its cost at 10k clocks (1.0x = does not grow with the clocks held)", "tick_with_index/10000",
        "tick_with_index/100000"}});
}
