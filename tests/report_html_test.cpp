// The HTML report: self-contained (nothing fetched), everything escaped, the figures of the reports it
// is made of, both languages, and the ladder's level on the day. The page's script is run in a real
// browser by tests/browser/html_report_test.py.
#include <caseflow/report.hpp>
#include <caseflow/report_html.hpp>

#include "support/case_driver.hpp"
#include "support/minhang_book.hpp"

#include <gtest/gtest.h>

#include <regex>

namespace cf = caseflow;
using namespace cf::testing;
namespace ev = cf::events;

namespace {

std::size_t count(const std::string &text, const std::string &what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size()))
    ++n;
  return n;
}

} // namespace

TEST(report_html, titles_names_and_decisions_are_escaped) {
  cf::case_book book(shanghai_policy(), national_calendar());
  cf::case_info i;
  i.id = {"16-2", "0001"};
  i.kind = cf::case_kind::deputy_suggestion;
  i.category = "城建交通";
  i.proposers = {"代表\"甲\"", {}};
  i.title = "</script><script>alert('x')</script> & \"quoted\"";
  const auto must = [](const cf::status<cf::rejection> &r) { ASSERT_TRUE(r) << r.error().message; };
  must(book.open(i));
  must(book.apply(i.id, ev::register_case(office(), at(2024, 3, 1))));
  must(book.apply(i.id, ev::assign(office(), at(2024, 3, 15), {{"min<hang>", cf::assignment_role::lead}})));
  const auto page = cf::render_html(book, cf::date(2024, 7, 31), {cf::language::zh, ""});
  ASSERT_TRUE(page) << page.error().message;
  EXPECT_EQ(page->find("alert('x')"), std::string::npos);
  EXPECT_EQ(page->find("min<hang>"), std::string::npos);
  EXPECT_NE(page->find("&lt;/script&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;"),
            std::string::npos);
  EXPECT_NE(page->find("data-unit=\"min&lt;hang&gt;\""), std::string::npos);
  // Two scripts only: the label table (data) and the page's own.
  EXPECT_EQ(count(*page, "<script"), 2u);
  // The reply was due 2024-06-17 and never came: overdue on the day.
  EXPECT_NE(page->find("class=\"deadline late\""), std::string::npos);
}

TEST(report_html, a_day_outside_the_calendar_is_an_error) {
  cf::case_book book(shanghai_policy(), national_calendar());
  const auto page = cf::render_html(book, cf::date(2031, 1, 1));
  ASSERT_FALSE(page);
  EXPECT_EQ(page.error().code, cf::errc::out_of_range);
}

TEST(report_html, the_minhang_year_shows_the_reports_figures_in_both_languages) {
  auto book = caseflow_test::minhang_2024_book();
  ASSERT_TRUE(book) << book.error().message;
  const cf::date day(2024, 12, 31);
  const auto page = cf::render_html(*book, day, {cf::language::zh, "minhang"});
  ASSERT_TRUE(page) << page.error().message;
  // Nothing fetched: no external references of any kind.
  for (const std::string_view word : {"http://", "https://", " src=", "<link", "@import", "url("})
    EXPECT_EQ(page->find(word), std::string::npos) << word;
  EXPECT_NE(page->find("<html lang=\"zh-CN\" data-lang=\"zh\">"), std::string::npos);
  // Each KPI tile carries the figures make_kpis gives.
  const auto k = cf::make_kpis(*book, day, "minhang").value();
  const std::pair<const char *, cf::rate> rates[] = {{"closure", k.closure},           {"on_time", k.on_time},
                                                     {"contact", k.contact},           {"face_to_face", k.face_to_face},
                                                     {"satisfaction", k.satisfaction}, {"follow_up", k.follow_up},
                                                     {"key_on_time", k.key_on_time}};
  for (const auto &[name, r] : rates)
    EXPECT_NE(
        page->find(fmt::format(R"(data-kpi="{}" data-numerator="{}" data-denominator="{}")", name, r.numerator, r.denominator)),
        std::string::npos)
        << name;
  // One ledger row and one timeline per item of the ledger.
  const auto l = cf::make_ledger(*book, day, "minhang").value();
  EXPECT_EQ(count(*page, "<tr class=\"item\""), l.rows.size());
  EXPECT_EQ(count(*page, "<section class=\"timeline\""), l.rows.size());
  // Both languages of one headline.
  const auto s = cf::make_summary(*book, day, "minhang").value();
  EXPECT_NE(page->find(cf::headline(s, cf::language::en)), std::string::npos);
  EXPECT_NE(page->find(cf::headline(s, cf::language::zh)), std::string::npos);
  // The six bulletins of the year.
  EXPECT_EQ(count(*page, "<section class=\"bulletin\""), 6u);
}

// Without a unit, each unit's own headline: the district's year reads as the district reports it.
TEST(report_html, the_whole_books_page_shows_each_units_figures) {
  auto book = caseflow_test::minhang_2024_book();
  ASSERT_TRUE(book) << book.error().message;
  const cf::date day(2024, 12, 31);
  const auto page = cf::render_html(*book, day).value();
  // The district and the first other unit the ledger names.
  std::string other;
  const auto whole = cf::make_ledger(*book, day).value();
  for (const auto &row : whole.rows)
    for (const auto &u : row.units)
      if (other.empty() && u.unit != "minhang") other = u.unit;
  ASSERT_FALSE(other.empty());
  for (const std::string &unit : {std::string("minhang"), other}) {
    const auto s = cf::make_summary(*book, day, unit).value();
    const auto at = page.find(fmt::format("<li data-unit=\"{}\" data-items=\"{}\">", unit, s.items));
    ASSERT_NE(at, std::string::npos) << unit;
    const std::string line = page.substr(at, page.find("</li>", at) - at);
    EXPECT_NE(line.find(cf::headline(s, cf::language::en)), std::string::npos) << line;
    EXPECT_NE(line.find(cf::headline(s, cf::language::zh)), std::string::npos) << line;
  }
  // With a unit the page is that unit's: no list of units.
  EXPECT_EQ(cf::render_html(*book, day, {cf::language::en, "minhang"}).value().find("<ul id=\"units\">"), std::string::npos);
}

TEST(report_html, the_timeline_shows_the_ladder_level_of_the_day) {
  auto book = caseflow_test::minhang_2024_book();
  ASSERT_TRUE(book) << book.error().message;
  const auto level_on = [&](cf::date day) {
    const auto page = cf::render_html(*book, day, {cf::language::en, "minhang"}).value();
    const auto at = page.find("id=\"item-16-2/0112\"");
    const auto end = page.find("</section>", at);
    const std::string section = page.substr(at, end - at);
    std::smatch m;
    if (!std::regex_search(section, m, std::regex("mark escalation\" data-level=\"([a-z_]+)\""))) return std::string("none");
    return m[1].str();
  };
  EXPECT_EQ(level_on(cf::date(2024, 3, 15)), "none");
  EXPECT_EQ(level_on(cf::date(2024, 3, 20)), "office");
  EXPECT_EQ(level_on(cf::date(2024, 4, 1)), "supervising_leader");
  EXPECT_EQ(level_on(cf::date(2024, 4, 12)), "principal_leader");
  EXPECT_EQ(level_on(cf::date(2024, 12, 31)), "resolved");
}
