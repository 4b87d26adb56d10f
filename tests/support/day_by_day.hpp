// The obvious way to count working days: walk the calendar one day at a time, asking a predicate.
// Used as the reference the table-based work_calendar is checked against (tests) and measured
// against (benchmarks). Deliberately naive; no shortcuts.
#pragma once

#include <caseflow/calendar.hpp>

#include <optional>

namespace caseflow::reference {

template <class IsWorkday> class day_by_day {
public:
  day_by_day(IsWorkday is_workday, date first, date last) : is_workday_(is_workday), first_(first), last_(last) {}

  std::optional<date> next_workday(date d) const {
    for (; d <= last_; d += boost::gregorian::days(1))
      if (is_workday_(d)) return d;
    return std::nullopt;
  }

  std::optional<date> add_workdays(date d, int n) const {
    const int step = n >= 0 ? 1 : -1;
    for (int left = n >= 0 ? n : -n; left > 0;) {
      d += boost::gregorian::days(step);
      if (d < first_ || d > last_) return std::nullopt;
      if (is_workday_(d)) --left;
    }
    return d;
  }

  int workdays_between(date a, date b) const {
    const int sign = a <= b ? 1 : -1;
    if (b < a) std::swap(a, b);
    int n = 0;
    for (date d = a + boost::gregorian::days(1); d <= b; d += boost::gregorian::days(1))
      if (is_workday_(d)) ++n;
    return sign * n;
  }

private:
  IsWorkday is_workday_;
  date first_, last_;
};

} // namespace caseflow::reference
