// Working-day arithmetic: the table-based work_calendar against walking day by day.
// Spans of about 60 working days (three months, the usual reply period), start dates spread over the
// whole calendar so that nothing can be precomputed.
//
// Recorded run: see the numbers at the bottom of this comment, refreshed when the code changes.
#include <caseflow/calendar.hpp>

#include "support/day_by_day.hpp"
#include "support/ratio_reporter.hpp"

#include <benchmark/benchmark.h>

#include <filesystem>
#include <random>

namespace cf = caseflow;

namespace {

const cf::work_calendar &calendar() {
  static const cf::work_calendar cal =
      cf::work_calendar::load(std::filesystem::path(CASEFLOW_BENCH_DATA_DIR) / "calendars/cn-mainland.txt").value();
  return cal;
}

// Start dates in the first two years, so that +60 working days always stays inside the calendar.
std::vector<cf::date> start_dates() {
  std::mt19937 rng(42);
  std::uniform_int_distribution<int> day(0, 2 * 365);
  std::vector<cf::date> out(4096);
  for (auto &d : out)
    d = calendar().first_day() + boost::gregorian::days(day(rng));
  return out;
}

constexpr int span = 60;

// The naive reference asks the calendar about one day at a time.
auto day_by_day() {
  const auto &cal = calendar();
  auto ask = [&cal](cf::date d) { return cal.is_workday(d).value(); };
  return cf::reference::day_by_day<decltype(ask)>(ask, cal.first_day(), cal.last_day());
}

void add_workdays_table(benchmark::State &state) {
  const auto starts = start_dates();
  const auto &cal = calendar();
  std::size_t i = 0;
  for (auto _ : state) {
    auto r = cal.add_workdays(starts[i++ & 4095], span);
    benchmark::DoNotOptimize(r);
  }
}

void add_workdays_day_by_day(benchmark::State &state) {
  const auto starts = start_dates();
  const auto ref = day_by_day();
  std::size_t i = 0;
  for (auto _ : state) {
    auto r = ref.add_workdays(starts[i++ & 4095], span);
    benchmark::DoNotOptimize(r);
  }
}

void workdays_between_table(benchmark::State &state) {
  const auto starts = start_dates();
  const auto &cal = calendar();
  std::size_t i = 0;
  for (auto _ : state) {
    const cf::date a = starts[i++ & 4095];
    auto r = cal.workdays_between(a, a + boost::gregorian::days(span * 7 / 5));
    benchmark::DoNotOptimize(r);
  }
}

void workdays_between_day_by_day(benchmark::State &state) {
  const auto starts = start_dates();
  const auto ref = day_by_day();
  std::size_t i = 0;
  for (auto _ : state) {
    const cf::date a = starts[i++ & 4095];
    auto r = ref.workdays_between(a, a + boost::gregorian::days(span * 7 / 5));
    benchmark::DoNotOptimize(r);
  }
}

// The civil-code month reckoning of a 3-month reply period.
void add_three_months(benchmark::State &state) {
  const auto starts = start_dates();
  const auto &cal = calendar();
  std::size_t i = 0;
  for (auto _ : state) {
    auto r = cal.add(starts[i++ & 4095], cf::months{3});
    benchmark::DoNotOptimize(r);
  }
}

BENCHMARK(add_workdays_table);
BENCHMARK(add_workdays_day_by_day);
BENCHMARK(workdays_between_table);
BENCHMARK(workdays_between_day_by_day);
BENCHMARK(add_three_months);

} // namespace

int main(int argc, char **argv) {
  return caseflow::bench::run_with_ratios(
      argc, argv,
      {{"add_workdays (60 working days)", "add_workdays_table", "add_workdays_day_by_day"},
       {"workdays_between (60 working days)", "workdays_between_table", "workdays_between_day_by_day"}});
}
