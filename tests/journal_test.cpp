#include <caseflow/journal.hpp>
#include <caseflow/limits.hpp>

#include "support/journal_tools.hpp"

#include <gtest/gtest.h>

namespace cf = caseflow;

namespace {

cf::memory_event_store store_with(std::initializer_list<std::string_view> lines) {
  cf::memory_event_store store;
  for (auto line : lines)
    store.bytes().append(line).push_back('\n');
  return store;
}

std::string error_of(const cf::event_store &store) {
  auto r = cf::read_journal(store);
  return r ? "(read)" : r.error().message;
}

} // namespace

TEST(journal, writes_units_of_records_with_a_hash_chain_and_reads_them_back) {
  cf::memory_event_store store;
  cf::journal_writer writer(store);
  const cf::journal_entry tick[] = {{"tick", {{"date", "2024-04-12"}}}, {"notice", {{"kind", "reminder"}}}};
  EXPECT_EQ(writer.append("event", {{"type", "assign"}}).value(), 1u);
  EXPECT_EQ(writer.append_unit(tick).value(), 2u);
  const auto lines = store.read().value().lines;
  ASSERT_EQ(lines.size(), 2u) << "one line a unit";
  const std::string prefix = R"({"v":2,"seq":1,"prev":"","records":[{"data":{"type":"assign"},"type":"event"}])";
  EXPECT_EQ(lines[0], prefix + R"(,"hash":"sm3:)" + cf::digest_hex(cf::hash_algorithm::sm3, prefix).value() + "\"}");
  EXPECT_EQ(writer.head(),
            "sm3:" + cf::digest_hex(cf::hash_algorithm::sm3, lines[1].substr(0, lines[1].rfind(",\"hash\""))).value());
  EXPECT_NE(lines[1].find(R"("prev":")" + lines[0].substr(lines[0].rfind("sm3:"), 68) + "\""), std::string::npos)
      << "the second unit names the first one's hash";

  const auto contents = cf::read_journal(store).value();
  ASSERT_EQ(contents.records.size(), 3u);
  EXPECT_EQ(contents.records[0].sequence, 1u);
  EXPECT_TRUE(contents.records[0].ends_unit);
  EXPECT_EQ(contents.records[1].type, "tick");
  EXPECT_FALSE(contents.records[1].ends_unit);
  EXPECT_EQ(contents.records[2].sequence, 2u);
  EXPECT_EQ(contents.records[2].line, 2u);
  EXPECT_TRUE(contents.records[2].ends_unit);
  EXPECT_EQ(contents.next_sequence(), 3u);
  EXPECT_EQ(contents.head, writer.head());
  EXPECT_FALSE(contents.torn);
  const auto verdict = cf::verify_journal(store).value();
  EXPECT_EQ(verdict.units, 2u);
  EXPECT_EQ(verdict.chained, 2u);
  EXPECT_EQ(verdict.head, writer.head());
}

TEST(journal, sha256_can_be_chosen_and_the_digests_are_the_standard_ones) {
  EXPECT_EQ(cf::digest_hex(cf::hash_algorithm::sm3, "abc").value(),
            "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"); // GB/T 32905-2016, A.1
  EXPECT_EQ(cf::digest_hex(cf::hash_algorithm::sha256, "abc").value(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"); // FIPS 180-4
  cf::memory_event_store store;
  cf::journal_writer writer(store, 1, {}, cf::hash_algorithm::sha256);
  ASSERT_TRUE(writer.append("event", {{"i", 1}}));
  EXPECT_TRUE(writer.head().starts_with("sha256:"));
  EXPECT_EQ(cf::verify_journal(store).value().head, writer.head());
  EXPECT_FALSE(cf::parse_hash_algorithm("md5"));
}

TEST(journal, continues_numbering_and_the_chain_and_skips_what_a_snapshot_covers) {
  cf::memory_event_store store;
  cf::journal_writer first(store);
  for (int i = 0; i < 5; ++i)
    ASSERT_TRUE(first.append("event", {{"i", i}}));
  const auto all = cf::read_journal(store).value();
  cf::journal_writer second(store, all.next_sequence(), all.head);
  EXPECT_EQ(second.append("event", {{"i", 5}}).value(), 6u);
  const auto tail = cf::read_journal(store, 4).value();
  ASSERT_EQ(tail.records.size(), 2u);
  EXPECT_EQ(tail.records.front().sequence, 5u);
  EXPECT_EQ(tail.next_sequence(), 7u);
  EXPECT_TRUE(cf::verify_journal(store));
}

TEST(journal, a_writer_behind_the_store_gets_a_conflict_and_writes_nothing) {
  cf::memory_event_store store;
  cf::journal_writer a(store), b(store);
  ASSERT_TRUE(a.append("event", {{"by", "a"}}));
  const std::string before = store.bytes();
  auto lost = b.append("event", {{"by", "b"}});
  ASSERT_FALSE(lost);
  EXPECT_EQ(lost.error().code, cf::errc::conflict);
  EXPECT_EQ(lost.error().message,
            "<memory>: the journal holds 1 units, but the writer expected 0: another writer appended first");
  EXPECT_EQ(store.bytes(), before);
  EXPECT_EQ(b.next_sequence(), 1u) << "nothing counted";
}

TEST(journal, torn_last_unit_is_reported_with_its_line_number) {
  cf::memory_event_store store;
  cf::journal_writer writer(store);
  ASSERT_TRUE(writer.append("event", {}));
  store.bytes() += R"({"v":2,"seq":2,"prev":"sm3:)";
  const auto contents = cf::read_journal(store).value();
  EXPECT_EQ(contents.records.size(), 1u);
  ASSERT_TRUE(contents.torn);
  EXPECT_EQ(contents.torn->line_number, 2u);
  auto v = cf::verify_journal(store);
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().message, "<memory>:2: the last line is torn (a write was cut short); casectl repair cuts it");
}

TEST(journal, an_edited_removed_or_reordered_line_breaks_the_chain_and_is_named) {
  cf::memory_event_store store;
  cf::journal_writer writer(store);
  for (const char *title : {"甲", "乙", "丙", "丁"})
    ASSERT_TRUE(writer.append("open", {{"title", title}}));
  const auto lines = store.read().value().lines;
  const auto joined = [](std::vector<std::string> ls) {
    std::string out;
    for (const auto &l : ls)
      out += l + "\n";
    return out;
  };
  cf::memory_event_store edited;
  auto changed = lines;
  changed[1].replace(changed[1].find("乙"), std::string("乙").size(), "戊");
  edited.bytes() = joined(changed);
  EXPECT_EQ(error_of(edited), "<memory>:2: the hash chain breaks here: the line does not match its hash (was it edited?)");

  cf::memory_event_store removed;
  removed.bytes() = joined({lines[0], lines[2], lines[3]});
  EXPECT_EQ(error_of(removed),
            "<memory>:2: sequence number 3 where 2 was expected (a line is missing, repeated or out of order)");

  // Renumbered to hide the gap: the link names the unit that is gone.
  auto renumbered = cf::testing::rechained(store);
  auto relinked = renumbered.read().value().lines;
  cf::memory_event_store spliced;
  spliced.bytes() = joined({relinked[0], lines[2]});
  EXPECT_NE(error_of(spliced).find("<memory>:2:"), std::string::npos);
  EXPECT_EQ(cf::read_journal(renumbered).value().head, cf::read_journal(store).value().head)
      << "the same records give the same chain";
}

TEST(journal, format_1_lines_are_still_read_and_may_be_continued) {
  auto store = store_with({R"({"v":1,"seq":1,"type":"event","data":{}})", R"({"data":{},"seq":2,"type":"notice","v":1})"});
  auto contents = cf::read_journal(store).value();
  ASSERT_EQ(contents.records.size(), 2u);
  EXPECT_EQ(contents.records[1].version, 1);
  EXPECT_EQ(contents.head, "");
  cf::journal_writer writer(store, contents.next_sequence(), contents.head);
  ASSERT_TRUE(writer.append("event", {{"i", 3}}));
  const auto verdict = cf::verify_journal(store).value();
  EXPECT_EQ(verdict.units, 3u);
  EXPECT_EQ(verdict.chained, 1u);
  store.bytes() += R"({"v":1,"seq":4,"type":"event","data":{}})"
                   "\n";
  EXPECT_EQ(error_of(store), "<memory>:4: a format-1 line after format-2 units (was it inserted?)");
}

TEST(journal, a_bad_line_in_the_middle_is_an_error_naming_it) {
  const std::string ok1 = R"({"v":1,"seq":1,"type":"event","data":{}})";
  const std::string ok3 = R"({"v":1,"seq":3,"type":"event","data":{}})";
  EXPECT_EQ(error_of(store_with({ok1, "{not json", ok3})), "<memory>:2: not a JSON record");
  EXPECT_EQ(error_of(store_with({ok1, R"({"v":1,"seq":3,"type":"event","data":{}})"})),
            "<memory>:2: sequence number 3 where 2 was expected (a line is missing, repeated or out of order)");
  EXPECT_EQ(error_of(store_with({ok1, ok1})),
            "<memory>:2: sequence number 1 where 2 was expected (a line is missing, repeated or out of order)");
  EXPECT_EQ(error_of(store_with({R"({"v":3,"seq":1,"type":"event","data":{}})"})),
            "<memory>:1: format version 3 is not supported (this build reads versions 1 and 2)");
  EXPECT_EQ(error_of(store_with({R"({"v":4294967297,"seq":1,"type":"event","data":{}})"})),
            "<memory>:1: format version 4294967297 is not supported (this build reads versions 1 and 2)")
      << "a version is not cut to 32 bits";
  EXPECT_EQ(error_of(store_with({R"({"v":-1,"seq":1,"type":"event","data":{}})"})),
            "<memory>:1: format version -1 is not supported (this build reads versions 1 and 2)");
  EXPECT_EQ(error_of(store_with({R"({"seq":1,"type":"event","data":{}})"})), "<memory>:1: record has no format version 'v'");
  EXPECT_EQ(error_of(store_with({R"({"v":1,"type":"event","data":{}})"})), "<memory>:1: record has no sequence number 'seq'");
  EXPECT_EQ(error_of(store_with({R"({"v":1,"seq":1,"data":{}})"})), "<memory>:1: record has no 'type'");
  EXPECT_EQ(error_of(store_with({R"({"v":1,"seq":1,"type":"event"})"})), "<memory>:1: record has no 'data'");
  EXPECT_EQ(error_of(store_with({R"({"v":1,"seq":1,"type":"event","data":{},"x":0})"})), "<memory>:1: unknown field 'x'");
  EXPECT_EQ(error_of(store_with({"[1,2]"})), "<memory>:1: a record must be a JSON object");
  EXPECT_EQ(error_of(store_with({R"({"v":2,"seq":1,"prev":"","records":[],"hash":"sm3:00"})"})),
            "<memory>:1: unit has no 'records'");
  EXPECT_EQ(error_of(store_with({R"({"v":2,"seq":1,"records":[{"type":"t","data":1}],"hash":"sm3:00"})"})),
            "<memory>:1: unit has no chain link 'prev'");
  EXPECT_EQ(error_of(store_with({R"({"v":2,"seq":1,"prev":"","records":[{"type":"t","data":1}],"hash":"md5:00"})"})),
            "<memory>:1: hash 'md5:00' does not name its algorithm (sm3: or sha256:)");
}

TEST(journal, text_that_is_not_utf8_is_refused_and_nothing_is_written) {
  cf::memory_event_store store;
  cf::journal_writer writer(store);
  auto r = writer.append("open", {{"title", std::string("\xff\xfe")}});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, cf::errc::invalid_argument);
  EXPECT_EQ(r.error().message, "<memory>: a record holds text that is not valid UTF-8; nothing was written");
  EXPECT_TRUE(store.bytes().empty());
}

// A tick's unit at provincial scale is megabytes; one longer than a reader takes is refused before it is
// written: the journal always reads back.
TEST(journal, a_unit_of_megabytes_reads_back_and_one_longer_than_a_journal_line_is_refused) {
  cf::memory_event_store store;
  cf::journal_writer w(store);
  ASSERT_TRUE(w.append("event", {{"by", "a"}}));
  // A unit of some megabytes (a provincial tick's notices) is written and read back.
  std::vector<cf::journal_entry> many;
  for (std::size_t i = 0; i < 150'000; ++i)
    many.push_back({"notice", {{"n", i}, {"pad", "xxxxxxxxxxxxxxxx"}}});
  ASSERT_TRUE(w.append_unit(many));
  auto back = cf::read_journal(store);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->records.size(), 1 + many.size());
  ASSERT_GT(store.bytes().size(), cf::limits::line_bytes);
  // One longer than a journal line may be is refused.
  const std::string before_long = store.bytes();
  auto refused = w.append("event", {{"pad", std::string(cf::limits::journal_line_bytes, 'x')}});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, cf::errc::invalid_argument);
  EXPECT_NE(refused.error().message.find("more than limits::journal_line_bytes (268435456) lets a journal read back; nothing "
                                         "was written"),
            std::string::npos)
      << refused.error().message;
  EXPECT_EQ(store.bytes(), before_long);
  EXPECT_EQ(w.next_sequence(), 3u) << "nothing counted";
  ASSERT_TRUE(w.append("event", {{"by", "b"}})) << "the writer goes on";
  EXPECT_TRUE(cf::read_journal(store)) << "and the journal reads back";
}
