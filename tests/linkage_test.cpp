// City-district-town linkage: child due dates counted back from the parent's across National Day 2024,
// and the case book's child items - passed down by the district, refused when they may not be, ticked,
// answered on time and late, rolled up for the parent, ended with the parent's opinion, replayed and
// kept in the snapshot.
#include <caseflow/casebook.hpp>
#include <caseflow/linkage.hpp>

#include "support/book_driver.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace cf = caseflow;
using namespace cf::testing;
namespace ev = cf::events;
using cf::assignment_role;

namespace {

// A city item, registered 2024-09-02 and assigned Wednesday 2024-09-04 to the city construction and
// transport commission (lead) with the Minhang district co-handling; both acknowledge on 09-05. The
// district's opinion is due 1 month on: 10-04 falls in National Day, so Tuesday 2024-10-08.
void open_city_item(cf::case_book &book) {
  must(book.open(sample_info()));
  must(book.apply(id_0581, ev::register_case(office(), at(2024, 9, 2))));
  must(book.apply(id_0581, ev::assign(office(), at(2024, 9, 4),
                                      {{"sh-jsjtw", assignment_role::lead}, {"minhang", assignment_role::co_handler}})));
  must(book.apply(id_0581, ev::acknowledge(unit("sh-jsjtw"), at(2024, 9, 5))));
  must(book.apply(id_0581, ev::acknowledge(unit("minhang"), at(2024, 9, 5))));
}

cf::child_request request(std::string id, std::string to, cf::date on, std::string by = "minhang") {
  return {std::move(by), std::move(id), std::move(to), "核实本辖区公交接驳站点现状并提出意见", on};
}

std::vector<std::string> texts(const std::vector<cf::notice> &list) {
  std::vector<std::string> out;
  for (const auto &n : list)
    out.push_back(cf::to_string(n));
  return out;
}

} // namespace

// ---- child_due -----------------------------------------------------------------------------------

TEST(child_due, five_working_days_back_across_national_day_2024) {
  // Thursday 10-10 less 5wd: 10-09, 10-08, (10-01..10-07 off), 09-30, 09-29 (make-up Sunday), 09-27.
  EXPECT_EQ(cf::child_due(day(2024, 10, 10), cf::workdays{5}, day(2024, 9, 2), national_calendar()).value(), day(2024, 9, 27));
  // Tuesday 10-08 less 5wd: 09-30, 09-29, 09-27, 09-26, 09-25.
  EXPECT_EQ(cf::child_due(day(2024, 10, 8), cf::workdays{5}, day(2024, 9, 6), national_calendar()).value(), day(2024, 9, 25));
  // Saturday 10-12 is a make-up working day: less 1wd is 10-11; less 6wd is 10-11, 10-10, 10-09, 10-08,
  // 09-30, 09-29 (a make-up Sunday).
  EXPECT_EQ(cf::child_due(day(2024, 10, 12), cf::workdays{1}, day(2024, 9, 2), national_calendar()).value(), day(2024, 10, 11));
  EXPECT_EQ(cf::child_due(day(2024, 10, 12), cf::workdays{6}, day(2024, 9, 2), national_calendar()).value(), day(2024, 9, 29));
}

TEST(child_due, calendar_days_and_months_step_back_to_the_working_day_before) {
  const auto &cal = national_calendar();
  // 10-10 less 10 days is Monday 09-30, a working day; less 9 days is 10-01 (off): back to 09-30; less
  // 12 days is Saturday 09-28 (not a make-up day): back to Friday 09-27.
  EXPECT_EQ(cf::child_due(day(2024, 10, 10), cf::calendar_days{10}, day(2024, 9, 2), cal).value(), day(2024, 9, 30));
  EXPECT_EQ(cf::child_due(day(2024, 10, 10), cf::calendar_days{9}, day(2024, 9, 2), cal).value(), day(2024, 9, 30));
  EXPECT_EQ(cf::child_due(day(2024, 10, 10), cf::calendar_days{12}, day(2024, 9, 2), cal).value(), day(2024, 9, 27));
  // 11-07 less 1 month is 10-07 (off): back through the holiday to 09-30.
  EXPECT_EQ(cf::child_due(day(2024, 11, 7), cf::months{1}, day(2024, 9, 2), cal).value(), day(2024, 9, 30));
  // 2025-03-31 less 1 month: February has no 31st, so its last day, Friday 2025-02-28.
  EXPECT_EQ(cf::child_due(day(2025, 3, 31), cf::months{1}, day(2025, 1, 6), cal).value(), day(2025, 2, 28));
}

TEST(child_due, no_time_left_is_an_error_naming_the_dates) {
  const auto none = cf::child_due(day(2024, 10, 10), cf::workdays{5}, day(2024, 9, 27), national_calendar());
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, cf::errc::invalid_argument);
  EXPECT_NE(none.error().message.find("leaves no time"), std::string::npos) << none.error().message;
  EXPECT_NE(none.error().message.find("2024-09-27"), std::string::npos) << none.error().message;
  EXPECT_TRUE(cf::child_due(day(2024, 10, 10), cf::workdays{5}, day(2024, 9, 26), national_calendar()));
  const auto negative = cf::child_due(day(2024, 10, 10), cf::workdays{-1}, day(2024, 9, 2), national_calendar());
  ASSERT_FALSE(negative);
  EXPECT_EQ(negative.error().code, cf::errc::invalid_argument);
}

TEST(child_due, outside_the_calendar_is_out_of_range) {
  const auto far = cf::child_due(day(2100, 1, 10), cf::workdays{5}, day(2099, 9, 2), national_calendar());
  ASSERT_FALSE(far);
  EXPECT_EQ(far.error().code, cf::errc::out_of_range);
}

TEST(deadline_clock, start_until_ends_on_the_given_working_day_with_the_rule_reminders) {
  const cf::clock_key key{"16-2/0581-1", "meilong", cf::clock_kind::co_handler_opinion, 1};
  const auto rule = shanghai_policy().rule(cf::clock_kind::co_handler_opinion);
  auto clock = cf::deadline_clock::start_until(key, rule, day(2024, 9, 6), day(2024, 9, 25), national_calendar());
  ASSERT_TRUE(clock) << clock.error().message;
  EXPECT_EQ(clock->due(), day(2024, 9, 25));
  // 12 working days from 09-06 (09-14 is a make-up Saturday): 10 before due is 09-10, 3 before is 09-20.
  EXPECT_EQ(clock->length(), 12);
  std::vector<cf::date> points;
  for (const auto &p : clock->schedule())
    points.push_back(p.on);
  EXPECT_EQ(points, (std::vector<cf::date>{day(2024, 9, 10), day(2024, 9, 20), day(2024, 9, 26)}));
  // A rest day, or a day not after the start, is no due date.
  EXPECT_FALSE(cf::deadline_clock::start_until(key, rule, day(2024, 9, 6), day(2024, 9, 28), national_calendar()));
  EXPECT_FALSE(cf::deadline_clock::start_until(key, rule, day(2024, 9, 6), day(2024, 9, 6), national_calendar()));
}

// ---- roll-up and JSON ------------------------------------------------------------------------------

TEST(roll_up_children, counts_by_state_for_one_parent_unit) {
  cf::child_item open{id_0581,
                      "minhang",
                      "16-2/0581-1",
                      "meilong",
                      "t",
                      day(2024, 9, 6),
                      cf::clock_kind::co_handler_opinion,
                      day(2024, 9, 25),
                      std::nullopt,
                      cf::date(boost::gregorian::not_a_date_time)};
  cf::child_item late = open, on_time = open, ended = open, other_unit = open, other_case = open;
  late.id = "16-2/0581-2";
  late.answer = cf::child_answer{day(2024, 9, 27), "x", false, 2};
  on_time.id = "16-2/0581-3";
  on_time.answer = cf::child_answer{day(2024, 9, 20), "y", true, 0};
  ended.id = "16-2/0581-4";
  ended.ended = day(2024, 9, 27);
  other_unit.parent_unit = "sh-jsjtw";
  other_case.parent = cf::case_id{"16-2", "0605"};
  const std::vector<cf::child_item> all{open, late, on_time, ended, other_unit, other_case};

  const auto p = cf::roll_up_children(id_0581, "minhang", all, day(2024, 9, 26));
  EXPECT_EQ((std::vector<int>{p.held, p.answered, p.answered_late, p.open, p.overdue, p.ended}),
            (std::vector<int>{4, 2, 1, 1, 1, 1}));
  EXPECT_EQ(p.children, (std::vector<cf::child_item>{open, late, on_time, ended}));
  // On the due date itself the open child is not overdue yet; every unit of the case counts without one named.
  const auto q = cf::roll_up_children(id_0581, "", all, day(2024, 9, 25));
  EXPECT_EQ((std::vector<int>{q.held, q.open, q.overdue}), (std::vector<int>{5, 2, 0}));
}

TEST(linkage_json, child_item_round_trips_and_bad_input_names_the_field) {
  cf::child_item c{id_0581,
                   "minhang",
                   "16-2/0581-1",
                   "meilong",
                   "核实",
                   day(2024, 9, 6),
                   cf::clock_kind::co_handler_opinion,
                   day(2024, 9, 25),
                   cf::child_answer{day(2024, 9, 27), "已核实", false, 2},
                   cf::date(boost::gregorian::not_a_date_time)};
  nlohmann::json j = c;
  EXPECT_EQ(cf::child_item_from_json(j, "snap").value(), c);
  c.answer.reset();
  c.ended = day(2024, 9, 27);
  j = c;
  EXPECT_EQ(cf::child_item_from_json(j, "snap").value(), c);

  j["feeds"] = "lunch";
  const auto bad = cf::child_item_from_json(j, "snap.json:3");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, cf::errc::parse_error);
  EXPECT_NE(bad.error().message.find("snap.json:3: field 'feeds'"), std::string::npos) << bad.error().message;

  const cf::child_request r = request("16-2/0581-1", "meilong", day(2024, 9, 6));
  EXPECT_EQ(cf::child_request_from_json(nlohmann::json(r), "j").value(), r);
  const cf::child_answer_request a{"meilong", day(2024, 9, 20), "已核实"};
  EXPECT_EQ(cf::child_answer_request_from_json(nlohmann::json(a), "j").value(), a);
  EXPECT_FALSE(cf::child_answer_request_from_json(nlohmann::json::object(), "j"));
}

// ---- the case book ---------------------------------------------------------------------------------

TEST(case_book_linkage, district_passes_a_co_handled_city_item_down_to_a_town_and_a_bureau) {
  cf::case_book book(shanghai_policy(), national_calendar(), minhang_chart());
  open_city_item(book);
  must(book.pass_down(id_0581, request("16-2/0581-1", "meilong", day(2024, 9, 6))));
  must(book.pass_down(id_0581, request("16-2/0581-2", "mh-jtw", day(2024, 9, 6))));

  // The district's opinion is due 2024-10-08; 5 working days before it (09-29 a make-up Sunday) is 09-25.
  const auto children = book.children_of(id_0581);
  ASSERT_EQ(children.size(), 2u);
  for (const auto &c : children) {
    EXPECT_EQ(c.parent, id_0581);
    EXPECT_EQ(c.parent_unit, "minhang");
    EXPECT_EQ(c.feeds, cf::clock_kind::co_handler_opinion);
    EXPECT_EQ(c.due, day(2024, 9, 25));
    EXPECT_TRUE(c.open());
  }
  EXPECT_EQ(children[0].unit, "meilong");
  EXPECT_EQ(children[1].unit, "mh-jtw");
  // Both directions: the child names its parent, and is found by its own id.
  EXPECT_EQ(book.find_child("16-2/0581-2").value(), children[1]);
  EXPECT_FALSE(book.find_child("16-2/0581-9"));

  // Each child's clock is keyed by its own id and unit, and counts among the book's due clocks.
  const auto clocks = book.clocks_of(cf::case_id{"16-2", "0581-1"});
  ASSERT_EQ(clocks.size(), 1u);
  EXPECT_EQ(clocks[0].key(), (cf::clock_key{"16-2/0581-1", "meilong", cf::clock_kind::co_handler_opinion, 1}));
  EXPECT_EQ(clocks[0].due(), day(2024, 9, 25));
  const auto due = book.due_within(day(2024, 9, 25), 0).value();
  EXPECT_EQ(due.size(), 2u);
  // The parent's clocks are its own: the children's are not among them.
  for (const auto &c : book.clocks_of(id_0581))
    EXPECT_EQ(c.key().case_id, "16-2/0581");
}

TEST(case_book_linkage, a_lead_unit_passes_down_what_feeds_its_reply_and_keeps_the_child_due_on_extension) {
  cf::case_book book(shanghai_policy(), national_calendar(), minhang_chart());
  must(book.open(sample_info()));
  must(book.apply(id_0581, ev::register_case(office(), at(2024, 9, 2))));
  must(book.apply(id_0581, ev::assign(office(), at(2024, 9, 4), {{"minhang", assignment_role::lead}})));
  must(book.pass_down(id_0581, request("16-2/0581-1", "qibao", day(2024, 9, 6))));
  // Reply due 3 months on: Wednesday 2024-12-04; less 5 working days: Wednesday 11-27.
  const auto c = book.find_child("16-2/0581-1").value();
  EXPECT_EQ(c.feeds, cf::clock_kind::reply);
  EXPECT_EQ(c.due, day(2024, 11, 27));

  // An extension of the district's reply to 2025-01-06 gives the district more time, not its town.
  must(book.apply(id_0581, ev::acknowledge(unit("minhang"), at(2024, 9, 5))));
  must(book.apply(id_0581, ev::request_extension(unit("minhang"), at(2024, 11, 20), day(2025, 1, 6), "需跨部门协调")));
  must(book.apply(id_0581, ev::approve_extension(office(), at(2024, 11, 21), "minhang", day(2025, 1, 6))));
  EXPECT_EQ(book.find_child("16-2/0581-1")->due, day(2024, 11, 27));
  EXPECT_EQ(book.clocks_of(cf::case_id{"16-2", "0581-1"}).at(0).due(), day(2024, 11, 27));

  // The district replies on 12-10 without Qibao's answer: the child ends with the reply it fed.
  must(book.apply(id_0581, ev::record_consultation(unit("minhang"), at(2024, 12, 9), true)));
  must(book.apply(id_0581, ev::reply(unit("minhang"), at(2024, 12, 10), cf::reply_class::a)));
  EXPECT_EQ(book.find_child("16-2/0581-1")->ended, day(2024, 12, 10));
  EXPECT_EQ(book.child_roll_up(id_0581, "minhang", day(2024, 12, 31)).ended, 1);
}

TEST(case_book_linkage, refusals_name_the_problem_and_leave_the_book_unchanged) {
  cf::case_book book(shanghai_policy(), national_calendar(), minhang_chart());
  open_city_item(book);
  must(book.pass_down(id_0581, request("16-2/0581-1", "meilong", day(2024, 9, 6))));
  const std::string before = book.snapshot();

  struct refused_case {
    cf::case_id parent;
    cf::child_request r;
    cf::errc code;
    std::string says;
  };
  // clang-format off
  const refused_case cases[] = {
    {{"16-2", "9999"}, request("16-2/9999-1", "meilong",  day(2024, 9, 6)),            cf::errc::not_found,        "case 16-2/9999 is not in the book"},
    {id_0581,          request("16-2/0581-2", "meilong",  day(2024, 9, 6), "mh-jsw"),  cf::errc::not_permitted,    "field 'by': unit 'mh-jsw' does not handle the case"},
    {id_0581,          request("16-2/0581-2", "sh-fgw",   day(2024, 9, 6)),            cf::errc::not_permitted,    "field 'unit': 'sh-fgw' is not below 'minhang'"},
    {id_0581,          request("16-2/0581-2", "qibao",    day(2024, 9, 6), "sh-jsjtw"),cf::errc::not_permitted,    "field 'unit': 'qibao' is not below 'sh-jsjtw'"},
    {id_0581,          request("16-2/0581-2", "mh-nobody",day(2024, 9, 6)),            cf::errc::not_permitted,    "field 'unit': 'mh-nobody' is not in chart"},
    {id_0581,          request("16-2/0581-1", "qibao",    day(2024, 9, 6)),            cf::errc::conflict,         "field 'id': '16-2/0581-1' is already a child item"},
    {id_0581,          request("16-2/0581",   "qibao",    day(2024, 9, 6)),            cf::errc::conflict,         "field 'id': '16-2/0581' is a case in the book"},
    {id_0581,          request("0581-2",      "qibao",    day(2024, 9, 6)),            cf::errc::invalid_argument, "field 'id': '0581-2' is not a case id"},
    {id_0581,          request("16-2/0581-2", "minhang",  day(2024, 9, 6)),            cf::errc::invalid_argument, "field 'unit': a unit cannot pass an item down to itself"},
    {id_0581,          request("16-2/0581-2", "qibao",    day(2024, 9, 3)),            cf::errc::invalid_argument, "field 'on': 2024-09-03 is before the parent's clock started on 2024-09-04"},
    {id_0581,          request("16-2/0581-2", "qibao",    day(2024, 9, 25)),           cf::errc::invalid_argument, "field 'on': the parent's deadline leaves no time"},
  };
  // clang-format on
  for (const auto &c : cases) {
    const auto r = book.pass_down(c.parent, c.r);
    ASSERT_FALSE(r) << c.says;
    EXPECT_EQ(r.error().code, c.code) << r.error().message;
    EXPECT_NE(r.error().message.find(c.says), std::string::npos) << r.error().message;
    if (c.parent == id_0581) {
      EXPECT_EQ(r.error().message.rfind("case 16-2/0581: passing " + c.r.id + " down from unit '" + c.r.by + "'", 0), 0u)
          << r.error().message;
    }
    EXPECT_EQ(book.snapshot(), before) << c.says;
  }
  auto empty_task = request("16-2/0581-2", "qibao", day(2024, 9, 6));
  empty_task.task = " ";
  const auto r = book.pass_down(id_0581, empty_task);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("field 'task': is empty"), std::string::npos) << r.error().message;
  // A case cannot take a child's id either.
  const auto clash = book.open(sample_info("0581-1"));
  ASSERT_FALSE(clash);
  EXPECT_EQ(clash.error().code, cf::errc::conflict);
  EXPECT_EQ(book.snapshot(), before);
}

TEST(case_book_linkage, a_unit_whose_opinion_is_in_has_nothing_left_to_pass_down) {
  cf::case_book book(shanghai_policy(), national_calendar(), minhang_chart());
  open_city_item(book);
  must(book.apply(id_0581, ev::submit_opinion(unit("minhang"), at(2024, 9, 10))));
  const std::string before = book.snapshot();
  const auto r = book.pass_down(id_0581, request("16-2/0581-1", "meilong", day(2024, 9, 11)));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, cf::errc::invalid_state);
  EXPECT_NE(r.error().message.find("unit 'minhang' has no running opinion or reply clock"), std::string::npos)
      << r.error().message;
  EXPECT_EQ(book.snapshot(), before);
}

TEST(case_book_linkage, without_a_chart_any_other_unit_may_take_the_child) {
  cf::case_book book(shanghai_policy(), national_calendar());
  open_city_item(book);
  must(book.pass_down(id_0581, request("16-2/0581-1", "any-town", day(2024, 9, 6))));
  EXPECT_EQ(book.find_child("16-2/0581-1")->unit, "any-town");
  const auto self = book.pass_down(id_0581, request("16-2/0581-2", "minhang", day(2024, 9, 6)));
  ASSERT_FALSE(self);
  EXPECT_EQ(self.error().code, cf::errc::invalid_argument);
}

TEST(case_book_linkage, ticks_answers_roll_up_and_the_end_of_the_parent_opinion) {
  cf::memory_event_store store;
  cf::case_book book(shanghai_policy(), national_calendar(), minhang_chart());
  book.attach_journal(store);
  open_city_item(book);
  must(book.pass_down(id_0581, request("16-2/0581-1", "meilong", day(2024, 9, 6))));
  must(book.pass_down(id_0581, request("16-2/0581-2", "mh-jtw", day(2024, 9, 6))));
  must(book.pass_down(id_0581, request("16-2/0581-3", "qibao", day(2024, 9, 10))));
  tick_days(book, day(2024, 9, 6), day(2024, 9, 19));

  // Meilong answers on time; the answer refusals first (each changing nothing).
  const std::string before = book.snapshot();
  const auto wrong_unit = book.answer_child("16-2/0581-1", {"qibao", day(2024, 9, 20), "已核实"});
  ASSERT_FALSE(wrong_unit);
  EXPECT_EQ(wrong_unit.error().code, cf::errc::not_permitted);
  EXPECT_NE(wrong_unit.error().message.find("case 16-2/0581: child item 16-2/0581-1: unit 'qibao' answering: field 'by'"),
            std::string::npos)
      << wrong_unit.error().message;
  const auto empty = book.answer_child("16-2/0581-1", {"meilong", day(2024, 9, 20), ""});
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, cf::errc::invalid_argument);
  const auto unknown = book.answer_child("16-2/0581-7", {"meilong", day(2024, 9, 20), "x"});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, cf::errc::not_found);
  EXPECT_EQ(book.snapshot(), before);
  must(book.answer_child("16-2/0581-1", {"meilong", day(2024, 9, 20), "梅陇镇已核实站点 3 处"}));
  const auto twice = book.answer_child("16-2/0581-1", {"meilong", day(2024, 9, 23), "again"});
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, cf::errc::invalid_state);

  tick_days(book, day(2024, 9, 20), day(2024, 9, 26));
  // The bureau's clock issued its reminders and, unanswered, the overdue notice, like any other clock.
  EXPECT_EQ(texts(book.notices_of(cf::case_id{"16-2", "0581-2"})),
            (std::vector<std::string>{
                "2024-09-10 reminder: case 16-2/0581-2 unit mh-jtw co_handler_opinion cycle 1 due 2024-09-25: 10 working days "
                "left (point: 10 working days before due, 2024-09-10)",
                "2024-09-20 reminder: case 16-2/0581-2 unit mh-jtw co_handler_opinion cycle 1 due 2024-09-25: 3 working days "
                "left (point: 3 working days before due, 2024-09-20)",
                "2024-09-26 overdue: case 16-2/0581-2 unit mh-jtw co_handler_opinion cycle 1 due 2024-09-25: 1 working day "
                "late",
            }));
  // Meilong answered before its 3-day reminder fell due: it got only the first.
  EXPECT_EQ(book.notices_of(cf::case_id{"16-2", "0581-1"}).size(), 1u);

  auto p = book.child_roll_up(id_0581, "minhang", day(2024, 9, 26));
  EXPECT_EQ((std::vector<int>{p.held, p.answered, p.answered_late, p.open, p.overdue, p.ended}),
            (std::vector<int>{3, 1, 0, 2, 2, 0}));

  // The bureau answers late on Friday 09-27: 09-26 and 09-27 after its due date.
  must(book.answer_child("16-2/0581-2", {"mh-jtw", day(2024, 9, 27), "区交通委建议增设接驳线路"}));
  p = book.child_roll_up(id_0581, "minhang", day(2024, 9, 27));
  EXPECT_EQ((std::vector<int>{p.held, p.answered, p.answered_late, p.open, p.overdue, p.ended}),
            (std::vector<int>{3, 2, 1, 1, 1, 0}));

  // The answers are the district's input: they come with the parent.
  const auto children = book.children_of(id_0581);
  ASSERT_EQ(children.size(), 3u);
  EXPECT_EQ(children[0].answer, (cf::child_answer{day(2024, 9, 20), "梅陇镇已核实站点 3 处", true, 0}));
  EXPECT_EQ(children[1].answer, (cf::child_answer{day(2024, 9, 27), "区交通委建议增设接驳线路", false, 2}));
  EXPECT_FALSE(children[2].answer);

  // The district sends its opinion on 09-30: Qibao's item, still open, ends with it.
  must(book.apply(id_0581, ev::submit_opinion(unit("minhang"), at(2024, 9, 30))));
  const auto qibao = book.find_child("16-2/0581-3").value();
  EXPECT_EQ(qibao.ended, day(2024, 9, 30));
  EXPECT_FALSE(qibao.open());
  EXPECT_TRUE(book.clocks_of(cf::case_id{"16-2", "0581-3"}).empty());
  bool found = false;
  for (const auto &f : book.finished_clocks())
    if (f.clock.case_id == "16-2/0581-3") {
      found = true;
      EXPECT_FALSE(f.met);
    } else if (f.clock.case_id == "16-2/0581-2") {
      ASSERT_TRUE(f.met);
      EXPECT_EQ(f.met->workdays_late, 2);
    }
  EXPECT_TRUE(found);
  p = book.child_roll_up(id_0581, "minhang", day(2024, 10, 8));
  EXPECT_EQ((std::vector<int>{p.held, p.answered, p.answered_late, p.open, p.overdue, p.ended}),
            (std::vector<int>{3, 2, 1, 0, 0, 1}));
  const auto after_end = book.answer_child("16-2/0581-3", {"qibao", day(2024, 10, 8), "late"});
  ASSERT_FALSE(after_end);
  EXPECT_EQ(after_end.error().code, cf::errc::invalid_state);
  EXPECT_NE(after_end.error().message.find("ended on 2024-09-30"), std::string::npos) << after_end.error().message;
  tick_days(book, day(2024, 9, 27), day(2024, 10, 31));
  // Qibao's clock said what it had to before it ended (its 3-day reminder, the overdue notice), nothing after.
  EXPECT_EQ(book.notices_of(cf::case_id{"16-2", "0581-3"}).size(), 2u);

  // The snapshot holds the children, and the journal replays to the same book.
  const auto snap = nlohmann::json::parse(book.snapshot());
  ASSERT_TRUE(snap.contains("children"));
  const auto &listed = snap["children"]["16-2/0581"];
  ASSERT_EQ(listed.size(), 3u);
  EXPECT_EQ(listed[1]["id"], "16-2/0581-2");
  EXPECT_EQ(listed[1]["parent"], "16-2/0581");
  EXPECT_EQ(listed[1]["answer"]["workdays_late"], 2);
  EXPECT_EQ(listed[2]["ended"], "2024-09-30");
  auto again = cf::case_book::replay(store, shanghai_policy(), national_calendar(), minhang_chart());
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->snapshot(), book.snapshot());
  EXPECT_EQ(again->children_of(id_0581), book.children_of(id_0581));
}

TEST(case_book_linkage, children_end_when_their_unit_is_returned) {
  cf::case_book book(shanghai_policy(), national_calendar(), minhang_chart());
  open_city_item(book);
  must(book.pass_down(id_0581, request("16-2/0581-1", "meilong", day(2024, 9, 6))));
  must(book.apply(id_0581, ev::request_return(unit("minhang"), at(2024, 9, 9), "不属本区职责")));
  must(book.apply(id_0581, ev::approve_return(office(), at(2024, 9, 10), "minhang", "sh-fgw")));
  EXPECT_EQ(book.find_child("16-2/0581-1")->ended, day(2024, 9, 10));
  EXPECT_TRUE(book.clocks_of(cf::case_id{"16-2", "0581-1"}).empty());
}

TEST(case_book_linkage, replay_refuses_a_child_due_date_that_differs) {
  cf::memory_event_store store;
  cf::case_book book(shanghai_policy(), national_calendar(), minhang_chart());
  book.attach_journal(store);
  open_city_item(book);
  must(book.pass_down(id_0581, request("16-2/0581-1", "meilong", day(2024, 9, 6))));
  // The same journal read with a margin of 6 working days gives another due date: a conflict on its line.
  auto policy = shanghai_policy();
  policy.child_margin = cf::workdays{6};
  auto again = cf::case_book::replay(store, policy, national_calendar(), minhang_chart());
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, cf::errc::conflict);
  EXPECT_NE(again.error().message.find("the child's due date differs"), std::string::npos) << again.error().message;
}
