// The journal as the truth of a case book: a whole year driven through the public API replays to an
// equal book, and killing the writer at any moment loses no event `apply` had acknowledged.
#include <caseflow/casebook.hpp>
#include <caseflow/event_json.hpp>

#include "support/host_calls.hpp"
#include "support/test_policy.hpp"

#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sys/wait.h>
#include <unistd.h>

namespace cf = caseflow;
using namespace cf::testing;

namespace {} // namespace

TEST(journal_replay, a_whole_year_through_the_api_replays_to_an_equal_book) {
  const auto calls = minhang_year();
  ASSERT_GT(calls.size(), 300u);
  cf::memory_event_store journal;
  cf::case_book original(shanghai_policy(), national_calendar(), minhang_chart());
  original.attach_journal(journal);
  std::size_t notices = 0;
  original.on_notice([&](const cf::notice &) { ++notices; });
  original.on_escalation([&](const cf::escalation_notice &) { ++notices; });
  for (const auto &c : calls)
    ASSERT_TRUE(make(original, c)) << c.type << " " << c.data.dump();
  EXPECT_EQ(original.size(), 34u);
  EXPECT_GT(notices, 50u);

  auto replayed = cf::case_book::replay(journal, shanghai_policy(), national_calendar(), minhang_chart());
  ASSERT_TRUE(replayed) << replayed.error().message;
  EXPECT_EQ(replayed->snapshot(), original.snapshot());
  EXPECT_EQ(cf::read_journal(journal).value().records.size(), calls.size() + notices);
  EXPECT_EQ(original.escalation_notices_of(cf::case_id{"16-2", "0112"}).size(), 4u) << "the difficult item's climb";
}

// A child process applies the year with fsync on and reports each acknowledged call through a pipe; it is
// killed mid-stream. Replaying what it left (a torn last line allowed) must hold every acknowledged call.
TEST(journal_replay, killing_the_process_loses_no_acknowledged_event) {
  const auto calls = minhang_year();
  const auto path = std::filesystem::temp_directory_path() / ("caseflow_kill_" + std::to_string(::getpid()) + ".jsonl");
  for (const std::size_t kill_after : {std::size_t{40}, std::size_t{180}, std::size_t{330}}) {
    std::filesystem::remove(path);
    int acks[2];
    ASSERT_EQ(::pipe(acks), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      ::close(acks[0]);
      auto store = cf::file_event_store::open(path, {cf::flush_policy::every_event, true, 1});
      if (!store) ::_exit(3);
      cf::case_book book(shanghai_policy(), national_calendar(), minhang_chart());
      book.attach_journal(*store);
      for (std::uint32_t i = 0;; i = (i + 1) % static_cast<std::uint32_t>(calls.size())) {
        if (i == 0 && book.size() > 0) ::pause(); // the year is done: wait to be killed
        if (!make(book, calls[i])) ::_exit(4);
        const std::uint32_t done = i + 1;
        if (::write(acks[1], &done, sizeof done) != sizeof done) ::_exit(5);
      }
    }
    ::close(acks[1]);
    std::uint32_t acknowledged = 0, n = 0;
    while (acknowledged < kill_after && ::read(acks[0], &n, sizeof n) == sizeof n)
      acknowledged = n;
    ::kill(child, SIGKILL);
    while (::read(acks[0], &n, sizeof n) == sizeof n)
      acknowledged = n;
    ::close(acks[0]);
    int status = 0;
    ::waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the writer stopped by itself with status " << status;

    auto store = cf::file_event_store::open(path, {cf::flush_policy::every_event, false, 1, true}).value();
    auto book = cf::case_book::replay(store, shanghai_policy(), national_calendar(), minhang_chart(),
                                      cf::category_list::defaults(), true);
    ASSERT_TRUE(book) << book.error().message;
    // The book replayed holds at least the acknowledged calls: compare with a book given exactly those.
    // It writes a journal of its own, so that its snapshot names the same last record.
    cf::case_book expected(shanghai_policy(), national_calendar(), minhang_chart());
    cf::memory_event_store expected_journal;
    expected.attach_journal(expected_journal);
    std::size_t held = 0;
    const auto written = cf::read_journal(store).value();
    for (const auto &r : written.records)
      if (r.type != "notice" && r.type != "escalation_notice") ++held;
    ASSERT_GE(held, acknowledged) << "killed after " << kill_after;
    for (std::size_t i = 0; i < held; ++i)
      ASSERT_TRUE(make(expected, calls[i]));
    EXPECT_EQ(book->snapshot(), expected.snapshot());
  }
  std::filesystem::remove(path);
}

// The Minhang year as it was first written, one record a line (format 1), replays to the same book as
// the format-2 journal that `casectl upgrade` wrote from it: only the journal's own numbering differs.
TEST(journal_replay, a_format_1_journal_replays_to_the_same_book_as_its_upgrade) {
  const auto load = [](const std::filesystem::path &file) {
    cf::memory_event_store store;
    std::ifstream in(file, std::ios::binary);
    store.bytes().assign(std::istreambuf_iterator<char>(in), {});
    return store;
  };
  const auto old = load(std::filesystem::path(CASEFLOW_TEST_SOURCE_DIR) / "data/minhang-2024-format1.jsonl");
  const auto upgraded = load(std::filesystem::path(CASEFLOW_TEST_DATA_DIR) / "examples/minhang-2024.jsonl");
  // The upgrade opens with a setup record: the bundled policy, calendar (2027 provisional) and chart.
  auto b = cf::case_book::replay(upgraded);
  ASSERT_TRUE(b) << b.error().message;
  auto a = cf::case_book::replay(old, shanghai_policy(), b->calendar(), minhang_chart());
  ASSERT_TRUE(a) << a.error().message;
  ASSERT_TRUE(b) << b.error().message;
  EXPECT_EQ(cf::read_journal(old).value().records.size() + 1, cf::read_journal(upgraded).value().records.size());
  EXPECT_LT(b->last_sequence(), a->last_sequence()) << "a tick and its notices are one unit";
  auto sa = nlohmann::json::parse(a->snapshot()), sb = nlohmann::json::parse(b->snapshot());
  for (auto *s : {&sa, &sb}) {
    s->erase("sequence");
    s->erase("last_record");
  }
  EXPECT_EQ(sa, sb);
}
