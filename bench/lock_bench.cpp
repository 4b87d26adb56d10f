// A writer among readers: three threads loop on queries of a case book while one thread applies
// events. With std::shared_mutex (glibc's reader-preferring rwlock) new readers keep entering while
// the writer waits; writer_preferring_mutex lets the waiting writer in first. Measured on the lock
// itself (both in the same binary, the same critical sections) and on the book, which uses the latter.
#include <caseflow/casebook.hpp>
#include <caseflow/writer_preferring_mutex.hpp>

#include "support/case_driver.hpp"
#include "support/ratio_reporter.hpp"

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <atomic>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <thread>

namespace cf = caseflow;
using namespace cf::testing;

namespace {

constexpr int writes = 50;
constexpr int readers = 3;

// The same shape as the book: readers copy a map under the shared lock, the writer inserts under the
// exclusive one. Time per write, readers running throughout.
template <class Mutex> void writer_among_readers(benchmark::State &state) {
  for (auto _ : state) {
    Mutex mutex;
    std::map<int, std::string> data;
    for (int i = 0; i < 200; ++i)
      data.emplace(i, std::string(40, 'x'));
    std::atomic<bool> done{false};
    std::atomic<int> started{0};
    std::vector<std::thread> threads;
    for (int r = 0; r < readers; ++r)
      threads.emplace_back([&] {
        ++started;
        // Readers give up after a second: a starved writer would otherwise wait for ever, and the
        // baseline's time per write is then a lower bound.
        const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(1);
        while (!done && std::chrono::steady_clock::now() < give_up) {
          std::shared_lock lock(mutex);
          auto copy = data;
          benchmark::DoNotOptimize(copy);
        }
      });
    while (started < readers)
      std::this_thread::yield();
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < writes; ++i) {
      std::unique_lock lock(mutex);
      data[10000 + i].assign(1, 'y');
    }
    const auto t1 = std::chrono::steady_clock::now();
    done = true;
    for (auto &t : threads)
      t.join();
    state.SetIterationTime(std::chrono::duration<double>(t1 - t0).count() / writes);
  }
}

// The book: 200 items opened, registered and assigned while three threads query it.
void book_writes_among_readers(benchmark::State &state) {
  for (auto _ : state) {
    cf::case_book book(shanghai_policy(), national_calendar());
    std::atomic<bool> done{false};
    std::atomic<int> started{0};
    std::vector<std::thread> threads;
    for (int r = 0; r < readers; ++r)
      threads.emplace_back([&] {
        ++started;
        while (!done) {
          for (const auto &id : book.ids())
            benchmark::DoNotOptimize(book.find(id));
          benchmark::DoNotOptimize(book.overdue_on(cf::date(2024, 6, 1)));
        }
      });
    while (started < readers)
      std::this_thread::yield();
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < writes; ++i) {
      auto info = sample_info(fmt::format("{:04}", i));
      const cf::case_id id = info.id;
      (void)book.open(std::move(info));
      (void)book.apply(id, cf::events::register_case(office(), at(2024, 3, 1)));
      (void)book.apply(id, cf::events::assign(office(), at(2024, 3, 15), {{"minhang", cf::assignment_role::lead}}));
    }
    const auto t1 = std::chrono::steady_clock::now();
    done = true;
    for (auto &t : threads)
      t.join();
    state.SetIterationTime(std::chrono::duration<double>(t1 - t0).count() / (3 * writes));
  }
}

} // namespace

// A fixed number of runs: under std::shared_mutex a run can take seconds, which is the point.
BENCHMARK(writer_among_readers<std::shared_mutex>)
    ->Name("lock/std_shared_mutex")
    ->UseManualTime()
    ->Iterations(3)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(writer_among_readers<cf::writer_preferring_mutex>)
    ->Name("lock/writer_preferring_mutex")
    ->UseManualTime()
    ->Iterations(3)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(book_writes_among_readers)
    ->Name("book/write_among_3_readers")
    ->UseManualTime()
    ->Iterations(3)
    ->Unit(benchmark::kMicrosecond);

int main(int argc, char **argv) {
  return caseflow::bench::run_with_ratios(argc, argv,
                                          {{"a write among 3 readers", "lock/writer_preferring_mutex/iterations:3/manual_time",
                                            "lock/std_shared_mutex/iterations:3/manual_time"}});
}
