// work_calendar: which days are working days, and date arithmetic on them.
//
// Working days vs calendar days. Deadlines in this domain are counted either on every calendar day
// or on working days only. In mainland China a day is a working day when it is Monday to Friday and
// not a statutory day off, or when it is a make-up working day (调休上班): a Saturday or Sunday that the
// State Council's yearly notice turns into a working day to bridge a holiday. So 2024-02-04, a Sunday,
// was a working day, and Monday 2024-02-12 was not.
//
// Data, not guesses. The notice for each year is published in the autumn before, so a calendar knows
// for certain only the years its data files declare (the published years). Every question about a day
// outside the covered years - or whose answer would fall outside them - is an error
// (errc::out_of_range), never a guess from weekdays.
//
// Provisional years. Most of a year is known before its notice: the statutory days off are fixed by
// regulation (holiday_rule.hpp). So a calendar can cover, past its last published year, a number of
// provisional years (calendar_options::provisional_years, 1 by default), counted on weekends plus the
// statutory days of that year's rule; only the bridging days and make-up working days wait for the
// notice. Every answer that rests on a provisional day can be told apart (is_provisional), and when the
// notice arrives, its year's block is added to the data and case_book::recompute moves each provisional
// due date to the confirmed one. With provisional_years = 0 (calendar_options::strict()) a calendar
// covers its published years only.
//
// Data files. Plain text, one directive a line, '#' starts a comment:
//     year 2024                 # begins the block of 2024; the year is now covered
//     off  01-01                # a day off (MM-DD inside the block, or a full YYYY-MM-DD)
//     off  02-10..02-17         # a range of days off, both ends included
//     work 02-04                # a make-up working day
//     normal 2024-05-06         # back to the weekday rule (cancels an 'off' or 'work' of a lower layer)
//     provisional 1             # years counted provisionally past the last block (overrides the options)
// Several files can be layered: later files override earlier ones day by day, so a local file can add
// or remove days on top of the national one. Covered years must form one unbroken range.
//
// Cost. Construction builds dense tables over the covered years (a running count of working days and
// the list of working days), so every query below is O(1).
//
// Worked example (2024 Spring Festival: days off 02-10..02-17, make-up working days 02-04 and 02-18):
//     add_workdays(2024-02-08, 3)       == 2024-02-19   (02-09 Fri, 02-18 Sun make-up, 02-19 Mon)
//     workdays_between(2024-02-08, 2024-02-19) == 3
//     add(2024-03-15, 3 months)         == 2024-06-17   (06-15 is a Saturday)
#pragma once

#include <caseflow/error.hpp>
#include <caseflow/period.hpp>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace caseflow {

/// A civil date (no time of day, no zone).
using date = boost::gregorian::date;

/// Why a day is or is not a working day.
enum class day_kind : std::uint8_t {
  workday,        ///< Monday to Friday, no notice about it
  weekend,        ///< Saturday or Sunday, no notice about it
  day_off,        ///< a statutory day off (放假)
  makeup_workday, ///< a weekend day made a working day (调休上班)
};

/// How a calendar is built from its data.
struct calendar_options {
  /// Years past the last published one that are counted provisionally (0: none). A year the holiday
  /// rule does not know (holiday_rule.hpp) ends the provisional range.
  int provisional_years = 1;
  /// Published years only: a question about a later year is refused (errc::out_of_range).
  static constexpr calendar_options strict() noexcept { return {0}; }
};

/// Parses "YYYY-MM-DD" strictly (errc::parse_error naming the text otherwise).
result<date> parse_date(std::string_view text);
/// Formats a date as "YYYY-MM-DD".
std::string to_string(date d);

class work_calendar {
public:
  /// One calendar text in memory; `name` is used in error messages (usually the file name).
  struct source {
    std::string name;
    std::string text;
  };

  /// Loads calendar files, later files layered over earlier ones. Nothing is half-loaded:
  /// on error (errc::io_error, errc::parse_error, errc::conflict) no calendar is returned, and the
  /// message names the file and line: "cn-mainland.txt:14: '2024-02-30' is not a date".
  static result<work_calendar> load(std::span<const std::filesystem::path> files, calendar_options options = {});
  static result<work_calendar> load(const std::filesystem::path &file, calendar_options options = {});
  /// Same as load(), from texts already in memory.
  static result<work_calendar> parse(std::span<const source> sources, calendar_options options = {});
  static result<work_calendar> parse(std::string_view text, std::string_view name = "<calendar>", calendar_options options = {});

  /// First and last covered day (1 January of the first year, 31 December of the last).
  date first_day() const noexcept { return first_; }
  date last_day() const noexcept { return last_; }
  int first_year() const noexcept { return first_.year(); }
  int last_year() const noexcept { return last_.year(); }
  bool covers(date d) const noexcept { return slot(d) < kinds_.size(); }

  /// The last year whose notice the data holds, and how many provisional years follow it.
  int last_published_year() const noexcept { return last_published_.year(); }
  int provisional_years() const noexcept { return last_year() - last_published_year(); }
  /// True for a covered day in a provisional year.
  bool is_provisional(date d) const noexcept { return d > last_published_ && d <= last_; }
  /// True when any day from a to b (either order, both included) is a covered provisional day: an answer
  /// counted across that span may change when the notice arrives.
  bool is_provisional(date a, date b) const noexcept {
    const auto [lo, hi] = std::minmax(a, b);
    return hi > last_published_ && lo <= last_;
  }
  /// The provisional years that the span a..b touches, in order (empty when none).
  std::vector<int> provisional_years_in(date a, date b) const;
  /// The statutory days of the holiday rule that a published year does not make days off: a notice
  /// that contradicts the regulation, or a data error. One line each, such as
  /// "2027-05-02 (Labour Day) is a statutory day off, but the 2027 data make it a working day".
  std::vector<std::string> rule_warnings() const;

  /// Why `d` is or is not a working day.
  result<day_kind> kind(date d) const;
  /// True on working days (weekdays not off, and make-up working days).
  result<bool> is_workday(date d) const;
  /// `d` itself if it is a working day, else the first working day after it.
  result<date> next_workday(date d) const;
  /// n > 0: the n-th working day after d; n < 0: the |n|-th working day before d; n == 0: d.
  result<date> add_workdays(date d, int n) const;
  /// The number of working days x with a < x <= b; negative (-(working days b < x <= a)) when b < a.
  result<int> workdays_between(date a, date b) const;
  /// The end of period p started on d, by the civil-code reckoning described in period.hpp.
  result<date> add(date d, period p) const;

  /// Every day whose kind is not what the weekday alone gives, in date order.
  std::vector<std::pair<date, day_kind>> exceptions() const;
  /// The calendar in its own file format, one block a published year with full dates and a
  /// 'provisional' line: parse(to_text()) gives an equal calendar, whatever the options. A journal keeps a calendar change this
  /// way, so that it replays without the file.
  std::string to_text() const;

  friend bool operator==(const work_calendar &, const work_calendar &) = default;

private:
  work_calendar() = default;
  // Day index into the tables; special dates and dates before first_ wrap to huge values, so one
  // unsigned comparison tells whether a date is covered.
  std::size_t slot(date d) const noexcept { return static_cast<std::size_t>(d.day_number() - first_.day_number()); }
  int index_of(date d) const noexcept { return static_cast<int>(slot(d)); }
  bool workday_at_slot(std::size_t i) const noexcept { return i == 0 ? running_[0] == 1 : running_[i] != running_[i - 1]; }
  failure outside(date d) const;
  failure outside_after(date d, std::string_view what) const;

  date first_{boost::gregorian::not_a_date_time};
  date last_{boost::gregorian::not_a_date_time};
  date last_published_{boost::gregorian::not_a_date_time}; // 31 December of the last published year
  std::vector<day_kind> kinds_;                            // by day index
  std::vector<std::int32_t> running_;                      // by day index: working days in [first_, day]
  std::vector<std::int32_t> workday_at_;                   // k -> day index of the (k+1)-th working day
};

} // namespace caseflow
