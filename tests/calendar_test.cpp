#include <caseflow/calendar.hpp>

#include "support/day_by_day.hpp"

#include <boost/date_time/gregorian/gregorian.hpp> // operator<< for readable failures

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <set>

namespace cf = caseflow;
using boost::gregorian::days;

namespace {

cf::date d(int y, int m, int dd) {
  return cf::date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(dd));
}

const cf::work_calendar &national() {
  static const cf::work_calendar cal =
      cf::work_calendar::load(std::filesystem::path(CASEFLOW_TEST_DATA_DIR) / "calendars/cn-mainland.txt",
                              cf::calendar_options::strict())
          .value();
  return cal;
}

// The State Council notices for 2024-2026, transcribed independently of the data file.
struct notice_row {
  cf::date from, to;
  cf::day_kind kind;
};
const std::vector<notice_row> &notices() {
  using k = cf::day_kind;
  static const std::vector<notice_row> rows = {
      // 2024
      {d(2024, 1, 1), d(2024, 1, 1), k::day_off},
      {d(2024, 2, 4), d(2024, 2, 4), k::makeup_workday},
      {d(2024, 2, 10), d(2024, 2, 17), k::day_off},
      {d(2024, 2, 18), d(2024, 2, 18), k::makeup_workday},
      {d(2024, 4, 4), d(2024, 4, 6), k::day_off},
      {d(2024, 4, 7), d(2024, 4, 7), k::makeup_workday},
      {d(2024, 4, 28), d(2024, 4, 28), k::makeup_workday},
      {d(2024, 5, 1), d(2024, 5, 5), k::day_off},
      {d(2024, 5, 11), d(2024, 5, 11), k::makeup_workday},
      {d(2024, 6, 10), d(2024, 6, 10), k::day_off},
      {d(2024, 9, 14), d(2024, 9, 14), k::makeup_workday},
      {d(2024, 9, 15), d(2024, 9, 17), k::day_off},
      {d(2024, 9, 29), d(2024, 9, 29), k::makeup_workday},
      {d(2024, 10, 1), d(2024, 10, 7), k::day_off},
      {d(2024, 10, 12), d(2024, 10, 12), k::makeup_workday},
      // 2025
      {d(2025, 1, 1), d(2025, 1, 1), k::day_off},
      {d(2025, 1, 26), d(2025, 1, 26), k::makeup_workday},
      {d(2025, 1, 28), d(2025, 2, 4), k::day_off},
      {d(2025, 2, 8), d(2025, 2, 8), k::makeup_workday},
      {d(2025, 4, 4), d(2025, 4, 6), k::day_off},
      {d(2025, 4, 27), d(2025, 4, 27), k::makeup_workday},
      {d(2025, 5, 1), d(2025, 5, 5), k::day_off},
      {d(2025, 5, 31), d(2025, 6, 2), k::day_off},
      {d(2025, 9, 28), d(2025, 9, 28), k::makeup_workday},
      {d(2025, 10, 1), d(2025, 10, 8), k::day_off},
      {d(2025, 10, 11), d(2025, 10, 11), k::makeup_workday},
      // 2026
      {d(2026, 1, 1), d(2026, 1, 3), k::day_off},
      {d(2026, 1, 4), d(2026, 1, 4), k::makeup_workday},
      {d(2026, 2, 14), d(2026, 2, 14), k::makeup_workday},
      {d(2026, 2, 15), d(2026, 2, 23), k::day_off},
      {d(2026, 2, 28), d(2026, 2, 28), k::makeup_workday},
      {d(2026, 4, 4), d(2026, 4, 6), k::day_off},
      {d(2026, 5, 1), d(2026, 5, 5), k::day_off},
      {d(2026, 5, 9), d(2026, 5, 9), k::makeup_workday},
      {d(2026, 6, 19), d(2026, 6, 21), k::day_off},
      {d(2026, 9, 20), d(2026, 9, 20), k::makeup_workday},
      {d(2026, 9, 25), d(2026, 9, 27), k::day_off},
      {d(2026, 10, 1), d(2026, 10, 7), k::day_off},
      {d(2026, 10, 10), d(2026, 10, 10), k::makeup_workday},
  };
  return rows;
}

bool reference_is_workday(cf::date day) {
  for (const auto &row : notices())
    if (day >= row.from && day <= row.to) return row.kind == cf::day_kind::makeup_workday;
  const auto wd = day.day_of_week().as_number();
  return wd != 0 && wd != 6;
}

} // namespace

TEST(work_calendar, lists_every_day_off_and_makeup_day_of_2024_to_2026) {
  std::vector<std::pair<cf::date, cf::day_kind>> expected;
  for (const auto &row : notices())
    for (cf::date day = row.from; day <= row.to; day += days(1))
      expected.emplace_back(day, row.kind);
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(national().exceptions(), expected);
  EXPECT_EQ(national().first_day(), d(2024, 1, 1));
  EXPECT_EQ(national().last_day(), d(2026, 12, 31));
}

TEST(work_calendar, makeup_sunday_is_a_working_day_and_holiday_monday_is_not) {
  EXPECT_TRUE(national().is_workday(d(2024, 2, 4)).value());
  EXPECT_EQ(national().kind(d(2024, 2, 4)).value(), cf::day_kind::makeup_workday);
  EXPECT_FALSE(national().is_workday(d(2024, 2, 12)).value());
  EXPECT_EQ(national().kind(d(2024, 2, 12)).value(), cf::day_kind::day_off);
  EXPECT_EQ(national().kind(d(2024, 3, 2)).value(), cf::day_kind::weekend);
  EXPECT_EQ(national().kind(d(2024, 3, 4)).value(), cf::day_kind::workday);
}

TEST(work_calendar, working_day_arithmetic_across_spring_festival_2024) {
  const auto &cal = national();
  EXPECT_EQ(cal.add_workdays(d(2024, 2, 8), 3).value(), d(2024, 2, 19));
  EXPECT_EQ(cal.workdays_between(d(2024, 2, 8), d(2024, 2, 19)).value(), 3);
  EXPECT_EQ(cal.workdays_between(d(2024, 2, 19), d(2024, 2, 8)).value(), -3);
  EXPECT_EQ(cal.add_workdays(d(2024, 2, 10), 1).value(), d(2024, 2, 18)); // from a day off
  EXPECT_EQ(cal.add_workdays(d(2024, 2, 10), -1).value(), d(2024, 2, 9));
  EXPECT_EQ(cal.add_workdays(d(2024, 2, 19), -1).value(), d(2024, 2, 18)); // the make-up Sunday
  EXPECT_EQ(cal.add_workdays(d(2024, 2, 19), 0).value(), d(2024, 2, 19));
  EXPECT_EQ(cal.add_workdays(d(2024, 2, 11), 0).value(), d(2024, 2, 11));
  EXPECT_EQ(cal.next_workday(d(2024, 2, 10)).value(), d(2024, 2, 18));
  EXPECT_EQ(cal.next_workday(d(2024, 2, 18)).value(), d(2024, 2, 18));
}

TEST(work_calendar, working_day_arithmetic_across_national_day_2024) {
  const auto &cal = national();
  EXPECT_EQ(cal.add_workdays(d(2024, 9, 30), 1).value(), d(2024, 10, 8));
  EXPECT_EQ(cal.add_workdays(d(2024, 10, 8), -1).value(), d(2024, 9, 30));
  EXPECT_EQ(cal.add_workdays(d(2024, 9, 27), 2).value(), d(2024, 9, 30)); // 09-29 Sunday make-up
  EXPECT_EQ(cal.add_workdays(d(2024, 9, 26), 5).value(), d(2024, 10, 9));
  EXPECT_EQ(cal.workdays_between(d(2024, 9, 30), d(2024, 10, 12)).value(), 5); // 10-08..10-11 and 10-12
}

TEST(work_calendar, domain_examples_of_the_civil_code_reckoning) {
  const auto &cal = national();
  EXPECT_EQ(cal.add(d(2024, 11, 30), cf::months{3}).value(), d(2025, 2, 28));
  EXPECT_EQ(cal.add(d(2024, 3, 15), cf::months{3}).value(), d(2024, 6, 17));
}

TEST(work_calendar, month_ends) {
  const auto &cal = national();
  EXPECT_EQ(cal.add(d(2024, 1, 31), cf::months{1}).value(), d(2024, 2, 29)); // leap year, Thursday
  EXPECT_EQ(cal.add(d(2025, 1, 31), cf::months{1}).value(), d(2025, 2, 28));
  EXPECT_EQ(cal.add(d(2024, 2, 29), cf::months{1}).value(), d(2024, 3, 29)); // no snapping to month end
  EXPECT_EQ(cal.add(d(2024, 2, 29), cf::months{12}).value(), d(2025, 2, 28));
  EXPECT_EQ(cal.add(d(2024, 8, 31), cf::months{1}).value(), d(2024, 9, 30));
  EXPECT_EQ(cal.add(d(2024, 3, 31), cf::months{2}).value(), d(2024, 5, 31));
  EXPECT_EQ(cal.add(d(2024, 6, 30), cf::months{3}).value(), d(2024, 9, 30));
  EXPECT_EQ(cal.add(d(2024, 12, 31), cf::months{2}).value(), d(2025, 2, 28));
}

TEST(work_calendar, periods_ending_on_rest_days_move_to_the_next_working_day) {
  const auto &cal = national();
  EXPECT_EQ(cal.add(d(2024, 9, 27), cf::calendar_days{4}).value(), d(2024, 10, 8)); // 10-01 is off
  EXPECT_EQ(cal.add(d(2024, 1, 1), cf::calendar_days{30}).value(), d(2024, 1, 31));
  EXPECT_EQ(cal.add(d(2024, 9, 1), cf::months{1}).value(), d(2024, 10, 8)); // 10-01 off
  EXPECT_EQ(cal.add(d(2024, 1, 4), cf::months{1}).value(), d(2024, 2, 4));  // make-up Sunday counts
  EXPECT_EQ(cal.add(d(2024, 2, 8), cf::workdays{3}).value(), d(2024, 2, 19));
  EXPECT_EQ(cal.add(d(2024, 6, 1), cf::period::parse("20wd").value()).value(), d(2024, 7, 1));
}

TEST(work_calendar, questions_outside_the_loaded_years_are_errors) {
  const auto &cal = national();
  for (const cf::date outside : {d(2023, 12, 31), d(2027, 1, 1)}) {
    auto r = cal.is_workday(outside);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, cf::errc::out_of_range);
    EXPECT_NE(r.error().message.find(cf::to_string(outside)), std::string::npos) << r.error().message;
    EXPECT_FALSE(cal.next_workday(outside));
    EXPECT_FALSE(cal.add_workdays(outside, 1));
    EXPECT_FALSE(cal.add(outside, cf::months{1}));
    EXPECT_FALSE(cal.workdays_between(outside, d(2024, 5, 5)));
    EXPECT_FALSE(cal.workdays_between(d(2024, 5, 5), outside));
  }
  EXPECT_EQ(cal.add_workdays(d(2026, 12, 31), 1).error().code, cf::errc::out_of_range);
  EXPECT_EQ(cal.add_workdays(d(2024, 1, 2), -1).error().code, cf::errc::out_of_range);
  EXPECT_EQ(cal.add(d(2026, 11, 30), cf::months{3}).error().code, cf::errc::out_of_range);
  EXPECT_EQ(cal.add(d(2026, 12, 20), cf::calendar_days{30}).error().code, cf::errc::out_of_range);
  EXPECT_FALSE(cal.is_workday(cf::date(boost::gregorian::not_a_date_time)));
  // National Day 2027 is not guessed to be a working day.
  EXPECT_FALSE(cal.is_workday(d(2027, 10, 1)));
}

TEST(work_calendar, a_rest_day_at_the_very_end_has_no_next_working_day) {
  auto cal = cf::work_calendar::parse("year 2024\noff 12-30..12-31\n", "tiny.txt", cf::calendar_options::strict()).value();
  auto r = cal.next_workday(d(2024, 12, 28));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, cf::errc::out_of_range);
}

TEST(work_calendar, layered_local_file_adds_and_removes_days) {
  const cf::work_calendar::source sources[] = {
      {"national.txt", "year 2024\noff 10-01..10-07\nwork 10-12\n"},
      {"local.txt", "year 2024\noff 03-01   # local flood day\nnormal 10-07\nnormal 10-12\n"},
  };
  auto cal = cf::work_calendar::parse(sources).value();
  EXPECT_FALSE(cal.is_workday(d(2024, 3, 1)).value());
  EXPECT_FALSE(cal.is_workday(d(2024, 10, 4)).value());
  EXPECT_TRUE(cal.is_workday(d(2024, 10, 7)).value());
  EXPECT_FALSE(cal.is_workday(d(2024, 10, 12)).value());
  EXPECT_EQ(cal.kind(d(2024, 10, 12)).value(), cf::day_kind::weekend);
}

TEST(work_calendar, a_later_file_can_add_next_years_notice) {
  const cf::work_calendar::source sources[] = {
      {"national.txt", "year 2026\noff 10-01..10-07\n"},
      {"2027.txt", "year 2027\noff 2027-10-01..2027-10-07\n"},
  };
  auto cal = cf::work_calendar::parse(sources).value();
  EXPECT_EQ(cal.last_published_year(), 2027);
  EXPECT_EQ(cal.last_day(), d(2028, 12, 31)) << "and 2028 provisional";
  EXPECT_FALSE(cal.is_workday(d(2027, 10, 1)).value());
  EXPECT_EQ(cal.add_workdays(d(2026, 12, 31), 1).value(), d(2027, 1, 1));
}

struct bad_line_case {
  const char *text;
  const char *expected; // the message must contain this
  cf::errc code = cf::errc::parse_error;
  // Names the case in test listings by the message it expects.
  friend void PrintTo(const bad_line_case &c, std::ostream *os) { *os << c.expected; }
};

class bad_calendar_data : public ::testing::TestWithParam<bad_line_case> {};

TEST_P(bad_calendar_data, is_refused_with_file_line_and_reason) {
  const auto &c = GetParam();
  auto r = cf::work_calendar::parse(c.text, "local.txt");
  ASSERT_FALSE(r) << c.text;
  EXPECT_EQ(r.error().code, c.code);
  EXPECT_NE(r.error().message.find(c.expected), std::string::npos) << r.error().message;
  EXPECT_EQ(r.error().message.find('\n'), std::string::npos) << "one line: " << r.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    each_kind_of_bad_line, bad_calendar_data,
    ::testing::Values(bad_line_case{"year 2024\noff 2024-02-30\n", "local.txt:2: '2024-02-30' is not a date"},
                      bad_line_case{"year 2024\noff 13-01\n", "local.txt:2: '13-01' is not a date"},
                      bad_line_case{"year 2024\noff 2-1\n", "local.txt:2: '2-1' is not a date"},
                      bad_line_case{"year 2024\nholiday 02-01\n", "local.txt:2: unknown directive 'holiday'"},
                      bad_line_case{"off 02-01\nyear 2024\n", "local.txt:1: 'off' before any 'year' line"},
                      bad_line_case{"year 2024\n\n# note\noff 2025-01-01\n",
                                    "local.txt:4: '2025-01-01' lies outside the block of year 2024"},
                      bad_line_case{"year 2024\noff 02-17..02-10\n", "local.txt:2: range '02-17..02-10' ends before it starts"},
                      bad_line_case{"year 2024\noff 02-10..\n", "local.txt:2: '' is not a date"},
                      bad_line_case{"year 2024\noff\n", "local.txt:2: 'off' takes one argument"},
                      bad_line_case{"year 2024\nwork 02-04 02-18\n", "local.txt:2: 'work' takes one argument"},
                      bad_line_case{"year twenty\n", "local.txt:1: 'twenty' is not a year"},
                      bad_line_case{"year 1024\n", "local.txt:1: '1024' is not a year"},
                      bad_line_case{"year\n", "local.txt:1: 'year' takes one argument"},
                      bad_line_case{"year 2024\nyear 2024\n", "local.txt:2: year 2024 is declared twice"},
                      bad_line_case{"year 2024\nyear 2026\n", "2025 is missing before 2026"},
                      bad_line_case{"# nothing\n", "local.txt: no 'year' line"},
                      bad_line_case{"year 2024\noff 02-01..02-05\nwork 02-03\n",
                                    "local.txt:3: 2024-02-03 is marked 'work' here but 'off' at line 2", cf::errc::conflict}));

TEST(work_calendar, missing_file_is_an_io_error_naming_it) {
  auto r = cf::work_calendar::load(std::filesystem::path("/nonexistent/holidays.txt"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, cf::errc::io_error);
  EXPECT_NE(r.error().message.find("/nonexistent/holidays.txt"), std::string::npos);
}

TEST(work_calendar, a_bad_second_layer_loads_nothing) {
  const auto dir = std::filesystem::temp_directory_path() / "caseflow_calendar_test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "good.txt") << "year 2024\noff 01-01\n";
  std::ofstream(dir / "bad.txt") << "year 2024\noff 01-02\nof 01-03\n";
  const std::vector<std::filesystem::path> files = {dir / "good.txt", dir / "bad.txt"};
  auto r = cf::work_calendar::load(files);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "bad.txt:3: unknown directive 'of': expected 'year', 'off', 'work', 'normal' or 'provisional'");
  std::filesystem::remove_all(dir);
}

TEST(work_calendar, randomized_against_the_day_by_day_reference) {
  const auto &cal = national();
  const cf::reference::day_by_day ref(reference_is_workday, cal.first_day(), cal.last_day());
  std::mt19937 rng(20240101);
  const int span = static_cast<int>((cal.last_day() - cal.first_day()).days());
  std::uniform_int_distribution<int> day_of(0, span);
  std::uniform_int_distribution<int> count(-400, 400);
  std::uniform_int_distribution<int> month_count(1, 40);
  for (int i = 0; i < 8000; ++i) {
    const cf::date a = cal.first_day() + days(day_of(rng));
    const cf::date b = cal.first_day() + days(day_of(rng));
    const int n = count(rng);
    SCOPED_TRACE(cf::to_string(a) + " " + cf::to_string(b) + " n=" + std::to_string(n));

    ASSERT_EQ(cal.is_workday(a).value(), reference_is_workday(a));
    const auto next = ref.next_workday(a);
    ASSERT_EQ(cal.next_workday(a).has_value(), next.has_value());
    if (next) {
      ASSERT_EQ(cal.next_workday(a).value(), *next);
    }
    const auto added = ref.add_workdays(a, n);
    ASSERT_EQ(cal.add_workdays(a, n).has_value(), added.has_value());
    if (added) {
      ASSERT_EQ(cal.add_workdays(a, n).value(), *added);
    }
    ASSERT_EQ(cal.workdays_between(a, b).value(), ref.workdays_between(a, b));

    // Calendar-day periods: the plain date sum, moved to the next working day.
    const int n_days = n > 0 ? n : -n + 1;
    const cf::date plain = a + days(n_days);
    const auto by_days = cal.add(a, cf::calendar_days{n_days});
    if (plain <= cal.last_day() && ref.next_workday(plain)) {
      ASSERT_EQ(by_days.value(), *ref.next_workday(plain));
    } else {
      ASSERT_FALSE(by_days);
    }

    // Month periods: same day number, clipped to month end, moved to the next working day.
    const int m = month_count(rng);
    const int total = a.year() * 12 + a.month() - 1 + m;
    const int y = total / 12, mo = total % 12 + 1;
    const int last =
        boost::gregorian::gregorian_calendar::end_of_month_day(static_cast<unsigned short>(y), static_cast<unsigned short>(mo));
    const auto by_months = cal.add(a, cf::months{m});
    if (y <= cal.last_year()) {
      const auto expected = ref.next_workday(d(y, mo, std::min<int>(a.day(), last)));
      ASSERT_EQ(by_months.has_value(), expected.has_value());
      if (expected) {
        ASSERT_EQ(by_months.value(), *expected);
      }
    } else {
      ASSERT_FALSE(by_months);
    }
  }
}

TEST(dates, parse_and_format) {
  EXPECT_EQ(cf::parse_date("2024-02-29").value(), d(2024, 2, 29));
  EXPECT_EQ(cf::to_string(d(2024, 2, 4)), "2024-02-04");
  for (const char *bad : {"2023-02-29", "2024-2-4", "20240204", "", "2024-02-04x", "abcd-ef-gh"}) {
    auto r = cf::parse_date(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().message, std::string("'") + bad + "' is not a date (expected YYYY-MM-DD)");
  }
}

TEST(work_calendar, to_text_gives_back_an_equal_calendar_in_the_file_format) {
  const auto &cal = national();
  const std::string text = cal.to_text();
  EXPECT_EQ(text.substr(0, 47), "provisional 0\nyear 2024\noff 2024-01-01\nwork 202") << "one block a year, full dates";
  auto again = cf::work_calendar::parse(text, "again.txt");
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(*again, cal);
  EXPECT_EQ(again->to_text(), text);
  const auto bare = cf::work_calendar::parse("year 2030\n").value();
  EXPECT_EQ(bare.to_text(), "provisional 1\nyear 2030\n") << "2031 is provisional, and stays so";
}
