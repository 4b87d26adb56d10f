// The book at provincial scale: N items of the generated workload (bench/support/scale_workload.hpp), for
// each N in --scale_items (default 10000, the short mode CI runs; the table in bench/README.md is
//   build/release/bench/scale_bench --scale_items=10000,100000,1000000 ).
// Measured, each once per N (Google Benchmark, manual time = the thread's CPU time, one iteration):
//   apply_memory   every call into a book without a journal: µs per accepted event, ticks (mean time and
//                  notices), the catch-up tick after 20 working days without one, and resident bytes per
//                  item (malloc's in-use bytes after malloc_trim, the book alone), free text apart
//   queries        at the midpoint (2025-05-30, the most items open): overdue_on, due_within 10 working
//                  days, of_unit without and with a role
//   snapshot, restore   time, bytes per item, the peak resident memory each adds
//   apply_file     the same calls into a book on a file journal (written to the OS, no fsync)
//   replay, resume the book again from that journal, and from the snapshot plus the journal
//   apply_sqlite, apply_postgres   the same calls on the database stores (PostgreSQL with
//                  --postgres=URI), for N up to --store_items_max (default 100000)
// At the end, a Markdown table of every figure by N.
#include <caseflow/casebook.hpp>
#include <caseflow/postgres_event_store.hpp>
#include <caseflow/sqlite_event_store.hpp>

#include "support/scale_workload.hpp"
#include "support/test_policy.hpp"

#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <malloc.h>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unistd.h>

namespace cf = caseflow;

namespace {

// Time is the measuring thread's CPU time (user and system), not the wall clock: on a machine shared with
// other work the figures stay comparable, and every measured call runs on this one thread.
struct clock_type {
  using time_point = double;
  static time_point now() {
    timespec t{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
  }
};
double seconds_since(clock_type::time_point t) { return clock_type::now() - t; }

std::size_t heap_in_use() {
  ::malloc_trim(0);
  return ::mallinfo2().uordblks;
}

// The peak resident set since the last reset (Linux: /proc/self/status VmHWM, reset by clear_refs 5).
// Memory freed earlier is given back first, so that the peak measures what the step itself adds.
void reset_peak() {
  ::malloc_trim(0);
  std::ofstream("/proc/self/clear_refs") << "5";
}
std::size_t peak_resident() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.starts_with("VmHWM:")) return std::stoull(line.substr(6)) * 1024;
  return 0;
}
// What the peak rose above `base`: the kernel's resident counters lag by a few pages, so a step that adds
// nothing can read as slightly below where it started.
double peak_added_above(std::size_t base) {
  const std::size_t peak = peak_resident();
  return peak > base ? static_cast<double>(peak - base) : 0.0;
}
std::size_t resident() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.starts_with("VmRSS:")) return std::stoull(line.substr(6)) * 1024;
  return 0;
}

// What reading the clock adds to a timed call: one reading, the mean of many.
double clock_overhead() {
  constexpr int rounds = 100'000;
  const auto t = clock_type::now();
  double sink = 0;
  for (int i = 0; i < rounds; ++i)
    sink += clock_type::now();
  benchmark::DoNotOptimize(sink);
  return seconds_since(t) / rounds;
}

// Every figure, by N, for the closing table.
std::map<std::string, std::map<std::size_t, std::string>> table;
std::vector<std::string> rows; // in the order first reported
void report(benchmark::State &state, std::size_t n, const std::string &name, double value, const std::string &shown) {
  state.counters[name] = value;
  if (!table.count(name)) rows.push_back(name);
  table[name][n] = shown;
}

// What one N's benchmarks share: the workload, the book built in memory, its snapshot, the journal.
struct scale_state {
  std::size_t n = 0;
  std::unique_ptr<cf::bench::scale_workload> workload;
  std::unique_ptr<cf::case_book> book;
  std::string snapshot;                   // of the book in memory, as text when N <= --text_items_max
  std::filesystem::path snapshot_file;    // the same, written as a stream
  std::filesystem::path journal_snapshot; // of the book on the file journal, which names its last unit
  std::filesystem::path journal;
  std::size_t items = 0;
  cf::date midpoint;
  std::size_t book_bytes = 0;
};
scale_state current;
// Above this N the benchmark keeps no snapshot text in memory (compares files instead), and the book in
// memory is not compared with the book on the journal, which takes both texts as trees.
std::size_t text_items_max = 100'000;

std::filesystem::path temp_file(std::size_t n, std::string_view what) {
  return std::filesystem::temp_directory_path() / fmt::format("caseflow_scale_{}_{}_{}", ::getpid(), n, what);
}

// Whether two files hold the same bytes, read a piece at a time.
bool same_file(const std::filesystem::path &a, const std::filesystem::path &b) {
  std::error_code ec;
  if (std::filesystem::file_size(a, ec) != std::filesystem::file_size(b, ec) || ec) return false;
  std::ifstream x(a, std::ios::binary), y(b, std::ios::binary);
  std::vector<char> p(1 << 20), q(1 << 20);
  while (x && y) {
    x.read(p.data(), static_cast<std::streamsize>(p.size()));
    y.read(q.data(), static_cast<std::streamsize>(q.size()));
    if (x.gcount() != y.gcount() || !std::equal(p.begin(), p.begin() + x.gcount(), q.begin())) return false;
  }
  return true;
}

// The book's snapshot written to `file`, or an error text.
std::optional<std::string> write_snapshot(const cf::case_book &book, const std::filesystem::path &file) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  auto written = book.snapshot(out);
  return written ? std::nullopt : std::optional<std::string>(written.error().message);
}

scale_state &state_for(std::size_t n) {
  if (current.n != n) {
    current.book.reset();
    for (const auto &f : {current.journal, current.snapshot_file, current.journal_snapshot})
      if (!f.empty()) std::filesystem::remove(f);
    current = scale_state{};
    current.n = n;
    current.workload =
        std::make_unique<cf::bench::scale_workload>(cf::bench::workload_options{n}, cf::testing::national_calendar());
    current.journal = temp_file(n, "journal.jsonl");
    current.snapshot_file = temp_file(n, "snapshot.json");
    current.journal_snapshot = temp_file(n, "journal_snapshot.json");
  }
  return current;
}

// A snapshot without the journal position: a book in memory and one on a journal hold the same items.
std::string without_position(const std::string &snapshot) {
  auto j = nlohmann::json::parse(snapshot, nullptr, false); // empty when the snapshot benchmark was filtered out
  if (!j.is_object()) return {};
  j.erase("sequence");
  j.erase("last_record");
  return j.dump();
}

// Runs the workload on `book`; returns µs per accepted open or event, and fills the tick figures.
struct run_figures {
  double apply_seconds = 0;
  std::size_t accepted = 0, refused = 0;
  double tick_seconds = 0;
  std::size_t ticks = 0, notices = 0;
  double catch_up_seconds = 0;
  std::size_t catch_up_notices = 0;
  std::size_t text_bytes = 0;
  std::map<std::string, std::size_t> refusals; // by the guard or first words of the message
};

run_figures run_workload(cf::case_book &book, const cf::bench::scale_workload &w,
                         const std::function<void(const cf::bench::workload_call &)> &at_tick = {}) {
  run_figures f;
  const auto refused = [&](const cf::rejection &r) {
    ++f.refused;
    const std::string key = r.guard.empty() ? r.message.substr(0, std::min<std::size_t>(r.message.find(':', 20), 80)) : r.guard;
    ++f.refusals[key];
  };
  w.run([&](const cf::bench::workload_call &c) {
    using k = cf::bench::workload_call::kind;
    if (c.what == k::tick) {
      const auto t = clock_type::now();
      auto notices = book.tick(c.day);
      const double took = seconds_since(t);
      const std::size_t issued = notices ? notices->size() : 0;
      if (c.catch_up) {
        f.catch_up_seconds = took;
        f.catch_up_notices = issued;
      } else {
        f.tick_seconds += took;
        f.notices += issued;
        ++f.ticks;
      }
      if (at_tick) at_tick(c);
      return true;
    }
    if (c.what == k::open) {
      f.text_bytes += c.info.title.size() + c.info.proposers.lead.size();
      for (const auto &s : c.info.proposers.co_signers)
        f.text_bytes += s.size();
    }
    const auto t = clock_type::now();
    auto r = c.what == k::open ? book.open(c.info) : book.apply(c.id, c.e);
    f.apply_seconds += seconds_since(t);
    if (r)
      ++f.accepted;
    else
      refused(r.error());
    return true;
  });
  return f;
}

void print_refusals(const run_figures &f) {
  for (const auto &[why, count] : f.refusals)
    std::fprintf(stderr, "scale_bench: %zu refused: %s\n", count, why.c_str());
}

std::string us(double seconds) { return fmt::format("{:.2f} µs", seconds * 1e6); }
std::string ms(double seconds) {
  return seconds < 1e-3 ? fmt::format("{:.1f} µs", seconds * 1e6)
         : seconds < 10 ? fmt::format("{:.1f} ms", seconds * 1e3)
                        : fmt::format("{:.1f} s", seconds);
}
std::string bytes(double b) {
  return b >= 1e9 ? fmt::format("{:.2f} GB", b / 1e9) : b >= 1e6 ? fmt::format("{:.1f} MB", b / 1e6) : fmt::format("{:.0f} B", b);
}

void apply_memory(benchmark::State &state, std::size_t n) {
  auto &s = state_for(n);
  for (auto _ : state) {
    const auto before = heap_in_use();
    s.book = std::make_unique<cf::case_book>(cf::testing::shanghai_policy(), cf::testing::national_calendar());
    const auto f = run_workload(*s.book, *s.workload, [&](const cf::bench::workload_call &c) {
      if (!c.midpoint) return;
      s.midpoint = c.day;
      const auto measure = [&](const char *name, auto &&query) {
        constexpr int rounds = 5;
        std::size_t results = 0;
        const auto t = clock_type::now();
        for (int i = 0; i < rounds; ++i)
          results = query();
        const double each = seconds_since(t) / rounds;
        report(state, n, fmt::format("{} (results)", name), static_cast<double>(results), fmt::format("{}", results));
        report(state, n, name, each, ms(each));
      };
      measure("overdue_on", [&] { return s.book->overdue_on(c.day).size(); });
      measure("due_within 10 workdays", [&] { return s.book->due_within(c.day, 10).value().size(); });
      measure("of_unit", [&] { return s.book->of_unit("unit-007").size(); });
      measure("of_unit with role lead", [&] { return s.book->of_unit("unit-007", cf::assignment_role::lead).size(); });
    });
    state.SetIterationTime(f.apply_seconds);
    s.book_bytes = heap_in_use() - before;
    print_refusals(f);
    const double per_event = f.apply_seconds / static_cast<double>(f.accepted);
    report(state, n, "calls accepted", static_cast<double>(f.accepted), fmt::format("{}", f.accepted));
    report(state, n, "calls refused", static_cast<double>(f.refused), fmt::format("{}", f.refused));
    report(state, n, "apply in memory, per call", per_event, us(per_event));
    report(state, n, "apply in memory, calls/s", 1 / per_event, fmt::format("{:.0f}k/s", 1e-3 / per_event));
    // Each call is timed on its own, and reading the thread's CPU clock is a system call: what one
    // reading costs is in every per-call figure above, so it is shown to be taken off.
    const double overhead = clock_overhead();
    report(state, n, "of which reading the clock, per call", overhead, us(overhead));
    const double tick = f.tick_seconds / static_cast<double>(f.ticks);
    report(state, n, "tick (mean)", tick, ms(tick));
    report(state, n, "notices per tick (mean)", static_cast<double>(f.notices) / static_cast<double>(f.ticks),
           fmt::format("{:.0f}", static_cast<double>(f.notices) / static_cast<double>(f.ticks)));
    report(state, n, "catch-up tick after 20 workdays", f.catch_up_seconds, ms(f.catch_up_seconds));
    report(state, n, "catch-up tick notices", static_cast<double>(f.catch_up_notices), fmt::format("{}", f.catch_up_notices));
    const double per_item = static_cast<double>(s.book_bytes) / static_cast<double>(n);
    const double text = static_cast<double>(f.text_bytes) / static_cast<double>(n);
    report(state, n, "heap per item (book)", per_item, bytes(per_item));
    report(state, n, "of which free text per item", text, bytes(text));
    report(state, n, "resident after build", static_cast<double>(resident()), bytes(static_cast<double>(resident())));
  }
}

void snapshot(benchmark::State &state, std::size_t n) {
  auto &s = state_for(n);
  for (auto _ : state) {
    reset_peak();
    const auto base = resident();
    const auto t = clock_type::now();
    if (auto problem = write_snapshot(*s.book, s.snapshot_file)) state.SkipWithError(problem->c_str());
    const double took = seconds_since(t);
    state.SetIterationTime(took);
    const auto size = static_cast<double>(std::filesystem::file_size(s.snapshot_file));
    report(state, n, "snapshot (streamed to a file)", took, ms(took));
    report(state, n, "snapshot bytes per item", size / static_cast<double>(n), bytes(size / static_cast<double>(n)));
    const double peak = peak_added_above(base);
    report(state, n, "snapshot peak added", peak, bytes(peak));
    if (n <= text_items_max) {
      const auto t2 = clock_type::now();
      s.snapshot = s.book->snapshot();
      report(state, n, "snapshot (as a string)", seconds_since(t2), ms(seconds_since(t2)));
    }
  }
}

void restore(benchmark::State &state, std::size_t n) {
  auto &s = state_for(n);
  for (auto _ : state) {
    // One book at a time: the book in memory gives way to the one restored.
    s.items = s.book ? s.book->size() : 0;
    s.book.reset();
    reset_peak();
    const auto base = resident();
    std::ifstream in(s.snapshot_file, std::ios::binary);
    const auto t = clock_type::now();
    auto restored = cf::case_book::restore(in, cf::testing::shanghai_policy());
    const double took = seconds_since(t);
    state.SetIterationTime(took);
    const auto again = temp_file(n, "restored.json");
    if (!restored || restored->size() != s.items || write_snapshot(*restored, again) || !same_file(again, s.snapshot_file))
      state.SkipWithError("restore gave another book");
    std::filesystem::remove(again);
    report(state, n, "restore", took, ms(took));
    const double peak = peak_added_above(base);
    report(state, n, "restore peak added", peak, bytes(peak));
  }
}

template <class Store>
void apply_store(benchmark::State &state, std::size_t n, const char *name, Store &store,
                 const std::filesystem::path *snapshot_out = nullptr) {
  auto &s = state_for(n);
  const auto expected = without_position(s.snapshot);
  for (auto _ : state) {
    cf::case_book book(cf::testing::shanghai_policy(), cf::testing::national_calendar());
    book.attach_journal(store);
    const auto f = run_workload(book, *s.workload);
    state.SetIterationTime(f.apply_seconds);
    const double per_event = f.apply_seconds / static_cast<double>(f.accepted);
    report(state, n, fmt::format("apply on the {} store, per call", name), per_event, us(per_event));
    if (n <= text_items_max && !expected.empty() && without_position(book.snapshot()) != expected)
      state.SkipWithError("the book on the store differs from the book in memory");
    if (snapshot_out)
      if (auto problem = write_snapshot(book, *snapshot_out)) state.SkipWithError(problem->c_str());
  }
}

void apply_file(benchmark::State &state, std::size_t n) {
  auto &s = state_for(n);
  std::filesystem::remove(s.journal);
  auto store = cf::file_event_store::open(s.journal).value();
  apply_store(state, n, "file", store, &s.journal_snapshot);
}

void replay(benchmark::State &state, std::size_t n) {
  auto &s = state_for(n);
  for (auto _ : state) {
    const auto store = cf::file_event_store::open(s.journal, {cf::flush_policy::every_event, false, 1, true}).value();
    reset_peak();
    const auto base = resident();
    const auto t = clock_type::now();
    auto book = cf::case_book::replay(store, cf::testing::shanghai_policy(), cf::testing::national_calendar());
    const double took = seconds_since(t);
    state.SetIterationTime(took);
    if (!book) {
      state.SkipWithError(book.error().message.c_str());
      return;
    }
    std::size_t counted = 0; // a run at a time, as the replay read it
    (void)cf::read_journal_in_runs(store, 0, 16'384, [&](std::vector<cf::journal_record> &run) -> cf::status<> {
      counted += run.size();
      return cf::ok;
    });
    const auto records = static_cast<double>(counted);
    report(state, n, "replay", took, ms(took));
    report(state, n, "replay, records/s", records / took, fmt::format("{:.0f}k/s", records / took / 1e3));
    const double peak = peak_added_above(base);
    report(state, n, "replay peak added", peak, bytes(peak));
    const auto again = temp_file(n, "replayed.json");
    if (write_snapshot(*book, again) || !same_file(again, s.journal_snapshot))
      state.SkipWithError("the replayed book differs from the one that wrote the journal");
    std::filesystem::remove(again);
  }
}

void resume(benchmark::State &state, std::size_t n) {
  auto &s = state_for(n);
  for (auto _ : state) {
    const auto store = cf::file_event_store::open(s.journal, {cf::flush_policy::every_event, false, 1, true}).value();
    std::ifstream in(s.journal_snapshot, std::ios::binary);
    reset_peak();
    const auto base = resident();
    const auto t = clock_type::now();
    auto book = cf::case_book::resume(in, store, cf::testing::shanghai_policy());
    const double took = seconds_since(t);
    state.SetIterationTime(took);
    if (!book) {
      state.SkipWithError(book.error().message.c_str());
      return;
    }
    report(state, n, "resume (snapshot + journal)", took, ms(took));
    const double peak = peak_added_above(base);
    report(state, n, "resume peak added", peak, bytes(peak));
    const auto again = temp_file(n, "resumed.json");
    if (write_snapshot(*book, again) || !same_file(again, s.journal_snapshot)) state.SkipWithError("the resumed book differs");
    std::filesystem::remove(again);
  }
}

void apply_sqlite(benchmark::State &state, std::size_t n) {
  const auto path = std::filesystem::temp_directory_path() / fmt::format("caseflow_scale_{}_{}.db", ::getpid(), n);
  for (const char *suffix : {"", "-wal", "-shm"})
    std::filesystem::remove(path.string() + suffix);
  {
    auto store = cf::sqlite_event_store::open(path).value();
    apply_store(state, n, "SQLite", store);
  }
  for (const char *suffix : {"", "-wal", "-shm"})
    std::filesystem::remove(path.string() + suffix);
}

void apply_postgres(benchmark::State &state, std::size_t n, const std::string &server) {
  const auto prefix = fmt::format("scale_{}_{}", ::getpid(), n);
  auto store = cf::postgres_event_store::open(
      fmt::format("{}{}caseflow_prefix={}", server, server.find('?') == std::string::npos ? "?" : "&", prefix));
  if (!store) {
    state.SkipWithError(store.error().message.c_str());
    return;
  }
  apply_store(state, n, "PostgreSQL", *store);
}

std::vector<std::size_t> parse_sizes(std::string_view text) {
  std::vector<std::size_t> out;
  while (!text.empty()) {
    const auto comma = text.find(',');
    out.push_back(std::stoull(std::string(text.substr(0, comma))));
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
  }
  return out;
}

// Takes `--name=value` out of the arguments, before Google Benchmark sees them.
std::optional<std::string> take_flag(int &argc, char **argv, std::string_view name) {
  const std::string prefix = fmt::format("--{}=", name);
  for (int i = 1; i < argc; ++i)
    if (std::string_view(argv[i]).starts_with(prefix)) {
      std::string value = argv[i] + prefix.size();
      std::copy(argv + i + 1, argv + argc, argv + i);
      --argc;
      return value;
    }
  return std::nullopt;
}

} // namespace

int main(int argc, char **argv) {
  const auto sizes = parse_sizes(take_flag(argc, argv, "scale_items").value_or("10000"));
  const auto store_max = std::stoull(take_flag(argc, argv, "store_items_max").value_or("100000"));
  // The file journal's steps (apply on it, replay, resume) up to this N: at 1M items they take as long
  // again as the rest together.
  const auto journal_max = std::stoull(take_flag(argc, argv, "journal_items_max").value_or("100000"));
  text_items_max = std::stoull(take_flag(argc, argv, "text_items_max").value_or("100000"));
  // PostgreSQL only when asked: a unit a transaction over the network is minutes of a short CI run.
  const std::string server = take_flag(argc, argv, "postgres").value_or("");
  for (const auto n : sizes) {
    const auto add = [&](const char *what, auto fn) {
      benchmark::RegisterBenchmark(fmt::format("scale/{}/{}", what, n).c_str(), [=](benchmark::State &s) { fn(s, n); })
          ->Iterations(1)
          ->UseManualTime()
          ->Unit(benchmark::kMillisecond);
    };
    add("apply_memory", apply_memory);
    add("snapshot", snapshot);
    add("restore", restore);
    if (n <= journal_max) {
      add("apply_file", apply_file);
      add("replay", replay);
      add("resume", resume);
    }
    if (n <= store_max) {
      add("apply_sqlite", apply_sqlite);
      if (!server.empty()) add("apply_postgres", [server](benchmark::State &s, std::size_t k) { apply_postgres(s, k, server); });
    }
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  state_for(0); // removes the last journal

  std::printf("\n| figure |");
  for (const auto n : sizes)
    std::printf(" N = %zu |", n);
  std::printf("\n|---|");
  for (std::size_t i = 0; i < sizes.size(); ++i)
    std::printf("---|");
  std::printf("\n");
  for (const auto &row : rows) {
    std::printf("| %s |", row.c_str());
    for (const auto n : sizes) {
      const auto &cells = table[row];
      const auto it = cells.find(n);
      std::printf(" %s |", it == cells.end() ? "-" : it->second.c_str());
    }
    std::printf("\n");
  }
  return 0;
}
