// case_clocks: which deadline clocks a case's transition starts, stops or extends.
//
// The workflow records what happened and when; the clocks of DOMAIN.md §2 follow from it. Rather than
// hook clock calls into every event, the changes are derived by comparing the record before and after
// an accepted event, one rule a row (see the table in case_clocks.cpp):
//   a unit joins the case        -> its return window; its opinion clock (co-handler) or reply clock
//   a unit asks to return        -> its return window is met
//   a co-handler's opinion is in -> its opinion clock is met (also when waived)
//   a unit replies               -> its reply clock (or re-handling reply clock) is met
//   an extension is approved     -> the unit's reply clock is extended
//   a unit is returned           -> its clocks end
//   the case becomes replied     -> the feedback window and the publication decision start
//   a rating is recorded         -> the feedback window is met
//   re-handling is ordered       -> a re-handling reply clock per replying unit (cycle + 1)
//   publication is decided       -> the publication decision is met
//   the case is concluded        -> whatever still runs ends
// A pure function: the case book applies the changes to its due_index.
#pragma once

#include <caseflow/notice.hpp>
#include <caseflow/policy.hpp>
#include <caseflow/workflow.hpp>

#include <vector>

namespace caseflow {

enum class clock_change_kind {
  start,    ///< start `key` on `on` with the policy's rule for key.kind
  stop,     ///< the obligation of `key` was met on `on`
  extend,   ///< `key`'s due date moves to `until` (approved on `on`)
  end,      ///< `key` ends unmet on `on`: its unit left the case
  end_case, ///< every clock of the case still running ends on `on` (key.case_id names the case)
};

struct clock_change {
  clock_change_kind kind{};
  clock_key key;
  date on;
  date until{boost::gregorian::not_a_date_time}; ///< extend only

  friend bool operator==(const clock_change &, const clock_change &) = default;
};

/// The clock changes an accepted transition from `before` to `after` implies, in a stable order.
std::vector<clock_change> clock_changes(const case_record &before, const case_record &after);

/// "start case 16-2/0581 unit minhang reply cycle 1 on 2024-01-26": for traces and tests.
std::string to_string(const clock_change &c);

} // namespace caseflow
