#include <caseflow/journal.hpp>

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

TEST(journal, writes_versioned_numbered_records_and_reads_them_back) {
  cf::memory_event_store store;
  cf::journal_writer writer(store);
  EXPECT_EQ(writer.append("event", {{"type", "assign"}}).value(), 1u);
  EXPECT_EQ(writer.append("notice", {{"kind", "reminder"}}).value(), 2u);
  EXPECT_EQ(store.read().value().lines.front(), R"({"data":{"type":"assign"},"seq":1,"type":"event","v":1})");

  const auto contents = cf::read_journal(store).value();
  ASSERT_EQ(contents.records.size(), 2u);
  EXPECT_EQ(contents.records[1], (cf::journal_record{2, "notice", {{"kind", "reminder"}}, 2}));
  EXPECT_EQ(contents.next_sequence(), 3u);
  EXPECT_FALSE(contents.torn);
}

TEST(journal, continues_numbering_and_skips_what_a_snapshot_covers) {
  cf::memory_event_store store;
  cf::journal_writer first(store);
  for (int i = 0; i < 5; ++i)
    ASSERT_TRUE(first.append("event", {{"i", i}}));
  const auto all = cf::read_journal(store).value();
  cf::journal_writer second(store, all.next_sequence());
  EXPECT_EQ(second.append("event", {{"i", 5}}).value(), 6u);
  const auto tail = cf::read_journal(store, 4).value();
  ASSERT_EQ(tail.records.size(), 2u);
  EXPECT_EQ(tail.records.front().sequence, 5u);
  EXPECT_EQ(tail.next_sequence(), 7u);
}

TEST(journal, torn_last_line_is_reported_with_its_line_number) {
  auto store = store_with({R"({"v":1,"seq":1,"type":"event","data":{}})"});
  store.bytes() += R"({"v":1,"seq":2,"ty)";
  const auto contents = cf::read_journal(store).value();
  EXPECT_EQ(contents.records.size(), 1u);
  ASSERT_TRUE(contents.torn);
  EXPECT_EQ(contents.torn->line_number, 2u);
}

TEST(journal, a_bad_line_in_the_middle_is_an_error_naming_it) {
  const std::string ok1 = R"({"v":1,"seq":1,"type":"event","data":{}})";
  const std::string ok3 = R"({"v":1,"seq":3,"type":"event","data":{}})";
  EXPECT_EQ(error_of(store_with({ok1, "{not json", ok3})), "<memory>:2: not a JSON record");
  EXPECT_EQ(error_of(store_with({ok1, R"({"v":1,"seq":3,"type":"event","data":{}})"})),
            "<memory>:2: sequence number 3 where 2 was expected (a line is missing, repeated or out of order)");
  EXPECT_EQ(error_of(store_with({ok1, ok1})),
            "<memory>:2: sequence number 1 where 2 was expected (a line is missing, repeated or out of order)");
  EXPECT_EQ(error_of(store_with({R"({"v":2,"seq":1,"type":"event","data":{}})"})),
            "<memory>:1: format version 2 is not supported (this build reads version 1)");
  EXPECT_EQ(error_of(store_with({R"({"seq":1,"type":"event","data":{}})"})), "<memory>:1: record has no format version 'v'");
  EXPECT_EQ(error_of(store_with({R"({"v":1,"type":"event","data":{}})"})), "<memory>:1: record has no sequence number 'seq'");
  EXPECT_EQ(error_of(store_with({R"({"v":1,"seq":1,"data":{}})"})), "<memory>:1: record has no 'type'");
  EXPECT_EQ(error_of(store_with({R"({"v":1,"seq":1,"type":"event"})"})), "<memory>:1: record has no 'data'");
  EXPECT_EQ(error_of(store_with({R"({"v":1,"seq":1,"type":"event","data":{},"x":0})"})), "<memory>:1: unknown field 'x'");
  EXPECT_EQ(error_of(store_with({"[1,2]"})), "<memory>:1: a record must be a JSON object");
}
