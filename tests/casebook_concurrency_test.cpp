// The case book's thread-safety contract (casebook.hpp, "Threads"): one thread writes while others
// query, and observers run on the writing thread. Run under ThreadSanitizer by the tsan preset, where a
// data race or a lock-order problem fails the test; in the other presets it checks the results.
#include <caseflow/casebook.hpp>

#include "support/book_driver.hpp"
#include "support/host_calls.hpp"
#include "support/test_policy.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace cf = caseflow;
using namespace cf::testing;

namespace {

cf::case_book minhang_book() { return cf::case_book(shanghai_policy(), national_calendar(), minhang_chart()); }

} // namespace

// The whole Minhang year written by one thread (registrations, events, daily ticks, the escalation)
// while three threads query (find, of_unit, due_within, snapshot) and observers count: the final book
// equals a replay of its journal and a book written by one thread alone, and the observers saw every
// change once.
TEST(casebook_concurrency, one_writer_three_readers_and_observers) {
  const auto calls = minhang_year();
  cf::memory_event_store journal;
  auto book = minhang_book();
  book.attach_journal(journal);
  std::atomic<long> events_seen{0}, notices_seen{0}, escalations_seen{0};
  book.on_event([&](const cf::case_record &after, const cf::event &) {
    // Observers may query the book: the change they are told of has taken effect.
    EXPECT_TRUE(book.find(after.info.id).has_value());
    ++events_seen;
  });
  book.on_notice([&](const cf::notice &) { ++notices_seen; });
  book.on_escalation([&](const cf::escalation_notice &) { ++escalations_seen; });

  std::atomic<bool> done{false};
  std::atomic<long> reads{0};
  std::vector<std::thread> readers;
  for (int r = 0; r < 3; ++r)
    readers.emplace_back([&, r] {
      while (!done) {
        for (const auto &id : book.ids()) {
          const auto c = book.find(id);
          ASSERT_TRUE(c.has_value());
          ASSERT_EQ(c->info.id, id);
        }
        (void)book.of_unit("minhang");
        (void)book.of_unit("city-transport", cf::assignment_role::co_handler);
        const auto today = book.last_tick().value_or(day(2024, 1, 2));
        ASSERT_TRUE(book.due_within(today, 5 + r));
        if (r == 0) {
          ASSERT_FALSE(book.snapshot().empty());
        }
        ++reads;
        // A pause between rounds, as between a host's requests: readers that never let go of the lock
        // would starve the writer (std::shared_mutex prefers readers on glibc), and the test would
        // measure that rather than the contract.
        std::this_thread::sleep_for(std::chrono::microseconds(200));
      }
    });

  long refused = 0;
  for (const auto &c : calls)
    if (!make(book, c)) ++refused;
  // Readers may not have had a turn on a fast machine: let each read at least once more.
  const long before = reads.load();
  while (reads.load() < before + 3)
    std::this_thread::yield();
  done = true;
  for (auto &t : readers)
    t.join();
  EXPECT_EQ(refused, 0);

  // The same calls on one thread, without readers.
  auto alone = minhang_book();
  cf::memory_event_store alone_journal;
  alone.attach_journal(alone_journal);
  long alone_notices = 0, alone_events = 0, alone_escalations = 0;
  alone.on_event([&](const cf::case_record &, const cf::event &) { ++alone_events; });
  alone.on_notice([&](const cf::notice &) { ++alone_notices; });
  alone.on_escalation([&](const cf::escalation_notice &) { ++alone_escalations; });
  for (const auto &c : calls)
    ASSERT_TRUE(make(alone, c));
  EXPECT_EQ(book.snapshot(), alone.snapshot());
  EXPECT_EQ(journal.bytes(), alone_journal.bytes());

  auto replayed = cf::case_book::replay(journal, shanghai_policy(), national_calendar(), minhang_chart());
  ASSERT_TRUE(replayed) << replayed.error().message;
  EXPECT_EQ(replayed->snapshot(), book.snapshot());

  EXPECT_EQ(events_seen.load(), alone_events);
  EXPECT_EQ(notices_seen.load(), alone_notices);
  EXPECT_EQ(escalations_seen.load(), alone_escalations);
  EXPECT_GT(notices_seen.load(), 0);
  EXPECT_GT(escalations_seen.load(), 0);
  EXPECT_GT(reads.load(), 0);
}
