// The workflow's guards: each a named rule with a check and, for refusals, an explanation that names
// the facts it looked at. Checks are cheap (no allocation); explanations run only on refusal.
#include "workflow_guards.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace caseflow::detail {

namespace {

using in = const guard_input &;

bool is_replier(const unit_assignment &u) noexcept {
  return u.state != unit_state::returned && u.role != assignment_role::co_handler;
}

std::string day(date d) { return d.is_special() ? std::string("(none)") : caseflow::to_string(d); }

// The end of `p` counted from `from`, or nothing when the calendar does not cover it.
std::optional<date> end_of(in g, date from, period p) {
  auto r = g.context.calendar.add(from, p);
  if (!r) return std::nullopt;
  return *r;
}

std::string calendar_problem(in g, date from, period p) {
  auto r = g.context.calendar.add(from, p);
  return r ? std::string() : r.error().message;
}

bool before_last(in g) { return !g.record.history.empty() && g.event.at < g.record.history.time_at(g.record.history.size() - 1); }

bool return_window_open(in g) {
  const auto end = end_of(g, g.subject->assigned_on, g.context.policy.rule(clock_kind::return_request).length);
  return end && g.event.at.date() <= *end;
}
std::string explain_return_window(in g) {
  const period p = g.context.policy.rule(clock_kind::return_request).length;
  if (auto problem = calendar_problem(g, g.subject->assigned_on, p); !problem.empty()) return problem;
  return fmt::format("the return window of {} from assignment on {} ended on {}", p.to_string(), day(g.subject->assigned_on),
                     day(*end_of(g, g.subject->assigned_on, p)));
}

bool opinions_in(in g) {
  return std::all_of(g.record.units.begin(), g.record.units.end(), [](const unit_assignment &u) {
    return u.role != assignment_role::co_handler || u.state == unit_state::returned || u.state == unit_state::opinion_submitted ||
           u.state == unit_state::opinion_waived;
  });
}
std::string explain_opinions(in g) {
  std::vector<std::string> missing;
  for (const auto &u : g.record.units)
    if (u.role == assignment_role::co_handler && u.state != unit_state::returned && u.state != unit_state::opinion_submitted &&
        u.state != unit_state::opinion_waived)
      missing.push_back("'" + u.unit + "'");
  return fmt::format("no opinion yet from co-handler {}", fmt::join(missing, ", "));
}

// Repliers other than the subject that have not reached `done`.
bool others_not_at(in g, unit_state done) {
  return std::any_of(g.record.units.begin(), g.record.units.end(),
                     [&](const unit_assignment &u) { return &u != g.subject && is_replier(u) && u.state != done; });
}
std::string list_others_not_at(in g, unit_state done) {
  std::vector<std::string> names;
  for (const auto &u : g.record.units)
    if (&u != g.subject && is_replier(u) && u.state != done) names.push_back("'" + u.unit + "'");
  return fmt::format("{} still to reply", fmt::join(names, ", "));
}

bool other_follow_ups_open(in g) {
  return std::any_of(g.record.units.begin(), g.record.units.end(), [&](const unit_assignment &u) {
    return &u != g.subject && u.state == unit_state::replied && u.result_class &&
           needs_follow_up(*u.result_class, g.context.policy);
  });
}

bool any_follow_up_due(in g) {
  return std::any_of(g.record.units.begin(), g.record.units.end(), [&](const unit_assignment &u) {
    return is_replier(u) && u.result_class && needs_follow_up(*u.result_class, g.context.policy);
  });
}

bool extension_within_cap(in g) {
  const auto end = end_of(g, g.subject->assigned_on, g.context.policy.extension_cap);
  return end && g.event.until <= *end;
}
std::string explain_extension_cap(in g) {
  const period p = g.context.policy.extension_cap;
  if (auto problem = calendar_problem(g, g.subject->assigned_on, p); !problem.empty()) return problem;
  return fmt::format("{} is past the cap of {} from assignment on {} ({})", day(g.event.until), p.to_string(),
                     day(g.subject->assigned_on), day(*end_of(g, g.subject->assigned_on, p)));
}

bool feedback_window_over(in g) {
  if (g.event.rating != satisfaction::no_feedback) return true;
  const auto end = end_of(g, g.record.replied_on, g.context.policy.rule(clock_kind::feedback).length);
  return end && g.event.at.date() > *end;
}
std::string explain_feedback_window(in g) {
  const period p = g.context.policy.rule(clock_kind::feedback).length;
  if (auto problem = calendar_problem(g, g.record.replied_on, p); !problem.empty()) return problem;
  return fmt::format("the feedback window of {} from the reply on {} runs until {}", p.to_string(), day(g.record.replied_on),
                     day(*end_of(g, g.record.replied_on, p)));
}

// Still dissatisfied after re-handling: the cycle a second (or later) dissatisfied rating opened.
bool still_dissatisfied(in g) { return g.record.state == case_state::rehandling && g.record.cycle >= 3; }

// A leader-led consultation recorded since the latest dissatisfied rating.
bool leader_consulted_since_rating(in g) {
  const auto &h = g.record.history;
  constexpr auto feedback = static_cast<std::uint8_t>(event_type::record_feedback);
  constexpr auto consultation = static_cast<std::uint8_t>(event_type::record_consultation);
  for (std::size_t i = h.size(); i-- > 0;) {
    if (h.type_code(i) == feedback) return false;
    if (h.type_code(i) == consultation && h.leader_led(i)) return true;
  }
  return false;
}

std::string role_of(const unit_assignment *u) { return u ? std::string(caseflow::to_string(u->role)) : std::string("(none)"); }

} // namespace

bool needs_follow_up(reply_class c, const deadline_policy &p) noexcept {
  return c == reply_class::b || (c == reply_class::c && p.results == result_scheme::four_class);
}

// clang-format off
const guard not_before_last_event{"not_before_last_event",
    [](in g) { return !before_last(g); },
    [](in g) { return fmt::format("it is dated {}, before the case's last event at {}", caseflow::to_string(g.event.at),
                                  caseflow::to_string(g.record.history.time_at(g.record.history.size() - 1))); }};
const guard within_return_window{"within_return_window", return_window_open, explain_return_window};
const guard first_return_request{"first_return_request",
    [](in g) { return !g.subject->return_refused; },
    [](in g) { return fmt::format("unit '{}' already had a return request refused", g.subject->unit); }};
const guard new_unit_not_assigned{"new_unit_not_assigned",
    [](in g) { return g.record.find_unit(g.event.new_unit) == nullptr; },
    [](in g) { return fmt::format("unit '{}' already handles the item", g.event.new_unit); }};
const guard all_opinions_in{"all_opinions_in", opinions_in, explain_opinions};
const guard leader_consultation_held{"leader_consultation_held",
    [](in g) { return !g.context.policy.leader_consultation_required || g.record.leader_consultations > 0; },
    [](in) { return std::string("the policy requires a leader-led face-to-face consultation before the reply"); }};
const guard leader_consultation_since_still_dissatisfied{"leader_consultation_since_still_dissatisfied",
    [](in g) { return !g.context.policy.leader_consultation_when_still_dissatisfied || !still_dissatisfied(g) || leader_consulted_since_rating(g); },
    [](in g) { return fmt::format("the proposer was still dissatisfied after re-handling (rating on {}): the policy requires a "
                                  "leader-led face-to-face consultation since then before the reply", day(g.record.feedback_on)); }};
const guard class_in_scheme{"class_in_scheme",
    [](in g) { return g.event.result_class != reply_class::d || g.context.policy.results == result_scheme::four_class; },
    [](in) { return std::string("class D exists only in the four-class scheme"); }};
const guard last_outstanding_reply{"last_outstanding_reply",
    [](in g) { return !others_not_at(g, unit_state::replied); },
    [](in g) { return list_others_not_at(g, unit_state::replied); }};
const guard other_replies_outstanding{"other_replies_outstanding",
    [](in g) { return others_not_at(g, unit_state::replied); },
    [](in) { return std::string("every other unit has replied"); }};
const guard extension_reason_given{"extension_reason_given",
    [](in g) { return !g.context.policy.extension_reason_required || !g.event.reason.empty(); },
    [](in) { return std::string("the policy requires a reason for an extension"); }};
const guard extension_requested{"extension_requested",
    [](in g) { return !g.subject->extension_requested_until.is_special(); },
    [](in g) { return fmt::format("unit '{}' has no open extension request", g.subject->unit); }};
const guard within_extension_cap{"within_extension_cap", extension_within_cap, explain_extension_cap};
const guard rating_dissatisfied{"rating_dissatisfied",
    [](in g) { return g.event.rating == satisfaction::dissatisfied; },
    [](in g) { return fmt::format("the rating is {}", caseflow::to_string(g.event.rating)); }};
const guard rating_not_dissatisfied{"rating_not_dissatisfied",
    [](in g) { return g.event.rating != satisfaction::dissatisfied; },
    [](in) { return std::string("the rating is dissatisfied"); }};
const guard feedback_window_passed{"feedback_window_passed", feedback_window_over, explain_feedback_window};
const guard publication_undecided{"publication_undecided",
    [](in g) { return !g.record.publication.has_value(); },
    [](in g) { return fmt::format("the disclosure was already decided ({})", caseflow::to_string(*g.record.publication)); }};
const guard publication_decided{"publication_decided",
    [](in g) { return g.record.publication.has_value(); },
    [](in) { return std::string("the disclosure has not been decided"); }};
const guard follow_up_due{"follow_up_due", any_follow_up_due,
    [](in) { return std::string("no reply promised work still to do"); }};
const guard no_follow_up_due{"no_follow_up_due",
    [](in g) { return !any_follow_up_due(g); },
    [](in) { return std::string("a reply promised work still to do"); }};
const guard follow_up_solved{"follow_up_solved",
    [](in g) { return g.event.result_class == reply_class::a; },
    [](in g) { return fmt::format("a second reply reports the item solved (class A), not class {}", caseflow::to_string(g.event.result_class)); }};
const guard last_outstanding_follow_up{"last_outstanding_follow_up",
    [](in g) { return !other_follow_ups_open(g); },
    [](in) { return std::string("other units still owe a second reply"); }};
const guard other_follow_ups_outstanding{"other_follow_ups_outstanding", other_follow_ups_open,
    [](in) { return std::string("no other unit owes a second reply"); }};
const guard not_merged{"not_merged",
    [](in g) { return !g.record.merged_into.has_value(); },
    [](in g) { return fmt::format("the item is already merged into {}", g.record.merged_into->to_string()); }};
const guard not_itself{"not_itself",
    [](in g) { return g.event.lead_item != g.record.info.id; },
    [](in) { return std::string("an item cannot be merged into itself"); }};
const guard subject_is_co_handler{"subject_is_co_handler",
    [](in g) { return g.subject && g.subject->role == assignment_role::co_handler; },
    [](in g) { return fmt::format("unit '{}' is {}, not a co-handler", g.subject ? g.subject->unit : std::string(), role_of(g.subject)); }};
const guard own_reply_needs_follow_up{"own_reply_needs_follow_up",
    [](in g) { return g.subject->result_class && needs_follow_up(*g.subject->result_class, g.context.policy); },
    [](in g) { return fmt::format("unit '{}' replied with class {}, which needs no follow-up", g.subject->unit,
                                  g.subject->result_class ? caseflow::to_string(*g.subject->result_class) : std::string_view("(none)")); }};
const guard return_pending{"return_pending",
    [](in g) { return !g.subject->return_requested_on.is_special() && !g.subject->return_refused; },
    [](in g) { return fmt::format("unit '{}' has no return request waiting for a decision", g.subject->unit); }};
const guard progress_tracked{"progress_tracked",
    [](in g) { return g.context.policy.progress_reports && (g.record.info.key_item || g.record.info.leader_supervised); },
    [](in g) { return g.context.policy.progress_reports ? std::string("the item is neither a key item nor leader-supervised")
                                                        : fmt::format("policy '{}' asks for no progress reports", g.context.policy.name); }};
const guard not_yet_acknowledged{"not_yet_acknowledged",
    [](in g) { return g.subject->acknowledged_on.is_special(); },
    [](in g) { return fmt::format("unit '{}' acknowledged the item on {}", g.subject->unit, day(g.subject->acknowledged_on)); }};
// clang-format on

} // namespace caseflow::detail
