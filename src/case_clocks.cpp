#include <caseflow/case_clocks.hpp>

#include <fmt/format.h>

namespace caseflow {

namespace {

// The day of the event being applied (the history's last entry).
date last_event_day(const case_record &c) { return c.history.time_at(c.history.size() - 1).date(); }

bool newly_set(date before, date after) { return !after.is_special() && after != before; }

// The clock that carries a unit's reply in a cycle: the first reply, or the re-handling reply.
clock_kind reply_clock_in(int cycle) { return cycle <= 1 ? clock_kind::reply : clock_kind::rehandling_reply; }

// The clocks a unit owes from the day it joins, by its role.
struct role_clocks {
  assignment_role role;
  clock_kind owes;
};
// clang-format off
constexpr role_clocks clocks_by_role[] = {
    {assignment_role::lead,       clock_kind::reply},
    {assignment_role::separate,   clock_kind::reply},
    {assignment_role::co_handler, clock_kind::co_handler_opinion},
};
// clang-format on

// Rules about one unit: what changed in its assignment between two records.
struct unit_diff {
  const unit_assignment *before; // nullptr when the unit just joined
  const unit_assignment &after;
  const case_record &record;
};

using unit_rule = void (*)(const unit_diff &, std::vector<clock_change> &);

clock_key key_for(const case_record &c, const std::string &unit, clock_kind k, int cycle) {
  return clock_key{c.info.id.to_string(), unit, k, cycle};
}

void unit_joined(const unit_diff &d, std::vector<clock_change> &out) {
  if (d.before) return;
  const date on = d.after.assigned_on;
  out.push_back({clock_change_kind::start, key_for(d.record, d.after.unit, clock_kind::return_request, 1), on});
  for (const auto &row : clocks_by_role)
    if (row.role == d.after.role)
      out.push_back({clock_change_kind::start, key_for(d.record, d.after.unit, row.owes, std::max(d.record.cycle, 1)), on});
}

void return_requested(const unit_diff &d, std::vector<clock_change> &out) {
  if (d.before && newly_set(d.before->return_requested_on, d.after.return_requested_on))
    out.push_back(
        {clock_change_kind::stop, key_for(d.record, d.after.unit, clock_kind::return_request, 1), d.after.return_requested_on});
}

void opinion_in(const unit_diff &d, std::vector<clock_change> &out) {
  if (d.before && d.after.role == assignment_role::co_handler && newly_set(d.before->opinion_on, d.after.opinion_on))
    out.push_back({clock_change_kind::stop,
                   key_for(d.record, d.after.unit, clock_kind::co_handler_opinion, std::max(d.record.cycle, 1)),
                   d.after.opinion_on});
}

void replied(const unit_diff &d, std::vector<clock_change> &out) {
  // A follow-up reply answers a promise, not a clock: only replies inside a handling cycle count.
  if (!d.before || d.after.replies == d.before->replies || d.after.state == unit_state::follow_up_replied) return;
  const int cycle = std::max(d.record.cycle, 1);
  out.push_back({clock_change_kind::stop, key_for(d.record, d.after.unit, reply_clock_in(cycle), cycle), d.after.replied_on});
}

void extended(const unit_diff &d, std::vector<clock_change> &out) {
  if (!d.before || !newly_set(d.before->extended_until, d.after.extended_until)) return;
  const int cycle = std::max(d.record.cycle, 1);
  clock_change c{clock_change_kind::extend, key_for(d.record, d.after.unit, reply_clock_in(cycle), cycle),
                 last_event_day(d.record)};
  c.until = d.after.extended_until;
  out.push_back(std::move(c));
}

void returned(const unit_diff &d, std::vector<clock_change> &out) {
  if (!d.before || d.before->state == unit_state::returned || d.after.state != unit_state::returned) return;
  const date on = last_event_day(d.record);
  const int cycle = std::max(d.record.cycle, 1);
  for (const auto &row : clocks_by_role)
    if (row.role == d.after.role) out.push_back({clock_change_kind::end, key_for(d.record, d.after.unit, row.owes, cycle), on});
}

// Key and leader-supervised items: each replying unit reports progress every period from the day it
// joins until its reply. The n-th period's clock is keyed with cycle n.
bool tracked(const case_record &c) { return c.info.key_item || c.info.leader_supervised; }
bool reports_progress(const unit_diff &d) { return tracked(d.record) && d.after.role != assignment_role::co_handler; }

void progress_started(const unit_diff &d, std::vector<clock_change> &out) {
  if (!d.before && reports_progress(d))
    out.push_back(
        {clock_change_kind::start, key_for(d.record, d.after.unit, clock_kind::progress_report, 1), d.after.assigned_on});
}

void progress_reported(const unit_diff &d, std::vector<clock_change> &out) {
  if (!d.before || d.after.progress_reports == d.before->progress_reports) return;
  const date on = d.after.progress_reported_on;
  out.push_back({clock_change_kind::stop,
                 key_for(d.record, d.after.unit, clock_kind::progress_report, d.before->progress_reports + 1), on});
  out.push_back(
      {clock_change_kind::start, key_for(d.record, d.after.unit, clock_kind::progress_report, d.after.progress_reports + 1), on});
}

void progress_ended(const unit_diff &d, std::vector<clock_change> &out) {
  if (!d.before || !reports_progress(d)) return;
  const bool replied_now = d.after.replies != d.before->replies;
  const bool left_now = d.before->state != unit_state::returned && d.after.state == unit_state::returned;
  if (!replied_now && !left_now) return;
  out.push_back({clock_change_kind::end,
                 key_for(d.record, d.after.unit, clock_kind::progress_report, d.after.progress_reports + 1),
                 last_event_day(d.record)});
}

// clang-format off
constexpr unit_rule unit_rules[] = {
    unit_joined,
    progress_started,
    progress_reported,
    progress_ended,
    return_requested,
    opinion_in,
    replied,
    extended,
    returned,
};
// clang-format on

// Rules about the case as a whole.
using case_rule = void (*)(const case_record &before, const case_record &after, std::vector<clock_change> &);

clock_key case_key(const case_record &c, clock_kind k) { return clock_key{c.info.id.to_string(), {}, k, std::max(c.cycle, 1)}; }

void became_replied(const case_record &before, const case_record &after, std::vector<clock_change> &out) {
  if (before.state == case_state::replied || after.state != case_state::replied) return;
  out.push_back({clock_change_kind::start, case_key(after, clock_kind::feedback), after.replied_on});
  if (!after.publication && after.cycle <= 1)
    out.push_back({clock_change_kind::start, case_key(after, clock_kind::publication_decision), after.replied_on});
}

void rated(const case_record &before, const case_record &after, std::vector<clock_change> &out) {
  if (newly_set(before.feedback_on, after.feedback_on))
    out.push_back({clock_change_kind::stop, case_key(before, clock_kind::feedback), after.feedback_on});
}

void rehandling_ordered(const case_record &before, const case_record &after, std::vector<clock_change> &out) {
  if (before.state == case_state::rehandling || after.state != case_state::rehandling) return;
  for (const auto &u : after.units)
    if (u.state == unit_state::rehandling)
      out.push_back({clock_change_kind::start, key_for(after, u.unit, clock_kind::rehandling_reply, after.cycle),
                     after.rehandling_ordered_on});
}

void publication_decided(const case_record &before, const case_record &after, std::vector<clock_change> &out) {
  if (!before.publication && after.publication)
    out.push_back({clock_change_kind::stop, clock_key{after.info.id.to_string(), {}, clock_kind::publication_decision, 1},
                   after.publication_decided_on});
}

void concluded(const case_record &before, const case_record &after, std::vector<clock_change> &out) {
  if (!is_concluded(before.state) && is_concluded(after.state))
    out.push_back({clock_change_kind::end_case, clock_key{after.info.id.to_string(), {}, clock_kind::reply, 0}, after.closed_on});
}

// clang-format off
constexpr case_rule case_rules[] = {
    became_replied,
    rated,
    rehandling_ordered,
    publication_decided,
    concluded,
};
// clang-format on

} // namespace

std::vector<clock_change> clock_changes(const case_record &before, const case_record &after) {
  std::vector<clock_change> out;
  for (const auto &u : after.units) {
    const unit_assignment *old = nullptr;
    for (const auto &b : before.units)
      if (b.unit == u.unit && b.role == u.role) old = &b;
    const unit_diff d{old, u, after};
    for (const unit_rule rule : unit_rules)
      rule(d, out);
  }
  for (const case_rule rule : case_rules)
    rule(before, after, out);
  return out;
}

std::string to_string(const clock_change &c) {
  switch (c.kind) {
  case clock_change_kind::start: return fmt::format("start {} on {}", to_string(c.key), to_string(c.on));
  case clock_change_kind::stop: return fmt::format("stop {} on {}", to_string(c.key), to_string(c.on));
  case clock_change_kind::extend:
    return fmt::format("extend {} to {} on {}", to_string(c.key), to_string(c.until), to_string(c.on));
  case clock_change_kind::end: return fmt::format("end {} on {}", to_string(c.key), to_string(c.on));
  case clock_change_kind::end_case: return fmt::format("end every clock of case {} on {}", c.key.case_id, to_string(c.on));
  }
  return {};
}

} // namespace caseflow
