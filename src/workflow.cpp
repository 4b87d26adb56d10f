// The workflow's engine: names, event helpers, and apply/step, which look an event up in the tables of
// workflow_table.cpp, check it in the documented order, and only then change the case.
#include <caseflow/workflow.hpp>

#include "enum_names.hpp"
#include "workflow_guards.hpp"

#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace caseflow {

namespace {

// clang-format off
constexpr std::array<std::string_view, case_state_count> case_state_names = {
    "received", "registered", "handling", "replied", "rehandling", "feedback_received", "following_up", "closed"};
constexpr std::array<std::string_view, unit_state_count> unit_state_names = {
    "pending", "acknowledged", "return_requested", "returned", "opinion_submitted", "opinion_waived", "replied", "rehandling",
    "follow_up_replied"};
constexpr std::array<std::string_view, event_type_count> event_type_names = {
    "register_case", "assign", "acknowledge", "request_return", "approve_return", "refuse_return", "submit_opinion",
    "waive_opinion", "record_dispute", "record_consultation", "reply", "request_extension", "approve_extension",
    "record_feedback", "follow_up_reply", "decide_publication", "merge", "close", "report_progress"};

// Which unit an event is about: none, the sending unit, or the unit the (office's) event names.
enum class subject_kind : std::uint8_t { none, sender, named };
constexpr std::array<subject_kind, event_type_count> subject_of = {
    /* register_case       */ subject_kind::none,   /* assign              */ subject_kind::none,
    /* acknowledge         */ subject_kind::sender, /* request_return      */ subject_kind::sender,
    /* approve_return      */ subject_kind::named,  /* refuse_return       */ subject_kind::named,
    /* submit_opinion      */ subject_kind::sender, /* waive_opinion       */ subject_kind::named,
    /* record_dispute      */ subject_kind::none,   /* record_consultation */ subject_kind::none,
    /* reply               */ subject_kind::sender, /* request_extension   */ subject_kind::sender,
    /* approve_extension   */ subject_kind::named,  /* record_feedback     */ subject_kind::none,
    /* follow_up_reply     */ subject_kind::sender, /* decide_publication  */ subject_kind::none,
    /* merge               */ subject_kind::none,   /* close               */ subject_kind::none,
    /* report_progress     */ subject_kind::sender};
// clang-format on

subject_kind subject_kind_of(event_type t) noexcept { return subject_of[static_cast<std::size_t>(t)]; }

std::string case_name(const case_record &c) { return "case " + c.info.id.to_string(); }

rejection make_rejection(errc code, std::string message, std::string guard_name = {}) {
  return rejection{code, std::move(guard_name), std::move(message)};
}

// The first reason `e` is malformed in itself, or an empty string.
std::string malformed_reason(const event &e) {
  if (static_cast<std::size_t>(e.type) >= event_type_count) return "its type is unknown";
  if (e.at.is_special()) return "it has no timestamp";
  if (static_cast<std::size_t>(e.by.role) > static_cast<std::size_t>(actor_role::proposer_side))
    return "its actor role is unknown";
  if (e.by.role == actor_role::unit && e.by.id.empty()) return "the sending unit has no id";
  if (static_cast<std::size_t>(e.result_class) > 3) return "its result class is unknown";
  if (static_cast<std::size_t>(e.rating) > 3) return "its rating is unknown";
  if (static_cast<std::size_t>(e.decision) > 3) return "its disclosure decision is unknown";
  if (subject_kind_of(e.type) == subject_kind::named && e.unit.empty()) return "it names no unit";
  switch (e.type) {
  case event_type::assign: {
    if (e.units.empty()) return "it assigns no unit";
    int leads = 0, co = 0, separate = 0;
    for (std::size_t i = 0; i < e.units.size(); ++i) {
      const auto &u = e.units[i];
      if (u.unit.empty()) return fmt::format("unit {} has no id", i + 1);
      if (static_cast<std::size_t>(u.role) > 2) return fmt::format("unit '{}' has an unknown role", u.unit);
      for (std::size_t j = 0; j < i; ++j)
        if (e.units[j].unit == u.unit) return fmt::format("unit '{}' is assigned twice", u.unit);
      (u.role == assignment_role::lead ? leads : u.role == assignment_role::co_handler ? co : separate) += 1;
    }
    if (separate > 0 && leads + co > 0) return "it mixes separate handling with lead handling";
    if (separate == 0 && leads != 1) return fmt::format("lead handling needs exactly one lead unit, not {}", leads);
    return {};
  }
  case event_type::request_return:
  case event_type::waive_opinion:
  case event_type::record_dispute: return e.reason.empty() ? "it gives no reason" : std::string();
  case event_type::approve_return:
    if (e.new_unit.empty()) return "it names no unit to reassign the item to";
    if (e.new_unit == e.unit) return fmt::format("it reassigns the item to the returning unit '{}'", e.unit);
    return {};
  case event_type::request_extension:
  case event_type::approve_extension: return e.until.is_special() ? "it gives no date to extend to" : std::string();
  case event_type::decide_publication:
    return e.decision == disclosure::not_public && e.reason.empty() ? "not_public needs a reason" : std::string();
  case event_type::merge:
    return e.lead_item.session.empty() || e.lead_item.item.empty() ? "it names no lead item" : std::string();
  default: return {};
  }
}

// The sender bit of `by` on this case, and the sending unit's assignment (nullptr when not a unit or
// not assigned).
sender_set sender_of(const case_record &c, const actor &by, const unit_assignment *&unit) noexcept {
  unit = nullptr;
  switch (by.role) {
  case actor_role::assigning_office: return sender::office;
  case actor_role::supervising_leader: return sender::supervising_leader;
  case actor_role::principal_leader: return sender::principal_leader;
  case actor_role::proposer_side: return sender::proposer_side;
  case actor_role::unit:
    unit = c.find_unit(by.id);
    if (!unit) return 0;
    switch (unit->role) {
    case assignment_role::lead: return sender::lead_unit;
    case assignment_role::co_handler: return sender::co_handler_unit;
    case assignment_role::separate: return sender::separate_unit;
    }
  }
  return 0;
}

// By the unit's role when some unit may send the event ("it is a co-handler"), else by who may.
std::string why_not_permitted(const event &e, const unit_assignment *unit, sender_set allowed) {
  constexpr sender_set any_unit = sender::lead_unit | sender::co_handler_unit | sender::separate_unit;
  if (e.by.role == actor_role::unit && (allowed & any_unit)) {
    if (!unit) return "it does not handle the item";
    switch (unit->role) {
    case assignment_role::lead: return "it is the lead unit";
    case assignment_role::co_handler: return "it is a co-handler";
    case assignment_role::separate: return "it handles its part separately";
    }
  }
  return "only " + describe(allowed) + " may";
}

const unit_transition *unit_row(unit_state from, event_type on) noexcept {
  for (const auto &r : unit_transitions())
    if (!r.by_case && r.from == from && r.on == on) return &r;
  return nullptr;
}

template <std::size_t N>
const guard *first_failing(const std::array<const guard *, N> &guards, const guard_input &in, std::size_t &passed) {
  passed = 0;
  for (const guard *g : guards) {
    if (!g) break;
    if (!g->check(in)) return g;
    ++passed;
  }
  return nullptr;
}

std::string day(date d) { return d.is_special() ? std::string("(none)") : to_string(d); }

// The effects of an accepted event: the case moves to `next`, `subject` (the unit the event is about, or
// nullptr) along `urow`. Everything that can allocate happens before the first change, so a failure
// leaves c as it was.
void commit_event(case_record &c, const event &e, case_state next, const unit_assignment *subject, const unit_transition *urow) {
  const date today = e.at.date();
  // Half as much again when full: a life is 10-25 events, and a closed case gives back what it kept spare.
  if (c.history.size() == c.history.capacity()) c.history.reserve(c.history.size() + c.history.size() / 2 + 4);
  const std::size_t subject_index = subject ? static_cast<std::size_t>(subject - c.units.data()) : 0;
  std::vector<unit_assignment> assigned;
  unit_assignment reassigned;
  std::string publication_reason;
  std::optional<case_id> merged_into;
  switch (e.type) {
  case event_type::assign:
    assigned.reserve(e.units.size() + 2);
    for (const auto &spec : e.units) {
      unit_assignment u;
      u.unit = spec.unit;
      u.role = spec.role;
      u.assigned_on = today;
      assigned.push_back(std::move(u));
    }
    break;
  case event_type::approve_return:
    reassigned.unit = e.new_unit;
    reassigned.role = subject->role;
    reassigned.assigned_on = today;
    c.units.reserve(c.units.size() + 1);
    break;
  case event_type::decide_publication: publication_reason = e.reason; break;
  case event_type::merge: merged_into = e.lead_item; break;
  default: break;
  }

  // The history entry is the last allocation: if copying the event throws, push_back leaves the history
  // as it was, and nothing has changed yet. (Braces, not emplace_back(e, next): clang 14 has no
  // parenthesised aggregate initialisation.)
  c.history.push_back(history_entry{e, next});

  // From here on nothing throws.
  unit_assignment *u = subject ? &c.units[subject_index] : nullptr;
  if (u) u->state = urow->to;
  switch (e.type) {
  case event_type::register_case: c.registered_on = today; break;
  case event_type::assign:
    c.units.swap(assigned);
    c.assigned_on = today;
    c.cycle = 1;
    break;
  case event_type::acknowledge: u->acknowledged_on = today; break;
  case event_type::request_return: u->return_requested_on = today; break;
  case event_type::approve_return: c.units.push_back(std::move(reassigned)); break;
  case event_type::refuse_return:
    u->return_refused = true;
    if (u->acknowledged_on.is_special()) u->acknowledged_on = today;
    break;
  case event_type::submit_opinion:
  case event_type::waive_opinion: u->opinion_on = today; break;
  case event_type::record_dispute: c.disputed = true; break;
  case event_type::record_consultation:
    ++c.consultations;
    if (e.leader_led) ++c.leader_consultations;
    break;
  case event_type::request_extension: u->extension_requested_until = e.until; break;
  case event_type::approve_extension:
    u->extended_until = e.until;
    u->extension_requested_until = date(boost::gregorian::not_a_date_time);
    break;
  case event_type::reply:
  case event_type::follow_up_reply:
    u->replied_on = today;
    u->result_class = e.result_class;
    ++u->replies;
    if (next == case_state::replied) c.replied_on = today;
    break;
  case event_type::record_feedback:
    c.rating = e.rating;
    c.feedback_on = today;
    if (next == case_state::rehandling) {
      ++c.cycle;
      c.rehandling_ordered_on = today;
      for (auto &a : c.units)
        if (a.state == unit_state::replied) a.state = unit_state::rehandling;
    }
    break;
  case event_type::decide_publication:
    c.publication = e.decision;
    c.publication_reason.swap(publication_reason);
    c.publication_decided_on = today;
    break;
  case event_type::merge: c.merged_into.swap(merged_into); break;
  case event_type::close: c.closed_on = today; break;
  case event_type::report_progress:
    ++u->progress_reports;
    u->progress_reported_on = today;
    break;
  }
  c.state = next;
  // A closed case rarely hears more: its history gives back the room kept for growth (libstdc++'s
  // shrink_to_fit does not throw; it keeps the capacity when it cannot allocate).
  if (next == case_state::closed) c.history.shrink_to_fit();
}

} // namespace

std::string_view to_string(case_state s) noexcept { return detail::name_of(case_state_names, s); }
std::string_view to_string(unit_state s) noexcept { return detail::name_of(unit_state_names, s); }
std::string_view to_string(event_type t) noexcept { return detail::name_of(event_type_names, t); }
result<case_state> parse_case_state(std::string_view t) {
  return detail::parse_name<case_state>(case_state_names, "case state", t);
}
result<unit_state> parse_unit_state(std::string_view t) {
  return detail::parse_name<unit_state>(unit_state_names, "unit state", t);
}
result<event_type> parse_event_type(std::string_view t) {
  return detail::parse_name<event_type>(event_type_names, "event type", t);
}

std::string describe(sender_set who) {
  // clang-format off
  static constexpr std::pair<sender_set, std::string_view> names[] = {
      {sender::office, "the assigning office"}, {sender::lead_unit, "the lead unit"}, {sender::co_handler_unit, "a co-handler"},
      {sender::separate_unit, "a separate unit"}, {sender::supervising_leader, "the supervising leader"},
      {sender::principal_leader, "the principal leader"}, {sender::proposer_side, "the proposer side"}};
  // clang-format on
  std::string out;
  for (const auto &[bit, name] : names) {
    if (!(who & bit)) continue;
    if (!out.empty()) out += " or ";
    out += name;
  }
  return out.empty() ? std::string("nobody") : out;
}

std::string to_string(timestamp t) {
  if (t.is_special()) return "(none)";
  return to_string(t.date()) + ' ' + boost::posix_time::to_simple_string(t.time_of_day());
}

namespace {

// A UTC offset at the end of an ISO 8601 timestamp: "Z", "+08:00", "+0800", "+08" (or with '-'), as minutes
// east of UTC; `zone` is what follows the seconds (and their fraction). Nothing when it is none of these.
std::optional<int> utc_offset_minutes(std::string_view zone) {
  if (zone == "Z") return 0;
  if (zone.size() < 3 || (zone[0] != '+' && zone[0] != '-')) return std::nullopt;
  std::string digits;
  for (std::size_t i = 1; i < zone.size(); ++i) {
    if (zone[i] == ':' && i == 3) continue;
    if (zone[i] < '0' || zone[i] > '9') return std::nullopt;
    digits += zone[i];
  }
  if (digits.size() != 2 && digits.size() != 4) return std::nullopt;
  const int hours = std::stoi(digits.substr(0, 2));
  const int minutes = digits.size() == 4 ? std::stoi(digits.substr(2)) : 0;
  if (hours > 14 || minutes > 59) return std::nullopt;
  return (zone[0] == '-' ? -1 : 1) * (hours * 60 + minutes);
}

} // namespace

result<timestamp> parse_timestamp(std::string_view text) {
  const auto bad = [&] {
    return fail(errc::parse_error,
                fmt::format("'{}' is not a timestamp (expected YYYY-MM-DD HH:MM:SS, or ISO 8601 with T and an offset such as "
                            "+08:00 or Z)",
                            text));
  };
  if (text.size() < 19 || (text[10] != ' ' && text[10] != 'T')) return bad();
  auto d = parse_date(text.substr(0, 10));
  if (!d) return bad();
  std::string_view tod = text.substr(11);
  if (tod.size() < 8 || tod[2] != ':' || tod[5] != ':') return bad();
  const auto digits = [](std::string_view t) {
    return std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  for (std::size_t i : {0u, 1u, 3u, 4u, 6u, 7u})
    if (tod[i] < '0' || tod[i] > '9') return bad();
  // An offset after the seconds (and their fraction): the time is taken to China Standard Time (UTC+8),
  // the time every date of the book is counted in.
  std::optional<int> offset;
  if (const auto zone = tod.find_first_of("Z+-", 8); zone != std::string_view::npos) {
    offset = utc_offset_minutes(tod.substr(zone));
    if (!offset) return bad();
    tod = tod.substr(0, zone);
  }
  // Nothing after the seconds but a fraction of them: Boost's parser overflows (undefined behaviour) on
  // a long run of digits before it can refuse it.
  if (const auto rest = tod.substr(8);
      !rest.empty() && (rest.size() > 10 || rest[0] != '.' || rest.size() < 2 || !digits(rest.substr(1))))
    return bad();
  try {
    const auto duration = boost::posix_time::duration_from_string(std::string(tod));
    if (duration.is_special() || duration.is_negative() || duration.hours() > 23 || duration.minutes() > 59 ||
        duration.seconds() > 59)
      return bad();
    timestamp t(*d, duration);
    if (offset) t += boost::posix_time::minutes(china_utc_offset_minutes - *offset);
    return t;
  } catch (const std::exception &) {
    return bad();
  }
}

namespace events {
// clang-format off
event register_case(actor by, timestamp at) { event e; e.type = event_type::register_case; e.by = std::move(by); e.at = at; return e; }
event assign(actor by, timestamp at, std::vector<unit_assignment_spec> units) {
  event e; e.type = event_type::assign; e.by = std::move(by); e.at = at; e.units = std::move(units); return e; }
event acknowledge(actor by, timestamp at) { event e; e.type = event_type::acknowledge; e.by = std::move(by); e.at = at; return e; }
event request_return(actor by, timestamp at, std::string reason) {
  event e; e.type = event_type::request_return; e.by = std::move(by); e.at = at; e.reason = std::move(reason); return e; }
event approve_return(actor by, timestamp at, std::string unit, std::string new_unit) {
  event e; e.type = event_type::approve_return; e.by = std::move(by); e.at = at; e.unit = std::move(unit); e.new_unit = std::move(new_unit); return e; }
event refuse_return(actor by, timestamp at, std::string unit, std::string reason) {
  event e; e.type = event_type::refuse_return; e.by = std::move(by); e.at = at; e.unit = std::move(unit); e.reason = std::move(reason); return e; }
event submit_opinion(actor by, timestamp at) { event e; e.type = event_type::submit_opinion; e.by = std::move(by); e.at = at; return e; }
event waive_opinion(actor by, timestamp at, std::string unit, std::string reason) {
  event e; e.type = event_type::waive_opinion; e.by = std::move(by); e.at = at; e.unit = std::move(unit); e.reason = std::move(reason); return e; }
event record_dispute(actor by, timestamp at, std::string reason) {
  event e; e.type = event_type::record_dispute; e.by = std::move(by); e.at = at; e.reason = std::move(reason); return e; }
event record_consultation(actor by, timestamp at, bool leader_led) {
  event e; e.type = event_type::record_consultation; e.by = std::move(by); e.at = at; e.leader_led = leader_led; return e; }
event reply(actor by, timestamp at, reply_class result) {
  event e; e.type = event_type::reply; e.by = std::move(by); e.at = at; e.result_class = result; return e; }
event request_extension(actor by, timestamp at, date until, std::string reason) {
  event e; e.type = event_type::request_extension; e.by = std::move(by); e.at = at; e.until = until; e.reason = std::move(reason); return e; }
event approve_extension(actor by, timestamp at, std::string unit, date until) {
  event e; e.type = event_type::approve_extension; e.by = std::move(by); e.at = at; e.unit = std::move(unit); e.until = until; return e; }
event record_feedback(actor by, timestamp at, satisfaction rating) {
  event e; e.type = event_type::record_feedback; e.by = std::move(by); e.at = at; e.rating = rating; return e; }
event follow_up_reply(actor by, timestamp at, reply_class result) {
  event e; e.type = event_type::follow_up_reply; e.by = std::move(by); e.at = at; e.result_class = result; return e; }
event decide_publication(actor by, timestamp at, disclosure decision, std::string reason) {
  event e; e.type = event_type::decide_publication; e.by = std::move(by); e.at = at; e.decision = decision; e.reason = std::move(reason); return e; }
event merge(actor by, timestamp at, case_id lead_item) {
  event e; e.type = event_type::merge; e.by = std::move(by); e.at = at; e.lead_item = std::move(lead_item); return e; }
event close(actor by, timestamp at) { event e; e.type = event_type::close; e.by = std::move(by); e.at = at; return e; }
event report_progress(actor by, timestamp at) { event e; e.type = event_type::report_progress; e.by = std::move(by); e.at = at; return e; }
// clang-format on
} // namespace events

const unit_assignment *case_record::find_unit(std::string_view unit) const noexcept {
  for (const auto &u : units)
    if (u.state != unit_state::returned && u.unit == unit) return &u;
  return nullptr;
}

const unit_assignment *case_record::lead() const noexcept {
  for (const auto &u : units)
    if (u.state != unit_state::returned && u.role == assignment_role::lead) return &u;
  return nullptr;
}

bool case_record::separate_handling() const noexcept {
  return std::any_of(units.begin(), units.end(), [](const unit_assignment &u) { return u.role == assignment_role::separate; });
}

result<case_record> open_case(case_info info, const category_list &categories) {
  if (auto valid = info.validate(categories); !valid) return failure{valid.error()};
  case_record c;
  c.info = std::move(info);
  c.history.reserve(8); // registration, assignment, acknowledgement, ... before the first growth
  return c;
}

status<rejection> apply(case_record &c, const event &e, const step_context &ctx) {
  using fail_t = status<rejection>;
  // 1. The event itself.
  if (auto why = malformed_reason(e); !why.empty())
    return fail_t::from_error(make_rejection(errc::malformed_event, fmt::format("{}: {} from {} is malformed: {}", case_name(c),
                                                                                to_string(e.type), e.by.describe(), why)));
  // 2. The case's state.
  const auto rows = case_transitions();
  sender_set allowed = 0;
  for (const auto &r : rows)
    if (r.from == c.state && r.on == e.type) allowed |= r.who;
  if (allowed == 0)
    return fail_t::from_error(
        make_rejection(errc::invalid_state, fmt::format("{}: {} may not {} in state {}", case_name(c), e.by.describe(),
                                                        to_string(e.type), to_string(c.state))));
  // 3. The sender.
  const unit_assignment *sending_unit = nullptr;
  const sender_set who = sender_of(c, e.by, sending_unit);
  if (!(who & allowed))
    return fail_t::from_error(
        make_rejection(errc::not_permitted, fmt::format("{}: {} may not {}: {}", case_name(c), e.by.describe(), to_string(e.type),
                                                        why_not_permitted(e, sending_unit, allowed))));
  // 4. The unit an office decision names must handle the item.
  const subject_kind kind = subject_kind_of(e.type);
  const unit_assignment *subject = kind == subject_kind::sender  ? sending_unit
                                   : kind == subject_kind::named ? c.find_unit(e.unit)
                                                                 : nullptr;
  if (kind == subject_kind::named && !subject)
    return fail_t::from_error(make_rejection(
        errc::malformed_event, fmt::format("{}: {} from {} is malformed: it names unit '{}', which does not handle the item",
                                           case_name(c), to_string(e.type), e.by.describe(), e.unit)));
  // 5. The subject unit's own machine.
  const unit_transition *urow = nullptr;
  if (subject) {
    urow = unit_row(subject->state, e.type);
    if (!urow) {
      const std::string whose = kind == subject_kind::sender ? std::string("its assignment") : "unit '" + subject->unit + "'";
      return fail_t::from_error(
          make_rejection(errc::invalid_state, fmt::format("{}: {} may not {}: {} is {}", case_name(c), e.by.describe(),
                                                          to_string(e.type), whose, to_string(subject->state))));
    }
  }
  // 6. Guards: time order, then the case rows (first fully passing row wins), then the unit row.
  const guard_input in{c, e, ctx, subject};
  const guard *failed = nullptr;
  if (!detail::not_before_last_event.check(in)) failed = &detail::not_before_last_event;
  const case_transition *row = nullptr;
  if (!failed) {
    std::size_t best = 0;
    for (const auto &r : rows) {
      if (r.from != c.state || r.on != e.type || !(r.who & who)) continue;
      std::size_t passed = 0;
      const guard *g = first_failing(r.guards, in, passed);
      if (!g) {
        row = &r;
        break;
      }
      if (!failed || passed > best) failed = g, best = passed;
    }
    if (row) failed = nullptr;
  }
  if (!failed && urow) {
    std::size_t passed = 0;
    failed = first_failing(urow->guards, in, passed);
  }
  if (failed)
    return fail_t::from_error(make_rejection(errc::guard_failed,
                                             fmt::format("{}: {} may not {}: {}: {}", case_name(c), e.by.describe(),
                                                         to_string(e.type), failed->name, failed->explain(in)),
                                             std::string(failed->name)));

  // 7. The effects.
  commit_event(c, e, row->to, subject, urow);
  return ok;
}

result<case_record, rejection> step(const case_record &c, const event &e, const step_context &ctx) {
  case_record next = c;
  if (auto done = apply(next, e, ctx); !done) return result<case_record, rejection>::from_error(done.error());
  return next;
}

case_record as_of(const case_record &c, date day) {
  case_record out;
  out.info = c.info;
  for (const auto &h : c.history) {
    const event &e = h.event;
    if (day.is_special() || e.at.date() > day) break;
    // The row the event took is the one that led where the history says; its guards held when it was
    // accepted and are not asked again (the calendar may have changed since).
    const unit_assignment *sending_unit = nullptr;
    const sender_set who = sender_of(out, e.by, sending_unit);
    const case_transition *row = nullptr;
    for (const auto &r : case_transitions())
      if (r.from == out.state && r.on == e.type && r.to == h.after && (r.who & who)) {
        row = &r;
        break;
      }
    const subject_kind kind = subject_kind_of(e.type);
    const unit_assignment *subject = kind == subject_kind::sender  ? sending_unit
                                     : kind == subject_kind::named ? out.find_unit(e.unit)
                                                                   : nullptr;
    const unit_transition *urow = subject ? unit_row(subject->state, e.type) : nullptr;
    if (!row || (subject && !urow)) break; // not a history this machine wrote: stop where it departs
    commit_event(out, e, row->to, subject, urow);
  }
  return out;
}

std::string format_history(const case_record &c) {
  std::string out;
  for (const auto &h : c.history) {
    const event &e = h.event;
    std::string what;
    switch (e.type) {
    case event_type::assign: {
      std::vector<std::string> parts;
      for (const auto &s : e.units)
        parts.push_back(s.unit + ":" + std::string(to_string(s.role)));
      what = fmt::format(" units={}", fmt::join(parts, ","));
      break;
    }
    case event_type::approve_return: what = fmt::format(" unit={} new_unit={}", e.unit, e.new_unit); break;
    case event_type::refuse_return:
    case event_type::waive_opinion: what = fmt::format(" unit={}", e.unit); break;
    case event_type::record_consultation: what = e.leader_led ? " leader_led" : ""; break;
    case event_type::reply:
    case event_type::follow_up_reply: what = fmt::format(" class={}", to_string(e.result_class)); break;
    case event_type::request_extension: what = fmt::format(" until={}", day(e.until)); break;
    case event_type::approve_extension: what = fmt::format(" unit={} until={}", e.unit, day(e.until)); break;
    case event_type::record_feedback: what = fmt::format(" rating={}", to_string(e.rating)); break;
    case event_type::decide_publication: what = fmt::format(" decision={}", to_string(e.decision)); break;
    case event_type::merge: what = fmt::format(" lead_item={}", e.lead_item.to_string()); break;
    default: break;
    }
    if (!e.reason.empty()) what += fmt::format(" reason=\"{}\"", e.reason);
    out += fmt::format("{} {} {}{} -> {}\n", to_string(e.at), e.by.describe(), to_string(e.type), what, to_string(h.after));
  }
  return out;
}

} // namespace caseflow
