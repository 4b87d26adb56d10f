// A case book restored from its snapshot, and resumed from a snapshot plus the journal's tail: the same
// book as a full replay, that goes on the same way; bad snapshots and journals are refused.
#include <caseflow/casebook.hpp>
#include <caseflow/clock_json.hpp>

#include "support/book_driver.hpp"
#include "support/journal_tools.hpp"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

namespace cf = caseflow;
using namespace cf::testing;

namespace {

// The Minhang 2024 journal in memory.
cf::memory_event_store minhang_journal() {
  cf::memory_event_store store;
  std::ifstream in(std::filesystem::path(CASEFLOW_TEST_DATA_DIR) / "examples/minhang-2024.jsonl", std::ios::binary);
  store.bytes().assign(std::istreambuf_iterator<char>(in), {});
  return store;
}

cf::case_book replay(const cf::event_store &store) {
  auto book = cf::case_book::replay(store); // with what its setup record says
  EXPECT_TRUE(book) << book.error().message;
  return std::move(*book);
}

// The first `lines` lines of a journal, as a journal of their own.
cf::memory_event_store first_lines(const cf::memory_event_store &store, std::size_t lines) {
  cf::memory_event_store out;
  const auto all = store.read().value().lines;
  for (std::size_t i = 0; i < lines; ++i)
    EXPECT_TRUE(out.append(all[i]));
  return out;
}

// A place to cut the journal between whole writes: not in front of the notices a tick or escalation wrote.
std::size_t cut_near(const cf::memory_event_store &store, std::size_t line) {
  const auto records = cf::read_journal(store).value().records;
  while (line < records.size() && (records[line].type == "notice" || records[line].type == "escalation_notice"))
    ++line;
  return line;
}

} // namespace

TEST(case_book_restore, a_snapshot_restores_the_same_book) {
  const auto journal = minhang_journal();
  const auto book = replay(journal);
  auto restored = cf::case_book::restore(book.snapshot(), shanghai_policy(), minhang_chart());
  ASSERT_TRUE(restored) << restored.error().message;
  EXPECT_EQ(restored->snapshot(), book.snapshot());
  EXPECT_EQ(restored->last_sequence(), cf::read_journal(journal).value().last_sequence);
  EXPECT_EQ(restored->size(), 34u);
  EXPECT_EQ(restored->calendar(), book.calendar());
  EXPECT_EQ(restored->calendar().last_published_year(), 2026);
}

TEST(case_book_restore, snapshot_plus_the_journal_tail_equals_a_full_replay_and_goes_on_alike) {
  const auto journal = minhang_journal();
  const auto whole = replay(journal);
  const std::size_t total = journal.read().value().lines.size();
  for (const std::size_t near : {std::size_t{1}, total / 3, total / 2, total - 1, total}) {
    const std::size_t cut = cut_near(journal, near);
    const auto head = first_lines(journal, cut);
    const std::string taken = replay(head).snapshot();
    auto resumed = cf::case_book::resume(taken, journal, shanghai_policy(), minhang_chart());
    ASSERT_TRUE(resumed) << "cut at line " << cut << ": " << resumed.error().message;
    EXPECT_EQ(resumed->snapshot(), whole.snapshot()) << "cut at line " << cut;
  }
  // After the start, both books answer and tick the same.
  auto copy = replay(journal);
  auto resumed = cf::case_book::resume(replay(first_lines(journal, cut_near(journal, total / 2))).snapshot(), journal,
                                       shanghai_policy(), minhang_chart());
  ASSERT_TRUE(resumed);
  const auto a = copy.tick(day(2025, 3, 31));
  const auto b = resumed->tick(day(2025, 3, 31));
  ASSERT_TRUE(a && b);
  EXPECT_EQ(*a, *b);
  EXPECT_EQ(copy.snapshot(), resumed->snapshot());
}

TEST(case_book_restore, a_journal_that_ends_before_the_snapshot_is_refused) {
  const auto journal = minhang_journal();
  const std::string taken = replay(journal).snapshot();
  const auto shorter = first_lines(journal, cut_near(journal, 100));
  auto resumed = cf::case_book::resume(taken, shorter, shanghai_policy(), minhang_chart());
  ASSERT_FALSE(resumed);
  EXPECT_EQ(resumed.error().code, cf::errc::conflict);
  EXPECT_NE(resumed.error().message.find("before record"), std::string::npos) << resumed.error().message;
}

TEST(case_book_restore, bad_snapshots_are_refused_naming_the_field) {
  const auto journal = minhang_journal();
  const std::string good = replay(first_lines(journal, cut_near(journal, 200))).snapshot();
  const auto refused = [](const std::string &text) {
    auto book = cf::case_book::restore(text, shanghai_policy(), minhang_chart());
    EXPECT_FALSE(book);
    return book ? std::string() : book.error().message;
  };
  EXPECT_EQ(refused("not json"), "snapshot: not a JSON object");
  auto j = nlohmann::json::parse(good);
  j["format"] = 2;
  EXPECT_EQ(refused(j.dump()), "snapshot: /format: expected 1");
  j = nlohmann::json::parse(good);
  ASSERT_FALSE(j["clocks"].empty());
  j["clocks"][0].erase("due");
  EXPECT_NE(refused(j.dump()).find("snapshot: /clocks/0: field 'due': is missing"), std::string::npos) << refused(j.dump());
  j = nlohmann::json::parse(good);
  j["clocks"][0]["points"][0]["kind"] = "nudge";
  EXPECT_NE(refused(j.dump()).find("unknown notice kind 'nudge'"), std::string::npos) << refused(j.dump());
  j = nlohmann::json::parse(good);
  j.erase("sequence");
  EXPECT_EQ(refused(j.dump()), "snapshot: /sequence: is missing");
}

TEST(clock_json, every_field_of_a_clock_survives_the_round_trip) {
  const cf::clock_key key{"16-2/0581", "minhang", cf::clock_kind::reply, 2};
  const auto policy = shanghai_policy();
  auto clock = cf::deadline_clock::start(key, policy.rule(cf::clock_kind::reply), day(2024, 3, 15), national_calendar()).value();
  ASSERT_TRUE(clock.pause(day(2024, 4, 1), national_calendar()));
  ASSERT_TRUE(clock.resume(day(2024, 4, 10), national_calendar()));
  ASSERT_TRUE(
      clock.extend({day(2024, 5, 6), cf::period(cf::months{1}), "等待规划调整"}, {day(2024, 12, 31), true}, national_calendar()));
  clock.mark_issued_through(day(2024, 6, 3));
  const auto json = cf::to_json(clock);
  auto back = cf::deadline_clock_from_json(json, "clock");
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(*back, clock);
  ASSERT_TRUE(clock.stop(day(2024, 7, 1), national_calendar()));
  EXPECT_EQ(cf::deadline_clock_from_json(cf::to_json(clock), "clock").value(), clock);
}

TEST(case_book_restore, a_snapshot_resumed_on_another_journal_is_refused) {
  const auto journal = minhang_journal();
  const auto head = first_lines(journal, cut_near(journal, 150));
  const std::string taken = replay(head).snapshot();
  // Another journal as long: the same records with one registration's title changed.
  cf::memory_event_store other;
  auto lines = journal.read().value().lines;
  const auto at = lines[1].find("关于"); // line 1 is the setup record, line 2 the first registration
  ASSERT_NE(at, std::string::npos);
  lines[1].replace(at, 6, "有关");
  auto last = cf::read_journal(head).value().records.back();
  for (const auto &line : lines)
    ASSERT_TRUE(other.append(line));
  auto resumed = cf::case_book::resume(taken, other, shanghai_policy(), minhang_chart());
  ASSERT_TRUE(resumed) << "record 2 differs, but the snapshot's own last record is the same: " << resumed.error().message;
  // Change the snapshot's last record instead: the chain catches the edit; written again with a valid
  // chain, the snapshot's fingerprint does, naming the record.
  lines = journal.read().value().lines;
  const auto data_at = lines[last.sequence - 1].find("\"data\":{") + 8;
  lines[last.sequence - 1].insert(data_at, "\"x\":1,");
  cf::memory_event_store edited;
  for (const auto &line : lines)
    ASSERT_TRUE(edited.append(line));
  resumed = cf::case_book::resume(taken, edited, shanghai_policy(), minhang_chart());
  ASSERT_FALSE(resumed);
  EXPECT_NE(resumed.error().message.find("the hash chain breaks here"), std::string::npos) << resumed.error().message;
  const auto altered = rechained(edited);
  resumed = cf::case_book::resume(taken, altered, shanghai_policy(), minhang_chart());
  ASSERT_FALSE(resumed);
  EXPECT_EQ(resumed.error().code, cf::errc::conflict);
  EXPECT_NE(resumed.error().message.find(fmt::format("record {} is not the one the snapshot was taken after", last.sequence)),
            std::string::npos)
      << resumed.error().message;
}

// The snapshot is written piece by piece and restored as it is parsed; the text is still the canonical
// dump of its tree, the same through a string or a stream.
TEST(case_book_restore, a_streamed_snapshot_is_the_canonical_text_and_restores_the_same_book) {
  // The year half-way (clocks still open) and at its end (escalations and their notices).
  const auto journal = minhang_journal();
  const auto half = first_lines(journal, cut_near(journal, 200));
  for (const char *section : {"cases", "clocks", "finished_clocks", "notices", "escalations", "escalation_notices"})
    EXPECT_TRUE(!nlohmann::json::parse(replay(half).snapshot()).at(section).empty() ||
                !nlohmann::json::parse(replay(journal).snapshot()).at(section).empty())
        << section << " is empty: the comparisons below would not cover it";
  const auto half_book = replay(half);
  EXPECT_EQ(nlohmann::json::parse(half_book.snapshot()).dump(), half_book.snapshot());
  std::istringstream half_in(half_book.snapshot());
  auto half_restored = cf::case_book::restore(half_in, shanghai_policy(), minhang_chart());
  ASSERT_TRUE(half_restored) << half_restored.error().message;
  EXPECT_EQ(half_restored->snapshot(), half_book.snapshot());

  const auto book = replay(journal);
  const std::string text = book.snapshot();
  EXPECT_EQ(nlohmann::json::parse(text).dump(), text);
  std::ostringstream out;
  ASSERT_TRUE(book.snapshot(out));
  EXPECT_EQ(out.str(), text);
  std::istringstream in(text);
  auto restored = cf::case_book::restore(in, shanghai_policy(), minhang_chart());
  ASSERT_TRUE(restored) << restored.error().message;
  EXPECT_EQ(restored->snapshot(), text);
  std::istringstream again(text);
  auto resumed = cf::case_book::resume(again, journal, shanghai_policy());
  ASSERT_TRUE(resumed) << resumed.error().message;
  EXPECT_EQ(resumed->snapshot(), text);
}

TEST(case_book_restore, a_stream_that_fails_is_an_io_error) {
  const auto book = replay(minhang_journal());
  std::ofstream closed; // never opened: every write fails
  const auto written = book.snapshot(closed);
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().code, cf::errc::io_error);
}

TEST(case_book_restore, bad_sections_read_from_a_stream_are_refused_naming_the_element) {
  const auto journal = minhang_journal();
  const std::string good = replay(journal).snapshot();
  const auto refused = [](const std::string &text) {
    std::istringstream in(text);
    auto book = cf::case_book::restore(in, shanghai_policy(), minhang_chart());
    EXPECT_FALSE(book);
    return book ? std::string() : book.error().message;
  };
  auto j = nlohmann::json::parse(good);
  j["cases"][3].erase("info");
  EXPECT_NE(refused(j.dump()).find("snapshot: /cases/3: "), std::string::npos) << refused(j.dump());
  j = nlohmann::json::parse(good);
  j["notices"].begin().value() = 7;
  EXPECT_NE(refused(j.dump()).find("is not an array"), std::string::npos) << refused(j.dump());
  j = nlohmann::json::parse(good);
  j["finished_clocks"][1] = "late";
  EXPECT_NE(refused(j.dump()).find("snapshot: /finished_clocks/1: is not a finished clock"), std::string::npos)
      << refused(j.dump());
  // A bad case and a bad format: the format is named first, as the checks run in that order.
  j = nlohmann::json::parse(good);
  j["cases"][0] = 1;
  j["format"] = 9;
  EXPECT_EQ(refused(j.dump()), "snapshot: /format: expected 1");
  std::string deep = R"({"format":1,"cases":[)";
  for (int i = 0; i < 100; ++i)
    deep += "[";
  EXPECT_NE(refused(deep).find("nests deeper than"), std::string::npos) << refused(deep);
}
