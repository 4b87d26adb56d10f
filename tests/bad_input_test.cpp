// The bad inputs the hardening sweep found, each refused with a message that names it, and nothing
// changed: text that is not UTF-8, a 10 MB title, a NUL in a title, a record nested 100,000 deep.
#include <caseflow/casebook.hpp>
#include <caseflow/event_json.hpp>
#include <caseflow/journal.hpp>
#include <caseflow/limits.hpp>
#include <caseflow/org.hpp>
#include <caseflow/policy_json.hpp>
#ifdef CASEFLOW_TEST_WITH_SQLITE
#include <caseflow/sqlite_event_store.hpp>
#endif

#include "support/book_driver.hpp"
#include "support/test_policy.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace cf = caseflow;
using namespace cf::testing;

namespace {

// A book with a journal in memory, one item open; what a refused change must leave as it was.
struct journaled_book {
  cf::memory_event_store store;
  cf::case_book book{shanghai_policy(), national_calendar()};
  journaled_book() {
    book.attach_journal(store);
    must(book.open(sample_info()));
  }
};

// A journal line holding a 100,000-deep array where a record's data would be.
std::string deep_line(std::uint64_t seq) {
  return fmt::format(R"({{"v":2,"seq":{},"prev":"","records":[{{"type":"event","data":{}{}}}],"hash":"sm3:00"}})", seq,
                     std::string(100000, '['), std::string(100000, ']'));
}

std::filesystem::path scratch_file(const std::string &name) {
  const auto dir = std::filesystem::temp_directory_path() / "caseflow_bad_input_test";
  std::filesystem::create_directories(dir);
  const auto path = dir / name;
  std::filesystem::remove(path);
  return path;
}

} // namespace

TEST(bad_input, a_title_that_is_not_utf8_is_refused_at_open_naming_the_field_and_nothing_is_written) {
  journaled_book b;
  const std::string before = b.store.bytes();
  cf::case_info info = sample_info("0600");
  info.title = "\xB9\xD8\xD3\xDA"; // GBK, not UTF-8
  cf::status<cf::rejection> opened = cf::ok;
  EXPECT_NO_THROW(opened = b.book.open(info));
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, cf::errc::invalid_argument);
  EXPECT_EQ(opened.error().message, "case 16-2/0600: field 'title': is not valid UTF-8 (byte 0)");
  EXPECT_EQ(b.store.bytes(), before);
  EXPECT_EQ(b.book.size(), 1U);
}

TEST(bad_input, a_ten_megabyte_title_and_a_nul_in_a_title_are_refused) {
  journaled_book b;
  const std::string before = b.store.bytes();
  cf::case_info big = sample_info("0601");
  big.title = std::string(10 * 1024 * 1024, 'x');
  auto r = b.book.open(big);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "case 16-2/0601: field 'title': is 10485760 bytes, more than limits::title_bytes (1024)");
  cf::case_info nul = sample_info("0602");
  nul.title = std::string("关于\0的建议", 14);
  r = b.book.open(nul);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "case 16-2/0602: field 'title': holds control character U+0000 (byte 6)");
  EXPECT_EQ(b.store.bytes(), before);
  EXPECT_EQ(b.book.size(), 1U);
}

TEST(bad_input, proposer_names_and_counts_are_checked) {
  journaled_book b;
  const std::string before = b.store.bytes();
  cf::case_info info = sample_info("0603");
  info.proposers.co_signers = {"李华", "\xFF"};
  auto r = b.book.open(info);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "case 16-2/0603: field 'proposers.co_signers/1': is not valid UTF-8 (byte 0)");
  info.proposers.co_signers.assign(cf::limits::proposers_per_item, "代表");
  r = b.book.open(info);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "case 16-2/0603: field 'proposers': 1001 proposers, more than limits::proposers_per_item (1000)");
  EXPECT_EQ(b.store.bytes(), before);
}

TEST(bad_input, an_event_text_that_is_not_utf8_is_refused_at_apply_naming_the_field) {
  journaled_book b;
  must(b.book.apply(id_0581, cf::events::register_case(office(), at(2024, 2, 16))));
  const std::string before = b.store.bytes();
  auto r = b.book.apply(id_0581, cf::events::assign(office(), at(2024, 2, 19), {{"min\xE9hang", cf::assignment_role::lead}}));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, cf::errc::invalid_argument);
  EXPECT_EQ(r.error().message, "case 16-2/0581: assign event: field 'units/0': is not valid UTF-8 (byte 3)");
  r = b.book.apply(id_0581, cf::events::register_case(cf::actor::office("sh\noffice"), at(2024, 2, 16)));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "case 16-2/0581: register_case event: field 'by': holds control character U+000A (byte 2)");
  EXPECT_EQ(b.store.bytes(), before);
}

TEST(bad_input, json_readers_refuse_bad_text_naming_where_and_the_field) {
  const auto reg = nlohmann::json::parse(R"({"case":"16-2/0581","kind":"deputy_suggestion","category":"城建交通",
      "title":"t","proposers":{"lead":"张明"}})");
  auto bad_title = reg;
  bad_title["title"] = std::string("a\x01", 2);
  auto info = cf::case_info_from_json(bad_title, "import.jsonl:3");
  ASSERT_FALSE(info);
  EXPECT_EQ(info.error().code, cf::errc::parse_error);
  EXPECT_EQ(info.error().message, "import.jsonl:3: field 'title': holds control character U+0001 (byte 1)");

  // nlohmann keeps invalid bytes in a string it was given; they must not get past the reader.
  nlohmann::json e = {{"type", "request_return"}, {"by", "unit:minhang"}, {"at", "2024-02-20"}, {"reason", "\xC3("}};
  auto event = cf::event_from_json(e, "import.jsonl:4");
  ASSERT_FALSE(event);
  EXPECT_EQ(event.error().message, "import.jsonl:4: field 'reason': is not valid UTF-8 (byte 0)");
  e["reason"] = "ok";
  e["by"] = "unit:\xC3(";
  event = cf::event_from_json(e, "import.jsonl:5");
  ASSERT_FALSE(event);
  EXPECT_EQ(event.error().message, "import.jsonl:5: field 'by': is not valid UTF-8 (byte 5)");
}

TEST(bad_input, chart_and_policy_text_and_depth_are_checked_naming_the_path) {
  // Bytes that are not UTF-8 stop the JSON parser itself; an escaped control character gets past it.
  auto c = cf::parse_org_chart("{\"format\":1,\"name\":\"\xB9\xD8\",\"nodes\":[]}", "bad-org.json");
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().code, cf::errc::parse_error);
  EXPECT_TRUE(c.error().message.starts_with("bad-org.json: not valid JSON")) << c.error().message;
  c = cf::parse_org_chart(R"({"format":1,"name":"a\u0000b","nodes":[]})", "bad-org.json");
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().message, "bad-org.json: $.name: holds control character U+0000 (byte 1)");
  const std::string deep = "{\"format\":1,\"name\":" + std::string(100000, '[') + std::string(100000, ']') + "}";
  c = cf::parse_org_chart(deep, "deep-org.json");
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().message, "deep-org.json: the chart nests arrays and objects deeper than limits::json_depth (64)");
  auto p = cf::parse_policy(deep, "deep-policy.json");
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().message, "deep-policy.json: the policy nests arrays and objects deeper than limits::json_depth (64)");
}

TEST(bad_input, a_journal_line_nested_100000_deep_is_an_error_not_a_crash) {
  auto records = cf::parse_journal_line(deep_line(2), "book.jsonl:2");
  ASSERT_FALSE(records);
  EXPECT_EQ(records.error().message, "book.jsonl:2: the line nests arrays and objects deeper than limits::json_depth (64)");
  const std::string long_line(cf::limits::journal_line_bytes + 1, ' ');
  records = cf::parse_journal_line(long_line, "book.jsonl:3");
  ASSERT_FALSE(records);
  EXPECT_EQ(records.error().message,
            "book.jsonl:3: the line is 268435457 bytes, more than limits::journal_line_bytes (268435456)");
}

TEST(bad_input, a_deep_record_in_a_file_journal_stops_replay_with_a_message_and_changes_nothing) {
  const auto path = scratch_file("deep.jsonl");
  {
    auto store = cf::file_event_store::open(path);
    ASSERT_TRUE(store) << store.error().message;
    cf::case_book book(shanghai_policy(), national_calendar());
    book.attach_journal(*store);
    must(book.open(sample_info()));
    ASSERT_TRUE(store->append(deep_line(2)));
    ASSERT_TRUE(store->flush());
  }
  const auto size = std::filesystem::file_size(path);
  auto store = cf::file_event_store::open(path);
  ASSERT_TRUE(store);
  auto book = cf::case_book::replay(*store, shanghai_policy(), national_calendar());
  ASSERT_FALSE(book);
  EXPECT_NE(book.error().message.find("deep.jsonl:2: the line nests arrays and objects deeper than limits::json_depth (64)"),
            std::string::npos)
      << book.error().message;
  EXPECT_EQ(std::filesystem::file_size(path), size);
}

#ifdef CASEFLOW_TEST_WITH_SQLITE
TEST(bad_input, a_deep_record_in_a_sqlite_journal_stops_replay_with_a_message) {
  const auto path = scratch_file("deep.db");
  auto store = cf::sqlite_event_store::open(path);
  ASSERT_TRUE(store) << store.error().message;
  {
    cf::case_book book(shanghai_policy(), national_calendar());
    book.attach_journal(*store);
    must(book.open(sample_info()));
  }
  ASSERT_TRUE(store->append(deep_line(2)));
  auto book = cf::case_book::replay(*store, shanghai_policy(), national_calendar());
  ASSERT_FALSE(book);
  EXPECT_NE(book.error().message.find(":2: the line nests arrays and objects deeper than limits::json_depth (64)"),
            std::string::npos)
      << book.error().message;
}
#endif

TEST(bad_input, escalation_and_linkage_texts_are_checked_where_they_enter) {
  cf::memory_event_store store;
  cf::case_book book(shanghai_policy(), national_calendar(), minhang_chart());
  book.attach_journal(store);
  must(book.open(sample_info()));
  must(book.apply(id_0581, cf::events::register_case(office(), at(2024, 9, 2))));
  must(book.apply(id_0581, cf::events::assign(office(), at(2024, 9, 4), {{"minhang", cf::assignment_role::lead}})));
  must(book.apply(id_0581, cf::events::acknowledge(unit("minhang"), at(2024, 9, 5))));
  const std::string before = store.bytes();
  auto r =
      book.escalate(id_0581, cf::escalation_input::resolve(cf::actor::principal_leader("sh-mayor"), day(2024, 9, 6), "\xFF"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, cf::errc::invalid_argument);
  EXPECT_EQ(r.error().message, "case 16-2/0581: escalation: field 'decision': is not valid UTF-8 (byte 0)");
  r = book.pass_down(id_0581, {"minhang", "16-2/0581-1", "meilong", std::string("a\0b", 3), day(2024, 9, 6)});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "case 16-2/0581: passing an item down: field 'task': holds control character U+0000 (byte 1)");
  r = book.answer_child("16-2/0581-1", {"meilong", day(2024, 9, 9), std::string(cf::limits::text_bytes + 1, 'x')});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "answering a child item: field 'text': is 65537 bytes, more than limits::text_bytes (65536)");
  EXPECT_EQ(store.bytes(), before);
}
