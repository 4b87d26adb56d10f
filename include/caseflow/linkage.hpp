// Linkage: city-district-town linkage (市区镇三级联动), an item passed down and its answers flowing back up.
//
// A district that undertakes a city item rarely holds all the answers itself: it passes the item down
// to its own bureaus and towns as child items in its own book. A child item names its parent (the
// case and the unit that passed it down) and carries its own id ("16-2/0581-1": the parent item, a
// dash and a number, by convention), the unit that handles it, the task, and a due date that ends a
// margin before the parent unit's own deadline, so that the parent has time to fold the answers into
// its opinion (as a co-handler) or its reply (as the lead or a separate unit). That obligation is what
// the child "feeds". The child's answer is the input the parent works from.
//
// The margin (deadline_policy::child_margin, "5wd" in the shipped presets) is counted back from the
// parent's due date: working days as add_workdays(due, -n); calendar days and months step back the same
// way forward periods step on (months by the civil-code reckoning: same-numbered day, or the month's
// last day), and a day that is not a working day moves to the working day before it - the opposite of
// a forward period's end, since a child's deadline must not slip towards its parent's.
//   Example: parent opinion due Thursday 2024-10-10, margin 5wd: 10-09, 10-08, (10-01..10-07 off),
//   09-30, 09-29 (make-up Sunday), 09-27 -> the child is due Friday 2024-09-27.
//
// The case book keeps the child items (casebook.hpp: pass_down, answer_child, children_of); this header
// holds the value types and the pure functions behind them.
#pragma once

#include <caseflow/calendar.hpp>
#include <caseflow/error.hpp>
#include <caseflow/model.hpp>
#include <caseflow/period.hpp>
#include <caseflow/policy.hpp>

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace caseflow {

/// A child unit's answer to its item: the input to the parent unit's opinion or reply.
struct child_answer {
  date on;
  std::string text;
  bool on_time = true;   ///< on <= the child's due date
  int workdays_late = 0; ///< working days after the due date, a rest day counting as the next working day
  friend bool operator==(const child_answer &, const child_answer &) = default;
};

/// An item a unit passed down to one of its own bureaus or towns.
struct child_item {
  case_id parent;                      ///< the case it was passed down from
  std::string parent_unit;             ///< the unit on the parent case that passed it down
  std::string id;                      ///< the child's own id, a case id text distinct from every case ("16-2/0581-1")
  std::string unit;                    ///< the bureau or town that handles it
  std::string task;                    ///< what the parent unit asks of it
  date passed_on;                      ///< the day it was passed down; its clock starts here
  clock_kind feeds{clock_kind::reply}; ///< the parent unit's obligation it feeds (co_handler_opinion, reply, rehandling_reply)
  date due;                            ///< the child's due date: the parent's due date less the margin
  std::optional<child_answer> answer;  ///< once the child unit answered
  date ended{boost::gregorian::not_a_date_time}; ///< the day it ended unanswered (the parent's obligation was
                                                 ///< met or the case concluded); not_a_date_time otherwise

  /// Neither answered nor ended.
  bool open() const noexcept { return !answer && ended.is_special(); }
  friend bool operator==(const child_item &, const child_item &) = default;
};

/// What the parent unit gives when it passes an item down (case_book::pass_down).
struct child_request {
  std::string by;   ///< the parent unit's id (a unit handling the parent case)
  std::string id;   ///< the child's id
  std::string unit; ///< the bureau or town to handle it
  std::string task;
  date on; ///< the day it is passed down
  friend bool operator==(const child_request &, const child_request &) = default;
};

/// What the child unit gives when it answers (case_book::answer_child).
struct child_answer_request {
  std::string by; ///< the child unit's id
  date on;
  std::string text;
  friend bool operator==(const child_answer_request &, const child_answer_request &) = default;
};

/// The children one unit passed down from one case, as they stand on a day.
struct child_progress {
  case_id parent;
  std::string unit; ///< the parent unit (empty: every unit on the case)
  date on;          ///< the day the figures are for
  int held = 0;     ///< children passed down
  int answered = 0;
  int answered_late = 0;            ///< of the answered
  int open = 0;                     ///< neither answered nor ended
  int overdue = 0;                  ///< of the open, due before `on`
  int ended = 0;                    ///< ended unanswered with the parent's obligation
  std::vector<child_item> children; ///< in the order passed down
  friend bool operator==(const child_progress &, const child_progress &) = default;
};

/// The child's due date: `margin` before `parent_due` (see the file comment), on a working day.
/// errc::invalid_argument when that day is not after `passed_on` ("the parent's deadline leaves no
/// time"), or for a negative margin; errc::out_of_range when the count leaves the calendar.
result<date> child_due(date parent_due, period margin, date passed_on, const work_calendar &cal);

/// The roll-up of the `items` a unit passed down from `parent` (`unit` empty: every unit), on `on`.
/// Items of other cases or units are left out.
child_progress roll_up_children(const case_id &parent, std::string_view unit, std::span<const child_item> items, date on);

// ---- JSON (journal and snapshot) -----------------------------------------------------------------
// Dates as "YYYY-MM-DD" ("" when not set), clock kinds by their names. from_json throws
// caseflow::exception (parse_error) or nlohmann::json::exception on bad input; the *_from_json
// functions return the error instead.

void to_json(nlohmann::json &j, const child_item &c);
void from_json(const nlohmann::json &j, child_item &c);
void to_json(nlohmann::json &j, const child_request &r);
void from_json(const nlohmann::json &j, child_request &r);
void to_json(nlohmann::json &j, const child_answer_request &r);
void from_json(const nlohmann::json &j, child_answer_request &r);

/// Reads a child item from a snapshot; errors (errc::parse_error) start with `where`.
result<child_item> child_item_from_json(const nlohmann::json &j, std::string_view where);
/// Reads a journaled pass-down; errors (errc::parse_error) start with `where`.
result<child_request> child_request_from_json(const nlohmann::json &j, std::string_view where);
/// Reads a journaled answer; errors (errc::parse_error) start with `where`.
result<child_answer_request> child_answer_request_from_json(const nlohmann::json &j, std::string_view where);

} // namespace caseflow
