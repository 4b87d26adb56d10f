// The ledger (台账): one row per item with its units, dates, reply, rating, disclosure and lateness, as
// they stood on the report's day. Also the rules every report shares: how late an obligation is on a
// day, and the point of view.
#include "report_detail.hpp"

#include <algorithm>
#include <tuple>

namespace caseflow {
namespace detail {

int workdays_late(const work_calendar &cal, date due, date as_of) {
  if (due.is_special() || as_of.is_special() || as_of <= due) return 0;
  auto next = cal.next_workday(as_of);
  auto n = next ? cal.workdays_between(due, *next) : result<int>(failure{next.error()});
  // Outside the calendar: count calendar days rather than hide the lateness.
  if (!n) return static_cast<int>((as_of - due).days());
  return std::max(1, *n);
}

std::optional<assignment_role> role_in(const case_record &c, std::string_view unit) {
  if (!unit.empty()) {
    const unit_assignment *a = c.find_unit(unit);
    return a ? std::optional(a->role) : std::nullopt;
  }
  if (c.lead()) return assignment_role::lead;
  const bool any =
      std::any_of(c.units.begin(), c.units.end(), [](const unit_assignment &u) { return u.state != unit_state::returned; });
  if (any && c.separate_handling()) return assignment_role::separate;
  return std::nullopt;
}

std::vector<unit_assignment_spec> active_units(const case_record &c) {
  std::vector<unit_assignment_spec> out;
  for (const auto &u : c.units)
    if (u.state != unit_state::returned) out.push_back({u.unit, u.role});
  return out;
}

} // namespace detail

result<ledger> make_ledger(const case_book &book, date as_of, std::string_view unit) {
  auto on_day = detail::book_on_day::take(book, as_of, "ledger");
  if (!on_day) return failure{on_day.error()};
  ledger out{as_of, std::string(unit), {}};
  for (const case_record *c : on_day->items(unit)) {
    const case_id &id = c->info.id;
    const std::string text = id.to_string();
    ledger_row row;
    row.id = id;
    row.kind = c->info.kind;
    row.category = c->info.category;
    row.title = c->info.title;
    row.lead_proposer = c->info.proposers.lead;
    row.units = detail::active_units(*c);
    row.role = detail::role_in(*c, unit);
    row.state = c->state;
    row.assigned_on = c->assigned_on;
    row.replied_on = c->replied_on;
    row.rating = c->rating;
    row.publication = c->publication;
    // The class of the reply itself: a follow-up reply later reports the promise kept, not the reply.
    for (const auto &h : c->history)
      if (h.event.type == event_type::reply) row.result_class = h.event.result_class;
    // The due date and lateness follow the replying units: the latest reply clock, the worst lateness.
    for (const auto &u : c->units) {
      if (u.state == unit_state::returned || !detail::replies(u.role)) continue;
      const auto o = on_day->latest(text, u.unit, u.role);
      if (!o) continue;
      if (row.reply_due.is_special() || o->due > row.reply_due) row.reply_due = o->due;
      const int late = o->met ? o->met->workdays_late : (o->ended ? 0 : detail::workdays_late(on_day->calendar(), o->due, as_of));
      row.workdays_late = std::max(row.workdays_late, late);
    }
    row.reply_due_provisional = !row.reply_due.is_special() && on_day->calendar().is_provisional(row.reply_due);
    for (const auto &n : on_day->notices_of(id))
      if (unit.empty() || n.clock.unit_id == unit) ++row.reminders;
    row.key_item = c->info.key_item;
    row.leader_supervised = c->info.leader_supervised;
    if (row.leader_supervised) row.supervising_leader = book.supervising_leader_of(*c).value_or("");
    out.rows.push_back(std::move(row));
  }
  return out;
}

} // namespace caseflow
