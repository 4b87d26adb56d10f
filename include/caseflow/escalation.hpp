// escalation: the three-level coordination track of one case (DOMAIN.md §4), and who acts at each level.
//
// A difficult item goes up a ladder beside its handling, not instead of it: the case machine keeps
// running while its escalation track moves
//     none -> office -> supervising_leader -> principal_leader,   and from any level -> resolved
// and a later trigger opens a new episode (cycle 2, 3, ...) from resolved. The track is a small machine
// of its own, a run-time table of rows `from + input [guards] (who) = to` (see escalation_transitions()):
//   - trigger:        something the book saw (escalation_trigger): a unit marked the item difficult, a
//                     recorded dispute (with the units involved), an opinion or reply gone late, a
//                     proposer still dissatisfied after re-handling. It acts only when the policy's
//                     escalates_on(trigger) is set; otherwise it is *ignored* (outcome ignored, nothing
//                     recorded, no error: the book may send every trigger it sees). On a track already
//                     escalated a trigger does not restart the ladder: it is *recorded* in the episode
//                     (outcome recorded) and, for a dispute, its units count when a higher level is
//                     routed later.
//   - window_ran_out: the level's window ran out unresolved; the track climbs and the next window starts.
//                     At the principal leader there is no level above: the clock's own overdue notice
//                     is all there is to say, and the input is refused (invalid_state).
//   - resolve:        the person routed to the current level decides (actor, decision text); the track
//                     is resolved and the item goes on in handling with the decision recorded.
//
// Windows. Each level has a deadline_clock with the policy's rule for its clock_kind (escalation_office,
// escalation_supervising_leader, escalation_principal_leader), keyed {case id, "", kind, episode cycle}.
// A level's window starts on the day the track reached it - for a climb, on the previous window's due
// date, so windows follow each other without a gap: unresolved at the end of the office's last day, the
// leader's first working day is the next one. Example (national calendar): marked difficult Thursday
// 2024-09-26; office 5wd: 09-27, 09-29 (make-up Sunday), 09-30, then National Day 10-01..10-07, 10-08,
// 10-09 -> due 2024-10-09; on 10-10 the supervising leader's 10wd window starts from 10-09 and is due
// 2024-10-22 (10-12 is a make-up Saturday).
//
// Routing (route_escalation): level 1 is the office of the lead unit's government; level 2 the lead
// unit's supervising leader, or for a dispute between units under different supervising leaders their
// lowest common superior on the org chart; level 3 the first principal leader above level 2. When the
// lowest common superior is itself a principal leader, level 2 has nobody of its own: the climb from the
// office goes straight to the principal leader and its notice says why. Only the routed person may
// resolve a level (errc::not_permitted naming them).
//
// Pure functions and values: apply_escalation(track, input, context) returns the new track, the notices
// and the clock changes, or an error naming case, level and input; the track given is never changed.
//
// Wiring into a case book (the book holds one escalation_track per case, keyed by case id):
//   * an event that is a trigger (a unit marks the item difficult, record_dispute, a dissatisfied rating
//     in re-handling) and a clock notice that is one (co_handler_opinion or reply overdue, the reply's
//     last warning point) -> apply_escalation(track, escalation_input::raise(...), ctx);
//   * tick: an overdue notice of an escalation clock -> escalation_input::window_ran_out_of(notice.clock,
//     notice.on), or ask due_escalation(track, today) until it says nothing;
//   * a leader's decision -> escalation_input::resolve(actor, on, text);
//   * each accepted step: stage step.clocks like case_clocks' changes (start / stop / end), journal the
//     input (to_json), keep step.track, and issue step.notices beside the clock notices.
#pragma once

#include <caseflow/calendar.hpp>
#include <caseflow/case_clocks.hpp>
#include <caseflow/error.hpp>
#include <caseflow/model.hpp>
#include <caseflow/notice.hpp>
#include <caseflow/org.hpp>
#include <caseflow/policy.hpp>

#include <nlohmann/json_fwd.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace caseflow {

// ---- Levels, inputs, routes ---------------------------------------------------------------------

/// Where a case stands on the coordination ladder.
enum class escalation_level : std::uint8_t {
  none,               ///< never escalated (the initial state)
  office,             ///< level 1: the government office coordinates
  supervising_leader, ///< level 2: the supervising leader (or the units' lowest common superior)
  principal_leader,   ///< level 3: the principal leader
  resolved,           ///< a decision was recorded; the item is back in handling
};
/// "none", "office", "supervising_leader", "principal_leader", "resolved".
std::string_view to_string(escalation_level l) noexcept;
/// The level named `name`, or errc::parse_error.
result<escalation_level> parse_escalation_level(std::string_view name);
/// The clock kind of a level's window; empty for none and resolved.
std::optional<clock_kind> window_clock(escalation_level l) noexcept;
/// The level whose window a clock kind is; empty for clocks that are not escalation windows.
std::optional<escalation_level> level_of(clock_kind k) noexcept;

/// What an input to the track is.
enum class escalation_input_kind : std::uint8_t { trigger, window_ran_out, resolve };
/// "trigger", "window_ran_out", "resolve".
std::string_view to_string(escalation_input_kind k) noexcept;

/// One input to a track; only the fields of its kind are used (the helpers fill them).
struct escalation_input {
  escalation_input_kind kind{escalation_input_kind::trigger};
  date on{boost::gregorian::not_a_date_time};
  escalation_trigger trigger{};   ///< trigger
  std::vector<std::string> units; ///< trigger: the units involved (dispute: at least one besides the lead)
  escalation_level level{};       ///< window_ran_out: the level whose window ran out
  int cycle = 0;                  ///< window_ran_out: the episode of that window (0: the current one)
  actor by;                       ///< resolve: who decides
  std::string decision;           ///< resolve: the decision, as recorded

  /// A trigger seen on `on`; `units` are the units involved (required for a dispute).
  static escalation_input raise(escalation_trigger t, date on, std::vector<std::string> units = {});
  /// The window of `level` in episode `cycle` ran out; `on` is the day it was found (the overdue point).
  static escalation_input window_ran_out(escalation_level level, date on, int cycle = 0);
  /// The same from an escalation clock's key (its kind gives the level, its cycle the episode); a key of
  /// another clock gives an input the track refuses (errc::malformed_event).
  static escalation_input window_ran_out_of(const clock_key &key, date on);
  /// The person routed to the current level decides.
  static escalation_input resolve(actor by, date on, std::string decision);

  friend bool operator==(const escalation_input &, const escalation_input &) = default;
};

/// Who acts at each level for one case.
struct escalation_route {
  std::string office;             ///< level 1: org id of the office
  std::string supervising;        ///< level 2: org id of the leader; empty when the level is skipped
  std::string principal;          ///< level 3: org id of the principal leader
  std::vector<std::string> units; ///< the units the route was worked out for (lead first, then by id)
  std::string skip_reason;        ///< why level 2 is skipped; empty when it is not
  friend bool operator==(const escalation_route &, const escalation_route &) = default;
};

/// Routes a case's escalation on `chart`. `lead_unit` is the case's lead unit (empty under separate
/// handling: the first of `dispute_units` stands in; apply_escalation then passes the units every trigger
/// of the episode named, not only those of disputes). `dispute_units` are the units of recorded
/// disputes; the lead unit always counts as involved. With two or more distinct units involved, level 2
/// is their lowest common superior (skipped when that is a principal leader); otherwise the lead unit's
/// supervising leader. Errors: errc::invalid_argument with no unit at all, errc::not_found for ids the
/// chart does not know (the chart's message), each prefixed "routing units 'a', 'b': ".
result<escalation_route> route_escalation(const org_chart &chart, std::string_view lead_unit,
                                          std::span<const std::string> dispute_units = {});

// ---- The track ----------------------------------------------------------------------------------

/// A trigger the track received (acted on or recorded).
struct escalation_raise {
  escalation_trigger trigger{};
  date on{boost::gregorian::not_a_date_time};
  std::vector<std::string> units;
  bool opened = false; ///< true when it opened the episode, false when recorded on a track already escalated
  friend bool operator==(const escalation_raise &, const escalation_raise &) = default;
};

/// A level the track reached in an episode, with its window.
struct escalation_stage {
  escalation_level level{};
  std::string who;                                      ///< org id of the office or leader routed to the level
  std::string who_text;                                 ///< how messages name them: "supervising leader 'mh-vm-build'"
  date entered{boost::gregorian::not_a_date_time};      ///< the day the track reached the level
  date window_start{boost::gregorian::not_a_date_time}; ///< the window clock's start
  date window_due{boost::gregorian::not_a_date_time};   ///< the window clock's due date
  friend bool operator==(const escalation_stage &, const escalation_stage &) = default;
};

/// A decision that resolved an episode.
struct escalation_decision {
  escalation_level level{}; ///< the level that decided
  actor by;
  date on{boost::gregorian::not_a_date_time};
  std::string text;
  friend bool operator==(const escalation_decision &, const escalation_decision &) = default;
};

/// One trip up the ladder: from the trigger that opened it to its decision.
struct escalation_episode {
  int cycle = 1;
  std::vector<escalation_raise> triggers;      ///< the opening trigger first
  std::vector<escalation_stage> stages;        ///< levels reached, in order
  std::optional<escalation_decision> decision; ///< once resolved
  friend bool operator==(const escalation_episode &, const escalation_episode &) = default;
};

/// The escalation track of one case.
struct escalation_track {
  std::string case_id; ///< "16-2/0581"
  escalation_level level{escalation_level::none};
  std::vector<escalation_episode> episodes; ///< in order; the last is the current one

  /// A fresh track (level none) for a case.
  static escalation_track for_case(std::string case_id);
  /// The current episode's number (0 before the first trigger).
  int cycle() const noexcept { return static_cast<int>(episodes.size()); }
  /// The stage of the current level, or nullptr when the track is at none or resolved.
  const escalation_stage *current_stage() const noexcept;
  /// The clock key of the current level's window, if a window runs.
  std::optional<clock_key> window_key() const;

  friend bool operator==(const escalation_track &, const escalation_track &) = default;
};

// ---- Notices ------------------------------------------------------------------------------------

/// Why a track moved.
enum class escalation_reason : std::uint8_t {
  trigger,        ///< a trigger opened an episode
  window_ran_out, ///< the level's window ran out unresolved
  level_skipped,  ///< the window ran out at the office and level 2 had nobody of its own
  resolved,       ///< a decision was recorded
};
/// "trigger", "window_ran_out", "level_skipped", "resolved".
std::string_view to_string(escalation_reason r) noexcept;

/// What a move of the track tells people; issued beside the clock notices.
struct escalation_notice {
  std::string case_id;
  int cycle = 1;
  date on{boost::gregorian::not_a_date_time}; ///< the day of the move
  escalation_level from{};
  escalation_level to{};
  escalation_reason why{};
  escalation_trigger trigger{};                       ///< why == trigger: which
  std::string who;                                    ///< org id of who acts now (resolved: who decided)
  std::string who_text;                               ///< "principal leader 'mh-mayor'"
  date window_due{boost::gregorian::not_a_date_time}; ///< the new level's window; none when resolved
  std::string detail;                                 ///< the window that ran out, why level 2 was skipped, or the decision
  friend bool operator==(const escalation_notice &, const escalation_notice &) = default;
};

/// One readable line, e.g. "2024-10-10 escalation: case 16-2/0581 cycle 1 office -> supervising_leader:
/// window ran out (due 2024-10-09); supervising leader 'mh-vm-build' acts, window due 2024-10-22".
std::string to_string(const escalation_notice &n);

// ---- The machine --------------------------------------------------------------------------------

/// Who may send an input of a row.
enum class escalation_sender : std::uint8_t {
  book,     ///< the book, from what it saw (events and clock notices)
  calendar, ///< the level's window (the book's tick)
  routed,   ///< the person routed to the current level
};
/// "book", "calendar", "routed".
std::string_view to_string(escalation_sender s) noexcept;

/// What a row does besides changing the level.
enum class escalation_action : std::uint8_t {
  open_episode,    ///< a new episode at the office; its window starts
  note_trigger,    ///< the trigger is recorded; nothing moves
  climb,           ///< the next level's window starts where the last one ended
  skip_level_two,  ///< as climb, straight to the principal leader
  record_decision, ///< the decision is recorded; the window is met
};
/// "open_episode", "note_trigger", "climb", "skip_level_two", "record_decision".
std::string_view to_string(escalation_action a) noexcept;

struct escalation_context;
struct escalation_guard_input;

/// A named rule of the table. A failed guard refuses the input (errc::guard_failed), except one marked
/// `ignores`: then the input is ignored (a trigger the policy switches off).
struct escalation_guard {
  std::string_view name;
  bool (*check)(const escalation_guard_input &);
  std::string (*explain)(const escalation_guard_input &);
  bool ignores = false;
};

/// A row: from + on [guards] (who) / action = to. Rows with the same from and on are tried in order.
struct escalation_transition {
  escalation_level from;
  escalation_input_kind on;
  std::array<const escalation_guard *, 2> guards; ///< unused slots are nullptr
  escalation_sender who;
  escalation_action action;
  escalation_level to;
};

/// The table, in row order.
std::span<const escalation_transition> escalation_transitions() noexcept;
/// "office + window_ran_out [window_has_run_out, level_two_routed] (calendar) / climb = supervising_leader".
std::string to_string(const escalation_transition &row);

/// What a step needs besides the track and the input; all borrowed for the call only.
struct escalation_context {
  const deadline_policy &policy;
  const work_calendar &calendar;
  const org_chart &chart;
  std::string_view lead_unit; ///< the case's lead unit now (empty under separate handling)
};

/// What a guard looks at.
struct escalation_guard_input {
  const escalation_track &track;
  const escalation_input &input;
  const escalation_context &context;
  const escalation_route *route; ///< for triggers and climbs; nullptr for resolve
};

/// How an accepted input ended.
enum class escalation_outcome : std::uint8_t {
  moved,    ///< the level changed (a notice says so)
  recorded, ///< a trigger recorded on a track already escalated; the level did not change
  ignored,  ///< a trigger the policy switches off; the track is unchanged
};
std::string_view to_string(escalation_outcome o) noexcept;

/// An accepted input: the track after it, what to tell, which window clocks to start, stop or end.
struct escalation_step {
  escalation_track track;
  escalation_outcome outcome{escalation_outcome::ignored};
  std::vector<escalation_notice> notices;
  std::vector<clock_change> clocks; ///< start (with the policy's rule for key.kind), stop (met), end (ran out)
  friend bool operator==(const escalation_step &, const escalation_step &) = default;
};

/// Applies `input` to `track` (which is not changed). Checks, first failure wins:
///   1. malformed_event  - a missing date, decision text or actor id; a dispute naming no unit besides
///                         the lead (two units without a lead); a window_ran_out for a clock that is not
///                         an escalation window;
///   2. invalid_argument - a date before the track's latest recorded day;
///   3. invalid_state    - no row for the level and input, or a window of another level or episode;
///   then a trigger the policy switches off is ignored (outcome ignored, the track as given);
///   4. not_permitted    - a resolve by someone other than the person routed to the level (id and role);
///   5. routing errors   - as route_escalation (triggers and climbs);
///   6. guard_failed     - a guard of the row (a window not yet run out, ...);
///   7. out_of_range     - a window that ends outside the calendar.
/// Every message is one line naming the case, the level and the input: "case 16-2/0581: escalation at
/// supervising_leader: resolve by principal leader 'mh-mayor' on 2024-10-15: not permitted: the level is
/// routed to supervising leader 'mh-vm-build'".
result<escalation_step> apply_escalation(const escalation_track &track, const escalation_input &input,
                                         const escalation_context &context);

/// The move due on `today`: a window_ran_out input for the current level when its window's due date is
/// before `today` (office and supervising leader only; at the principal leader nothing climbs), dated the
/// day after that due date - the day the window ran out. Call it again after applying: a late tick may
/// find several windows run out, and each climb is recorded on its own day.
std::optional<escalation_input> due_escalation(const escalation_track &track, date today);

// ---- JSON (journal and snapshot) -----------------------------------------------------------------
// Dates as "YYYY-MM-DD" ("" when not set), enums by their names, actors in the compact form of
// event_json ("supervising_leader:mh-vm-build"). from_json throws caseflow::exception (parse_error) or
// nlohmann::json::exception on bad input; the *_from_json functions return the error instead.

void to_json(nlohmann::json &j, const escalation_input &in);
void from_json(const nlohmann::json &j, escalation_input &in);
void to_json(nlohmann::json &j, const escalation_track &t);
void from_json(const nlohmann::json &j, escalation_track &t);
void to_json(nlohmann::json &j, const escalation_notice &n);
void from_json(const nlohmann::json &j, escalation_notice &n);

/// Reads a journaled input; errors (errc::parse_error) start with `where`.
result<escalation_input> escalation_input_from_json(const nlohmann::json &j, std::string_view where);
/// Reads a track from a snapshot; errors (errc::parse_error) start with `where`.
result<escalation_track> escalation_track_from_json(const nlohmann::json &j, std::string_view where);

} // namespace caseflow
