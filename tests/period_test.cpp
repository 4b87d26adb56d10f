#include <caseflow/period.hpp>

#include <gtest/gtest.h>

namespace cf = caseflow;

TEST(period, parses_the_three_units_case_insensitively) {
  EXPECT_EQ(cf::period::parse("30d").value(), cf::period(cf::calendar_days{30}));
  EXPECT_EQ(cf::period::parse("5wd").value(), cf::period(cf::workdays{5}));
  EXPECT_EQ(cf::period::parse("5WD").value(), cf::period(cf::workdays{5}));
  EXPECT_EQ(cf::period::parse(" 3M ").value(), cf::period(cf::months{3}));
  EXPECT_EQ(cf::period::parse("9999d").value().count(), 9999);
}

TEST(period, text_form_round_trips) {
  for (const char *text : {"30d", "5wd", "3m", "1d", "9999m"}) {
    auto p = cf::period::parse(text).value();
    EXPECT_EQ(p.to_string(), text);
    EXPECT_EQ(cf::period::parse(p.to_string()).value(), p);
  }
}

TEST(period, units_are_distinct_types) {
  const cf::period days(cf::calendar_days{5}), wdays(cf::workdays{5});
  EXPECT_NE(days, wdays);
  EXPECT_EQ(days.unit(), cf::period_unit::calendar_days);
  EXPECT_EQ(wdays.unit(), cf::period_unit::workdays);
  static_assert(!std::is_convertible_v<int, cf::period>, "a bare number is not a period");
  static_assert(!std::is_convertible_v<cf::calendar_days, cf::workdays>, "days are not working days");
}

struct bad_period {
  const char *text;
  const char *message;
  friend void PrintTo(const bad_period &p, std::ostream *os) { *os << '\'' << p.text << '\''; }
};

class period_errors : public ::testing::TestWithParam<bad_period> {};

TEST_P(period_errors, name_the_problem) {
  auto r = cf::period::parse(GetParam().text);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, cf::errc::parse_error);
  EXPECT_EQ(r.error().message, GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    garbage_zero_and_overflow, period_errors,
    ::testing::Values(bad_period{"", "empty period: expected e.g. '30d', '5wd' or '3m'"},
                      bad_period{"   ", "empty period: expected e.g. '30d', '5wd' or '3m'"},
                      bad_period{"0d", "period '0d' has zero length"}, bad_period{"000wd", "period '000wd' has zero length"},
                      bad_period{"d", "period 'd' has no count: expected e.g. '30d', '5wd' or '3m'"},
                      bad_period{"30", "period '30' has no unit: expected 'd' (days), 'wd' (working days) or 'm' (months)"},
                      bad_period{"30y", "period '30y' has no unit: expected 'd' (days), 'wd' (working days) or 'm' (months)"},
                      bad_period{"-5d", "period '-5d': count '-5' is not a whole positive number"},
                      bad_period{"3.5m", "period '3.5m': count '3.5' is not a whole positive number"},
                      bad_period{"3 m", "period '3 m': count '3 ' is not a whole positive number"},
                      bad_period{"10000d", "period '10000d': count is larger than 9999"},
                      bad_period{"99999999999999999999999d", "period '99999999999999999999999d': count is larger than 9999"}));
