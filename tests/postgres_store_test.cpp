// What only the PostgreSQL store does: pages of a long journal, snapshots kept in the database, several
// nodes on one database, other nodes told of an append (LISTEN/NOTIFY), and a lost connection that is an
// error naming the server, never a crash, with the book unchanged. The contract all stores share is in
// store_contract_test.cpp.
#include <caseflow/casebook.hpp>
#include <caseflow/journal.hpp>
#include <caseflow/postgres_event_store.hpp>

#include "support/book_driver.hpp"
#include "support/postgres_server.hpp"
#include "support/several_nodes.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace cf = caseflow;
using namespace cf::testing;

namespace {

// A journal of its own for the test: tables under a fresh prefix, dropped when it ends.
class postgres_store : public ::testing::Test {
protected:
  void SetUp() override {
    CASEFLOW_REQUIRE_POSTGRES();
    server = *postgres_uri();
    prefix = fresh_prefix("pg");
    uri = with_prefix(server, prefix);
  }
  void TearDown() override {
    if (!prefix.empty()) drop_tables(server, prefix);
  }
  cf::postgres_event_store open() {
    auto s = cf::postgres_event_store::open(uri);
    if (!s) throw std::runtime_error(s.error().message);
    return std::move(*s);
  }
  std::string server, prefix, uri;
};

} // namespace

TEST_F(postgres_store, reads_a_long_journal_in_pages_and_from_any_unit) {
  auto store = open();
  cf::journal_writer writer(store);
  constexpr int units = 2600; // more than two pages
  for (int i = 0; i < units; ++i)
    ASSERT_TRUE(writer.append("event", {{"i", i}}));
  const auto all = store.read().value();
  ASSERT_EQ(all.lines.size(), static_cast<std::size_t>(units));
  const auto run = store.read_from(1000, 1500).value();
  EXPECT_EQ(run.first_line, 1000u);
  ASSERT_EQ(run.lines.size(), 1500u);
  EXPECT_EQ(run.lines.front(), all.lines[999]);
  EXPECT_EQ(run.lines.back(), all.lines[2498]);
  EXPECT_TRUE(store.read_from(units + 1).value().lines.empty());
  const auto verdict = cf::verify_journal(store);
  ASSERT_TRUE(verdict) << verdict.error().message;
  EXPECT_EQ(verdict->units, static_cast<std::uint64_t>(units));
  const auto tail = cf::read_journal(store, 2000).value();
  ASSERT_EQ(tail.records.size(), static_cast<std::size_t>(units - 2000));
  EXPECT_EQ(tail.records.front().data.at("i"), 2000);
  EXPECT_EQ(tail.head, writer.head());
}

TEST_F(postgres_store, keeps_snapshots_and_a_start_resumes_from_the_latest) {
  {
    auto store = open();
    EXPECT_FALSE(store.latest_snapshot().value());
    cf::case_book book(shanghai_policy(), national_calendar());
    book.attach_journal(store);
    must(book.open(sample_info()));
    must(book.apply(id_0581, cf::events::register_case(office(), at(2024, 3, 1))));
    ASSERT_TRUE(store.save_snapshot(book.last_sequence(), book.snapshot()));
    ASSERT_TRUE(store.save_snapshot(book.last_sequence(), book.snapshot())) << "kept again for the same unit";
    must(book.apply(id_0581, cf::events::assign(office(), at(2024, 3, 4), {{"minhang", cf::assignment_role::lead}})));
    const auto kept = store.latest_snapshot().value();
    ASSERT_TRUE(kept);
    EXPECT_EQ(kept->sequence, 2u);
    auto resumed = cf::case_book::resume(kept->text, store, shanghai_policy());
    ASSERT_TRUE(resumed) << resumed.error().message;
    EXPECT_EQ(resumed->snapshot(), book.snapshot());
  }
  auto again = open();
  EXPECT_EQ(again.size().value(), 3u) << "opened again: the schema is there and nothing is lost";
}

TEST_F(postgres_store, a_newer_schema_is_refused_by_name) {
  { auto store = open(); }
  {
    pqxx::connection c(server);
    pqxx::work w(c);
    w.exec0("UPDATE " + prefix + "_meta SET value = '99' WHERE key = 'schema_version'");
    w.commit();
  }
  auto refused = cf::postgres_event_store::open(uri);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, cf::errc::parse_error);
  EXPECT_NE(refused.error().message.find("schema version 99 is newer than this build reads (1)"), std::string::npos)
      << refused.error().message;
}

TEST_F(postgres_store, several_nodes_share_one_database) {
  run_several_nodes([&] { return std::make_unique<cf::postgres_event_store>(open()); }, 3, 40);
}

// Node B waits for appends on its own connection and catches up when told; it sees node A's event
// within the wait, not after a polling interval.
TEST_F(postgres_store, another_node_is_told_of_an_append_and_catches_up) {
  auto a_store = open();
  auto b_store = open();
  cf::case_book a(shanghai_policy(), national_calendar());
  a.attach_journal(a_store);
  must(a.open(sample_info()));
  cf::case_book b(shanghai_policy(), national_calendar());
  b.attach_journal(b_store);
  ASSERT_TRUE(b.catch_up());
  // Listening starts with the first wait: nothing is pending yet.
  EXPECT_FALSE(b_store.wait_for_append(std::chrono::milliseconds(10)).value());

  std::atomic<bool> caught{false};
  std::thread follower([&] {
    for (int i = 0; i < 50 && !caught; ++i) {
      auto told = b_store.wait_for_append(std::chrono::milliseconds(100));
      ASSERT_TRUE(told) << told.error().message;
      if (*told) {
        ASSERT_TRUE(b.catch_up());
        caught = b.find(id_0581)->state == cf::case_state::registered;
      }
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  const auto sent = std::chrono::steady_clock::now();
  must(a.apply(id_0581, cf::events::register_case(office(), at(2024, 3, 1))));
  follower.join();
  const auto took = std::chrono::steady_clock::now() - sent;
  EXPECT_TRUE(caught) << "node B never saw the registration";
  EXPECT_LT(took, std::chrono::seconds(2));
  EXPECT_EQ(a.snapshot(), b.snapshot());
}

// A connection the server ends (as a network failure would): the write is an error naming the server,
// nothing is acknowledged or applied, and the next write connects again.
TEST_F(postgres_store, a_lost_connection_is_an_error_naming_the_server_and_the_book_stays_whole) {
  auto store = open();
  cf::case_book book(shanghai_policy(), national_calendar());
  book.attach_journal(store);
  must(book.open(sample_info()));
  must(book.apply(id_0581, cf::events::register_case(office(), at(2024, 3, 1))));
  const auto before = book.snapshot();
  ASSERT_GE(terminate_sessions(server, prefix), 1);

  const auto assign = cf::events::assign(office(), at(2024, 3, 4), {{"minhang", cf::assignment_role::lead}});
  auto lost = book.apply(id_0581, assign);
  ASSERT_FALSE(lost);
  EXPECT_EQ(lost.error().code, cf::errc::io_error);
  EXPECT_NE(lost.error().message.find("postgresql "), std::string::npos) << lost.error().message;
  EXPECT_NE(lost.error().message.find(prefix + "_journal"), std::string::npos) << lost.error().message;
  EXPECT_EQ(book.snapshot(), before) << "a write the database did not commit changed the book";

  must(book.apply(id_0581, assign)); // connected again
  EXPECT_EQ(store.size().value(), 3u);
  auto replayed = cf::case_book::replay(store, shanghai_policy(), national_calendar());
  ASSERT_TRUE(replayed) << replayed.error().message;
  EXPECT_EQ(replayed->snapshot(), book.snapshot());
}

TEST(postgres_event_store, no_server_is_an_error_naming_it_without_the_password) {
  auto none = cf::postgres_event_store::open("postgresql://caseflow:secret@127.0.0.1:1/nowhere?connect_timeout=2");
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, cf::errc::io_error);
  EXPECT_NE(none.error().message.find("postgresql 127.0.0.1:1/nowhere"), std::string::npos) << none.error().message;
  EXPECT_EQ(none.error().message.find("secret"), std::string::npos) << none.error().message;
  EXPECT_EQ(none.error().message.find('\n'), std::string::npos) << "one line";
}

TEST(postgres_event_store, a_bad_prefix_or_connection_string_is_refused_before_connecting) {
  auto bad = cf::postgres_event_store::open("postgresql://127.0.0.1:1/x?caseflow_prefix=Robert;DROP");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, cf::errc::invalid_argument);
  EXPECT_NE(bad.error().message.find("caseflow_prefix 'Robert;DROP'"), std::string::npos) << bad.error().message;
  auto garbled = cf::postgres_event_store::open("host=127.0.0.1 port='unterminated");
  ASSERT_FALSE(garbled);
  EXPECT_EQ(garbled.error().code, cf::errc::invalid_argument);
}
