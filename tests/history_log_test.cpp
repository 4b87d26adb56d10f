// The compact history reads back every field of every kind of event exactly as it was appended, keeps
// each distinct text once, and compares by content.
#include <caseflow/workflow.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

namespace cf = caseflow;
namespace ev = cf::events;

namespace {

cf::timestamp at(unsigned short y, unsigned short m, unsigned short d) {
  return {cf::date(y, m, d), boost::posix_time::hours(9)};
}

// One event of each shape the history must carry, with texts that repeat and texts that do not.
std::vector<cf::history_entry> every_shape() {
  using cf::assignment_role;
  return {
      {ev::register_case(cf::actor::office("minhang-office"), at(2024, 3, 1)), cf::case_state::registered},
      {ev::assign(cf::actor::office("minhang-office"), at(2024, 3, 15),
                  {{"unit-001", assignment_role::lead},
                   {"unit-002", assignment_role::co_handler},
                   {"单位三", assignment_role::co_handler}}),
       cf::case_state::handling},
      {ev::request_return(cf::actor::unit("unit-002"), at(2024, 3, 18), "不属于本单位职责范围，建议改由区住房保障局办理"),
       cf::case_state::handling},
      {ev::approve_return(cf::actor::office("minhang-office"), at(2024, 3, 19), "unit-002", "unit-004"),
       cf::case_state::handling},
      {ev::record_consultation(cf::actor::unit("unit-001"), at(2024, 4, 2), true), cf::case_state::handling},
      {ev::request_extension(cf::actor::unit("unit-001"), at(2024, 5, 6), cf::date(2024, 7, 1), "需要现场调研"),
       cf::case_state::handling},
      {ev::reply(cf::actor::unit("unit-001"), at(2024, 6, 3), cf::reply_class::b), cf::case_state::replied},
      {ev::record_feedback(cf::actor::proposer_side("张三"), at(2024, 6, 20), cf::satisfaction::dissatisfied),
       cf::case_state::rehandling},
      {ev::decide_publication(cf::actor::office(), at(2024, 7, 1), cf::disclosure::not_public, "涉及个人信息"),
       cf::case_state::replied},
      {ev::merge(cf::actor::office("minhang-office"), at(2024, 7, 2), cf::case_id{"16-2", "0581"}), cf::case_state::closed},
      {ev::close(cf::actor::office("minhang-office"), at(2024, 7, 3)), cf::case_state::closed},
  };
}

TEST(history_log, reads_back_every_field_as_appended) {
  const auto entries = every_shape();
  cf::history_log log;
  for (const auto &e : entries)
    log.push_back(e);
  ASSERT_EQ(log.size(), entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    EXPECT_EQ(log[i], entries[i]) << "entry " << i;
    EXPECT_EQ(log.time_at(i), entries[i].event.at);
    EXPECT_EQ(log.type_code(i), static_cast<std::uint8_t>(entries[i].event.type));
    EXPECT_EQ(log.leader_led(i), entries[i].event.leader_led);
    EXPECT_EQ(log.sender_role_code(i), static_cast<std::uint8_t>(entries[i].event.by.role));
    EXPECT_EQ(log.sender_id(i), entries[i].event.by.id);
  }
  EXPECT_EQ(log.front(), entries.front());
  EXPECT_EQ(log.back(), entries.back());
  EXPECT_THROW((void)log.at(entries.size()), std::out_of_range);
}

TEST(history_log, iterates_forwards_and_backwards_like_a_vector) {
  const auto entries = every_shape();
  cf::history_log log;
  for (const auto &e : entries)
    log.push_back(e);
  std::vector<cf::history_entry> forwards(log.begin(), log.end());
  EXPECT_EQ(forwards, entries);
  std::vector<cf::history_entry> backwards(log.rbegin(), log.rend());
  std::reverse(backwards.begin(), backwards.end());
  EXPECT_EQ(backwards, entries);
  EXPECT_EQ(
      std::count_if(log.begin(), log.end(), [](const cf::history_entry &h) { return h.event.by.role == cf::actor_role::unit; }),
      4);
  EXPECT_EQ(log.end() - log.begin(), static_cast<std::ptrdiff_t>(entries.size()));
}

TEST(history_log, compares_by_content_not_by_layout) {
  const auto entries = every_shape();
  cf::history_log a;
  cf::history_log b;
  for (const auto &e : entries)
    a.push_back(e);
  // b's texts lie in another order: an entry appended and taken back first leaves its text behind.
  b.push_back({ev::request_return(cf::actor::unit("zzz"), at(2024, 1, 1), "left behind"), cf::case_state::handling});
  b.pop_back();
  for (const auto &e : entries)
    b.push_back(e);
  EXPECT_EQ(a, b);
  b.pop_back();
  EXPECT_NE(a, b);
  auto changed = entries.back();
  changed.event.by.id = "another-office";
  b.push_back(changed);
  EXPECT_NE(a, b);
  EXPECT_EQ(cf::history_log(), cf::history_log());
  EXPECT_EQ((cf::history_log{entries[0], entries[1]}), (cf::history_log{entries[0], entries[1]}));
}

TEST(history_log, keeps_each_text_once_and_is_smaller_than_the_entries) {
  cf::history_log log;
  const auto reply = ev::reply(cf::actor::unit("unit-001"), at(2024, 6, 3), cf::reply_class::a);
  for (int i = 0; i < 100; ++i)
    log.push_back({reply, cf::case_state::replied});
  log.shrink_to_fit();
  ASSERT_EQ(log.size(), 100U);
  EXPECT_EQ(log[99], (cf::history_entry{reply, cf::case_state::replied}));
  // 100 rows of 48 bytes, and "unit-001" once (within the string's own room); the entries themselves
  // are five times that before their texts.
  EXPECT_EQ(log.heap_bytes(), 100U * 48);
  EXPECT_GT(sizeof(cf::history_entry), 5 * 48U);
  cf::history_log other;
  for (int i = 0; i < 100; ++i)
    other.push_back(
        {ev::request_return(cf::actor::unit("unit-001"), at(2024, 3, 18), std::string(100, 'x')), cf::case_state::handling});
  other.shrink_to_fit();
  EXPECT_LE(other.heap_bytes(), 100U * 48 + 112);
}

TEST(history_log, emplace_back_makes_the_entry_of_its_members) {
  const auto entries = every_shape();
  cf::history_log log;
  log.emplace_back(entries[1].event, entries[1].after);
  ASSERT_EQ(log.size(), 1U);
  EXPECT_EQ(log.back(), entries[1]);
}

TEST(history_log, clear_empties_it) {
  cf::history_log log{every_shape()[0]};
  EXPECT_FALSE(log.empty());
  log.clear();
  EXPECT_TRUE(log.empty());
  EXPECT_EQ(log, cf::history_log());
}

} // namespace
