// notice: what a deadline clock tells people, and the key that names a clock.
//
// A clock speaks at three kinds of points (DOMAIN.md §3):
//   * reminder - a set number of working days before the due date ("10 and 3 working days before");
//   * warning  - when a set percentage of the clock's working time has passed ("50 %, 75 %");
//   * overdue  - the calendar day after the due date (DOMAIN.md: "an overdue notice the day after";
//                we read "day" as a calendar day, so a Friday due date is chased on Saturday, not on
//                Monday: a notice is a record, and the ledger should show the item overdue from the
//                first day it is).
// A notice names the clock (case, unit, obligation, cycle), the due date, the day its point fell on, the
// day it was issued (the tick), and a count of working days: left before the due date for reminders and
// warnings, late for overdue notices. Counts are taken on the day of issue, because that is the day the
// reader acts on them; a rest day counts as the working day after it when counting lateness (nothing
// can be handed in before the office opens again), so an overdue notice always says at least 1.
#pragma once

#include <caseflow/calendar.hpp>
#include <caseflow/policy.hpp>

#include <compare>
#include <string>
#include <string_view>

namespace caseflow {

/// Which kind of point a notice comes from.
enum class notice_kind {
  reminder, ///< a `workdays_before` point of the clock's rule
  warning,  ///< an `elapsed_percent` point of the clock's rule
  overdue,  ///< the calendar day after the due date
};

/// Stable lower-case name: "reminder", "warning", "overdue".
std::string_view to_string(notice_kind k) noexcept;
/// The notice kind named `name`, or errc::parse_error.
result<notice_kind> parse_notice_kind(std::string_view name);

/// Names one clock: one obligation of one case (and unit), in one handling cycle.
/// Plain ids, so that whoever holds the cases can own the clocks.
struct clock_key {
  std::string case_id; ///< e.g. "16-2/0581"
  std::string unit_id; ///< the undertaking unit; empty for a case-level clock
  clock_kind kind{};   ///< the obligation
  int cycle = 1;       ///< 1 for the first handling, 2 after the first re-handling order, ...

  friend std::strong_ordering operator<=>(const clock_key &, const clock_key &) = default;
  friend bool operator==(const clock_key &, const clock_key &) = default;
};

/// "case 16-2/0581 unit minhang reply cycle 1" (the unit part left out for case-level clocks).
std::string to_string(const clock_key &key);

/// One notice issued by a tick.
struct notice {
  notice_kind kind{};
  clock_key clock;
  date due;         ///< the clock's due date when the notice was issued
  date on;          ///< the day the notice's point fell on
  date issued;      ///< the tick that issued it (on <= issued)
  int point = 0;    ///< working days before due (reminder), percent elapsed (warning), 0 (overdue)
  int workdays = 0; ///< working days left on `issued` (reminder, warning; 0 once the due date is reached)
                    ///< or working days late (overdue; at least 1)

  friend bool operator==(const notice &, const notice &) = default;
};

/// One readable line, e.g.
/// "2024-02-19 reminder: case 16-2/0581 unit minhang reply cycle 1 due 2024-02-21: 2 working days left
///  (point: 2 working days before due, 2024-02-19)".
std::string to_string(const notice &n);

} // namespace caseflow
