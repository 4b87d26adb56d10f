// Provisional years: a calendar past its last notice counts weekends and the statutory days; every
// answer resting on such a day is marked; when the notice arrives, recompute moves exactly the due
// dates it changes and the marks disappear.
#include <caseflow/calendar.hpp>
#include <caseflow/casebook.hpp>
#include <caseflow/report.hpp>

#include "support/book_driver.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

namespace cf = caseflow;
using namespace cf::testing;
namespace ev = cf::events;
using ck = cf::clock_kind;

namespace {

const std::filesystem::path national_file = std::filesystem::path(CASEFLOW_TEST_DATA_DIR) / "calendars/cn-mainland.txt";

// The bundled data as a host loads it by default: published to 2026, 2027 provisional.
const cf::work_calendar &with_2027_provisional() {
  static const cf::work_calendar cal = cf::work_calendar::load(national_file).value();
  return cal;
}

// A 2027 notice made up for the tests: a longer Spring Festival (02-05..02-12) with a make-up Saturday,
// the rest as the rule has it.
constexpr std::string_view notice_2027 = "year 2027\n"
                                         "off 01-01..01-03\n"
                                         "off 02-05..02-12\n"
                                         "work 02-20\n"
                                         "off 04-03..04-05\n"
                                         "off 05-01..05-05\n"
                                         "off 06-09\n"
                                         "off 09-15\n"
                                         "off 10-01..10-07\n"
                                         "work 10-09\n";

cf::work_calendar with_2027_published() {
  const std::filesystem::path files[] = {national_file};
  const auto national = cf::work_calendar::load(files, cf::calendar_options::strict()).value();
  const cf::work_calendar::source layers[] = {{"cn-mainland.txt", national.to_text()}, {"2027.txt", std::string(notice_2027)}};
  // The national text says "provisional 0"; the new data is loaded as a host would, one year ahead.
  auto text = layers[0].text;
  text.replace(0, text.find('\n'), "provisional 1");
  const cf::work_calendar::source relaid[] = {{"cn-mainland.txt", text}, layers[1]};
  return cf::work_calendar::parse(relaid).value();
}

} // namespace

TEST(provisional_year, the_year_after_the_last_notice_counts_weekends_and_statutory_days) {
  const auto &cal = with_2027_provisional();
  EXPECT_EQ(cal.last_published_year(), 2026);
  EXPECT_EQ(cal.provisional_years(), 1);
  EXPECT_EQ(cal.last_day(), day(2027, 12, 31));
  EXPECT_EQ(cal.add(day(2026, 12, 1), cf::months{3}).value(), day(2027, 3, 1));
  EXPECT_EQ(cal.kind(day(2027, 2, 5)).value(), cf::day_kind::day_off) << "lunar New Year's Eve";
  EXPECT_EQ(cal.kind(day(2027, 2, 8)).value(), cf::day_kind::day_off) << "lunar 1-3";
  EXPECT_EQ(cal.kind(day(2027, 2, 9)).value(), cf::day_kind::workday) << "no bridging day is guessed";
  EXPECT_EQ(cal.kind(day(2027, 10, 4)).value(), cf::day_kind::workday) << "National Day's statutory days are 10-01..10-03";
  EXPECT_EQ(cal.kind(day(2027, 2, 20)).value(), cf::day_kind::weekend) << "no make-up day is guessed";
  EXPECT_FALSE(cal.covers(day(2028, 1, 1)));

  EXPECT_FALSE(cal.is_provisional(day(2026, 12, 31)));
  EXPECT_TRUE(cal.is_provisional(day(2027, 1, 1)));
  EXPECT_FALSE(cal.is_provisional(day(2028, 1, 1))) << "not covered at all";
  EXPECT_TRUE(cal.is_provisional(day(2027, 3, 1), day(2026, 12, 1)));
  EXPECT_FALSE(cal.is_provisional(day(2026, 1, 1), day(2026, 12, 31)));
  EXPECT_EQ(cal.provisional_years_in(day(2026, 12, 1), day(2027, 3, 1)), std::vector<int>{2027});
  EXPECT_TRUE(cal.provisional_years_in(day(2026, 1, 1), day(2026, 3, 1)).empty());
}

TEST(provisional_year, strict_refuses_and_more_years_can_be_asked_for) {
  const auto strict = cf::work_calendar::load(national_file, cf::calendar_options::strict()).value();
  auto r = strict.add(day(2026, 12, 1), cf::months{3});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, cf::errc::out_of_range);
  EXPECT_EQ(strict.provisional_years(), 0);

  const auto two = cf::work_calendar::load(national_file, {2}).value();
  EXPECT_EQ(two.last_day(), day(2028, 12, 31));
  EXPECT_EQ(two.kind(day(2028, 1, 26)).value(), cf::day_kind::day_off) << "Spring Festival 2028";
  EXPECT_EQ(two.provisional_years_in(day(2026, 12, 1), day(2028, 2, 1)), (std::vector<int>{2027, 2028}));

  for (int bad : {-1, 11}) {
    auto refused = cf::work_calendar::load(national_file, {bad});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, cf::errc::invalid_argument);
    EXPECT_NE(refused.error().message.find("provisional_years"), std::string::npos);
  }
  // Past the years the rule knows, nothing is counted provisionally.
  const auto last = cf::work_calendar::parse("year 2100\n", "2100.txt").value();
  EXPECT_EQ(last.provisional_years(), 0);
  EXPECT_FALSE(last.covers(day(2101, 1, 1)));
}

TEST(provisional_year, the_file_format_keeps_the_setting) {
  const auto &cal = with_2027_provisional();
  const std::string text = cal.to_text();
  EXPECT_TRUE(text.starts_with("provisional 1\nyear 2024\n"));
  EXPECT_EQ(text.find("year 2027"), std::string::npos) << "only published years are written";
  EXPECT_EQ(cf::work_calendar::parse(text, "again.txt", cf::calendar_options::strict()).value(), cal)
      << "the text's own setting wins over the options";
  auto bad = cf::work_calendar::parse("provisional x\nyear 2024\n", "p.txt");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message, "p.txt:1: 'provisional' takes the number of provisional years, 0 to 10");
}

TEST(provisional_year, a_notice_that_contradicts_the_rule_is_loaded_and_warned_about) {
  // 05-02 worked in 2025, although it is a statutory day from 2025 on.
  const std::filesystem::path files[] = {national_file};
  const auto national = cf::work_calendar::load(files, cf::calendar_options::strict()).value();
  const cf::work_calendar::source layers[] = {{"cn-mainland.txt", national.to_text()},
                                              {"local.txt", "year 2025\nnormal 05-02\n"}};
  auto cal = cf::work_calendar::parse(layers);
  ASSERT_TRUE(cal) << cal.error().message;
  EXPECT_TRUE(cal->is_workday(day(2025, 5, 2)).value());
  EXPECT_EQ(cal->rule_warnings(),
            std::vector<std::string>{"2025-05-02 (Labour Day) is a statutory day off, but the 2025 data make it a working day"});
}

TEST(provisional_year, a_clock_resting_on_provisional_days_is_marked) {
  const auto &cal = with_2027_provisional();
  const auto rule = shanghai_policy().rule(ck::reply);
  const auto late = cf::deadline_clock::start({"16-2/0001", "mh-jsw", ck::reply, 1}, rule, day(2026, 12, 1), cal).value();
  EXPECT_EQ(late.due(), day(2027, 3, 1));
  EXPECT_TRUE(late.rests_on_provisional_days(cal));
  const auto early = cf::deadline_clock::start({"16-2/0002", "mh-jsw", ck::reply, 1}, rule, day(2026, 8, 3), cal).value();
  EXPECT_FALSE(early.rests_on_provisional_days(cal));
}

namespace {

// Items assigned in November and December 2026, so that their reply clocks run into provisional 2027.
struct december_items : ::testing::Test {
  cf::memory_event_store store;
  cf::case_book book{shanghai_policy(), with_2027_provisional()};
  const cf::case_id early{"16-2", "0901"}, november{"16-2", "1105"}, december{"16-2", "1201"};

  void assign(const cf::case_id &id, cf::date on, std::vector<cf::unit_assignment_spec> units) {
    auto info = sample_info(id.item);
    must(book.open(info));
    must(book.apply(id, ev::register_case(office(), at(on.year(), on.month(), on.day()))));
    must(book.apply(id, ev::assign(office(), at(on.year(), on.month(), on.day(), 10), std::move(units))));
  }

  void SetUp() override {
    book.attach_journal(store);
    assign(early, day(2026, 9, 1), {{"mh-jsw", cf::assignment_role::lead}});
    assign(november, day(2026, 11, 5), {{"mh-jsw", cf::assignment_role::lead}, {"mh-jtw", cf::assignment_role::co_handler}});
    assign(december, day(2026, 12, 1), {{"mh-fgw", cf::assignment_role::lead}, {"mh-jtw", cf::assignment_role::co_handler}});
  }

  cf::deadline_clock clock(const cf::case_id &id, std::string_view unit, ck kind) const {
    const auto clocks = book.clocks_of(id);
    const auto it = std::find_if(clocks.begin(), clocks.end(),
                                 [&](const cf::deadline_clock &c) { return c.key().unit_id == unit && c.key().kind == kind; });
    EXPECT_NE(it, clocks.end()) << id.to_string() << " " << unit;
    return *it;
  }

  std::size_t provisional_clocks() const {
    const auto cal = book.calendar();
    std::size_t n = 0;
    for (const auto &id : {early, november, december})
      for (const auto &c : book.clocks_of(id))
        n += c.rests_on_provisional_days(cal) ? 1 : 0;
    return n;
  }
};

const cf::clock_key november_reply{"16-2/1105", "mh-jsw", ck::reply, 1};

} // namespace

TEST_F(december_items, run_into_provisional_2027_and_the_notice_moves_exactly_what_it_changes) {
  // 2026-11-05 + 3m = 2027-02-05, lunar New Year's Eve; 02-06..02-08 are off too: due 02-09.
  EXPECT_EQ(clock(november, "mh-jsw", ck::reply).due(), day(2027, 2, 9));
  EXPECT_EQ(clock(december, "mh-fgw", ck::reply).due(), day(2027, 3, 1));
  // 2026-12-01 + 1m = 2027-01-01, New Year's Day: due 01-04.
  EXPECT_EQ(clock(december, "mh-jtw", ck::co_handler_opinion).due(), day(2027, 1, 4));
  EXPECT_FALSE(clock(early, "mh-jsw", ck::reply).rests_on_provisional_days(book.calendar()));
  EXPECT_EQ(provisional_clocks(), 3u) << "the two replies and the December opinion";

  const auto ledger = cf::make_ledger(book, day(2026, 12, 1)).value();
  const auto row =
      std::find_if(ledger.rows.begin(), ledger.rows.end(), [&](const cf::ledger_row &r) { return r.id == december; });
  ASSERT_NE(row, ledger.rows.end());
  EXPECT_TRUE(row->reply_due_provisional);
  EXPECT_NE(cf::format(ledger, cf::report_format::text).find("2027-03-01 (provisional)"), std::string::npos);
  EXPECT_NE(cf::format(ledger, cf::report_format::json).find("\"reply_due_provisional\": true"), std::string::npos);

  // The notice arrives: only the November reply moves (02-13 and 02-14 are a weekend: 02-15). The
  // opinion stays on 01-04 and the December reply on 03-01, now confirmed.
  const auto published = with_2027_published();
  EXPECT_EQ(published.last_published_year(), 2027);
  const std::vector<cf::due_change> moved = {{november_reply, day(2027, 2, 9), day(2027, 2, 15)}};
  EXPECT_EQ(book.recompute_preview(published).value(), moved);
  EXPECT_EQ(book.recompute(published).value(), moved);
  EXPECT_EQ(clock(november, "mh-jsw", ck::reply).due(), day(2027, 2, 15));
  EXPECT_EQ(provisional_clocks(), 0u) << "nothing provisional remains for 2027";
  const auto after = cf::make_ledger(book, day(2026, 12, 1)).value();
  EXPECT_EQ(cf::format(after, cf::report_format::text).find("(provisional)"), std::string::npos);

  // The journal keeps the change: a replay on the old calendar ends on the new one, with the same book.
  auto again = cf::case_book::replay(store, shanghai_policy(), with_2027_provisional());
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->snapshot(), book.snapshot());
  EXPECT_EQ(again->calendar(), published);
}
