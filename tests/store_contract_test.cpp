// One contract, every store: the memory, file, SQLite and PostgreSQL event stores append, refuse a late conditional
// append, count, lock out other writers, keep a hash chain whole, and (where a write can be cut short)
// report and cut a torn unit. Written once as typed tests.
#include <caseflow/casebook.hpp>
#include <caseflow/journal.hpp>
#include <caseflow/postgres_event_store.hpp>
#include <caseflow/sqlite_event_store.hpp>

#include "support/book_driver.hpp"
#include "support/postgres_server.hpp"
#include "support/several_nodes.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace cf = caseflow;
using namespace cf::testing;

namespace {

std::filesystem::path scratch(std::string_view name) {
  return std::filesystem::temp_directory_path() / fmt::format("caseflow_store_{}_{}_{}", ::getpid(), name,
                                                              ::testing::UnitTest::GetInstance()->current_test_info()->name());
}

// How each store is made, opened a second time (another writer on the same journal), and whether its
// writes can be torn.
struct memory_kind {
  using store = cf::memory_event_store;
  static constexpr bool can_tear = true;
  std::unique_ptr<store> first = std::make_unique<store>();
  store &make() { return *first; }
  store &again() { return *first; }
};

struct file_kind {
  using store = cf::file_event_store;
  static constexpr bool can_tear = true;
  std::filesystem::path path = scratch("file");
  std::vector<std::unique_ptr<store>> opened;
  file_kind() { std::filesystem::remove(path); }
  ~file_kind() {
    opened.clear();
    std::filesystem::remove(path);
  }
  store &make() { return *opened.emplace_back(std::make_unique<store>(store::open(path).value())); }
  store &again() { return make(); }
};

struct sqlite_kind {
  using store = cf::sqlite_event_store;
  static constexpr bool can_tear = false;
  std::filesystem::path path = scratch("sqlite");
  std::vector<std::unique_ptr<store>> opened;
  sqlite_kind() { remove(); }
  ~sqlite_kind() {
    opened.clear();
    remove();
  }
  void remove() {
    for (const char *suffix : {"", "-wal", "-shm"})
      std::filesystem::remove(path.string() + suffix);
  }
  store &make() { return *opened.emplace_back(std::make_unique<store>(store::open(path).value())); }
  store &again() { return make(); }
};

// A journal of its own for each test: the tables under a fresh prefix, dropped at the end.
struct postgres_kind {
  using store = cf::postgres_event_store;
  static constexpr bool can_tear = false;
  static constexpr bool needs_server = true;
  std::string server = postgres_uri().value_or("");
  std::string prefix = fresh_prefix("contract");
  std::string uri = with_prefix(server, prefix);
  std::vector<std::unique_ptr<store>> opened;
  ~postgres_kind() {
    opened.clear();
    drop_tables(server, prefix);
  }
  store &make() {
    auto s = store::open(uri);
    if (!s) throw std::runtime_error(s.error().message);
    return *opened.emplace_back(std::make_unique<store>(std::move(*s)));
  }
  store &again() { return make(); }
};

template <class Kind> constexpr bool needs_server_v = requires { Kind::needs_server; };

template <class Kind> struct store_contract : ::testing::Test {
  std::unique_ptr<Kind> made;
  void SetUp() override {
    if constexpr (needs_server_v<Kind>) CASEFLOW_REQUIRE_POSTGRES();
    made = std::make_unique<Kind>();
  }
  Kind &kind() { return *made; }
};

using store_kinds = ::testing::Types<memory_kind, file_kind, sqlite_kind, postgres_kind>;
struct kind_names {
  template <class T> static std::string GetName(int) {
    if (std::is_same_v<T, memory_kind>) return "memory";
    if (std::is_same_v<T, file_kind>) return "file";
    if (std::is_same_v<T, postgres_kind>) return "postgres";
    return "sqlite";
  }
};
TYPED_TEST_SUITE(store_contract, store_kinds, kind_names);

} // namespace

TYPED_TEST(store_contract, appends_units_and_counts_them) {
  auto &store = this->kind().make();
  EXPECT_EQ(store.size().value(), 0u);
  ASSERT_TRUE(store.append_if("one", 0));
  ASSERT_TRUE(store.append_if("two", 1));
  ASSERT_TRUE(store.append("three"));
  EXPECT_EQ(store.size().value(), 3u);
  EXPECT_EQ(store.read().value().lines, (std::vector<std::string>{"one", "two", "three"}));
  auto bad = store.append_if("a\nb", 3);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, cf::errc::invalid_argument);
}

TYPED_TEST(store_contract, a_late_conditional_append_is_a_conflict_and_writes_nothing) {
  auto &a = this->kind().make();
  auto &b = this->kind().again();
  ASSERT_TRUE(a.append_if("from a", 0));
  auto late = b.append_if("from b", 0);
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, cf::errc::conflict);
  EXPECT_NE(late.error().message.find("another writer appended first"), std::string::npos) << late.error().message;
  EXPECT_EQ(a.read().value().lines, std::vector<std::string>{"from a"});
  ASSERT_TRUE(b.append_if("from b", 1)) << "caught up, the writer appends";
  EXPECT_EQ(a.size().value(), 2u);
}

TYPED_TEST(store_contract, the_writer_lock_holds_other_writers_off_until_released) {
  auto &a = this->kind().make();
  auto &b = this->kind().again();
  std::atomic<bool> appended{false};
  std::thread other;
  {
    auto lock = a.lock_writers();
    ASSERT_TRUE(lock);
    auto nested = a.lock_writers(); // re-entrant for the holder
    ASSERT_TRUE(nested);
    other = std::thread([&] {
      EXPECT_TRUE(b.append("from b"));
      appended = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    EXPECT_FALSE(appended) << "another writer appended while the lock was held";
    ASSERT_TRUE(a.append_if("from a", 0));
  }
  other.join();
  EXPECT_TRUE(appended);
  EXPECT_EQ(a.read().value().lines, (std::vector<std::string>{"from a", "from b"}));
}

TYPED_TEST(store_contract, keeps_the_chain_and_reads_from_a_sequence) {
  auto &store = this->kind().make();
  cf::journal_writer writer(store);
  for (int i = 0; i < 5; ++i)
    ASSERT_TRUE(writer.append("event", {{"i", i}}));
  const auto verdict = cf::verify_journal(store);
  ASSERT_TRUE(verdict) << verdict.error().message;
  EXPECT_EQ(verdict->units, 5u);
  EXPECT_EQ(verdict->head, writer.head());
  const auto tail = cf::read_journal(store, 3).value();
  ASSERT_EQ(tail.records.size(), 2u);
  EXPECT_EQ(tail.records.front().data.at("i"), 3);
}

TYPED_TEST(store_contract, a_torn_unit_is_reported_and_cut_where_a_write_can_be_cut_short) {
  auto &store = this->kind().make();
  ASSERT_TRUE(store.append_if("whole", 0));
  if constexpr (!TypeParam::can_tear) {
    EXPECT_FALSE(store.read().value().torn) << "a transaction is whole or absent";
    EXPECT_FALSE(store.truncate_torn_tail().value());
    return;
  } else {
    if constexpr (std::is_same_v<TypeParam, memory_kind>) {
      store.bytes() += "half";
    } else {
      std::FILE *f = std::fopen(this->kind().path.c_str(), "ab");
      std::fputs("half", f);
      std::fclose(f);
    }
    const auto contents = store.read().value();
    ASSERT_TRUE(contents.torn);
    EXPECT_EQ(contents.torn->line_number, 2u);
    auto refused = store.append_if("after", 1);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, cf::errc::conflict);
    EXPECT_TRUE(store.truncate_torn_tail().value());
    EXPECT_TRUE(store.append_if("after", 1));
    EXPECT_EQ(store.read().value().lines, (std::vector<std::string>{"whole", "after"}));
  }
}

TYPED_TEST(store_contract, a_book_on_it_replays_and_two_books_share_it) {
  auto &store = this->kind().make();
  cf::case_book a(shanghai_policy(), national_calendar());
  a.attach_journal(store);
  must(a.open(sample_info()));
  must(a.apply(id_0581, cf::events::register_case(office(), at(2024, 3, 1))));
  // A second book on the same journal catches up before its first write.
  auto &again = this->kind().again();
  cf::case_book b(shanghai_policy(), national_calendar());
  b.attach_journal(again);
  must(b.apply(id_0581, cf::events::assign(office(), at(2024, 3, 4), {{"minhang", cf::assignment_role::lead}})));
  ASSERT_TRUE(a.tick(day(2024, 3, 8)));
  ASSERT_TRUE(b.catch_up());
  EXPECT_EQ(a.snapshot(), b.snapshot());
  auto replayed = cf::case_book::replay(store, shanghai_policy(), national_calendar());
  ASSERT_TRUE(replayed) << replayed.error().message;
  EXPECT_EQ(replayed->snapshot(), a.snapshot());
}

// SQLite keeps snapshots beside the journal: a start reads the latest and the units after it.
TEST(sqlite_event_store, keeps_snapshots_and_a_start_resumes_from_the_latest) {
  const auto path = scratch("sqlite_snapshots");
  for (const char *suffix : {"", "-wal", "-shm"})
    std::filesystem::remove(path.string() + suffix);
  {
    auto store = cf::sqlite_event_store::open(path).value();
    EXPECT_FALSE(store.latest_snapshot().value());
    cf::case_book book(shanghai_policy(), national_calendar());
    book.attach_journal(store);
    must(book.open(sample_info()));
    must(book.apply(id_0581, cf::events::register_case(office(), at(2024, 3, 1))));
    ASSERT_TRUE(store.save_snapshot(book.last_sequence(), book.snapshot()));
    must(book.apply(id_0581, cf::events::assign(office(), at(2024, 3, 4), {{"minhang", cf::assignment_role::lead}})));
    const auto kept = store.latest_snapshot().value();
    ASSERT_TRUE(kept);
    EXPECT_EQ(kept->sequence, 2u);
    auto resumed = cf::case_book::resume(kept->text, store, shanghai_policy());
    ASSERT_TRUE(resumed) << resumed.error().message;
    EXPECT_EQ(resumed->snapshot(), book.snapshot());
  }
  // Opened again: the schema is there, at its version, and nothing is lost.
  auto again = cf::sqlite_event_store::open(path);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->size().value(), 3u);
  for (const char *suffix : {"", "-wal", "-shm"})
    std::filesystem::remove(path.string() + suffix);
}

// Two processes, each its own book on one SQLite file, writing to their own items and to one shared
// item and ticking: nothing lost or doubled, and both books end equal.
TEST(sqlite_event_store, two_processes_share_one_database) {
  const auto path = scratch("sqlite_nodes");
  const auto remove = [&] {
    for (const char *suffix : {"", "-wal", "-shm"})
      std::filesystem::remove(path.string() + suffix);
  };
  remove();
  run_several_nodes([&] { return std::make_unique<cf::sqlite_event_store>(cf::sqlite_event_store::open(path).value()); });
  remove();
}
