// Units per second into each store: the file journal (the baseline), SQLite and PostgreSQL, for units of
// 1, 100 and 10,000 records, with fsync (file: fdatasync per unit; SQLite: synchronous=FULL; PostgreSQL:
// synchronous_commit=on) and without (file: write only; SQLite: synchronous=NORMAL, WAL; PostgreSQL:
// synchronous_commit=off). And how long a second node takes to hold a unit another node appended: from
// the first node's apply to the second's catch_up() done (PostgreSQL: told by NOTIFY; file and SQLite:
// catching up right after, as a node that polls would at best).
//
// PostgreSQL is measured where a server is configured: CASEFLOW_PG_URI (.ci/run starts a throwaway
// cluster on loopback and sets it). Without one those benchmarks are left out with a note on stderr;
// under CI=true that is an error.
#include <caseflow/casebook.hpp>
#include <caseflow/journal.hpp>
#include <caseflow/postgres_event_store.hpp>
#include <caseflow/sqlite_event_store.hpp>

#include "support/book_driver.hpp"
#include "support/ratio_reporter.hpp"

#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include <chrono>
#include <cstdlib>
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

std::string postgres_server() {
  const char *uri = std::getenv("CASEFLOW_PG_URI");
  return uri ? uri : "";
}

// The benchmark's own tables in the server's database, emptied before each run.
std::string postgres_uri(std::string_view kind) {
  const auto server = postgres_server();
  return fmt::format("{}{}caseflow_prefix=bench_{}_{}", server, server.find('?') == std::string::npos ? "?" : "&", kind,
                     ::getpid());
}

cf::postgres_event_store open_postgres(const std::string &uri, cf::store_options o) {
  auto s = cf::postgres_event_store::open(uri, o);
  if (!s) throw std::runtime_error(s.error().message);
  return std::move(*s);
}

void postgres_store(benchmark::State &state) {
  static int run = 0;
  const auto uri = postgres_uri(fmt::format("append{}", run++));
  append_units(
      state, [&](const auto &, auto o) { return open_postgres(uri, o); }, "postgres");
}

// Node A applies one event; node B, on a store of its own, learns of it and catches up.
template <class Open, class Wait> void second_node_catches_up(benchmark::State &state, Open open, Wait wait_for_append) {
  auto a_store = open();
  auto b_store = open();
  cf::case_book a(cf::testing::shanghai_policy(), cf::testing::national_calendar());
  a.attach_journal(a_store);
  auto info = cf::testing::sample_info();
  const auto id = info.id;
  for (auto r :
       {a.open(std::move(info)), a.apply(id, cf::events::register_case(cf::testing::office(), cf::testing::at(2024, 3, 1))),
        a.apply(id, cf::events::assign(cf::testing::office(), cf::testing::at(2024, 3, 4),
                                       {{"minhang", cf::assignment_role::lead}}))})
    if (!r) {
      state.SkipWithError(r.error().message.c_str());
      return;
    }
  cf::case_book b(cf::testing::shanghai_policy(), cf::testing::national_calendar());
  b.attach_journal(b_store);
  (void)b.catch_up();
  (void)wait_for_append(b_store); // starts listening
  const auto consult = cf::events::record_consultation(cf::testing::office(), cf::testing::at(2024, 3, 5), false);
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    if (!a.apply(id, consult)) state.SkipWithError("apply failed");
    if (!wait_for_append(b_store) || !b.catch_up()) state.SkipWithError("the second node did not catch up");
    state.SetIterationTime(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  if (b.last_sequence() != a.last_sequence()) state.SkipWithError("the second node is behind");
}

void file_catch_up(benchmark::State &state) {
  const auto path = scratch("catch_up_file");
  remove_store(path);
  second_node_catches_up(
      state, [&] { return cf::file_event_store::open(path).value(); }, [](auto &) { return true; });
  remove_store(path);
}

void sqlite_catch_up(benchmark::State &state) {
  const auto path = scratch("catch_up_sqlite");
  remove_store(path);
  second_node_catches_up(
      state, [&] { return cf::sqlite_event_store::open(path).value(); }, [](auto &) { return true; });
  remove_store(path);
}

void postgres_catch_up(benchmark::State &state) {
  static int run = 0;
  const auto uri = postgres_uri(fmt::format("catch_up{}", run++));
  second_node_catches_up(
      state, [&] { return open_postgres(uri, {}); },
      [](cf::postgres_event_store &s) {
        // The notification of the unit just committed; a wait that times out means it was lost.
        auto told = s.wait_for_append(std::chrono::milliseconds(2000));
        return told && told->has_value();
      });
}

// Leaves the benchmark's tables behind in no database: they are dropped at the end.
void drop_postgres_tables() {
  if (postgres_server().empty()) return;
  try {
    pqxx::connection c(postgres_server());
    pqxx::work w(c);
    const auto tables = w.exec_params("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                                      "AND table_name LIKE $1",
                                      fmt::format("bench\\_%\\_{}\\_%", ::getpid()));
    for (const auto &row : tables)
      w.exec0("DROP TABLE IF EXISTS " + row[0].as<std::string>());
    w.commit();
  } catch (const std::exception &e) {
    std::fprintf(stderr, "store_bench: could not drop the benchmark's tables: %s\n", e.what());
  }
}

} // namespace

BENCHMARK(file_store)->ArgNames({"fsync", "records"})->ArgsProduct({{0, 1}, {1, 100, 10000}})->UseRealTime();
BENCHMARK(sqlite_store)->ArgNames({"fsync", "records"})->ArgsProduct({{0, 1}, {1, 100, 10000}})->UseRealTime();
BENCHMARK(file_catch_up)->UseManualTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(sqlite_catch_up)->UseManualTime()->Unit(benchmark::kMicrosecond);

int main(int argc, char **argv) {
  std::vector<caseflow::bench::comparison> ratios = {
      {"SQLite against the file, 1 record, fsync", "sqlite_store/fsync:1/records:1/real_time",
       "file_store/fsync:1/records:1/real_time"},
      {"SQLite against the file, 100 records, fsync", "sqlite_store/fsync:1/records:100/real_time",
       "file_store/fsync:1/records:100/real_time"},
      {"SQLite against the file, 10000 records, fsync", "sqlite_store/fsync:1/records:10000/real_time",
       "file_store/fsync:1/records:10000/real_time"},
      {"SQLite against the file, 1 record, no fsync", "sqlite_store/fsync:0/records:1/real_time",
       "file_store/fsync:0/records:1/real_time"}};
  if (!postgres_server().empty()) {
    benchmark::RegisterBenchmark("postgres_store", postgres_store)
        ->ArgNames({"fsync", "records"})
        ->ArgsProduct({{0, 1}, {1, 100, 10000}})
        ->UseRealTime();
    benchmark::RegisterBenchmark("postgres_catch_up", postgres_catch_up)->UseManualTime()->Unit(benchmark::kMicrosecond);
    for (const char *fsync : {"0", "1"})
      for (const char *records : {"1", "100", "10000"})
        ratios.push_back({fmt::format("PostgreSQL against the file, {} records, fsync {}", records, fsync),
                          fmt::format("postgres_store/fsync:{}/records:{}/real_time", fsync, records),
                          fmt::format("file_store/fsync:{}/records:{}/real_time", fsync, records)});
    ratios.push_back({"PostgreSQL (NOTIFY) against the file, second node catches up", "postgres_catch_up/manual_time",
                      "file_catch_up/manual_time"});
  } else {
    const char *ci = std::getenv("CI");
    std::fprintf(stderr, "store_bench: no PostgreSQL server (CASEFLOW_PG_URI): its benchmarks are left out\n");
    if (ci && std::string_view(ci) == "true") return 1;
  }
  const int rc = caseflow::bench::run_with_ratios(argc, argv, std::move(ratios));
  drop_postgres_tables();
  return rc;
}
