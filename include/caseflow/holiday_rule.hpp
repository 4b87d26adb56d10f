// holiday_rule: the statutory days off that the national holiday regulation (全国年节及纪念日放假办法)
// fixes for a year, before and apart from the State Council's yearly notice.
//
// Each notice arranges its days off around this fixed core; only the bridging days and the make-up
// working days are decided year by year. So a year whose notice is not out yet can be counted
// provisionally on weekends plus these days (work_calendar's provisional years), and the days of every
// published notice can be checked against them.
//
// The rule, versioned by the year it applies to:
//   from 2014 (the 2013 amendment) to 2024: New Year's Day 01-01; Spring Festival lunar 1-1..1-3;
//     Qingming (the solar term); Labour Day 05-01; Dragon Boat lunar 5-5; Mid-Autumn lunar 8-15;
//     National Day 10-01..10-03.
//   from 2025 (the 2024 amendment): the same, with lunar New Year's Eve added to the Spring Festival and
//     05-02 to Labour Day.
// Lunar dates come from ICU's Chinese calendar (see src/lunar_calendar.hpp), the Qingming solar term
// (the Sun at apparent longitude 15°) from Meeus' solar series, both on China Standard Time.
#pragma once

#include <caseflow/calendar.hpp>
#include <caseflow/error.hpp>

#include <string_view>
#include <vector>

namespace caseflow {

/// One statutory day off.
struct statutory_day {
  date on;
  std::string_view holiday; ///< "Spring Festival", ...
  friend bool operator==(const statutory_day &, const statutory_day &) = default;
};

/// The years the rule is known for.
inline constexpr int first_holiday_rule_year = 2014;
inline constexpr int last_holiday_rule_year = 2100;

/// The statutory days off of `year`, in date order. errc::out_of_range for a year outside
/// first_holiday_rule_year..last_holiday_rule_year; errc::io_error when ICU's calendar data is missing.
result<std::vector<statutory_day>> statutory_days(int year);

/// The Qingming solar term's day in `year` (China Standard Time). errc::out_of_range as above.
result<date> qingming_day(int year);

/// The day of lunar `month`-`day` (an ordinary month) in the Chinese year that begins in `year`.
result<date> lunar_day(int year, int month, int day);

} // namespace caseflow
