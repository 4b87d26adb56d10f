// Starting a case book: a full replay of its journal against a snapshot plus the journal's tail
// (case_book::resume), on a year of 1,700 items.
//
// The journal: the Minhang 2024 year (data/examples/minhang-2024.jsonl) with each of its 34 items
// repeated 50 times under other item numbers, driven through the public API with the bundled policy,
// calendar and chart - registrations, events, the difficult item's escalation, fortnightly ticks and the
// notices they issue. The snapshot is taken at the tick of 2024-12-06, so the tail holds the last weeks
// of the year. Both starts end in the same book (checked before timing).
#include <caseflow/casebook.hpp>
#include <caseflow/event_json.hpp>

#include "support/ratio_reporter.hpp"
#include "support/test_policy.hpp"

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iterator>

namespace cf = caseflow;

namespace {

constexpr int copies = 50;
const cf::date snapshot_day(2024, 12, 6);

const cf::org_chart &chart() { return cf::testing::minhang_chart(); }

// The journal and the snapshot taken part way through it.
struct fixture {
  cf::memory_event_store journal;
  std::string snapshot;
  std::size_t records = 0;
};

// Item 0112 as copy k: 0112, 0112-1, 0112-2, ...
std::string renamed(const std::string &id, int k) { return k == 0 ? id : fmt::format("{}-{}", id, k); }

fixture make_fixture() {
  cf::memory_event_store original;
  std::ifstream in(std::filesystem::path(CASEFLOW_BENCH_DATA_DIR) / "examples/minhang-2024.jsonl", std::ios::binary);
  original.bytes().assign(std::istreambuf_iterator<char>(in), {});
  const auto records = cf::read_journal(original).value().records;

  fixture f;
  cf::case_book book(cf::testing::shanghai_policy(), cf::testing::national_calendar(), chart());
  book.attach_journal(f.journal);
  for (const auto &r : records) {
    if (r.type == "tick") {
      const auto day = cf::parse_date(r.data.at("date").get<std::string>()).value();
      (void)book.tick(day).value();
      if (day == snapshot_day) f.snapshot = book.snapshot();
      continue;
    }
    if (r.type != "open" && r.type != "event" && r.type != "escalation") continue;
    for (int k = 0; k < copies; ++k) {
      auto data = r.data;
      data["case"] = renamed(data.at("case").get<std::string>(), k);
      if (r.type == "open") {
        (void)book.open(cf::case_info_from_json(data, "bench").value()).value();
        continue;
      }
      const auto id = cf::case_id::parse(data.at("case").get<std::string>()).value();
      if (r.type == "event")
        (void)book.apply(id, cf::event_from_json(data, "bench").value()).value();
      else
        (void)book.escalate(id, cf::escalation_input_from_json(data, "bench").value()).value();
    }
  }
  f.records = cf::read_journal(f.journal).value().records.size();
  const auto full = cf::case_book::replay(f.journal, cf::testing::shanghai_policy(), cf::testing::national_calendar(), chart());
  const auto resumed = cf::case_book::resume(f.snapshot, f.journal, cf::testing::shanghai_policy(), chart());
  if (!full || !resumed || full->snapshot() != resumed->snapshot() || full->snapshot() != book.snapshot())
    throw std::runtime_error("replay and resume do not give the book that wrote the journal");
  return f;
}

const fixture &shared() {
  static const fixture f = make_fixture();
  return f;
}

void full_replay(benchmark::State &state) {
  const auto &f = shared();
  for (auto _ : state) {
    auto book = cf::case_book::replay(f.journal, cf::testing::shanghai_policy(), cf::testing::national_calendar(), chart());
    benchmark::DoNotOptimize(book);
  }
  state.counters["records"] = static_cast<double>(f.records);
}
BENCHMARK(full_replay)->Unit(benchmark::kMillisecond);

void snapshot_and_tail(benchmark::State &state) {
  const auto &f = shared();
  for (auto _ : state) {
    auto book = cf::case_book::resume(f.snapshot, f.journal, cf::testing::shanghai_policy(), chart());
    benchmark::DoNotOptimize(book);
  }
  state.counters["records"] = static_cast<double>(f.records);
}
BENCHMARK(snapshot_and_tail)->Unit(benchmark::kMillisecond);

// The snapshot's part of snapshot_and_tail: reading the state back (mostly parsing its JSON).
void restore_only(benchmark::State &state) {
  const auto &f = shared();
  for (auto _ : state) {
    auto book = cf::case_book::restore(f.snapshot, cf::testing::shanghai_policy(), chart());
    benchmark::DoNotOptimize(book);
  }
  state.counters["snapshot_bytes"] = static_cast<double>(f.snapshot.size());
}
BENCHMARK(restore_only)->Unit(benchmark::kMillisecond);

} // namespace

int main(int argc, char **argv) {
  return caseflow::bench::run_with_ratios(argc, argv, {{"start a book of 1,700 items", "snapshot_and_tail", "full_replay"}});
}
