// deadline_policy: the time rules of handling, as data.
//
// Every obligation in handling has a clock: it starts at an event (assignment, a reply, an order to
// re-handle, the start of an escalation level), runs for a period counted on the work calendar, warns
// at set points before it runs out, and is met, extended or overdue. Which periods, which warning
// points, how long extensions may stretch the reply, which triggers escalate - all of it differs between
// provinces, so none of it is written into the logic: it is a deadline_policy loaded from JSON.
// The bundled presets live in data/policies/ (shanghai-municipal.json carries the defaults); hosts
// can load their own.
//
// File format (JSON, format 1). Every key is required (except those marked optional, added after the
// format was first published, which take their default when left out) and no other key is allowed:
//   {
//     "format": 1,
//     "name": "shanghai-municipal",
//     "description": "one line for people",
//     "clocks": {                                   // one entry for EVERY clock_kind, by its name
//                                                   // ("progress_report" optional: without it, no progress reports)
//       "reply": {"period": "3m", "warn_workdays_before": [10, 3], "warn_elapsed_percent": [50, 75]},
//       ...
//     },
//     "extension": {"max_total": "6m", "reason_required": true},
//     "result_scheme": "three_class",               // or "four_class"
//     "leader_consultation_required": true,
//     "leader_consultation_when_still_dissatisfied": true,   // optional, false when left out
//     "rehandling": "new_cycle",                    // or "continue_cycle"
//     "escalate_on": {"marked_difficult": true, ...},  // one entry for EVERY escalation_trigger
//     "linkage": {"child_margin": "5wd"}
//   }
// Periods use the text form of period ("30d", "5wd", "3m"). Warning lists may be empty and are kept in
// the order given. Checks beyond the shape: warning points are positive, distinct, and after the
// clock's start (n working days before the due date must fall inside the clock); percentages are
// 1..99 and distinct; the extension cap is not shorter than the reply period; the child margin is
// shorter than the reply period. Errors name the file and the JSON path (RFC 6901):
//   shanghai-municipal.json: /clocks/reply/warn_workdays_before/1: 0 is not a positive number of working days
#pragma once

#include <caseflow/error.hpp>
#include <caseflow/period.hpp>

#include <array>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace caseflow {

/// Every obligation that runs on a clock.
enum class clock_kind {
  return_request,                ///< a unit may ask to return an item only within this window of assignment
  co_handler_opinion,            ///< each co-handling unit sends its written opinion to the lead unit
  reply,                         ///< the lead unit (or each separate unit) replies to the proposer
  feedback,                      ///< the proposer rates the reply; no answer by then is "no feedback"
  rehandling_reply,              ///< a new reply after a dissatisfied rating
  publication_decision,          ///< the unit decides how the reply is published
  escalation_office,             ///< level 1 of coordination: the government office
  escalation_supervising_leader, ///< level 2: the supervising leader
  escalation_principal_leader,   ///< level 3: the principal leader
  progress_report,               ///< key and leader-supervised items: the replying unit reports progress (every period)
};
inline constexpr std::size_t clock_kind_count = 10;

/// Stable snake_case name of a clock kind, as used in policy files, notices and journals.
std::string_view to_string(clock_kind k) noexcept;
/// The clock kind named `name`, or errc::parse_error.
result<clock_kind> parse_clock_kind(std::string_view name);

/// When a clock warns before it runs out. Both lists may be empty; both may be used together.
struct warning_points {
  std::vector<int> workdays_before; ///< e.g. {10, 3}: 10 and 3 working days before the due date
  std::vector<int> elapsed_percent; ///< e.g. {50, 75}: when 50 % and 75 % of the working time has passed
  friend bool operator==(const warning_points &, const warning_points &) = default;
};

/// The rule of one clock.
struct clock_rule {
  period length;           ///< from the starting event to the due date
  warning_points warnings; ///< reminders before the due date
  friend bool operator==(const clock_rule &, const clock_rule &) = default;
};

/// Reply result classes: A/B/C (solved / being solved / for reference), or the national 4-class scheme
/// (A solved, B being solved, C must wait, D for reference).
enum class result_scheme { three_class, four_class };

/// On re-handling, the reply clock starts a new cycle or continues the old one.
enum class rehandling_cycle { new_cycle, continue_cycle };

/// What moves an item onto the coordination ladder.
enum class escalation_trigger {
  marked_difficult,              ///< a unit marks the item difficult
  dispute,                       ///< lead and co-handler disagree (a recorded dispute)
  opinion_overdue,               ///< a co-handler's opinion is overdue
  reply_last_warning,            ///< the reply reached its last warning point
  reply_overdue,                 ///< the reply is overdue
  dissatisfied_after_rehandling, ///< the proposer is still dissatisfied after re-handling
};
inline constexpr std::size_t escalation_trigger_count = 6;
std::string_view to_string(escalation_trigger t) noexcept;

/// The whole policy. Loaded from JSON; every figure comes from the file.
struct deadline_policy {
  std::string name;        ///< e.g. "shanghai-municipal"
  std::string description; ///< one line, for people

  std::array<clock_rule, clock_kind_count> clocks{}; ///< indexed by clock_kind
  const clock_rule &rule(clock_kind k) const { return clocks[static_cast<std::size_t>(k)]; }

  period extension_cap;             ///< the reply may be extended to at most this long from assignment
  bool extension_reason_required{}; ///< an extension must carry a reason

  result_scheme results{};             ///< A/B/C or A/B/C/D
  bool leader_consultation_required{}; ///< a leader-led face-to-face consultation before the reply
  /// After a second dissatisfied rating (still dissatisfied after re-handling), the next reply needs a
  /// leader-led face-to-face consultation recorded since that rating (DOMAIN §2); the ladder runs as well.
  bool leader_consultation_when_still_dissatisfied{};
  rehandling_cycle rehandling{};                            ///< new reply cycle on re-handling, or continue
  std::array<bool, escalation_trigger_count> escalate_on{}; ///< indexed by escalation_trigger
  bool escalates_on(escalation_trigger t) const { return escalate_on[static_cast<std::size_t>(t)]; }

  period child_margin; ///< city-district-town linkage: a child's deadlines end this much before the parent's

  /// Key and leader-supervised items report progress every rule(progress_report) period from assignment
  /// until the reply. Off for a policy file without a "progress_report" clock (written before it existed).
  bool progress_reports{};

  friend bool operator==(const deadline_policy &, const deadline_policy &) = default;
};

/// Every clock kind and every escalation trigger, in declaration order, for iterating.
inline constexpr std::array<clock_kind, clock_kind_count> all_clock_kinds = {
    clock_kind::return_request,
    clock_kind::co_handler_opinion,
    clock_kind::reply,
    clock_kind::feedback,
    clock_kind::rehandling_reply,
    clock_kind::publication_decision,
    clock_kind::escalation_office,
    clock_kind::escalation_supervising_leader,
    clock_kind::escalation_principal_leader,
    clock_kind::progress_report,
};
inline constexpr std::array<escalation_trigger, escalation_trigger_count> all_escalation_triggers = {
    escalation_trigger::marked_difficult,   escalation_trigger::dispute,       escalation_trigger::opinion_overdue,
    escalation_trigger::reply_last_warning, escalation_trigger::reply_overdue, escalation_trigger::dissatisfied_after_rehandling,
};

/// The escalation trigger named `name`, or errc::parse_error.
result<escalation_trigger> parse_escalation_trigger(std::string_view name);
/// "three_class" or "four_class".
std::string_view to_string(result_scheme s) noexcept;
/// The result scheme named `name`, or errc::parse_error.
result<result_scheme> parse_result_scheme(std::string_view name);
/// "new_cycle" or "continue_cycle".
std::string_view to_string(rehandling_cycle c) noexcept;
/// The re-handling choice named `name`, or errc::parse_error.
result<rehandling_cycle> parse_rehandling_cycle(std::string_view name);

/// The bundled default preset (DOMAIN rules of the Shanghai municipal level), for find_data_file.
inline constexpr std::string_view default_policy_file = "policies/shanghai-municipal.json";
/// The data-file path of a bundled preset: "shanghai-municipal" -> "policies/shanghai-municipal.json".
std::string policy_preset_file(std::string_view preset_name);

/// Checks the figures of a policy, whether read from a file or built in code (see the file format
/// above). Errors name `source_name` and the JSON path the field has in a file:
/// errc::parse_error for a value that is never valid (zero period, warning point 0, percentage 100,
/// a point listed twice, empty name), errc::invalid_argument for figures that contradict each other
/// (a warning point before the clock starts, an extension cap shorter than the reply period).
status<> validate(const deadline_policy &policy, std::string_view source_name = "<policy>");

/// Reads a policy from JSON text (the file format above) and validates it. `source_name` names the
/// text in errors (usually the file name). Nothing is half-loaded: on any error no policy is returned.
/// Errors: errc::parse_error (JSON syntax, with line and column; missing or unknown keys; wrong types;
/// bad periods or names; wrong format), errc::invalid_argument (contradictory figures).
result<deadline_policy> parse_policy(std::string_view json_text, std::string_view source_name);
/// Reads and validates a policy file; errors name the file by its file name, errc::io_error if it
/// cannot be read.
result<deadline_policy> load_policy(const std::filesystem::path &file);
/// The policy in the file format, indented by two spaces, keys in the documented order, no final
/// newline. parse_policy(to_json_text(p), ...) == p for every valid p.
std::string to_json_text(const deadline_policy &policy);

} // namespace caseflow
