// deadline_clock: the clock of one obligation - when it started, when it is due, when it warns, and
// what happened to it (pauses, extensions, the day it was met).
//
// A clock starts at its triggering event with a clock_rule from the deadline_policy. Its due date is
// work_calendar::add(start, rule.length). It warns at the rule's points (see notice.hpp) and can be
// paused and resumed, extended, stopped when the obligation is met, and restarted on re-handling.
//
// Active working time. Everything a clock computes is counted in its *active* working days: the working
// days after the start, less the working days it spent paused. A pause from day P to day R stops the
// count on the working days P < x <= R (workdays_between(P, R) of them), so every point that fell after
// P - the due date and the pending reminders and warnings - moves later by exactly that many working
// days, and every point on or before P stays where it was. A pause that begins on or after the due date
// therefore does not move it: the time had already run out (extend the clock instead).
//   Example: reply due 2024-02-21; paused 2024-02-08 (Thursday), resumed 2024-02-19 (Monday). Paused
//   working days: 02-09, 02-18 (make-up Sunday), 02-19 = 3, so the due date moves 3 working days later,
//   to 2024-02-26.
//
// Warning points, from the rule (computed on active time):
//   * workdays_before w: the working day w active working days before the due date;
//   * elapsed_percent p: with N the clock's active working days from start to due, the working day on
//     which k = ceil(p * N / 100) of them have passed - the first day on which *at least* p % has passed
//     (N = 5, p = 50: k = 3, not 2). p = 100 is the due date itself.
//   A point that falls on or before the start day (w >= N) is dropped: it would say nothing the start
//   did not. Points on the same day are merged into one notice, a reminder winning over a warning.
//   The overdue point is the calendar day after the due date.
//
// Extensions (office approval is the caller's business): to a new due date (moved to the next working
// day if it is a rest day, as for any period end) or by a period added to the current due date. The new
// due date must be later than the current one and not later than the cap; a reason is needed when the
// limits say so. Reminders and warnings are recomputed for the new due date, and those after the last
// tick are issued again: a new due date deserves its own reminders.
//
// History only moves forward: every dated operation must be on or after the clock's latest recorded day
// (its start, pauses, resumptions, extensions and the last tick that issued its notices).
// Every operation returns a result and leaves the clock unchanged on error.
#pragma once

#include <caseflow/calendar.hpp>
#include <caseflow/error.hpp>
#include <caseflow/notice.hpp>
#include <caseflow/policy.hpp>

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

namespace caseflow {

/// One point at which a clock issues a notice.
struct schedule_point {
  date on;             ///< the day the point falls on
  notice_kind kind{};  ///< reminder, warning or overdue
  int point = 0;       ///< w (reminder), p (warning), 0 (overdue)
  bool issued = false; ///< a tick has issued it
  friend bool operator==(const schedule_point &, const schedule_point &) = default;
};

/// A pause: the clock stops counting on the working days from < x <= to. `to` is empty while paused.
struct pause_span {
  date from;
  std::optional<date> to;
  friend bool operator==(const pause_span &, const pause_span &) = default;
};

/// An extension as asked: a new due date, or a period added to the current due date.
struct extension_request {
  date on;                           ///< the day the extension was approved
  std::variant<date, period> target; ///< the new due date, or how much longer
  std::string reason;                ///< why (may be required by the limits)
  friend bool operator==(const extension_request &, const extension_request &) = default;
};

/// What an extension may not exceed.
struct extension_limits {
  date cap;                    ///< the latest due date allowed
  bool reason_required = true; ///< an extension without a reason is refused
};

/// The limits a policy sets for a clock of an item assigned on `assigned_on`: cap =
/// add(assigned_on, policy.extension_cap), reason as the policy requires.
result<extension_limits> extension_limits_for(const deadline_policy &policy, date assigned_on, const work_calendar &cal);

/// How a clock ended: the day its obligation was met, and whether that was in time.
struct stop_record {
  date on;
  bool on_time = true;   ///< on <= due
  int workdays_late = 0; ///< working days after the due date, a rest day counting as the next working day
  friend bool operator==(const stop_record &, const stop_record &) = default;
};

/// Something that happened to a clock after its start, in order.
using clock_event = std::variant<pause_span, extension_request>;

class deadline_clock {
public:
  /// Starts the clock of `key` on `on` with `rule`. errc::invalid_argument for a rule with a length
  /// below 1 or a warning point out of range (workdays_before < 1, elapsed_percent outside 1..100),
  /// errc::out_of_range when the due date or a point falls outside the calendar.
  static result<deadline_clock> start(clock_key key, const clock_rule &rule, date on, const work_calendar &cal);
  /// Starts the clock of `key` on `on`, due on `due` instead of after the rule's length (a child item's
  /// clock, whose due date its parent's sets): the length becomes the working days from `on` to `due`,
  /// the rule's reminders and warnings stay. errc::invalid_argument when `due` is not a working day
  /// after `on`; otherwise as start().
  static result<deadline_clock> start_until(clock_key key, clock_rule rule, date on, date due, const work_calendar &cal);

  const clock_key &key() const noexcept { return key_; }
  const clock_rule &rule() const noexcept { return rule_; }
  date started() const noexcept { return start_; }
  /// The due date. While paused, the due date as it stood at the pause (it moves on resume).
  date due() const noexcept { return due_; }
  /// The clock's active working days from start to due (N in the percentage rule).
  int length() const noexcept { return length_; }
  bool paused() const noexcept;
  bool stopped() const noexcept { return stop_.has_value(); }
  /// How the clock ended, once stopped.
  const std::optional<stop_record> &stop_info() const noexcept { return stop_; }
  /// Pauses and extensions, in order.
  const std::vector<clock_event> &history() const noexcept { return history_; }
  /// Every notice point, in date order, issued or not (suspended ones included while paused).
  std::span<const schedule_point> schedule() const noexcept { return points_; }
  /// The earliest day on which a notice not yet issued falls; empty when stopped, when all are issued,
  /// or when the remaining ones are held by a pause.
  std::optional<date> next_notice() const noexcept;
  /// True when the due date or a notice point lies in a provisional year of `cal`: counted on the
  /// statutory rule, it may move when that year's notice arrives (case_book::recompute).
  bool rests_on_provisional_days(const work_calendar &cal) const noexcept;

  /// Stops the count from `on` (working days after `on` do not count). errc::invalid_state when
  /// paused or stopped; errc::invalid_argument for a day before the clock's latest recorded day.
  status<> pause(date on, const work_calendar &cal);
  /// Counts again from `on`: the due date and the points after the pause day move later by
  /// workdays_between(pause day, on). errc::invalid_state when not paused.
  status<> resume(date on, const work_calendar &cal);
  /// Extends the due date (see the file comment). errc::invalid_state when paused (resume first) or
  /// stopped; errc::invalid_argument for a missing reason, a due date that does not move later, or one
  /// after the cap.
  status<> extend(const extension_request &request, const extension_limits &limits, const work_calendar &cal);
  /// The obligation was met on `on`. A paused clock is resumed on `on` first.
  result<stop_record> stop(date on, const work_calendar &cal);
  /// Re-handling with the policy's `continue_cycle`: a stopped clock counts on from `on` with the time it
  /// had left, as if paused from the day it stopped (its due date moves later by
  /// workdays_between(stop day, on)). Points on or before the stop day are not issued any more.
  /// errc::invalid_state when not stopped.
  status<> reopen(date on, const work_calendar &cal);
  /// Re-handling with the policy's `new_cycle`: a new clock for the same obligation, cycle + 1, started
  /// on `on` with `rule`. This clock is not changed (stop it first if it still runs).
  result<deadline_clock> next_cycle(date on, const clock_rule &rule, const work_calendar &cal) const;
  /// The clock that runs after a re-handling order on `on`, as the policy's `how` says: next_cycle(), or
  /// a copy of this clock reopen()ed.
  result<deadline_clock> restart(date on, rehandling_cycle how, const clock_rule &rule, const work_calendar &cal) const;

  /// The same clock on another calendar: its due date and points recomputed from its start and history
  /// (pause days recounted, extensions to a date kept at that date, extensions by a period re-added,
  /// an extension that no longer moves the due date later having no effect; caps are not checked
  /// again). Issued points stay issued. errc::invalid_state when stopped.
  result<deadline_clock> recomputed(const work_calendar &cal) const;

  /// Notices for the points not yet issued that fall on or before `now` (none while stopped).
  /// Changes nothing; errc::out_of_range if counting working days leaves the calendar.
  result<std::vector<notice>> notices_due(date now, const work_calendar &cal) const;
  /// Marks those points issued, and `now` as the clock's last tick.
  void mark_issued_through(date now) noexcept;

  friend bool operator==(const deadline_clock &, const deadline_clock &) = default;
  // Every field, for snapshots (clock_json.hpp).
  friend nlohmann::json to_json(const deadline_clock &c);
  friend result<deadline_clock> deadline_clock_from_json(const nlohmann::json &j, std::string_view where);

private:
  deadline_clock() = default;
  status<> check_forward(std::string_view what, date on) const;
  status<> rebuild(const work_calendar &cal, bool reissue_after_last_tick);
  date latest_day() const noexcept;

  clock_key key_;
  clock_rule rule_;
  date start_{boost::gregorian::not_a_date_time};
  date due_{boost::gregorian::not_a_date_time};
  int length_ = 0;
  std::vector<clock_event> history_;
  std::vector<schedule_point> points_;
  std::optional<stop_record> stop_;
  date last_tick_{boost::gregorian::not_a_date_time}; // latest tick that issued this clock's notices
  date last_event_{boost::gregorian::not_a_date_time};
};

} // namespace caseflow
