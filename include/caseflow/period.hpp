// period: how long an obligation runs, in one of three units that must never be confused.
//
// Deadlines in this domain are written in three different units:
//   * calendar days ("30 days")      - every day counts, weekends and holidays too;
//   * working days ("5 working days") - only days the work calendar marks as working;
//   * months ("3 months")            - calendar months, reckoned as the civil code does.
// Each unit is its own type (`calendar_days`, `workdays`, `months`), and a `period` is one of them
// with its count, so that "5 working days" cannot be passed where "5 days" was meant.
//
// Text form (for data files and the command line), case-insensitive, count 1..period::max_count:
//   "30d"  - 30 calendar days      "5wd" - 5 working days      "3m" - 3 months
//
// How a period is added to a start date (the civil-code reckoning, see work_calendar::add):
//   the start day itself is not counted; n days end n days later; n months end on the same-numbered
//   day of the n-th month after, or that month's last day if it is shorter; a period counted in days
//   or months whose last day is a rest day ends on the next working day instead; n working days end on
//   the n-th working day after the start day.
// Worked example: assigned 2024-03-15, "3m" -> 2024-06-15 is a Saturday -> ends Monday 2024-06-17.
#pragma once

#include <caseflow/error.hpp>

#include <compare>
#include <string>
#include <string_view>

namespace caseflow {

/// A number of calendar days.
struct calendar_days {
  int count = 0;
  friend auto operator<=>(const calendar_days &, const calendar_days &) = default;
};
/// A number of working days, as marked by a work_calendar.
struct workdays {
  int count = 0;
  friend auto operator<=>(const workdays &, const workdays &) = default;
};
/// A number of calendar months, reckoned by the civil code.
struct months {
  int count = 0;
  friend auto operator<=>(const months &, const months &) = default;
};

enum class period_unit { calendar_days, workdays, months };

/// A length of time in one unit. Built from a unit type, or parsed from text ("30d", "5wd", "3m").
class period {
public:
  /// Largest count accepted from text: longer periods are not deadlines but mistakes.
  static constexpr int max_count = 9999;

  constexpr period() noexcept = default;
  constexpr period(calendar_days d) noexcept : unit_(period_unit::calendar_days), count_(d.count) {}
  constexpr period(workdays d) noexcept : unit_(period_unit::workdays), count_(d.count) {}
  constexpr period(months m) noexcept : unit_(period_unit::months), count_(m.count) {}

  /// Parses "30d", "5wd" or "3m" (case-insensitive, surrounding blanks allowed).
  /// Errors (errc::parse_error) for empty text, a missing or unknown unit, a count that is zero,
  /// negative, not a number or larger than max_count.
  static result<period> parse(std::string_view text);

  constexpr period_unit unit() const noexcept { return unit_; }
  constexpr int count() const noexcept { return count_; }

  /// Text form: "30d", "5wd" or "3m"; parse(to_string()) gives the period back.
  std::string to_string() const;

  friend constexpr bool operator==(const period &, const period &) = default;

private:
  period_unit unit_ = period_unit::calendar_days;
  int count_ = 0;
};

} // namespace caseflow
