// Units per second into each store: the file journal (the baseline) and SQLite, for units of 1, 100 and
// 10,000 records, with fsync (file: fdatasync per unit; SQLite: synchronous=FULL) and without (file:
// write only; SQLite: synchronous=NORMAL, WAL).
#include <caseflow/journal.hpp>
#include <caseflow/sqlite_event_store.hpp>

#include "support/ratio_reporter.hpp"

#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <unistd.h>

namespace cf = caseflow;

namespace {

const nlohmann::json event_data = {
    {"case", "16-2/0581"}, {"type", "acknowledge"}, {"by", "unit:minhang"}, {"at", "2024-03-18 09:00:00"}};

std::filesystem::path scratch(std::string_view kind) {
  return std::filesystem::temp_directory_path() / fmt::format("caseflow_store_bench_{}_{}", ::getpid(), kind);
}

void remove_store(const std::filesystem::path &p) {
  for (const char *suffix : {"", "-wal", "-shm"})
    std::filesystem::remove(p.string() + suffix);
}

template <class Open> void append_units(benchmark::State &state, Open open, std::string_view kind) {
  const bool fsync = state.range(0) != 0;
  const auto records = static_cast<std::size_t>(state.range(1));
  const auto path = scratch(kind);
  remove_store(path);
  {
    auto store = open(path, cf::store_options{cf::flush_policy::every_event, fsync, 1, false});
    cf::journal_writer writer(store);
    const std::vector<cf::journal_entry> unit(records, cf::journal_entry{"event", event_data});
    for (auto _ : state)
      if (!writer.append_unit(unit)) state.SkipWithError("append failed");
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * records));
  state.counters["units/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  remove_store(path);
}

void file_store(benchmark::State &state) {
  append_units(
      state, [](const auto &p, auto o) { return cf::file_event_store::open(p, o).value(); }, "file");
}
void sqlite_store(benchmark::State &state) {
  append_units(
      state, [](const auto &p, auto o) { return cf::sqlite_event_store::open(p, o).value(); }, "sqlite");
}

} // namespace

BENCHMARK(file_store)->ArgNames({"fsync", "records"})->ArgsProduct({{0, 1}, {1, 100, 10000}})->UseRealTime();
BENCHMARK(sqlite_store)->ArgNames({"fsync", "records"})->ArgsProduct({{0, 1}, {1, 100, 10000}})->UseRealTime();

int main(int argc, char **argv) {
  return caseflow::bench::run_with_ratios(
      argc, argv,
      {{"SQLite against the file, 1 record, fsync", "sqlite_store/fsync:1/records:1/real_time",
        "file_store/fsync:1/records:1/real_time"},
       {"SQLite against the file, 100 records, fsync", "sqlite_store/fsync:1/records:100/real_time",
        "file_store/fsync:1/records:100/real_time"},
       {"SQLite against the file, 10000 records, fsync", "sqlite_store/fsync:1/records:10000/real_time",
        "file_store/fsync:1/records:10000/real_time"},
       {"SQLite against the file, 1 record, no fsync", "sqlite_store/fsync:0/records:1/real_time",
        "file_store/fsync:0/records:1/real_time"}});
}
