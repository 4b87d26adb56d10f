// Appending to the file journal: units with a hash chain under the writer lock (journal format 2), against
// the unlocked, unchained one-record-a-line append of format 1, with and without fsync, one record a unit
// and batches of 100 records; and the chain's own cost, SM3 and SHA-256 on a typical line.
#include <caseflow/digest.hpp>
#include <caseflow/journal.hpp>

#include "support/ratio_reporter.hpp"

#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <unistd.h>

namespace cf = caseflow;
using json = nlohmann::json;

namespace {

const json event_data = {{"case", "16-2/0581"}, {"type", "acknowledge"}, {"by", "unit:minhang"}, {"at", "2024-03-18 09:00:00"}};

std::filesystem::path scratch_file() {
  return std::filesystem::temp_directory_path() / fmt::format("caseflow_journal_bench_{}.jsonl", ::getpid());
}

cf::file_event_store fresh_store(bool fsync) {
  std::filesystem::remove(scratch_file());
  return cf::file_event_store::open(scratch_file(), {cf::flush_policy::every_event, fsync, 1}).value();
}

// Format 1 as it was written: one record a line, no lock, no chain.
void format1_append(benchmark::State &state) {
  const bool fsync = state.range(0) != 0;
  const auto records = static_cast<std::size_t>(state.range(1));
  auto store = fresh_store(fsync);
  std::uint64_t seq = 1;
  for (auto _ : state)
    for (std::size_t i = 0; i < records; ++i) {
      const json record = {{"v", 1}, {"seq", seq++}, {"type", "event"}, {"data", event_data}};
      if (!store.append(record.dump())) state.SkipWithError("append failed");
    }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * records));
  std::filesystem::remove(scratch_file());
}

// Format 2: `records` records as one unit, chained, appended only if the store holds what the writer
// expects, under the writer lock.
void unit_append(benchmark::State &state) {
  const bool fsync = state.range(0) != 0;
  const auto records = static_cast<std::size_t>(state.range(1));
  auto store = fresh_store(fsync);
  cf::journal_writer writer(store);
  const std::vector<cf::journal_entry> unit(records, cf::journal_entry{"event", event_data});
  for (auto _ : state)
    if (!writer.append_unit(unit)) state.SkipWithError("append failed");
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * records));
  std::filesystem::remove(scratch_file());
}

void chain_digest(benchmark::State &state) {
  const auto algorithm = state.range(0) == 0 ? cf::hash_algorithm::sm3 : cf::hash_algorithm::sha256;
  const std::string line =
      json{{"v", 2}, {"seq", 57}, {"records", json::array({{{"type", "event"}, {"data", event_data}}})}}.dump();
  for (auto _ : state)
    benchmark::DoNotOptimize(cf::digest_hex(algorithm, line));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * line.size()));
}

} // namespace

BENCHMARK(format1_append)->ArgNames({"fsync", "records"})->Args({0, 1})->Args({0, 100})->Args({1, 1})->Args({1, 100});
BENCHMARK(unit_append)->ArgNames({"fsync", "records"})->Args({0, 1})->Args({0, 100})->Args({1, 1})->Args({1, 100});
BENCHMARK(chain_digest)->ArgNames({"sha256"})->Arg(0)->Arg(1);

int main(int argc, char **argv) {
  // A ratio above 1 means the unit append is faster than format 1's; below 1, what the lock, the
  // conditional check and the chain cost.
  return caseflow::bench::run_with_ratios(
      argc, argv,
      {{"1 record, no fsync", "unit_append/fsync:0/records:1", "format1_append/fsync:0/records:1"},
       {"100 records, no fsync", "unit_append/fsync:0/records:100", "format1_append/fsync:0/records:100"},
       {"1 record, fsync", "unit_append/fsync:1/records:1", "format1_append/fsync:1/records:1"},
       {"100 records, fsync", "unit_append/fsync:1/records:100", "format1_append/fsync:1/records:100"},
       {"SHA-256 against SM3 on one line", "chain_digest/sha256:1", "chain_digest/sha256:0"}});
}
