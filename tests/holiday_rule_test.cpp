// The statutory holiday rule: its days for the published years are days off in the notices, and its
// lunar and solar-term dates match the observatories' tables.
#include <caseflow/calendar.hpp>
#include <caseflow/holiday_rule.hpp>

#include "support/test_policy.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

namespace cf = caseflow;

namespace {

cf::date d(int y, int m, int dd) {
  return cf::date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(dd));
}

// First days of the lunar year (Spring Festival), Dragon Boat (lunar 5-5), Mid-Autumn (lunar 8-15) and
// the Qingming solar term, 2024-2035, as the Hong Kong Observatory and Purple Mountain Observatory
// tables give them.
struct known_year {
  int year;
  cf::date spring_festival, dragon_boat, mid_autumn, qingming;
};
const known_year known[] = {
    {2024, d(2024, 2, 10), d(2024, 6, 10), d(2024, 9, 17), d(2024, 4, 4)},
    {2025, d(2025, 1, 29), d(2025, 5, 31), d(2025, 10, 6), d(2025, 4, 4)},
    {2026, d(2026, 2, 17), d(2026, 6, 19), d(2026, 9, 25), d(2026, 4, 5)},
    {2027, d(2027, 2, 6), d(2027, 6, 9), d(2027, 9, 15), d(2027, 4, 5)},
    {2028, d(2028, 1, 26), d(2028, 5, 28), d(2028, 10, 3), d(2028, 4, 4)},
    {2029, d(2029, 2, 13), d(2029, 6, 16), d(2029, 9, 22), d(2029, 4, 4)},
    {2030, d(2030, 2, 3), d(2030, 6, 5), d(2030, 9, 12), d(2030, 4, 5)},
    {2031, d(2031, 1, 23), d(2031, 6, 24), d(2031, 10, 1), d(2031, 4, 5)},
    {2032, d(2032, 2, 11), d(2032, 6, 12), d(2032, 9, 19), d(2032, 4, 4)},
    {2033, d(2033, 1, 31), d(2033, 6, 1), d(2033, 9, 8), d(2033, 4, 4)},
    {2034, d(2034, 2, 19), d(2034, 6, 20), d(2034, 9, 27), d(2034, 4, 5)},
    {2035, d(2035, 2, 8), d(2035, 6, 10), d(2035, 9, 16), d(2035, 4, 5)},
};

// Days by date; a day may belong to two holidays (Mid-Autumn on National Day in 2028 and 2031).
std::multimap<cf::date, std::string_view> days_of(int year) {
  std::multimap<cf::date, std::string_view> out;
  const std::vector<cf::statutory_day> days = cf::statutory_days(year).value();
  for (const auto &s : days)
    out.emplace(s.on, s.holiday);
  return out;
}

bool holds(const std::multimap<cf::date, std::string_view> &days, cf::date on, std::string_view holiday) {
  const auto [from, to] = days.equal_range(on);
  return std::any_of(from, to, [&](const auto &entry) { return entry.second == holiday; });
}

} // namespace

TEST(holiday_rule, lunar_and_solar_term_dates_match_the_observatories_for_2024_to_2035) {
  for (const auto &k : known) {
    SCOPED_TRACE(k.year);
    EXPECT_EQ(cf::lunar_day(k.year, 1, 1).value(), k.spring_festival);
    EXPECT_EQ(cf::lunar_day(k.year, 5, 5).value(), k.dragon_boat);
    EXPECT_EQ(cf::lunar_day(k.year, 8, 15).value(), k.mid_autumn);
    EXPECT_EQ(cf::qingming_day(k.year).value(), k.qingming);
    const auto days = days_of(k.year);
    EXPECT_TRUE(holds(days, k.spring_festival, "Spring Festival"));
    EXPECT_TRUE(holds(days, k.dragon_boat, "Dragon Boat Festival"));
    EXPECT_TRUE(holds(days, k.mid_autumn, "Mid-Autumn Festival"));
    EXPECT_TRUE(holds(days, k.qingming, "Qingming"));
  }
}

TEST(holiday_rule, every_statutory_day_of_every_published_year_is_off_in_its_notice) {
  const auto &cal = cf::testing::national_calendar();
  EXPECT_GE(cal.last_published_year(), 2026);
  for (int year = std::max(cal.first_year(), cf::first_holiday_rule_year); year <= cal.last_published_year(); ++year) {
    const std::vector<cf::statutory_day> days = cf::statutory_days(year).value();
    for (const auto &s : days)
      EXPECT_EQ(cal.kind(s.on).value(), cf::day_kind::day_off) << cf::to_string(s.on) << " " << s.holiday;
  }
  EXPECT_TRUE(cal.rule_warnings().empty()) << cal.rule_warnings().front();
}

TEST(holiday_rule, the_2024_amendment_adds_new_years_eve_and_2_may_from_2025) {
  // Up to 2024: Spring Festival lunar 1-1..1-3, Labour Day 05-01 only; 11 days in all.
  const auto y2024 = days_of(2024);
  EXPECT_EQ(y2024.size(), 11u);
  EXPECT_FALSE(y2024.contains(d(2024, 2, 9))) << "New Year's Eve was not a statutory day in 2024";
  EXPECT_TRUE(y2024.contains(d(2024, 2, 12)));
  EXPECT_FALSE(y2024.contains(d(2024, 5, 2)));
  // From 2025: 13 days. 2027 in full: eve 02-05, lunar 1-1..1-3 = 02-06..02-08.
  const std::vector<cf::statutory_day> y2027 = cf::statutory_days(2027).value();
  std::vector<cf::date> days;
  for (const auto &s : y2027)
    days.push_back(s.on);
  EXPECT_EQ(days, (std::vector<cf::date>{d(2027, 1, 1), d(2027, 2, 5), d(2027, 2, 6), d(2027, 2, 7), d(2027, 2, 8), d(2027, 4, 5),
                                         d(2027, 5, 1), d(2027, 5, 2), d(2027, 6, 9), d(2027, 9, 15), d(2027, 10, 1),
                                         d(2027, 10, 2), d(2027, 10, 3)}));
  EXPECT_EQ(y2027[1].holiday, "Spring Festival");
}

TEST(holiday_rule, years_without_a_known_rule_are_refused) {
  for (int year : {2013, 2101}) {
    auto r = cf::statutory_days(year);
    ASSERT_FALSE(r) << year;
    EXPECT_EQ(r.error().code, cf::errc::out_of_range);
    EXPECT_NE(r.error().message.find(std::to_string(year)), std::string::npos) << r.error().message;
  }
  auto bad = cf::lunar_day(2027, 13, 1);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, cf::errc::invalid_argument);
}
