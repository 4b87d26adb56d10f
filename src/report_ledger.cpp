// The ledger (台账): one row per item with its units, dates, reply, rating, disclosure and lateness.
// Also the obligation rules every report shares: which clock is a unit's duty in an item, and how
// late it is on a day.
#include "report_detail.hpp"

#include <algorithm>
#include <tuple>

namespace caseflow {
namespace detail {

namespace {

bool is_obligation(clock_kind k) {
  return k == clock_kind::reply || k == clock_kind::rehandling_reply || k == clock_kind::co_handler_opinion;
}

} // namespace

obligation_index::obligation_index(const case_book &book) {
  for (const auto &f : book.finished_clocks())
    if (is_obligation(f.clock.kind)) by_case_[f.clock.case_id].push_back({f.clock, f.due, f.met, !f.met.has_value()});
  for (const auto &id : book.ids())
    for (const auto &c : book.clocks_of(id))
      if (is_obligation(c.key().kind)) by_case_[c.key().case_id].push_back({c.key(), c.due(), std::nullopt, false});
}

std::optional<obligation> obligation_index::latest(const std::string &case_text, const std::string &unit,
                                                   assignment_role role) const {
  const auto it = by_case_.find(case_text);
  if (it == by_case_.end()) return std::nullopt;
  std::optional<obligation> best;
  for (const auto &o : it->second) {
    if (o.key.unit_id != unit) continue;
    const bool opinion = o.key.kind == clock_kind::co_handler_opinion;
    if (opinion == replies(role)) continue;
    // A later cycle wins; within a cycle the clock still open (or met) over one that ended unmet.
    if (!best || std::tie(o.key.cycle, o.due) > std::tie(best->key.cycle, best->due)) best = o;
  }
  return best;
}

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

ledger make_ledger(const case_book &book, date as_of, std::string_view unit) {
  const detail::obligation_index obligations(book);
  const work_calendar calendar = book.calendar();
  ledger out{as_of, std::string(unit), {}};
  const auto ids = unit.empty() ? book.ids() : book.of_unit(unit);
  for (const auto &id : ids) {
    const auto c = book.find(id);
    if (!c) continue; // removed between the two calls: cannot happen today, costs nothing to allow
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
      const auto o = obligations.latest(text, u.unit, u.role);
      if (!o) continue;
      if (row.reply_due.is_special() || o->due > row.reply_due) row.reply_due = o->due;
      const int late = o->met ? o->met->workdays_late : (o->ended ? 0 : detail::workdays_late(calendar, o->due, as_of));
      row.workdays_late = std::max(row.workdays_late, late);
    }
    row.reply_due_provisional = !row.reply_due.is_special() && calendar.is_provisional(row.reply_due);
    for (const auto &n : book.notices_of(id))
      if ((unit.empty() || n.clock.unit_id == unit) && n.issued <= as_of) ++row.reminders;
    out.rows.push_back(std::move(row));
  }
  return out;
}

} // namespace caseflow
