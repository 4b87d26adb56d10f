// The label table and the texts worded from it: every enum value has its row, English lines are the
// ones the library always wrote, Chinese lines use DOMAIN.md's terms, and text tables align by display
// width.
#include "support/minhang_book.hpp"

#include <caseflow/history_text.hpp>
#include <caseflow/language.hpp>
#include <caseflow/report.hpp>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <set>

namespace cf = caseflow;

namespace {

// Every value of an enum with `count` values, by its stable name.
template <class E> std::vector<std::string> names_of(std::size_t count) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < count; ++i)
    out.emplace_back(cf::to_string(static_cast<E>(i)));
  return out;
}

void expect_group(std::string_view group, const std::vector<std::string> &names) {
  for (const auto &name : names) {
    const std::string key = std::string(group) + "." + name;
    EXPECT_EQ(cf::label(key, cf::language::en), name) << key;
    const auto zh = cf::label(key, cf::language::zh);
    EXPECT_NE(zh, key) << key << " has no row";
    EXPECT_NE(zh, name) << key << " is not translated";
  }
}

} // namespace

TEST(language, names_parse_and_print) {
  EXPECT_EQ(cf::parse_language("zh").value(), cf::language::zh);
  EXPECT_EQ(cf::to_string(cf::language::en), "en");
  const auto bad = cf::parse_language("fr");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message, "unknown language 'fr' (expected en, zh)");
}

TEST(language, every_enum_value_has_a_row_whose_english_is_its_stable_name) {
  expect_group("kind", names_of<cf::case_kind>(2));
  expect_group("role", names_of<cf::assignment_role>(3));
  expect_group("class", names_of<cf::reply_class>(4));
  expect_group("satisfaction", names_of<cf::satisfaction>(4));
  expect_group("disclosure", names_of<cf::disclosure>(4));
  expect_group("actor", names_of<cf::actor_role>(5));
  expect_group("state", names_of<cf::case_state>(cf::case_state_count));
  expect_group("unit_state", names_of<cf::unit_state>(cf::unit_state_count));
  expect_group("event", names_of<cf::event_type>(cf::event_type_count));
  expect_group("clock", names_of<cf::clock_kind>(cf::clock_kind_count));
  expect_group("trigger", names_of<cf::escalation_trigger>(cf::escalation_trigger_count));
  expect_group("level", names_of<cf::escalation_level>(5));
  expect_group("notice_kind", names_of<cf::notice_kind>(3));
}

TEST(language, the_table_has_one_row_a_key_and_both_texts) {
  std::set<std::string_view> keys;
  for (const auto &row : cf::label_table()) {
    EXPECT_TRUE(keys.insert(row.key).second) << row.key << " twice";
    EXPECT_FALSE(row.en.empty()) << row.key;
    EXPECT_FALSE(row.zh.empty()) << row.key;
  }
  EXPECT_EQ(cf::label("no.such.key", cf::language::zh), "no.such.key");
}

TEST(language, domain_terms_in_chinese) {
  // DOMAIN.md section 1.
  EXPECT_EQ(cf::enum_label("role", "lead", cf::language::zh), "主办");
  EXPECT_EQ(cf::enum_label("role", "co_handler", cf::language::zh), "会办");
  EXPECT_EQ(cf::enum_label("event", "reply", cf::language::zh), "答复");
  EXPECT_EQ(cf::enum_label("satisfaction", "satisfied", cf::language::zh), "满意");
  EXPECT_EQ(cf::enum_label("satisfaction", "basically_satisfied", cf::language::zh), "基本满意");
  EXPECT_EQ(cf::enum_label("satisfaction", "dissatisfied", cf::language::zh), "不满意");
  EXPECT_EQ(cf::enum_label("disclosure", "on_request", cf::language::zh), "依申请公开");
  EXPECT_EQ(cf::enum_label("notice_kind", "reminder", cf::language::zh), "催办");
  EXPECT_EQ(cf::enum_label("notice_kind", "overdue", cf::language::zh), "逾期");
  EXPECT_EQ(cf::enum_label("state", "rehandling", cf::language::zh), "再次办理");
  EXPECT_EQ(cf::enum_label("state", "closed", cf::language::zh), "已办结");
  EXPECT_EQ(cf::enum_label("event", "assign", cf::language::zh), "交办");
}

TEST(language, display_width_counts_wide_characters_twice) {
  EXPECT_EQ(cf::display_width("minhang"), 7u);
  EXPECT_EQ(cf::display_width("城建交通"), 8u);
  EXPECT_EQ(cf::display_width("（A类）"), 7u);   // fullwidth parentheses
  EXPECT_EQ(cf::display_width("e\xCC\x81"), 1u); // e + combining acute accent
}

// Every line of the seed year, in English through the table, is the line the library always wrote.
TEST(language, english_lines_from_the_table_are_the_lines_the_library_writes) {
  auto book = caseflow_test::minhang_2024_book();
  ASSERT_TRUE(book) << book.error().message;
  std::size_t lines = 0, escalations = 0, notices = 0;
  for (const auto &id : book->ids()) {
    for (const auto &line : book->history_of(id)) {
      EXPECT_EQ(cf::to_string(line, cf::language::en), cf::to_string(line));
      ++lines;
    }
    for (const auto &n : book->notices_of(id)) {
      EXPECT_EQ(cf::to_string(n, cf::language::en), cf::to_string(n));
      EXPECT_EQ(cf::to_string(n.clock, cf::language::en), cf::to_string(n.clock));
      ++notices;
    }
    for (const auto &n : book->escalation_notices_of(id)) {
      EXPECT_EQ(cf::to_string(n, cf::language::en), cf::to_string(n));
      ++escalations;
    }
    const auto c = book->find(id);
    ASSERT_TRUE(c);
    EXPECT_EQ(cf::format_history(*c, cf::language::en), cf::format_history(*c));
  }
  EXPECT_GT(lines, 300u);
  EXPECT_GT(notices, 30u);
  EXPECT_GE(escalations, 4u); // 16-2/0112's climb to the mayor's decision, at least
}

TEST(language, chinese_lines_use_the_domain_terms) {
  auto book = caseflow_test::minhang_2024_book();
  ASSERT_TRUE(book) << book.error().message;
  const cf::case_id item{"16-2", "0112"};
  const auto ladder = book->escalation_notices_of(item);
  ASSERT_EQ(ladder.size(), 4u);
  EXPECT_EQ(
      cf::to_string(ladder[0], cf::language::zh),
      "2024-03-18 三级协调：16-2/0112（第1轮）未协调 → 办公室：触发：列为疑难件；由办公室 sh-office 办理，协调时限2024-03-25");
  EXPECT_EQ(cf::to_string(ladder[2], cf::language::zh),
            "2024-04-10 三级协调：16-2/0112（第1轮）分管领导 → 主要领导：分管领导协调时限届满未解决；由主要领导 sh-mayor "
            "办理，协调时限2024-04-23");
  const auto c = book->find(item);
  ASSERT_TRUE(c);
  const std::string history = cf::format_history(*c, cf::language::zh);
  // Assigned to the district as lead with one co-handler (whichever the journal names).
  ASSERT_EQ(c->units.size(), 2u);
  const std::string assigned = fmt::format("交办 承办单位={}:主办,{}:会办 → 办理中", c->units[0].unit, c->units[1].unit);
  EXPECT_EQ(c->units[0].unit, "minhang");
  EXPECT_NE(history.find(assigned), std::string::npos) << history;
  EXPECT_NE(history.find("答复 办理结果=A类 → 已答复"), std::string::npos) << history;
  EXPECT_NE(history.find("满意度=满意"), std::string::npos) << history;
  const auto notices = book->notices_of(item);
  ASSERT_FALSE(notices.empty());
  const std::string reminder = cf::to_string(notices.front(), cf::language::zh);
  EXPECT_NE(reminder.find("催办："), std::string::npos) << reminder;
  EXPECT_NE(reminder.find("个工作日"), std::string::npos) << reminder;
}

TEST(language, every_report_in_chinese_shows_no_english_label) {
  auto book = caseflow_test::minhang_2024_book();
  ASSERT_TRUE(book) << book.error().message;
  const cf::date day(2024, 12, 31);
  const cf::report_options zh{cf::language::zh};
  const std::string summary = cf::format(cf::make_summary(*book, day, "minhang").value(), cf::report_format::text, zh);
  EXPECT_NE(summary.find("共34件：人大代表建议24件（主办5件、会办19件），政协提案10件（主办3件、会办7件）"), std::string::npos)
      << summary;
  EXPECT_NE(summary.find("依申请公开2件（16-2/0581、16-2/0605）"), std::string::npos) << summary;
  const std::string ledger = cf::format(cf::make_ledger(*book, day, "minhang").value(), cf::report_format::markdown, zh);
  const std::string kpis = cf::format(cf::make_kpis(*book, day, "minhang").value(), cf::report_format::csv, zh);
  EXPECT_NE(kpis.find("满意率"), std::string::npos) << kpis;
  EXPECT_NE(kpis.find("见面率"), std::string::npos) << kpis;
  const std::string bulletin = cf::format(
      cf::make_bulletin(*book, "minhang", cf::date(2024, 3, 1), cf::date(2024, 4, 30)).value(), cf::report_format::text, zh);
  EXPECT_NE(bulletin.find("minhang双月通报（2024-03-01至2024-04-30）"), std::string::npos) << bulletin;
  // No stable English name of a label the table translates is left in the Chinese reports.
  for (const auto *text : {&summary, &ledger, &kpis, &bulletin})
    for (const std::string_view english : {"co_handler", "deputy_suggestion", "cppcc_proposal", "closed", "satisfied",
                                           "public_full_text", "on_request", "items", "Ledger", "Summary", "KPIs"})
      EXPECT_EQ(text->find(english), std::string::npos) << english << " in\n" << *text;
}

// Text columns line up by display width: in the by-category table (Chinese names, in both languages) the
// count of every row starts at the display column of its header.
TEST(language, text_tables_align_by_display_width) {
  auto book = caseflow_test::minhang_2024_book();
  ASSERT_TRUE(book) << book.error().message;
  for (const auto lang : {cf::language::en, cf::language::zh}) {
    const std::string text =
        cf::format(cf::make_summary(*book, cf::date(2024, 12, 31), "minhang").value(), cf::report_format::text, {lang});
    const std::string caption(cf::label("summary.by_category", lang));
    std::istringstream in(text.substr(text.find(caption + "\n") + caption.size() + 1));
    std::string head, rule, line;
    std::getline(in, head);
    std::getline(in, rule);
    const std::string items(cf::label("col.items", lang));
    const std::size_t column = cf::display_width(head.substr(0, head.find(items)));
    EXPECT_EQ(column, cf::display_width(rule.substr(0, rule.rfind(' ') + 1)));
    std::size_t rows = 0;
    while (std::getline(in, line) && !line.empty()) {
      const std::size_t digits = line.find_last_not_of("0123456789") + 1;
      EXPECT_EQ(cf::display_width(line.substr(0, digits)), column) << line;
      ++rows;
    }
    EXPECT_GE(rows, 3u);
  }
}
