// The handling workflow: every stage of an item's life as a checked state machine.
//
// A case moves through registration, assignment (distribution to units), handling, reply, the
// proposer's feedback, re-handling after a dissatisfied rating, the publication decision, closure and,
// for items whose reply promised work still to do (class B; B and C under the four-class scheme),
// follow-up until a second reply. Inside the case each unit's assignment has its own small machine:
// pending -> acknowledged -> opinion submitted (co-handler) or replied (lead, separate unit); a return
// request moves it to return_requested until the office approves (returned, the item goes to a new
// unit) or refuses (back to acknowledged). Meanwhile the unit goes on handling: it acknowledges, sends its
// opinion, asks for (and is granted) an extension, replies; the office may still decide on the request
// after an opinion or a reply while the case is in handling. An approved return keeps what the unit did
// in the history and gives its obligations, with fresh clocks, to the new unit.
//
// Both machines are data: tables of rows `from + event [guards] (who may send it) = to`, printable and
// drawable (workflow_dot). An event is checked in this order, and the first failure is the answer:
//   1. malformed_event - the event lacks what it needs in itself (a reason, a unit, a date, a valid mix
//                        of roles in an assignment);
//   2. invalid_state   - no row for the case's state and the event;
//   3. not_permitted   - the actor is not among the row's senders (a unit not assigned the item, a
//                        co-handler trying to reply, a unit trying to approve a return, ...);
//   4. malformed_event - an office decision names a unit that does not handle the item;
//   5. invalid_state   - the unit's own machine has no row for the event in the unit's state;
//   6. guard_failed    - a named guard refused (the rejection carries its name): first the time order
//                        of events, then the case row's guards, then the unit row's.
// Nothing in the case changes unless every check passed. Accepted events are appended to the case's
// history, which a snapshot keeps with the rest of the record.
//
// Time: events carry a local timestamp (China Standard Time as given by the host); the workflow keeps
// the dates on which things happened so that clocks can be derived from the record. The only clock the
// workflow enforces itself is the return window (deadline_policy, clock_kind::return_request); the
// feedback window is checked when the office records "no feedback", and approved extensions must stay
// within the policy's extension cap.
#pragma once

#include <caseflow/calendar.hpp>
#include <caseflow/error.hpp>
#include <caseflow/history_log.hpp>
#include <caseflow/model.hpp>
#include <caseflow/policy.hpp>

#include <boost/date_time/posix_time/posix_time_types.hpp>
#include <nlohmann/json_fwd.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace caseflow {

/// A local timestamp (China Standard Time, as given by the host; no zone math is done).
using timestamp = boost::posix_time::ptime;

/// The state of a case.
enum class case_state : std::uint8_t {
  received,          ///< known to the system, not yet registered (the initial state)
  registered,        ///< registered by the office, not yet assigned
  handling,          ///< assigned; units acknowledge, consult, send opinions, reply
  replied,           ///< every reply is in; waiting for the proposer's feedback
  rehandling,        ///< the proposer was dissatisfied; a new reply is due
  feedback_received, ///< rated (or no feedback within the window); closure once publication is decided
  following_up,      ///< closed for the session, but a B item's promise is tracked until a second reply
  closed,            ///< done (terminal)
};
inline constexpr std::size_t case_state_count = 8;

/// The state of one unit's assignment inside a case.
enum class unit_state : std::uint8_t {
  pending,           ///< assigned, receipt not yet confirmed
  acknowledged,      ///< receipt confirmed, handling
  return_requested,  ///< the unit asked to return the item; the office decides, the unit goes on handling
  returned,          ///< the office approved the return; the unit is out of the case (terminal)
  opinion_submitted, ///< a co-handler sent its opinion to the lead (terminal)
  opinion_waived,    ///< the office waived a co-handler's opinion, with a reason (terminal)
  replied,           ///< the lead or a separate unit replied
  rehandling,        ///< a new reply is due after a dissatisfied rating
  follow_up_replied, ///< the second reply of a followed-up item is in (terminal)
};
inline constexpr std::size_t unit_state_count = 9;

/// What happened. Stable snake_case names (to_string / parse_event_type) for journals.
enum class event_type : std::uint8_t {
  register_case,       ///< office registers the item
  assign,              ///< office assigns units in their roles (units)
  acknowledge,         ///< a unit confirms receipt
  request_return,      ///< a unit asks to return the item (reason), inside the return window
  approve_return,      ///< office approves a unit's return (unit) and reassigns to a new unit (new_unit)
  refuse_return,       ///< office refuses a unit's return (unit)
  submit_opinion,      ///< a co-handler sends its written opinion to the lead
  waive_opinion,       ///< office waives a co-handler's opinion (unit, reason)
  record_dispute,      ///< lead/co-handler disagreement recorded (reason)
  record_consultation, ///< a consultation with the proposer (leader_led: led by a leader, face to face)
  reply,               ///< the lead or a separate unit replies (result_class); also the re-handling reply
  request_extension,   ///< a replying unit asks for more time (until, reason)
  approve_extension,   ///< office approves an extension (unit, until)
  record_feedback,     ///< office records the proposer's rating (rating); dissatisfied -> re-handling
  follow_up_reply,     ///< second reply of a followed-up item once solved (result_class, must be A)
  decide_publication,  ///< disclosure decision (decision; reason for not_public)
  merge,               ///< office links this item to a lead item for merged handling (lead_item)
  close,               ///< office closes the case
  report_progress,     ///< key and leader-supervised items: a replying unit reports progress before its reply
};
inline constexpr std::size_t event_type_count = 19;

/// One unit in an assign event.
struct unit_assignment_spec {
  std::string unit;
  assignment_role role{assignment_role::lead};
  friend bool operator==(const unit_assignment_spec &, const unit_assignment_spec &) = default;
};

/// An event: its type, who sent it and when, and the few fields its type needs (see event_type).
/// Fields a type does not use are ignored and left at their defaults by the helpers in `events`.
struct event {
  event_type type{event_type::register_case};
  actor by;
  timestamp at;

  std::string unit;                        ///< target unit of an office decision
  std::string new_unit;                    ///< approve_return: the unit the item goes to
  std::vector<unit_assignment_spec> units; ///< assign
  std::string reason;                      ///< why: return, waiver, dispute, extension, not_public
  reply_class result_class{reply_class::a};
  satisfaction rating{satisfaction::satisfied};
  disclosure decision{disclosure::public_full_text};
  bool leader_led{}; ///< record_consultation: a leader-led face-to-face consultation
  date until;        ///< request_extension / approve_extension: the new reply date
  case_id lead_item; ///< merge

  friend bool operator==(const event &, const event &) = default;
};

/// Helpers that build well-formed events: `events::reply(actor::unit("minhang"), at, reply_class::a)`.
namespace events {
event register_case(actor by, timestamp at);
event assign(actor by, timestamp at, std::vector<unit_assignment_spec> units);
event acknowledge(actor by, timestamp at);
event request_return(actor by, timestamp at, std::string reason);
event approve_return(actor by, timestamp at, std::string unit, std::string new_unit);
event refuse_return(actor by, timestamp at, std::string unit, std::string reason = {});
event submit_opinion(actor by, timestamp at);
event waive_opinion(actor by, timestamp at, std::string unit, std::string reason);
event record_dispute(actor by, timestamp at, std::string reason);
event record_consultation(actor by, timestamp at, bool leader_led);
event reply(actor by, timestamp at, reply_class result);
event request_extension(actor by, timestamp at, date until, std::string reason);
event approve_extension(actor by, timestamp at, std::string unit, date until);
event record_feedback(actor by, timestamp at, satisfaction rating);
event follow_up_reply(actor by, timestamp at, reply_class result = reply_class::a);
event decide_publication(actor by, timestamp at, disclosure decision, std::string reason = {});
event merge(actor by, timestamp at, case_id lead_item);
event close(actor by, timestamp at);
event report_progress(actor by, timestamp at);
} // namespace events

/// One unit's part in a case, with the dates clocks start from.
struct unit_assignment {
  std::string unit;
  assignment_role role{assignment_role::lead};
  unit_state state{unit_state::pending};
  date assigned_on; ///< the unit's clocks start here (for a reassigned unit: the approval date)
  date acknowledged_on;
  date return_requested_on;
  bool return_refused{};                   ///< a unit may ask to return an item once
  date opinion_on;                         ///< co-handler: opinion sent or waived
  date replied_on;                         ///< the latest reply (or follow-up reply)
  std::optional<reply_class> result_class; ///< of the latest reply
  int replies{};                           ///< replies sent, re-handling and follow-up replies included
  date extension_requested_until;          ///< not_a_date_time when no extension request is open
  date extended_until;                     ///< the approved reply date, not_a_date_time when none
  int progress_reports{};                  ///< key and leader-supervised items: progress reports sent
  date progress_reported_on;               ///< the latest of them

  friend bool operator==(const unit_assignment &, const unit_assignment &) = default;
};

/// One accepted event and the state it led to.
struct history_entry {
  caseflow::event event;
  case_state after{case_state::received};
  friend bool operator==(const history_entry &, const history_entry &) = default;
};

/// A case: what was registered, where it stands, who handles it, the dates things happened, and the
/// history of every accepted event.
struct case_record {
  case_info info;
  case_state state{case_state::received};
  std::vector<unit_assignment> units; ///< in assignment order; returned units stay, marked returned

  int cycle{}; ///< handling cycle: 1 from assignment, +1 for each re-handling order
  date registered_on;
  date assigned_on; ///< first assignment
  date replied_on;  ///< the day the case became replied (latest cycle)
  date feedback_on; ///< the latest rating
  std::optional<satisfaction> rating;
  date rehandling_ordered_on; ///< the latest dissatisfied rating
  int consultations{};
  int leader_consultations{}; ///< leader-led face-to-face consultations
  bool disputed{};
  std::optional<disclosure> publication;
  std::string publication_reason;
  date publication_decided_on;
  std::optional<case_id> merged_into;
  date closed_on;      ///< closure (also when it leads into follow-up)
  history_log history; ///< every accepted event, in order (kept compact; read as history_entry values)

  /// The assignment of `unit` that is not returned, or nullptr.
  const unit_assignment *find_unit(std::string_view unit) const noexcept;
  /// The lead unit's assignment in lead handling, or nullptr.
  const unit_assignment *lead() const noexcept;
  /// True when units handle separately (no lead).
  bool separate_handling() const noexcept;

  friend bool operator==(const case_record &, const case_record &) = default;
};

/// What a step needs besides the case and the event. Both are borrowed for the call only.
struct step_context {
  const deadline_policy &policy;
  const work_calendar &calendar;
};

/// Why an event was refused: a code, the failed guard's name (empty unless code is guard_failed),
/// and a message naming case, event and actor:
/// "case 16-2/0581: unit 'minhang' may not reply: it is a co-handler".
struct rejection {
  errc code{errc::invalid_state};
  std::string guard;
  std::string message;
  friend bool operator==(const rejection &, const rejection &) = default;
};

/// A new case in state `received`, after checking its info against `categories`
/// (errc::invalid_argument naming the case and the field).
result<case_record> open_case(case_info info, const category_list &categories = category_list::defaults());

/// Applies `e` to `c` in place. Strong guarantee: on rejection `c` is unchanged.
status<rejection> apply(case_record &c, const event &e, const step_context &ctx);

/// Pure: the case after `e`, or why `e` was refused.
result<case_record, rejection> step(const case_record &c, const event &e, const step_context &ctx);

/// The record as it stood at the end of `day`: its history up to that day applied again (each event along
/// the rows it took then, without asking the guards again), later events left out. as_of(c, last event's
/// day) == c; before the first event, a record with only the case info.
case_record as_of(const case_record &c, date day);

/// True when a closure was reached (closed, or closed into follow-up).
constexpr bool is_concluded(case_state s) noexcept { return s == case_state::following_up || s == case_state::closed; }

// ---- The tables --------------------------------------------------------------------------------

/// Who may send an event, as a set of bits: the office, a unit by its role in this case, a leader,
/// the proposer side.
using sender_set = std::uint8_t;
namespace sender {
inline constexpr sender_set office = 1;
inline constexpr sender_set lead_unit = 2;
inline constexpr sender_set co_handler_unit = 4;
inline constexpr sender_set separate_unit = 8;
inline constexpr sender_set supervising_leader = 16;
inline constexpr sender_set principal_leader = 32;
inline constexpr sender_set proposer_side = 64;
} // namespace sender

/// What a guard looks at. `subject` is the unit the event is about (the sending unit, or the unit an
/// office decision names), or nullptr.
struct guard_input {
  const case_record &record;
  const caseflow::event &event;
  const step_context &context;
  const unit_assignment *subject;
};

/// A named rule: `check` says whether the event may pass, `explain` says why not (called only on failure).
struct guard {
  std::string_view name;
  bool (*check)(const guard_input &);
  std::string (*explain)(const guard_input &);
};

/// A row of the case machine: from + on [guards] (who) = to. Rows with the same from and on are tried
/// in order; the first whose guards all pass is taken.
struct case_transition {
  case_state from;
  event_type on;
  sender_set who;
  std::array<const guard *, 3> guards; ///< unused slots are nullptr
  case_state to;
};

/// A row of the unit machine. Rows marked `by_case` are moves the case makes on every replying unit
/// (a dissatisfied rating sends them to re-handling); the others apply to the event's subject unit.
struct unit_transition {
  unit_state from;
  event_type on;
  std::array<const guard *, 2> guards;
  unit_state to;
  bool by_case;
};

/// The case machine's rows, in table order.
std::span<const case_transition> case_transitions() noexcept;
/// The unit machine's rows, in table order.
std::span<const unit_transition> unit_transitions() noexcept;
/// "lead unit, separate unit": the senders of a set, for tables and messages.
std::string describe(sender_set who);

// ---- Names -------------------------------------------------------------------------------------

std::string_view to_string(case_state s) noexcept;
std::string_view to_string(unit_state s) noexcept;
std::string_view to_string(event_type t) noexcept;
result<case_state> parse_case_state(std::string_view text);
result<unit_state> parse_unit_state(std::string_view text);
result<event_type> parse_event_type(std::string_view text);

/// "2024-06-03 09:30:00": how timestamps are written in history traces and snapshots.
std::string to_string(timestamp t);
/// Timestamps are China Standard Time (UTC+8), the time every deadline is counted in.
inline constexpr int china_utc_offset_minutes = 8 * 60;
/// Parses "YYYY-MM-DD HH:MM:SS" (China time), optionally with a fraction of a second, or ISO 8601 with
/// 'T' and an offset ("2026-01-07T09:00:00+08:00", "...Z", "+0800"), taken to China time
/// ("2026-01-07T01:00:00Z" is 2026-01-07 09:00:00). errc::parse_error naming the text.
result<timestamp> parse_timestamp(std::string_view text);

/// One line per history entry: "2024-06-03 09:30:00 unit 'minhang' reply class=A -> replied".
std::string format_history(const case_record &c);

// ---- Snapshots ---------------------------------------------------------------------------------

/// The whole record (history included) as JSON text. restore(snapshot(c)) == c.
std::string snapshot(const case_record &c);
/// The record a snapshot holds, without re-running any event. Errors (errc::parse_error) name the
/// JSON path: "snapshot: /units/0/state: unknown unit state 'x' (expected ...)".
result<case_record> restore(std::string_view json);
/// The same as JSON values, for callers that embed a record's snapshot in their own (the case book's).
nlohmann::json snapshot_json(const case_record &c);
result<case_record> restore_json(const nlohmann::json &j);

// ---- Introspection (Boost.Graph) ---------------------------------------------------------------

/// Which machine to look at.
enum class machine : std::uint8_t { case_level, unit_level };

/// The machine as Graphviz DOT: one node per state, one edge per row labelled "event [guards] (who)".
std::string workflow_dot(machine m = machine::case_level);
/// States that cannot be reached from the initial state (received; pending for units). Empty when sound.
std::vector<std::string> unreachable_states(machine m);
/// Non-terminal states from which no terminal state can be reached (closed; for units: returned,
/// opinion_submitted, opinion_waived, replied, follow_up_replied). Empty when sound.
std::vector<std::string> states_without_way_out(machine m);

} // namespace caseflow
