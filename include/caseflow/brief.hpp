// brief: the leaders' brief (专报). Before each bimonthly meeting the seed district turns its books into a
// short paper for the government's leaders: what is stuck and who must act. As of a day (report.hpp's
// "as of" rules; items without an event by then left out), from every item or from one unit's view:
//   * ladder       - items on the coordination ladder (三级协调), each with its current level, the person
//                    routed to it and the window's due date, and how it climbed (level, who, since when);
//                    items whose ladder was resolved by the day are listed with the decision;
//   * overdue      - obligations (replies; co-handlers' opinions) open and past due, with working days late;
//   * last_warning - obligations open, not yet due, whose last reminder point (the policy's smallest
//                    "working days before") has passed: the last chance before they are late;
//   * dissatisfied - items the proposer rated dissatisfied (不满意), and
//   * rehandling   - items back for re-handling (再次办理), with the new reply's due date;
//   * key_item     - key and leader-supervised items (重点办理, 领导督办) and where each stands.
// Each line names the item, the unit that must act and the leader who acts next: on the ladder the
// person routed to the current level; elsewhere the item's supervising leader on the chart
// (case_book::supervising_leader_of; empty without a chart). Then the units ranked by on-time rate
// (undefined last), working days late (fewer first) and id.
#pragma once

#include <caseflow/report.hpp>

namespace caseflow {

/// Which part of the brief a line belongs to.
enum class brief_section : std::uint8_t { ladder, overdue, last_warning, dissatisfied, rehandling, key_item };
/// "ladder", "overdue", "last_warning", "dissatisfied", "rehandling", "key_item".
std::string_view to_string(brief_section s) noexcept;

/// One step the ladder climbed: the level reached, who it was routed to, the day and that level's window.
struct brief_step {
  escalation_level level{};
  std::string who; ///< org id
  date since;
  date window_due;
  friend bool operator==(const brief_step &, const brief_step &) = default;
};

struct brief_line {
  brief_section section{};
  case_id id;
  std::string title;
  std::string unit;   ///< the unit that must act
  std::string leader; ///< the leader who acts next (org id), or empty when the book has no chart
  case_state state{};
  // ladder
  escalation_level level{};        ///< the current level (resolved once decided)
  escalation_trigger trigger{};    ///< what opened the episode
  date window_due;                 ///< of the current level; not set once resolved
  std::vector<brief_step> climbed; ///< in order
  std::string decision;            ///< the recorded decision, once resolved
  date decided_on;
  // obligations (overdue, last_warning, rehandling, key_item)
  clock_kind clock{};
  date due;
  int workdays = 0; ///< late (overdue) or left (last_warning)
  // ratings
  std::optional<satisfaction> rating;
  date rated_on;
  // key items
  bool key_item = false;
  bool leader_supervised = false;
  date replied_on;
  friend bool operator==(const brief_line &, const brief_line &) = default;
};

/// One unit's punctuality over its obligations (replies, or opinions as a co-handler) by the day.
struct brief_unit {
  std::string unit;
  rate on_time;          ///< met on time / met + open past due
  int workdays_late = 0; ///< summed over obligations met late and open past due
  int overdue = 0;       ///< open past due
  friend bool operator==(const brief_unit &, const brief_unit &) = default;
};

struct brief {
  date as_of;
  std::string unit;              ///< the point of view; empty for the whole book
  std::vector<brief_line> lines; ///< by section, then by id
  std::vector<brief_unit> units; ///< ranked
  friend bool operator==(const brief &, const brief &) = default;
};

/// The brief of the book on `as_of`, for every item or from `unit`'s point of view.
result<brief> make_brief(const case_book &book, date as_of, std::string_view unit = {});

/// The brief laid out: a title, one line of counts, the lines (one table, each naming item, unit and
/// leader) and the ranking. CSV holds the lines.
report_document layout(const brief &b, const report_options &o = {});
/// The brief in a format; JSON with the values and stable names.
std::string format(const brief &b, report_format f, const report_options &o = {});

} // namespace caseflow
