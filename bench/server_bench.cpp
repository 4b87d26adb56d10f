// caseflow-server's request rates on loopback: a read (one item with its history and clocks) and an
// event (a consultation recorded), from 1 and from 8 client connections at once (keep-alive). The
// server runs in this process with 8 worker threads over a book in memory holding the Minhang year's
// 34 items; the baseline is the same read and write called on the book directly, so the ratio is what
// HTTP and JSON cost.
#include "service.hpp"

#include <caseflow/casebook.hpp>
#include <caseflow/event_json.hpp>
#include <caseflow/journal.hpp>

#include "support/ratio_reporter.hpp"
#include "support/test_policy.hpp"

#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

namespace cf = caseflow;

namespace {

const std::string office = "office:sh-office";
const std::string office_token = "bench-office-token-0123456789";
const std::string unit_token = "bench-minhang-token-0123456789";

// The book, its server on a free loopback port, and the port.
struct served_book {
  cf::memory_event_store store;
  cf::case_book book{cf::testing::shanghai_policy(), cf::testing::national_calendar()};
  cf::server::token_table tokens =
      cf::server::token_table::parse(
          fmt::format(R"({{"tokens":[{{"token":"{}","actor":"{}"}},{{"token":"{}","actor":"unit:minhang"}}]}})", office_token,
                      office, unit_token),
          "bench")
          .value();
  cf::server::book_service service{book, tokens, "bench"};
  httplib::Server http;
  std::thread listener;
  int port = 0;

  served_book() {
    std::ifstream in(std::filesystem::path(CASEFLOW_BENCH_DATA_DIR) / "examples/minhang-2024.jsonl", std::ios::binary);
    cf::memory_event_store year;
    year.bytes().assign(std::istreambuf_iterator<char>(in), {});
    // The year's items as registered and assigned, so that units may record consultations.
    const auto contents = cf::read_journal(year);
    if (!contents) throw std::runtime_error(contents.error().message);
    for (const auto &r : contents->records) {
      if (r.type == "open") (void)book.open(cf::case_info_from_json(r.data, "bench").value());
      if (r.type == "event" && r.data.at("type") == "register_case")
        (void)book.apply(cf::case_id::parse(r.data.at("case").get<std::string>()).value(),
                         cf::event_from_json(r.data, "bench").value());
      if (r.type == "event" && r.data.at("type") == "assign")
        (void)book.apply(cf::case_id::parse(r.data.at("case").get<std::string>()).value(),
                         cf::event_from_json(r.data, "bench").value());
    }
    book.attach_journal(store);
    http.new_task_queue = [] { return new httplib::ThreadPool(8); };
    http.set_tcp_nodelay(true);
    service.install(http);
    port = http.bind_to_any_port("127.0.0.1");
    listener = std::thread([this] { http.listen_after_bind(); });
    while (!http.is_running())
      std::this_thread::yield();
  }
  ~served_book() {
    http.stop();
    listener.join();
  }
};

served_book &shared() {
  static served_book s;
  return s;
}

// A consultation the office records, on each of the year's items in turn (so that no one history grows long).
const std::string consultation =
    R"({"type":"record_consultation","by":"office:sh-office","at":"2024-06-28 10:00:00","leader_led":false})";
const std::vector<std::string> &item_paths() {
  static const std::vector<std::string> paths = [] {
    std::vector<std::string> out;
    for (const auto &id : shared().book.ids())
      out.push_back(fmt::format("/items/{}/events", id.to_string()));
    return out;
  }();
  return paths;
}

void http_read(benchmark::State &state) {
  auto &s = shared();
  httplib::Client c("127.0.0.1", s.port);
  c.set_keep_alive(true);
  c.set_tcp_nodelay(true);
  c.set_bearer_token_auth(unit_token);
  for (auto _ : state) {
    auto res = c.Get("/items/16-2/0581");
    if (!res || res->status != 200) state.SkipWithError("the read failed");
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void http_event(benchmark::State &state) {
  auto &s = shared();
  httplib::Client c("127.0.0.1", s.port);
  c.set_keep_alive(true);
  c.set_tcp_nodelay(true);
  c.set_bearer_token_auth(office_token);
  const auto &paths = item_paths();
  std::size_t next = static_cast<std::size_t>(state.thread_index());
  for (auto _ : state) {
    auto res = c.Post(paths[next++ % paths.size()], consultation, "application/json");
    if (!res || res->status != 200) state.SkipWithError(res ? res->body.c_str() : "the write failed");
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void direct_read(benchmark::State &state) {
  auto &s = shared();
  const cf::case_id id{"16-2", "0581"};
  for (auto _ : state) {
    auto c = s.book.find(id);
    auto clocks = s.book.clocks_of(id);
    benchmark::DoNotOptimize(c);
    benchmark::DoNotOptimize(clocks);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void direct_event(benchmark::State &state) {
  auto &s = shared();
  const auto ids = s.book.ids();
  const auto e = cf::event_from_json(nlohmann::json::parse(consultation), "bench").value();
  std::size_t next = 0;
  for (auto _ : state)
    if (!s.book.apply(ids[next++ % ids.size()], e)) state.SkipWithError("the write failed");
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

} // namespace

BENCHMARK(direct_read)->UseRealTime();
BENCHMARK(http_read)->Threads(1)->Threads(8)->UseRealTime();
BENCHMARK(direct_event)->UseRealTime();
BENCHMARK(http_event)->Threads(1)->Threads(8)->UseRealTime();

int main(int argc, char **argv) {
  return caseflow::bench::run_with_ratios(
      argc, argv,
      {{"a read, the book called directly against HTTP (1 connection)", "direct_read/real_time", "http_read/real_time/threads:1"},
       {"an event, the book called directly against HTTP (1 connection)", "direct_event/real_time",
        "http_event/real_time/threads:1"}});
}
