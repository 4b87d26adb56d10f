// A journal read a run of lines at a time: the file store reads only the run asked for (and where the last
// one ended, it goes on), read_journal_in_runs hands on exactly what read_journal returns, and a replay
// of a journal longer than one run gives the book that wrote it.
#include <caseflow/casebook.hpp>
#include <caseflow/event_store.hpp>
#include <caseflow/journal.hpp>

#include "support/case_driver.hpp"
#include "support/test_policy.hpp"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace cf = caseflow;
using namespace cf::testing;

namespace {

struct temp_journal {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() /
      fmt::format("caseflow_runs_{}_{}.jsonl", ::getpid(), ::testing::UnitTest::GetInstance()->random_seed() + counter++);
  ~temp_journal() { std::filesystem::remove(path); }
  static inline int counter = 0;
};

// What the store's whole read says of the run [first, first + max): the reference read_from is checked on.
cf::store_contents expected_run(const cf::store_contents &all, std::uint64_t first, std::uint64_t max) {
  cf::store_contents out;
  out.first_line = std::max<std::uint64_t>(first, 1);
  for (std::uint64_t l = out.first_line; l - out.first_line < max && l <= all.lines.size(); ++l)
    out.lines.push_back(all.lines[l - 1]);
  const std::uint64_t left = all.lines.size() - std::min<std::uint64_t>(out.first_line - 1, all.lines.size());
  if (left <= max) out.torn = all.torn; // the run reaches the end
  return out;
}

void expect_same(const cf::store_contents &got, const cf::store_contents &want, const std::string &what) {
  EXPECT_EQ(got.first_line, want.first_line) << what;
  EXPECT_EQ(got.lines, want.lines) << what;
  EXPECT_EQ(got.torn, want.torn) << what;
}

// A book of `items` items on `store`, each registered, assigned and acknowledged, ticked every few days.
void write_book(cf::case_book &book, std::size_t items) {
  cf::date day(2024, 3, 1);
  for (std::size_t i = 0; i < items; ++i) {
    const auto info = sample_info(fmt::format("{:05}", i));
    ASSERT_TRUE(book.open(info));
    ASSERT_TRUE(book.apply(info.id, cf::events::register_case(office(), cf::timestamp(day, boost::posix_time::hours(9)))));
    if (i % 3 == 0) {
      ASSERT_TRUE(book.apply(info.id, cf::events::assign(office(), cf::timestamp(day, boost::posix_time::hours(10)),
                                                         {{"minhang", cf::assignment_role::lead}})));
      ASSERT_TRUE(
          book.apply(info.id, cf::events::acknowledge(unit("minhang"), cf::timestamp(day, boost::posix_time::hours(11)))));
    }
    if (i % 500 == 499) {
      ASSERT_TRUE(book.tick(day));
      day += boost::gregorian::days(1);
    }
  }
}

// The same, into a fresh file journal at `path`, read read-only afterwards.
void write_journal(const std::filesystem::path &path, std::size_t items) {
  auto store = cf::file_event_store::open(path).value();
  cf::case_book book(shanghai_policy(), national_calendar());
  book.attach_journal(store);
  write_book(book, items);
}

} // namespace

TEST(journal_runs, the_file_store_reads_the_run_asked_for_whatever_came_before) {
  temp_journal t;
  {
    std::ofstream out(t.path, std::ios::binary);
    for (int i = 1; i <= 40; ++i)
      out << "line " << i << std::string(static_cast<std::size_t>(i * 37 % 5000), 'x') << '\n';
    out << "torn tail";
  }
  auto store = cf::file_event_store::open(t.path, {cf::flush_policy::every_event, false, 1, true}).value();
  const auto all = store.read().value();
  ASSERT_EQ(all.lines.size(), 40U);
  ASSERT_TRUE(all.torn);
  // Runs in every order: forwards (the last run's end taken up), backwards, past the end, overlapping.
  for (const auto &[first, max] : std::vector<std::pair<std::uint64_t, std::uint64_t>>{
           {1, 7}, {8, 7}, {15, 30}, {3, 2}, {0, 1}, {40, 1}, {41, 5}, {50, 5}, {1, UINT64_MAX}, {39, 2}, {38, 3}, {38, 2}}) {
    auto got = store.read_from(first, max);
    ASSERT_TRUE(got) << got.error().message;
    expect_same(*got, expected_run(all, first, max), fmt::format("read_from({}, {})", first, max));
  }
}

TEST(journal_runs, the_file_store_reads_what_is_buffered_and_what_was_appended_since) {
  temp_journal t;
  auto store = cf::file_event_store::open(t.path, {cf::flush_policy::batched, false, 64, false}).value();
  for (int i = 1; i <= 10; ++i)
    ASSERT_TRUE(store.append(fmt::format("{{\"n\":{}}}", i)));
  ASSERT_TRUE(store.flush());
  for (int i = 11; i <= 15; ++i)
    ASSERT_TRUE(store.append(fmt::format("{{\"n\":{}}}", i))); // still in the buffer
  const auto all = store.read().value();
  ASSERT_EQ(all.lines.size(), 15U);
  expect_same(store.read_from(1, 12).value(), expected_run(all, 1, 12), "into the buffer");
  expect_same(store.read_from(13, 10).value(), expected_run(all, 13, 10), "the buffer's end");
  ASSERT_TRUE(store.flush());
  ASSERT_TRUE(store.append("{\"n\":16}"));
  ASSERT_TRUE(store.flush());
  const auto more = store.read().value();
  expect_same(store.read_from(13, 10).value(), expected_run(more, 13, 10), "after the buffer was written");
}

TEST(journal_runs, read_in_runs_hands_on_what_read_journal_returns) {
  temp_journal t;
  write_journal(t.path, 300);
  const auto store = cf::file_event_store::open(t.path, {cf::flush_policy::every_event, false, 1, true}).value();
  for (const std::uint64_t after : {0, 1, 57, 400}) {
    const auto whole = cf::read_journal(store, after).value();
    for (const std::size_t run : {1, 7, 100, 100'000}) {
      std::vector<cf::journal_record> handed;
      std::size_t pieces = 0;
      auto read = cf::read_journal_in_runs(store, after, run, [&](std::vector<cf::journal_record> &records) -> cf::status<> {
        ++pieces;
        EXPECT_TRUE(records.back().ends_unit) << "a piece ends with a whole unit";
        handed.insert(handed.end(), records.begin(), records.end());
        return cf::ok;
      });
      ASSERT_TRUE(read) << read.error().message;
      const std::string what = fmt::format("after {} in runs of {}", after, run);
      EXPECT_EQ(handed.size(), whole.records.size()) << what;
      EXPECT_TRUE(std::equal(handed.begin(), handed.end(), whole.records.begin(), whole.records.end(),
                             [](const cf::journal_record &a, const cf::journal_record &b) {
                               return a.type == b.type && a.data == b.data && a.line == b.line && a.sequence == b.sequence;
                             }))
          << what;
      EXPECT_TRUE(read->records.empty()) << what;
      EXPECT_EQ(read->last_sequence, whole.last_sequence) << what;
      EXPECT_EQ(read->head, whole.head) << what;
      if (run == 7 && after == 0) {
        EXPECT_GT(pieces, 10U);
      }
    }
  }
}

TEST(journal_runs, a_broken_link_at_a_run_boundary_is_found) {
  temp_journal t;
  write_journal(t.path, 30);
  // Line 8 goes: line 9, the first of the second run of 8, no longer links to the line before it.
  std::vector<std::string> lines;
  {
    std::ifstream in(t.path);
    for (std::string l; std::getline(in, l);)
      lines.push_back(l);
  }
  lines.erase(lines.begin() + 7);
  {
    std::ofstream out(t.path, std::ios::trunc);
    for (const auto &l : lines)
      out << l << '\n';
  }
  const auto store = cf::file_event_store::open(t.path, {cf::flush_policy::every_event, false, 1, true}).value();
  auto read = cf::read_journal_in_runs(store, 0, 8, [](std::vector<cf::journal_record> &) -> cf::status<> { return cf::ok; });
  ASSERT_FALSE(read);
  EXPECT_NE(read.error().message.find(":8: sequence number 9 where 8 was expected"), std::string::npos) << read.error().message;
}

TEST(journal_runs, a_journal_longer_than_a_run_replays_and_resumes_to_the_book_that_wrote_it) {
  temp_journal t;
  std::string live;
  std::string middle;
  {
    auto store = cf::file_event_store::open(t.path).value();
    cf::case_book book(shanghai_policy(), national_calendar());
    book.attach_journal(store);
    write_book(book, 10'000); // about 23,000 lines: two runs of a replay
    middle = book.snapshot();
    write_book(book, 0);
    const auto more = sample_info("99999");
    ASSERT_TRUE(book.open(more));
    live = book.snapshot();
  }
  const auto store = cf::file_event_store::open(t.path, {cf::flush_policy::every_event, false, 1, true}).value();
  ASSERT_GT(store.size().value(), 16'384U * 1.3);
  std::size_t last_done = 0;
  bool forwards = true;
  auto replayed = cf::case_book::replay(store, shanghai_policy(), national_calendar(), cf::category_list::defaults(), false,
                                        [&](std::size_t done, std::size_t total) {
                                          forwards = forwards && done >= last_done && done <= total;
                                          last_done = done;
                                        });
  ASSERT_TRUE(replayed) << replayed.error().message;
  EXPECT_EQ(replayed->snapshot(), live);
  EXPECT_TRUE(forwards) << "progress only goes forwards";
  EXPECT_GT(last_done, 16'384U);
  auto resumed = cf::case_book::resume(middle, store, shanghai_policy());
  ASSERT_TRUE(resumed) << resumed.error().message;
  EXPECT_EQ(resumed->snapshot(), live);
}
