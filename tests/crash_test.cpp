// Crashes at random points: a child process drives a mixed workload (registrations and events,
// ticks with notices, escalation, imports as batches, a calendar change) through the library with
// fsync on, and is killed with SIGKILL at a random moment. After each kill the journal is whole or ends
// in one torn unit that truncate_torn_tail() cuts; every unit acknowledged before the kill is there
// exactly once; the repaired journal replays; and the next write succeeds.
//
// CASEFLOW_CRASH_ROUNDS sets the number of rounds (default 25, so that the suite stays quick; the
// full campaign runs 300).
#include <caseflow/casebook.hpp>
#include <caseflow/event_json.hpp>

#include "support/host_calls.hpp"
#include "support/test_policy.hpp"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace cf = caseflow;
using namespace cf::testing;

namespace {

// The workload as units: most calls one a unit; the first registrations, and every 40th call with the
// two after it, go in as an import (one batch); a local day off arrives as a calendar change midway.
struct unit_plan {
  std::size_t first, count;
};

constexpr int bulk_registrations = 1000;

std::vector<host_call> workload() {
  auto calls = minhang_year();
  const cf::work_calendar::source layers[] = {{"cn-mainland.txt", national_calendar().to_text()},
                                              {"local.txt", "year 2024\noff 2024-07-09\n"}};
  const auto local = cf::work_calendar::parse(layers).value();
  calls.insert(calls.begin() + static_cast<std::ptrdiff_t>(calls.size() / 2),
               host_call{"calendar", {{"calendar", local.to_text()}, {"changes", 0}}});
  // A large import (about 700 KB in one unit), so that a kill can land in the middle of its write.
  std::vector<host_call> bulk;
  for (int i = 0; i < bulk_registrations; ++i)
    bulk.push_back({"open",
                    {{"case", fmt::format("99-1/{:04}", i)},
                     {"kind", "deputy_suggestion"},
                     {"category", "城建交通"},
                     {"title", fmt::format("关于{}的建议 {}", std::string(600, 'x'), i)},
                     {"proposers", {{"lead", "代表甲"}, {"co_signers", nlohmann::json::array()}}}}});
  calls.insert(calls.begin() + static_cast<std::ptrdiff_t>(calls.size() / 3), bulk.begin(), bulk.end());
  return calls;
}

std::vector<unit_plan> plan_of(const std::vector<host_call> &calls) {
  std::vector<unit_plan> units;
  for (std::size_t i = 0; i < calls.size();) {
    if (calls[i].data.value("case", "").starts_with("99-1/")) {
      units.push_back({i, bulk_registrations});
      i += bulk_registrations;
      continue;
    }
    const bool batch = (i == 0 || i % 40 == 0) && calls[i].type != "calendar";
    std::size_t n = batch ? std::min<std::size_t>(i == 0 ? 10 : 3, calls.size() - i) : 1;
    for (std::size_t k = 1; k < n; ++k)
      if (calls[i + k].type == "calendar" || calls[i + k].data.value("case", "").starts_with("99-1/")) n = k;
    units.push_back({i, n});
    i += n;
  }
  return units;
}

// Drives units [0, upto) on the book; false when the book refused one.
bool drive(cf::case_book &book, const std::vector<host_call> &calls, const std::vector<unit_plan> &units, std::size_t from,
           std::size_t upto) {
  for (std::size_t u = from; u < upto; ++u) {
    if (units[u].count == 1) {
      if (!make(book, calls[units[u].first])) return false;
      continue;
    }
    auto batch = book.begin_batch();
    if (!batch) return false;
    for (std::size_t k = 0; k < units[u].count; ++k)
      if (!make(book, calls[units[u].first + k])) return false;
    if (!batch->commit()) return false;
  }
  return true;
}

cf::case_book new_book() { return cf::case_book(shanghai_policy(), national_calendar(), minhang_chart()); }

int rounds() {
  const char *env = std::getenv("CASEFLOW_CRASH_ROUNDS");
  return env && *env ? std::atoi(env) : 25;
}

} // namespace

TEST(crash, a_kill_at_any_moment_leaves_a_journal_that_holds_every_acknowledged_unit_once) {
  const auto calls = workload();
  const auto units = plan_of(calls);
  const auto path = std::filesystem::temp_directory_path() / ("caseflow_crash_" + std::to_string(::getpid()) + ".jsonl");
  std::mt19937 rng(20241201);
  const auto bulk_unit = static_cast<std::uint32_t>(
      std::find_if(units.begin(), units.end(), [](const unit_plan &u) { return u.count == bulk_registrations; }) - units.begin());
  int torn_rounds = 0;
  for (int round = 0; round < rounds(); ++round) {
    SCOPED_TRACE(round);
    std::filesystem::remove(path);
    int acks[2];
    ASSERT_EQ(::pipe(acks), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      ::close(acks[0]);
      auto store = cf::file_event_store::open(path, {cf::flush_policy::every_event, true, 1});
      if (!store) ::_exit(3);
      auto book = new_book();
      book.attach_journal(*store);
      for (std::uint32_t u = 0; u < units.size(); ++u) {
        if (!drive(book, calls, units, u, u + 1)) ::_exit(4);
        const std::uint32_t done = u + 1;
        if (::write(acks[1], &done, sizeof done) != sizeof done) ::_exit(5);
      }
      ::pause();
    }
    ::close(acks[1]);
    // Killed after a random number of acknowledged units, and a random moment more; every other round
    // while the large import is being built and written.
    const bool at_bulk = round % 2 == 1;
    const std::uint32_t kill_after =
        at_bulk ? bulk_unit : std::uniform_int_distribution<std::uint32_t>(1, static_cast<std::uint32_t>(units.size()))(rng);
    const auto extra = std::chrono::microseconds(std::uniform_int_distribution<int>(0, at_bulk ? 60000 : 3000)(rng));
    std::uint32_t acknowledged = 0, n = 0;
    while (acknowledged < kill_after && ::read(acks[0], &n, sizeof n) == sizeof n)
      acknowledged = n;
    std::this_thread::sleep_for(extra);
    ::kill(child, SIGKILL);
    while (::read(acks[0], &n, sizeof n) == sizeof n)
      acknowledged = n;
    ::close(acks[0]);
    int status = 0;
    ::waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the writer stopped by itself with status " << status;

    // Whole, or one torn unit at the end, which repair cuts.
    auto store = cf::file_event_store::open(path, {cf::flush_policy::every_event, true, 1}).value();
    auto read = cf::read_journal(store);
    ASSERT_TRUE(read) << read.error().message;
    if (read->torn) {
      ++torn_rounds;
      ASSERT_TRUE(store.truncate_torn_tail().value());
    }
    ASSERT_TRUE(cf::verify_journal(store)) << cf::verify_journal(store).error().message;
    const std::uint64_t held = cf::read_journal(store).value().last_sequence;
    ASSERT_GE(held, acknowledged) << "an acknowledged unit is missing";
    ASSERT_LE(held, acknowledged + 1) << "at most the unit being written when the kill came";

    // The units there are exactly the first `held` of the workload, each once: a book given exactly
    // those writes the same journal, unit for unit.
    auto replayed = cf::case_book::replay(store, shanghai_policy(), national_calendar(), minhang_chart());
    ASSERT_TRUE(replayed) << replayed.error().message;
    cf::memory_event_store expected_journal;
    auto expected = new_book();
    expected.attach_journal(expected_journal);
    ASSERT_TRUE(drive(expected, calls, units, 0, held));
    EXPECT_EQ(expected_journal.read().value().lines, store.read().value().lines);
    EXPECT_EQ(replayed->snapshot(), expected.snapshot());

    // And the next write succeeds, on the book replayed from what the crash left.
    if (held < units.size()) {
      replayed->attach_journal(store, held + 1);
      EXPECT_TRUE(drive(*replayed, calls, units, held, held + 1));
      EXPECT_TRUE(cf::verify_journal(store));
    }
  }
  std::filesystem::remove(path);
  RecordProperty("torn_rounds", torn_rounds);
  std::cout << rounds() << " rounds, " << torn_rounds << " ended in a torn unit\n";
}
