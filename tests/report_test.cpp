// Reports: every figure of the ledger, summary, bulletin and KPIs against values worked out by hand on a
// small book built through the public API; the CSV, Markdown and JSON renderings; and the seed
// district's year replayed from the bundled journal.
#include <caseflow/report.hpp>

#include "support/case_driver.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

namespace cf = caseflow;
using namespace cf::testing;
namespace ev = cf::events;
using cf::assignment_role;
using cf::reply_class;

namespace {

void must(const cf::status<cf::rejection> &r) { ASSERT_TRUE(r.has_value()) << r.error().message; }

cf::case_info info(std::string session, std::string item, cf::case_kind kind, std::string category, std::string title) {
  cf::case_info i;
  i.id = {std::move(session), std::move(item)};
  i.kind = kind;
  i.category = std::move(category);
  i.proposers = {"代表甲", {}};
  i.title = std::move(title);
  return i;
}

const cf::case_id a{"16-2", "0001"}; // minhang lead, xuhui co-handler: replied A on time, satisfied, published
const cf::case_id b{"16-2", "0002"}; // minhang alone: no leader-led consultation, still handling, overdue
const cf::case_id c{"14-2", "0003"}; // xuhui lead, minhang co-handler (opinion late): B, on request, followed up
const cf::case_id d{"14-2", "0004"}; // registered, never assigned; a title that needs CSV quoting
const cf::case_id e{"16-2", "0005"}; // minhang lead: C, no feedback, not public
const cf::date as_of(2024, 7, 31);

// The book of the tests. Assigned Friday 2024-03-15: return windows due 03-22, opinions due 04-15,
// replies due 06-17. Ticks on 04-12 and 07-31 (see each test for the notices they issue).
cf::case_book small_book() {
  cf::case_book book(shanghai_policy(), national_calendar());
  const auto ds = cf::case_kind::deputy_suggestion;
  const auto cp = cf::case_kind::cppcc_proposal;
  must(book.open(info("16-2", "0001", ds, "城建交通", "关于优化公交接驳的建议")));
  must(book.open(info("16-2", "0002", ds, "经济财农", "关于支持小微企业的建议")));
  must(book.open(info("14-2", "0003", cp, "教科文卫体", "关于增加学位供给的提案")));
  must(book.open(info("14-2", "0004", cp, "城建交通", "关于\"一网通办\",再优化\n的提案")));
  must(book.open(info("16-2", "0005", ds, "城建交通", "关于河道整治的建议")));
  for (const auto &id : {a, b, c, d, e})
    must(book.apply(id, ev::register_case(office(), at(2024, 3, 1))));
  const auto lead = [](std::string u) { return cf::unit_assignment_spec{std::move(u), assignment_role::lead}; };
  const auto co = [](std::string u) { return cf::unit_assignment_spec{std::move(u), assignment_role::co_handler}; };
  must(book.apply(a, ev::assign(office(), at(2024, 3, 15), {lead("minhang"), co("xuhui")})));
  must(book.apply(b, ev::assign(office(), at(2024, 3, 15), {lead("minhang")})));
  must(book.apply(c, ev::assign(office(), at(2024, 3, 15), {lead("xuhui"), co("minhang")})));
  must(book.apply(e, ev::assign(office(), at(2024, 3, 15), {lead("minhang")})));
  for (const auto &id : {a, b, e})
    must(book.apply(id, ev::acknowledge(unit("minhang"), at(2024, 3, 18))));
  must(book.apply(a, ev::acknowledge(unit("xuhui"), at(2024, 3, 18))));
  must(book.apply(c, ev::acknowledge(unit("xuhui"), at(2024, 3, 18))));
  must(book.apply(c, ev::acknowledge(unit("minhang"), at(2024, 3, 18))));
  must(book.apply(b, ev::record_consultation(unit("minhang"), at(2024, 4, 1), false)));
  must(book.apply(a, ev::record_consultation(unit("minhang"), at(2024, 4, 8), true)));
  must(book.apply(a, ev::submit_opinion(unit("xuhui"), at(2024, 4, 10))));
  EXPECT_TRUE(book.tick(cf::date(2024, 4, 12)).has_value());
  must(book.apply(e, ev::record_consultation(unit("minhang"), at(2024, 4, 15), true)));
  must(book.apply(c, ev::submit_opinion(unit("minhang"), at(2024, 4, 22))));
  must(book.apply(c, ev::record_consultation(unit("xuhui"), at(2024, 5, 6), true)));
  must(book.apply(e, ev::reply(unit("minhang"), at(2024, 5, 10), reply_class::c)));
  must(book.apply(e, ev::decide_publication(unit("minhang"), at(2024, 5, 15), cf::disclosure::not_public, "personal data")));
  must(book.apply(a, ev::reply(unit("minhang"), at(2024, 5, 20), reply_class::a)));
  must(book.apply(a, ev::decide_publication(unit("minhang"), at(2024, 5, 28), cf::disclosure::public_full_text)));
  must(book.apply(a, ev::record_feedback(office(), at(2024, 6, 11), cf::satisfaction::satisfied)));
  must(book.apply(a, ev::close(office(), at(2024, 6, 12))));
  must(book.apply(c, ev::reply(unit("xuhui"), at(2024, 6, 14), reply_class::b)));
  must(book.apply(e, ev::record_feedback(office(), at(2024, 6, 20), cf::satisfaction::no_feedback)));
  must(book.apply(c, ev::decide_publication(unit("xuhui"), at(2024, 6, 20), cf::disclosure::on_request)));
  must(book.apply(e, ev::close(office(), at(2024, 6, 21))));
  must(book.apply(c, ev::record_feedback(office(), at(2024, 7, 5), cf::satisfaction::basically_satisfied)));
  must(book.apply(c, ev::close(office(), at(2024, 7, 8))));
  must(book.apply(c, ev::follow_up_reply(unit("xuhui"), at(2024, 7, 25), reply_class::a)));
  EXPECT_TRUE(book.tick(as_of).has_value());
  return book;
}

// One readable line per ledger row, so that a wrong figure shows as a diff.
std::string line(const cf::ledger_row &r) {
  std::string units;
  for (const auto &u : r.units)
    units += u.unit + ":" + std::string(cf::to_string(u.role)) + " ";
  const auto opt = [](const auto &v) { return v ? std::string(cf::to_string(*v)) : std::string("-"); };
  const auto day = [](cf::date x) { return x.is_special() ? std::string("-") : cf::to_string(x); };
  return r.id.to_string() + " " + std::string(cf::to_string(r.kind)) + " " + r.category + " " + units + "role=" + opt(r.role) +
         " " + std::string(cf::to_string(r.state)) + " assigned=" + day(r.assigned_on) + " due=" + day(r.reply_due) +
         " replied=" + day(r.replied_on) + " class=" + opt(r.result_class) + " " + opt(r.rating) + " " + opt(r.publication) +
         " late=" + std::to_string(r.workdays_late) + " reminders=" + std::to_string(r.reminders);
}

std::vector<std::string> lines(const cf::ledger &l) {
  std::vector<std::string> out;
  for (const auto &r : l.rows)
    out.push_back(line(r));
  return out;
}

std::string ids(const std::vector<cf::bulletin_item> &items) {
  std::string out;
  for (const auto &i : items)
    out += i.id.to_string() + " due " + cf::to_string(i.due) + " done " +
           (i.done_on.is_special() ? "-" : cf::to_string(i.done_on)) + " late " + std::to_string(i.workdays_late) + ";";
  return out;
}

} // namespace

// Notices: each tick issues what daily ticks would have. The 04-12 tick issues every unit's return
// window reminder (03-19; the windows then close without a notice) and minhang's two opinion reminders on
// 14-2/0003 (03-29, 04-10); the 07-31 tick issues 16-2/0002's reply reminders (05-31, 06-12) and its
// overdue notice (06-18).
// 16-2/0002 is 32 working days late on 07-31 (06-18 .. 07-31).
TEST(report, ledger_of_the_whole_book) {
  const auto book = small_book();
  EXPECT_EQ(
      lines(cf::make_ledger(book, as_of).value()),
      (std::vector<std::string>{
          "14-2/0003 cppcc_proposal 教科文卫体 xuhui:lead minhang:co_handler role=lead closed assigned=2024-03-15 due=2024-06-17 "
          "replied=2024-06-14 class=B basically_satisfied on_request late=0 reminders=4",
          "14-2/0004 cppcc_proposal 城建交通 role=- registered assigned=- due=- replied=- class=- - - late=0 reminders=0",
          "16-2/0001 deputy_suggestion 城建交通 minhang:lead xuhui:co_handler role=lead closed assigned=2024-03-15 "
          "due=2024-06-17 "
          "replied=2024-05-20 class=A satisfied public_full_text late=0 reminders=2",
          "16-2/0002 deputy_suggestion 经济财农 minhang:lead role=lead handling assigned=2024-03-15 due=2024-06-17 replied=- "
          "class=- - - late=32 reminders=4",
          "16-2/0005 deputy_suggestion 城建交通 minhang:lead role=lead closed assigned=2024-03-15 due=2024-06-17 "
          "replied=2024-05-10 class=C no_feedback not_public late=0 reminders=1",
      }));
}

TEST(report, ledger_from_one_units_point_of_view) {
  const auto book = small_book();
  const auto l = cf::make_ledger(book, as_of, "minhang").value();
  ASSERT_EQ(l.rows.size(), 4u);
  std::vector<std::string> roles_and_reminders;
  for (const auto &r : l.rows)
    roles_and_reminders.push_back(r.id.to_string() + " " + std::string(cf::to_string(*r.role)) + " " +
                                  std::to_string(r.reminders));
  // Only minhang's own notices.
  EXPECT_EQ(roles_and_reminders,
            (std::vector<std::string>{"14-2/0003 co_handler 3", "16-2/0001 lead 1", "16-2/0002 lead 4", "16-2/0005 lead 1"}));
  // Lateness is counted to the day asked: 06-18 .. 06-21 is 4 working days.
  EXPECT_EQ(cf::make_ledger(book, cf::date(2024, 6, 21), "minhang").value().rows[2].workdays_late, 4);
  // A Saturday counts as the Monday after: 06-18 .. 06-24 is 5.
  EXPECT_EQ(cf::make_ledger(book, cf::date(2024, 6, 22), "minhang").value().rows[2].workdays_late, 5);
}

TEST(report, summary_by_kind_role_category_and_state) {
  const auto book = small_book();
  const auto s = cf::make_summary(book, as_of).value();
  EXPECT_EQ(s.items, 5);
  EXPECT_EQ(s.by_kind[0], (cf::kind_total{cf::case_kind::deputy_suggestion, 3, 3, 0, 0, 0}));
  EXPECT_EQ(s.by_kind[1], (cf::kind_total{cf::case_kind::cppcc_proposal, 2, 1, 0, 0, 1}));
  EXPECT_EQ(s.by_category, (std::vector<std::pair<std::string, int>>{{"城建交通", 3}, {"经济财农", 1}, {"教科文卫体", 1}}));
  EXPECT_EQ(s.by_state[static_cast<std::size_t>(cf::case_state::closed)], 3);
  EXPECT_EQ(s.by_state[static_cast<std::size_t>(cf::case_state::handling)], 1);
  EXPECT_EQ(s.by_state[static_cast<std::size_t>(cf::case_state::registered)], 1);
  EXPECT_EQ(s.replying, 4);
  EXPECT_EQ(s.replied, 3);
  const auto lead = assignment_role::lead;
  EXPECT_EQ(s.cells, (std::vector<cf::summary_cell>{
                         {cf::case_kind::deputy_suggestion, lead, "城建交通", cf::case_state::closed, 2},
                         {cf::case_kind::deputy_suggestion, lead, "经济财农", cf::case_state::handling, 1},
                         {cf::case_kind::cppcc_proposal, lead, "教科文卫体", cf::case_state::closed, 1},
                         {cf::case_kind::cppcc_proposal, std::nullopt, "城建交通", cf::case_state::registered, 1},
                     }));
  EXPECT_EQ(cf::headline(s), "5 items: 3 deputy suggestions (3 lead), 2 CPPCC proposals (1 lead, 1 unassigned); 3 items replied; "
                             "1 published, 1 on request (14-2/0003), 1 not public (16-2/0005)");
  const auto m = cf::make_summary(book, as_of, "minhang").value();
  EXPECT_EQ(cf::headline(m), "4 items: 3 deputy suggestions (3 lead), 1 CPPCC proposal (1 co-handled); 2 lead items replied; "
                             "1 published, 1 not public (16-2/0005)");
  // Before the first reply nothing is replied or disclosed.
  EXPECT_EQ(cf::headline(cf::make_summary(book, cf::date(2024, 5, 9), "minhang").value()),
            "4 items: 3 deputy suggestions (3 lead), 1 CPPCC proposal (1 co-handled); 0 lead items replied; 0 published");
}

TEST(report, bimonthly_bulletins_of_a_unit) {
  const auto book = small_book();
  auto early = cf::make_bulletin(book, "minhang", cf::date(2024, 3, 1), cf::date(2024, 4, 30));
  ASSERT_TRUE(early) << early.error().message;
  EXPECT_EQ(early->held, 4);
  EXPECT_EQ(early->done, 1); // the late opinion on 14-2/0003
  EXPECT_EQ(early->done_in_period, 1);
  EXPECT_EQ(early->on_time, 0);
  EXPECT_EQ(ids(early->overdue), "");
  EXPECT_EQ(ids(early->late), "14-2/0003 due 2024-04-15 done 2024-04-22 late 5;");
  EXPECT_EQ(early->reminders, 6); // minhang's four return window reminders, two opinion reminders
  EXPECT_EQ(early->ratings, (std::array<int, 4>{0, 0, 0, 0}));

  auto july = cf::make_bulletin(book, "minhang", cf::date(2024, 7, 1), as_of);
  ASSERT_TRUE(july) << july.error().message;
  EXPECT_EQ(july->held, 4);
  EXPECT_EQ(july->done, 3);
  EXPECT_EQ(july->done_in_period, 0);
  EXPECT_EQ(july->on_time, 2);
  EXPECT_EQ(ids(july->overdue), "16-2/0002 due 2024-06-17 done - late 32;");
  EXPECT_EQ(ids(july->late), "14-2/0003 due 2024-04-15 done 2024-04-22 late 5;");
  EXPECT_EQ(july->ratings, (std::array<int, 4>{1, 0, 0, 1})); // 16-2/0001 satisfied, 16-2/0005 no feedback
  EXPECT_EQ(july->reminders, 0);                              // 16-2/0002's notices went out in May and June

  const auto periods = cf::bimonthly_periods(2024);
  ASSERT_EQ(periods.size(), 6u);
  EXPECT_EQ(periods[0], std::make_pair(cf::date(2024, 1, 1), cf::date(2024, 2, 29)));
  EXPECT_EQ(periods[5], std::make_pair(cf::date(2024, 11, 1), cf::date(2024, 12, 31)));
}

TEST(report, bulletin_refuses_an_empty_period_or_no_unit) {
  const auto book = small_book();
  const auto backwards = cf::make_bulletin(book, "minhang", cf::date(2024, 5, 1), cf::date(2024, 4, 30));
  ASSERT_FALSE(backwards);
  EXPECT_EQ(backwards.error().code, cf::errc::invalid_argument);
  EXPECT_EQ(backwards.error().message, "bulletin for 'minhang': the period 2024-05-01 to 2024-04-30 is empty");
  const auto nobody = cf::make_bulletin(book, "", cf::date(2024, 3, 1), cf::date(2024, 4, 30));
  ASSERT_FALSE(nobody);
  EXPECT_EQ(nobody.error().message, "bulletin: no unit given");
}

TEST(report, kpis_with_numerators_and_denominators) {
  const auto book = small_book();
  const auto all = cf::make_kpis(book, as_of).value();
  EXPECT_EQ(all.closure, (cf::rate{3, 4})); // 0001, 0003 (into follow-up, then closed), 0005 of 4 assigned
  EXPECT_EQ(all.on_time, (cf::rate{3, 4})); // three replies on time; 0002 open past due counts as late
  EXPECT_EQ(all.contact, (cf::rate{4, 4}));
  EXPECT_EQ(all.face_to_face, (cf::rate{3, 4})); // 0002 had a consultation, not a leader-led one
  EXPECT_EQ(all.satisfaction, (cf::rate{2, 2})); // no feedback is not a rating
  EXPECT_EQ(all.follow_up, (cf::rate{1, 1}));

  const auto minhang = cf::make_kpis(book, as_of, "minhang").value();
  EXPECT_EQ(minhang.closure, (cf::rate{3, 4}));
  EXPECT_EQ(minhang.on_time, (cf::rate{2, 4})); // its late opinion on 0003 and 0002 overdue
  EXPECT_EQ(minhang.satisfaction, (cf::rate{1, 1}));
  EXPECT_EQ(minhang.follow_up, (cf::rate{0, 0})); // 0003's follow-up is xuhui's
  EXPECT_FALSE(minhang.follow_up.value().has_value());
  EXPECT_EQ(minhang.follow_up.to_string(), "n/a (0/0)");
  EXPECT_EQ(minhang.on_time.to_string(), "50.0% (2/4)");
  EXPECT_DOUBLE_EQ(*all.closure.value(), 0.75);

  // Before anything was due nothing is late, and nothing is rated.
  const auto april = cf::make_kpis(book, cf::date(2024, 4, 12)).value();
  EXPECT_EQ(april.on_time, (cf::rate{0, 0}));
  EXPECT_EQ(april.contact, (cf::rate{2, 4}));
  EXPECT_EQ(april.satisfaction, (cf::rate{0, 0}));
}

TEST(report, csv_has_a_bom_and_quotes_commas_quotes_and_line_breaks) {
  EXPECT_EQ(cf::csv_field("plain"), "plain");
  EXPECT_EQ(cf::csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(cf::csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(cf::csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(cf::csv_field(" padded"), "\" padded\"");
  // Formula injection: cells a spreadsheet would evaluate are kept as text.
  EXPECT_EQ(cf::csv_field("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(cf::csv_field("+1 800"), "'+1 800");
  EXPECT_EQ(cf::csv_field("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(cf::csv_field("-2+3"), "'-2+3");
  EXPECT_EQ(cf::csv_field("\tcmd"), "'\tcmd");
  EXPECT_EQ(cf::csv_field("-"), "-");
  EXPECT_EQ(cf::csv_field("-3"), "-3");

  const auto book = small_book();
  const std::string csv = cf::format(cf::make_ledger(book, as_of).value(), cf::report_format::csv);
  ASSERT_EQ(csv.substr(0, 3), cf::csv_bom);
  EXPECT_EQ(csv.substr(3, csv.find("\r\n") - 3),
            "id,kind,category,title,lead proposer,units,role,state,assigned on,reply "
            "due,replied on,class,satisfaction,disclosure,wd late,reminders,tracking,supervising leader");
  EXPECT_NE(
      csv.find(
          "\r\n14-2/0004,cppcc_proposal,城建交通,\"关于\"\"一网通办\"\",再优化\n的提案\",代表甲,,-,registered,,,,,,,0,0,,\r\n"),
      std::string::npos)
      << csv;
  EXPECT_NE(csv.find("16-2/"
                     "0002,deputy_suggestion,经济财农,关于支持小微企业的建议,代表甲,minhang:lead,lead,handling,2024-03-15,2024-"
                     "06-17,,,,,32,4,,\r\n"),
            std::string::npos);
  const std::string bulletin =
      cf::format(cf::make_bulletin(book, "minhang", cf::date(2024, 7, 1), as_of).value(), cf::report_format::csv);
  EXPECT_EQ(
      bulletin,
      std::string(cf::csv_bom) +
          "unit,from,to,held,done,done in period,on time,overdue,overdue items,late,late items,satisfied,basically satisfied,"
          "dissatisfied,no feedback,reminders,key or supervised,of those done,of those on time\r\n"
          "minhang,2024-07-01,2024-07-31,4,3,0,2,1,16-2/0002,1,14-2/0003,1,0,0,1,0,0,0,0\r\n");
}

TEST(report, json_parses_back_with_every_figure) {
  const auto book = small_book();
  const auto ledger = nlohmann::json::parse(cf::format(cf::make_ledger(book, as_of, "minhang").value(), cf::report_format::json));
  EXPECT_EQ(ledger["as_of"], "2024-07-31");
  ASSERT_EQ(ledger["rows"].size(), 4u);
  EXPECT_EQ(ledger["rows"][2]["id"], "16-2/0002");
  EXPECT_EQ(ledger["rows"][2]["workdays_late"], 32);
  EXPECT_TRUE(ledger["rows"][2]["replied_on"].is_null());
  EXPECT_EQ(ledger["rows"][0]["role"], "co_handler");

  const auto summary = nlohmann::json::parse(cf::format(cf::make_summary(book, as_of).value(), cf::report_format::json));
  EXPECT_EQ(summary["items"], 5);
  EXPECT_EQ(summary["disclosed"]["on_request"], nlohmann::json::array({"14-2/0003"}));
  EXPECT_EQ(summary["by_category"]["城建交通"], 3);

  const auto kpis = nlohmann::json::parse(cf::format(cf::make_kpis(book, as_of, "minhang").value(), cf::report_format::json));
  EXPECT_EQ(kpis["rates"]["on_time"], (nlohmann::json{{"numerator", 2}, {"denominator", 4}, {"value", 0.5}}));
  EXPECT_TRUE(kpis["rates"]["follow_up"]["value"].is_null());

  const auto bulletin = nlohmann::json::parse(
      cf::format(cf::make_bulletin(book, "minhang", cf::date(2024, 7, 1), as_of).value(), cf::report_format::json));
  EXPECT_EQ(bulletin["overdue"][0]["id"], "16-2/0002");
  EXPECT_EQ(bulletin["ratings"]["no_feedback"], 1);
}

TEST(report, text_and_markdown_show_the_same_figures) {
  const auto book = small_book();
  const auto k = cf::make_kpis(book, as_of, "minhang").value();
  EXPECT_EQ(cf::format(k, cf::report_format::text), "KPIs as of 2024-07-31, unit minhang\n\n"
                                                    "kpi           numerator  denominator  rate\n"
                                                    "------------  ---------  -----------  ------\n"
                                                    "closure       3          4            75.0%\n"
                                                    "on_time       2          4            50.0%\n"
                                                    "contact       4          4            100.0%\n"
                                                    "face_to_face  3          4            75.0%\n"
                                                    "satisfaction  1          1            100.0%\n"
                                                    "follow_up     0          0            n/a\n"
                                                    "key_on_time   0          0            n/a\n");
  const std::string md = cf::format(cf::make_ledger(book, as_of).value(), cf::report_format::markdown);
  EXPECT_NE(md.find("# Ledger as of 2024-07-31, all units"), std::string::npos);
  EXPECT_NE(md.find("| 14-2/0004 | cppcc_proposal | 城建交通 | 关于\"一网通办\",再优化<br>的提案 |"), std::string::npos) << md;
  // Wide characters take two columns, so the columns after a Chinese title still line up.
  const std::string text = cf::format(cf::make_summary(book, as_of).value(), cf::report_format::text);
  EXPECT_NE(text.find("deputy_suggestion  lead  城建交通    closed      2\n"), std::string::npos) << text;
}

TEST(report, report_format_names) {
  EXPECT_EQ(cf::parse_report_format("csv").value(), cf::report_format::csv);
  EXPECT_EQ(cf::to_string(cf::report_format::markdown), "markdown");
  const auto bad = cf::parse_report_format("xlsx");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, cf::errc::parse_error);
  EXPECT_EQ(bad.error().message, "unknown report format 'xlsx' (expected text, markdown, csv, json, html)");
  EXPECT_EQ(cf::parse_report_format("html").value(), cf::report_format::html);
}

// The seed district's year, replayed from the bundled journal through the library.
TEST(report, minhang_2024_journal_reproduces_the_seed_figures) {
  const std::filesystem::path data(CASEFLOW_TEST_DATA_DIR);
  std::ifstream in(data / "examples/minhang-2024.jsonl", std::ios::binary);
  ASSERT_TRUE(in);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  cf::memory_event_store store;
  store.bytes() = bytes.str();
  auto policy = cf::load_policy(data / "policies/shanghai-municipal.json");
  ASSERT_TRUE(policy) << policy.error().message;
  auto chart = cf::load_org_chart(data / "examples/minhang-org.json");
  ASSERT_TRUE(chart) << chart.error().message;
  // The calendar as hosts load it (2027 provisional), which the journal's setup record holds.
  auto calendar = cf::work_calendar::load(data / "calendars/cn-mainland.txt");
  ASSERT_TRUE(calendar) << calendar.error().message;
  auto book = cf::case_book::replay(store, *policy, *calendar, *chart);
  ASSERT_TRUE(book) << book.error().message;

  const auto s = cf::make_summary(*book, cf::date(2024, 12, 31), "minhang").value();
  EXPECT_EQ(s.items, 34);
  EXPECT_EQ(s.by_kind[0], (cf::kind_total{cf::case_kind::deputy_suggestion, 24, 5, 19, 0, 0}));
  EXPECT_EQ(s.by_kind[1], (cf::kind_total{cf::case_kind::cppcc_proposal, 10, 3, 7, 0, 0}));
  EXPECT_EQ(s.replying, 8);
  EXPECT_EQ(s.replied, 8);
  EXPECT_EQ(s.disclosed[static_cast<std::size_t>(cf::disclosure::public_full_text)].size() +
                s.disclosed[static_cast<std::size_t>(cf::disclosure::public_summary)].size(),
            6u);
  EXPECT_EQ(s.disclosed[static_cast<std::size_t>(cf::disclosure::on_request)],
            (std::vector<cf::case_id>{{"16-2", "0581"}, {"16-2", "0605"}}));
  for (const auto &[category, n] : s.by_category)
    EXPECT_TRUE(category == "城建交通" || category == "经济财农" || category == "教科文卫体" || n <= 2) << category << " " << n;
  EXPECT_EQ(cf::headline(s),
            "34 items: 24 deputy suggestions (5 lead, 19 co-handled), 10 CPPCC proposals (3 lead, 7 co-handled); "
            "8 lead items replied; 6 published, 2 on request (16-2/0581, 16-2/0605)");
  // Every lead item was replied in time, after a leader-led consultation.
  const auto k = cf::make_kpis(*book, cf::date(2024, 12, 31), "minhang").value();
  EXPECT_EQ(k.face_to_face, (cf::rate{34, 34}));
  const auto year = cf::make_ledger(*book, cf::date(2024, 12, 31), "minhang").value();
  for (const auto &row : year.rows)
    if (row.role == assignment_role::lead) {
      EXPECT_EQ(row.workdays_late, 0) << row.id.to_string();
    }
}

// Every report answers "as of D": what was true on D, nothing after it.
TEST(report, a_past_day_shows_the_items_as_they_stood_then) {
  const auto book = small_book();
  const auto april = cf::make_ledger(book, cf::date(2024, 4, 12)).value();
  EXPECT_EQ(
      lines(april),
      (std::vector<std::string>{
          "14-2/0003 cppcc_proposal 教科文卫体 xuhui:lead minhang:co_handler role=lead handling assigned=2024-03-15 "
          "due=2024-06-17 replied=- class=- - - late=0 reminders=4",
          "14-2/0004 cppcc_proposal 城建交通 role=- registered assigned=- due=- replied=- class=- - - late=0 reminders=0",
          "16-2/0001 deputy_suggestion 城建交通 minhang:lead xuhui:co_handler role=lead handling assigned=2024-03-15 "
          "due=2024-06-17 replied=- class=- - - late=0 reminders=2",
          "16-2/0002 deputy_suggestion 经济财农 minhang:lead role=lead handling assigned=2024-03-15 due=2024-06-17 replied=- "
          "class=- - - late=0 reminders=1",
          "16-2/0005 deputy_suggestion 城建交通 minhang:lead role=lead handling assigned=2024-03-15 due=2024-06-17 "
          "replied=- class=- - - late=0 reminders=1",
      }));
  // Before the first event nothing was in the book's records.
  EXPECT_TRUE(cf::make_ledger(book, cf::date(2024, 2, 1)).value().rows.empty());
  // 05-15: 16-2/0005 replied on 05-10 with class C and its disclosure decided, not yet rated; the
  // summary of the same day says the same.
  const auto may = cf::make_ledger(book, cf::date(2024, 5, 15)).value();
  EXPECT_EQ(line(may.rows[4]), "16-2/0005 deputy_suggestion 城建交通 minhang:lead role=lead replied assigned=2024-03-15 "
                               "due=2024-06-17 replied=2024-05-10 class=C - not_public late=0 reminders=1");
  const auto summary = cf::make_summary(book, cf::date(2024, 5, 15)).value();
  EXPECT_EQ(summary.replied, 1);
  EXPECT_EQ(summary.by_state[static_cast<std::size_t>(cf::case_state::replied)], 1);
  EXPECT_EQ(summary.by_state[static_cast<std::size_t>(cf::case_state::closed)], 0);
  const auto kpis = cf::make_kpis(book, cf::date(2024, 5, 15)).value();
  EXPECT_EQ(kpis.closure, (cf::rate{0, 4}));
}

TEST(report, a_running_period_counts_lateness_to_the_day_asked_not_to_its_end) {
  const auto book = small_book();
  // 16-2/0002's reply is due 06-17. On 06-03 it is not overdue, though the period runs to 06-30 (by
  // which day it would be 10 working days late).
  const auto running = cf::make_bulletin(book, "minhang", cf::date(2024, 5, 1), cf::date(2024, 6, 30), cf::date(2024, 6, 3));
  ASSERT_TRUE(running) << running.error().message;
  EXPECT_EQ(ids(running->overdue), "");
  EXPECT_EQ(running->done, 3); // replies on 16-2/0005 (05-10) and 16-2/0001 (05-20), the opinion on 14-2/0003 (04-22)
  const auto ended = cf::make_bulletin(book, "minhang", cf::date(2024, 5, 1), cf::date(2024, 6, 30)).value();
  EXPECT_EQ(ids(ended.overdue), "16-2/0002 due 2024-06-17 done - late 10;");
  const auto early = cf::make_bulletin(book, "minhang", cf::date(2024, 5, 1), cf::date(2024, 6, 30), cf::date(2024, 4, 30));
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code, cf::errc::invalid_argument);
}

TEST(report, a_day_outside_the_calendar_is_an_error_naming_it) {
  const auto book = small_book();
  const std::string expected = "2030-01-01 is outside the working-day calendar, which covers 2024-01-01 to 2026-12-31";
  const auto ledger = cf::make_ledger(book, cf::date(2030, 1, 1));
  ASSERT_FALSE(ledger);
  EXPECT_EQ(ledger.error().code, cf::errc::out_of_range);
  EXPECT_EQ(ledger.error().message, "ledger: " + expected);
  EXPECT_EQ(cf::make_summary(book, cf::date(2030, 1, 1)).error().message, "summary: " + expected);
  EXPECT_EQ(cf::make_kpis(book, cf::date(2030, 1, 1), "minhang").error().message, "kpi: " + expected);
  const auto bulletin = cf::make_bulletin(book, "minhang", cf::date(2029, 11, 1), cf::date(2030, 1, 1));
  ASSERT_FALSE(bulletin);
  EXPECT_EQ(bulletin.error().message, "bulletin for 'minhang': " + expected);
}

TEST(report, an_extension_approved_later_does_not_move_the_due_date_of_an_earlier_day) {
  cf::case_book book(shanghai_policy(), national_calendar());
  must(book.open(info("16-2", "0001", cf::case_kind::deputy_suggestion, "城建交通", "关于优化公交接驳的建议")));
  must(book.apply(a, ev::register_case(office(), at(2024, 3, 1))));
  must(book.apply(a, ev::assign(office(), at(2024, 3, 15), {{"minhang", assignment_role::lead}})));
  must(book.apply(a, ev::acknowledge(unit("minhang"), at(2024, 3, 18))));
  must(book.apply(a, ev::request_extension(unit("minhang"), at(2024, 6, 24), cf::date(2024, 8, 30), "budget")));
  must(book.apply(a, ev::approve_extension(office(), at(2024, 6, 26), "minhang", cf::date(2024, 8, 30))));
  // On 06-21 the reply was due 06-17 and 4 working days late; from 06-26 it is due 08-30.
  const auto before = cf::make_ledger(book, cf::date(2024, 6, 21)).value();
  EXPECT_EQ(before.rows.at(0).reply_due, cf::date(2024, 6, 17));
  EXPECT_EQ(before.rows.at(0).workdays_late, 4);
  const auto after = cf::make_ledger(book, cf::date(2024, 7, 1)).value();
  EXPECT_EQ(after.rows.at(0).reply_due, cf::date(2024, 8, 30));
  EXPECT_EQ(after.rows.at(0).workdays_late, 0);
}

// Key items and leader-supervised items are tracked more closely: reports show them apart, the ledger
// names the supervising leader, KPIs and bulletins give their own on-time figures.
TEST(report, key_and_leader_supervised_items_are_shown_apart) {
  cf::case_book book(shanghai_policy(), national_calendar(), minhang_chart());
  auto key = info("16-2", "0001", cf::case_kind::deputy_suggestion, "城建交通", "关于优化公交接驳的建议");
  key.key_item = true;
  auto supervised = info("16-2", "0002", cf::case_kind::deputy_suggestion, "城建交通", "关于元江路路面修复的建议");
  supervised.leader_supervised = true;
  const auto plain = info("16-2", "0005", cf::case_kind::deputy_suggestion, "城建交通", "关于河道整治的建议");
  for (const auto &i : {key, supervised, plain}) {
    must(book.open(i));
    must(book.apply(i.id, ev::register_case(office(), at(2024, 3, 1))));
    must(book.apply(i.id, ev::assign(office(), at(2024, 3, 15), {{"mh-jsw", assignment_role::lead}})));
    must(book.apply(i.id, ev::acknowledge(unit("mh-jsw"), at(2024, 3, 18))));
    must(book.apply(i.id, ev::record_consultation(unit("mh-jsw"), at(2024, 4, 8), true)));
  }
  must(book.apply(a, ev::reply(unit("mh-jsw"), at(2024, 5, 20), reply_class::a))); // key item: on time
  must(book.apply(e, ev::reply(unit("mh-jsw"), at(2024, 5, 21), reply_class::a))); // plain item: on time
  const cf::date day(2024, 6, 28);                                                 // 16-2/0002 is late

  const auto l = cf::make_ledger(book, day).value();
  ASSERT_EQ(l.rows.size(), 3u);
  EXPECT_TRUE(l.rows[0].key_item);
  EXPECT_FALSE(l.rows[0].leader_supervised);
  EXPECT_EQ(l.rows[0].supervising_leader, "");
  EXPECT_TRUE(l.rows[1].leader_supervised);
  EXPECT_EQ(l.rows[1].supervising_leader, "mh-vm-build");
  EXPECT_FALSE(l.rows[2].key_item || l.rows[2].leader_supervised);
  const std::string text = cf::format(l, cf::report_format::text);
  EXPECT_NE(text.find("3 items, 2 key or leader-supervised"), std::string::npos) << text;
  EXPECT_NE(text.find("Key and leader-supervised items"), std::string::npos) << text;

  const auto k = cf::make_kpis(book, day).value();
  EXPECT_EQ(k.on_time, (cf::rate{2, 3}));
  EXPECT_EQ(k.key_on_time, (cf::rate{1, 2}));

  const auto b = cf::make_bulletin(book, "mh-jsw", cf::date(2024, 5, 1), cf::date(2024, 6, 30), day).value();
  EXPECT_EQ(ids(b.key_items), "16-2/0001 due 2024-06-17 done 2024-05-20 late 0;16-2/0002 due 2024-06-17 done - late 9;");
  EXPECT_EQ(b.key_done, 1);
  EXPECT_EQ(b.key_on_time, 1);
}

TEST(report, the_supervising_leader_is_the_one_of_the_units_on_the_day) {
  cf::case_book book(shanghai_policy(), national_calendar(), minhang_chart());
  auto supervised = info("16-2", "0001", cf::case_kind::deputy_suggestion, "教科文卫体", "关于增加学位供给的建议");
  supervised.leader_supervised = true;
  must(book.open(supervised));
  must(book.apply(a, ev::register_case(office(), at(2024, 3, 1))));
  must(book.apply(a, ev::assign(office(), at(2024, 3, 15), {{"mh-jsw", assignment_role::lead}})));
  must(book.apply(a, ev::request_return(unit("mh-jsw"), at(2024, 3, 18), "schools are not ours")));
  must(book.apply(a, ev::approve_return(office(), at(2024, 3, 20), "mh-jsw", "mh-jyj")));
  EXPECT_EQ(cf::make_ledger(book, cf::date(2024, 3, 19)).value().rows.at(0).supervising_leader, "mh-vm-build");
  EXPECT_EQ(cf::make_ledger(book, cf::date(2024, 3, 20)).value().rows.at(0).supervising_leader, "mh-vm-social");
  EXPECT_EQ(book.supervising_leader_of(a), "mh-vm-social");
}
