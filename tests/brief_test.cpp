// The leaders' brief: the Minhang year's difficult item on its ladder (levels, routed leaders, windows
// checked against the book's escalation moves), overdue items against the bulletin of the same day, a
// last warning, a dissatisfied rating with its re-handling, key items, the units' ranking, and the
// renderings in both languages.
#include <caseflow/brief.hpp>

#include "support/case_driver.hpp"
#include "support/minhang_book.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <sstream>

namespace cf = caseflow;
using namespace cf::testing;
namespace ev = cf::events;

namespace {

const cf::case_id item_0112{"16-2", "0112"};

std::vector<cf::brief_line> section(const cf::brief &b, cf::brief_section s, const cf::case_id *only = nullptr) {
  std::vector<cf::brief_line> out;
  for (const auto &l : b.lines)
    if (l.section == s && (!only || l.id == *only)) out.push_back(l);
  return out;
}

void must(const cf::status<cf::rejection> &r) { ASSERT_TRUE(r) << r.error().message; }

} // namespace

// During its climb, on each day the brief names the level, the person routed to it and that level's
// window: the escalation move of the day before or on it.
TEST(brief, the_minhang_difficult_item_on_its_ladder_day_by_day) {
  auto book = caseflow_test::minhang_2024_book();
  ASSERT_TRUE(book) << book.error().message;
  const auto moves = book->escalation_notices_of(item_0112);
  ASSERT_EQ(moves.size(), 4u);
  for (cf::date day(2024, 3, 18); day <= cf::date(2024, 4, 14); day += boost::gregorian::days(1)) {
    const auto b = cf::make_brief(*book, day, "minhang");
    ASSERT_TRUE(b) << b.error().message;
    const auto ladder = section(*b, cf::brief_section::ladder, &item_0112);
    ASSERT_EQ(ladder.size(), 1u) << cf::to_string(day);
    const auto &l = ladder.front();
    EXPECT_EQ(l.id, item_0112);
    EXPECT_EQ(l.unit, "minhang");
    EXPECT_EQ(l.trigger, cf::escalation_trigger::marked_difficult);
    std::vector<cf::brief_step> climbed;
    for (const auto &n : moves)
      if (n.on <= day) climbed.push_back({n.to, n.who, n.on, n.window_due});
    EXPECT_EQ(l.climbed, climbed) << cf::to_string(day);
    EXPECT_EQ(l.level, climbed.back().level);
    EXPECT_EQ(l.leader, climbed.back().who);
    EXPECT_EQ(l.window_due, climbed.back().window_due);
  }
  // The two leaders of the seed's ladder, by name (tests/minhang_2024_contract.cmake).
  const auto april = cf::make_brief(*book, cf::date(2024, 4, 12), "minhang").value();
  const auto l = section(april, cf::brief_section::ladder, &item_0112).front();
  EXPECT_EQ(l.level, cf::escalation_level::principal_leader);
  EXPECT_EQ(l.leader, "sh-mayor");
  ASSERT_EQ(l.climbed.size(), 3u);
  EXPECT_EQ(l.climbed[1].who, "sh-vm-exec");
  const std::string text = cf::format(april, cf::report_format::text);
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line) && !(line.starts_with("ladder ") && line.find("16-2/0112") != std::string::npos)) {
  }
  ASSERT_FALSE(line.empty()) << text;
  for (const std::string_view word : {"minhang", "sh-mayor", "principal_leader", "2024-04-23", "sh-office", "sh-vm-exec"})
    EXPECT_NE(line.find(word), std::string::npos) << word << " not in: " << line;
}

TEST(brief, the_year_end_brief_names_the_resolved_ladder_and_its_leaders) {
  auto book = caseflow_test::minhang_2024_book();
  ASSERT_TRUE(book) << book.error().message;
  const auto b = cf::make_brief(*book, cf::date(2024, 12, 31), "minhang").value();
  const auto ladder = section(b, cf::brief_section::ladder, &item_0112);
  ASSERT_EQ(ladder.size(), 1u);
  const auto moves = book->escalation_notices_of(item_0112);
  EXPECT_EQ(ladder[0].level, cf::escalation_level::resolved);
  EXPECT_EQ(ladder[0].decision, moves.back().detail);
  EXPECT_EQ(ladder[0].decided_on, moves.back().on);
  std::vector<std::string> who;
  for (const auto &s : ladder[0].climbed)
    who.push_back(s.who);
  EXPECT_EQ(who, (std::vector<std::string>{"sh-office", "sh-vm-exec", "sh-mayor"}));
  for (const auto lang : {cf::language::en, cf::language::zh}) {
    const std::string text = cf::format(b, cf::report_format::markdown, {lang});
    for (const std::string_view word : {"16-2/0112", "sh-vm-exec", "sh-mayor", "市交通委会同闵行区"})
      EXPECT_NE(text.find(word), std::string::npos) << word << " in\n" << text;
  }
  const std::string zh = cf::format(b, cf::report_format::text, {cf::language::zh});
  for (const std::string_view word : {"领导专报", "三级协调", "主要领导", "分管领导", "重点及督办件", "按时办复率"})
    EXPECT_NE(zh.find(word), std::string::npos) << word << " in\n" << zh;
  // Key item 16-2/0112, replied by then.
  const auto key = section(b, cf::brief_section::key_item);
  ASSERT_EQ(key.size(), 1u);
  EXPECT_EQ(key[0].id, item_0112);
  EXPECT_FALSE(key[0].replied_on.is_special());
}

// Overdue obligations are the bulletin's overdue items of the same day, with the same lateness.
TEST(brief, overdue_lines_are_the_bulletins_overdue_items) {
  auto book = caseflow_test::minhang_2024_book();
  ASSERT_TRUE(book) << book.error().message;
  std::size_t seen = 0;
  for (cf::date day(2024, 3, 1); day <= cf::date(2024, 6, 30); day += boost::gregorian::days(7)) {
    const auto b = cf::make_brief(*book, day, "minhang").value();
    const auto bulletin = cf::make_bulletin(*book, "minhang", cf::date(day.year(), 1, 1), day).value();
    const auto overdue = section(b, cf::brief_section::overdue);
    ASSERT_EQ(overdue.size(), bulletin.overdue.size()) << cf::to_string(day);
    for (std::size_t i = 0; i < overdue.size(); ++i) {
      EXPECT_EQ(overdue[i].id, bulletin.overdue[i].id);
      EXPECT_EQ(overdue[i].workdays, bulletin.overdue[i].workdays_late);
      EXPECT_EQ(overdue[i].due, bulletin.overdue[i].due);
    }
    seen += overdue.size();
  }
  EXPECT_GT(seen, 0u); // the year has a late opinion (16-2/0433)
}

TEST(brief, last_warning_dissatisfied_and_rehandling) {
  cf::case_book book(shanghai_policy(), national_calendar());
  cf::case_info i;
  i.id = {"16-2", "0001"};
  i.kind = cf::case_kind::deputy_suggestion;
  i.category = "城建交通";
  i.proposers = {"代表甲", {}};
  i.title = "关于优化公交接驳的建议";
  i.key_item = true;
  must(book.open(i));
  must(book.apply(i.id, ev::register_case(office(), at(2024, 3, 1))));
  // Assigned Friday 2024-03-15: the reply is due 2024-06-17; reminders 10 and 3 working days before.
  must(book.apply(i.id, ev::assign(office(), at(2024, 3, 15), {{"minhang", cf::assignment_role::lead}})));
  must(book.apply(i.id, ev::acknowledge(unit("minhang"), at(2024, 3, 18))));
  must(book.apply(i.id, ev::record_consultation(unit("minhang"), at(2024, 4, 8), true)));
  for (cf::date d(2024, 3, 15); d <= cf::date(2024, 6, 12); d += boost::gregorian::days(1))
    ASSERT_TRUE(book.tick(d));
  const auto early = cf::make_brief(book, cf::date(2024, 6, 11)).value();
  EXPECT_TRUE(section(early, cf::brief_section::last_warning).empty());
  const auto warned = cf::make_brief(book, cf::date(2024, 6, 12)).value();
  const auto last = section(warned, cf::brief_section::last_warning);
  ASSERT_EQ(last.size(), 1u);
  EXPECT_EQ(last[0].unit, "minhang");
  EXPECT_EQ(last[0].clock, cf::clock_kind::reply);
  EXPECT_EQ(last[0].due, cf::date(2024, 6, 17));
  EXPECT_EQ(last[0].workdays, national_calendar().workdays_between(cf::date(2024, 6, 12), cf::date(2024, 6, 17)).value());
  must(book.apply(i.id, ev::reply(unit("minhang"), at(2024, 6, 14), cf::reply_class::c)));
  must(book.apply(i.id, ev::record_feedback(actor_proposer(), at(2024, 7, 3), cf::satisfaction::dissatisfied)));
  const auto b = cf::make_brief(book, cf::date(2024, 7, 4)).value();
  const auto dissatisfied = section(b, cf::brief_section::dissatisfied);
  ASSERT_EQ(dissatisfied.size(), 1u);
  EXPECT_EQ(dissatisfied[0].rated_on, cf::date(2024, 7, 3));
  const auto rehandling = section(b, cf::brief_section::rehandling);
  ASSERT_EQ(rehandling.size(), 1u);
  EXPECT_EQ(rehandling[0].clock, cf::clock_kind::rehandling_reply);
  EXPECT_EQ(rehandling[0].due, national_calendar().add(cf::date(2024, 7, 3), cf::months{1}).value());
  EXPECT_EQ(section(b, cf::brief_section::key_item).size(), 1u);
  // The day before the rating: neither.
  const auto before = cf::make_brief(book, cf::date(2024, 7, 2)).value();
  EXPECT_TRUE(section(before, cf::brief_section::dissatisfied).empty());
  EXPECT_TRUE(section(before, cf::brief_section::rehandling).empty());
  const std::string zh = cf::format(b, cf::report_format::text, {cf::language::zh});
  for (const std::string_view word : {"不满意", "再次办理"})
    EXPECT_NE(zh.find(word), std::string::npos) << word << " in\n" << zh;
}

TEST(brief, units_ranked_by_on_time_rate_then_working_days_late) {
  auto book = caseflow_test::minhang_2024_book();
  ASSERT_TRUE(book) << book.error().message;
  const auto b = cf::make_brief(*book, cf::date(2024, 12, 31)).value();
  ASSERT_GT(b.units.size(), 5u);
  for (std::size_t i = 1; i < b.units.size(); ++i) {
    const auto &x = b.units[i - 1], &y = b.units[i];
    const auto vx = x.on_time.value(), vy = y.on_time.value();
    ASSERT_TRUE(vx && vy);
    EXPECT_TRUE(*vx > *vy ||
                (*vx == *vy && (x.workdays_late < y.workdays_late || (x.workdays_late == y.workdays_late && x.unit < y.unit))))
        << x.unit << " before " << y.unit;
  }
  // Minhang's own figures are the bulletin's: 34 obligations met, 33 on time, the late one 5 working days.
  const auto mine = cf::make_brief(*book, cf::date(2024, 12, 31), "minhang").value();
  ASSERT_EQ(mine.units.size(), 1u);
  const auto bulletin = cf::make_bulletin(*book, "minhang", cf::date(2024, 1, 1), cf::date(2024, 12, 31)).value();
  EXPECT_EQ(mine.units[0].on_time, (cf::rate{bulletin.on_time, bulletin.done}));
  int late = 0;
  for (const auto &i : bulletin.late)
    late += i.workdays_late;
  EXPECT_EQ(mine.units[0].workdays_late, late);
}

TEST(brief, json_and_csv_hold_every_line) {
  auto book = caseflow_test::minhang_2024_book();
  ASSERT_TRUE(book) << book.error().message;
  const auto b = cf::make_brief(*book, cf::date(2024, 4, 12), "minhang").value();
  const auto j = nlohmann::json::parse(cf::format(b, cf::report_format::json));
  ASSERT_EQ(j["lines"].size(), b.lines.size());
  EXPECT_EQ(j["lines"][0]["section"], "ladder");
  EXPECT_EQ(j["lines"][0]["leader"], "sh-mayor");
  EXPECT_EQ(j["lines"][0]["climbed"][1]["who"], "sh-vm-exec");
  const std::string csv = cf::format(b, cf::report_format::csv, {cf::language::zh});
  EXPECT_TRUE(csv.starts_with(cf::csv_bom));
  std::size_t rows = 0;
  for (auto at = csv.find("\r\n"); at != std::string::npos; at = csv.find("\r\n", at + 2))
    ++rows;
  EXPECT_EQ(rows, b.lines.size() + 1); // the header, then a row a line
  EXPECT_NE(csv.find("三级协调,16-2/0112"), std::string::npos) << csv;
}

TEST(brief, a_day_outside_the_calendar_is_an_error) {
  auto book = caseflow_test::minhang_2024_book();
  ASSERT_TRUE(book) << book.error().message;
  const auto b = cf::make_brief(*book, cf::date(2031, 1, 1));
  ASSERT_FALSE(b);
  EXPECT_EQ(b.error().code, cf::errc::out_of_range);
  EXPECT_NE(b.error().message.find("brief"), std::string::npos) << b.error().message;
}
