#include <caseflow/holiday_rule.hpp>

#include "astronomy.hpp"
#include "lunar_calendar.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace caseflow {

namespace {

// Where a holiday's first day comes from.
enum class anchor : std::uint8_t { solar_date, lunar_date, lunar_new_years_eve, qingming };

struct holiday_row {
  std::string_view holiday;
  int from_year, to_year; // the rule's versions, both ends included
  anchor how;
  int month, day; // solar or lunar month and day, for solar_date and lunar_date
  int length;     // consecutive days from the first
};

constexpr int always = last_holiday_rule_year;

// clang-format off
constexpr holiday_row holiday_rows[] = {
    {"New Year's Day",       2014, always, anchor::solar_date,          1,  1, 1},
    {"Spring Festival",      2014, 2024,   anchor::lunar_date,          1,  1, 3},
    {"Spring Festival",      2025, always, anchor::lunar_new_years_eve, 0,  0, 4},
    {"Qingming",             2014, always, anchor::qingming,            0,  0, 1},
    {"Labour Day",           2014, 2024,   anchor::solar_date,          5,  1, 1},
    {"Labour Day",           2025, always, anchor::solar_date,          5,  1, 2},
    {"Dragon Boat Festival", 2014, always, anchor::lunar_date,          5,  5, 1},
    {"Mid-Autumn Festival",  2014, always, anchor::lunar_date,          8, 15, 1},
    {"National Day",         2014, always, anchor::solar_date,         10,  1, 3},
};
// clang-format on

constexpr double qingming_longitude = 15.0;

date qingming_of(int year) { return astronomy::china_date(astronomy::sun_reaches_longitude(year, qingming_longitude)); }

status<> check_year(int year) {
  if (year < first_holiday_rule_year || year > last_holiday_rule_year)
    return fail(errc::out_of_range, fmt::format("no statutory holiday rule is known for {} (known: {} to {})", year,
                                                first_holiday_rule_year, last_holiday_rule_year));
  return ok;
}

result<date> first_day(const holiday_row &row, int year) {
  switch (row.how) {
  case anchor::solar_date:
    return date(static_cast<unsigned short>(year), static_cast<unsigned short>(row.month), static_cast<unsigned short>(row.day));
  case anchor::lunar_date: return lunar::to_gregorian(year, row.month, row.day);
  case anchor::lunar_new_years_eve: {
    auto new_year = lunar::to_gregorian(year, 1, 1);
    if (!new_year) return new_year;
    return *new_year - boost::gregorian::days(1);
  }
  case anchor::qingming: return qingming_of(year);
  }
  return fail(errc::invalid_argument, "unknown holiday anchor");
}

} // namespace

result<std::vector<statutory_day>> statutory_days(int year) {
  if (auto r = check_year(year); !r) return failure{r.error()};
  std::vector<statutory_day> days;
  for (const auto &row : holiday_rows) {
    if (year < row.from_year || year > row.to_year) continue;
    auto first = first_day(row, year);
    if (!first) return failure{first.error()};
    for (int i = 0; i < row.length; ++i)
      days.push_back({*first + boost::gregorian::days(i), row.holiday});
  }
  std::sort(days.begin(), days.end(), [](const statutory_day &a, const statutory_day &b) { return a.on < b.on; });
  return days;
}

result<date> qingming_day(int year) {
  if (auto r = check_year(year); !r) return failure{r.error()};
  return qingming_of(year);
}

result<date> lunar_day(int year, int month, int day) {
  if (auto r = check_year(year); !r) return failure{r.error()};
  return lunar::to_gregorian(year, month, day);
}

} // namespace caseflow
