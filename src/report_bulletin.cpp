// The bimonthly bulletin (双月通报): one unit's items held, obligations met and on time, overdue and
// late items named, ratings and reminders, as they stood at the end of a two-month period.
#include "report_detail.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace caseflow {

result<bulletin> make_bulletin(const case_book &book, std::string_view unit, date from, date to) {
  return make_bulletin(book, unit, from, to, to);
}

result<bulletin> make_bulletin(const case_book &book, std::string_view unit, date from, date to, date as_of) {
  if (unit.empty()) return fail(errc::invalid_argument, "bulletin: no unit given");
  if (from.is_special() || to.is_special() || to < from)
    return fail(errc::invalid_argument, fmt::format("bulletin for '{}': the period {} to {} is empty", unit,
                                                    detail::day_text(from), detail::day_text(to)));
  if (as_of.is_special() || as_of < from)
    return fail(errc::invalid_argument, fmt::format("bulletin for '{}': the period {} to {} had not begun on {}", unit,
                                                    detail::day_text(from), detail::day_text(to), detail::day_text(as_of)));
  // A period still running is counted to the day asked, never to its end: nothing after it is known.
  const date day = std::min(to, as_of);
  auto on_day = detail::book_on_day::take(book, day, fmt::format("bulletin for '{}'", unit));
  if (!on_day) return failure{on_day.error()};
  bulletin b;
  b.unit = std::string(unit);
  b.from = from;
  b.to = to;
  const std::string unit_text(unit);
  for (const case_record *c : on_day->items(unit)) {
    const case_id &id = c->info.id;
    const unit_assignment *a = c->find_unit(unit);
    if (!a || !detail::by(a->assigned_on, day)) continue;
    ++b.held;
    const std::string text = id.to_string();
    const bool tracked = c->info.key_item || c->info.leader_supervised;
    if (const auto o = on_day->latest(text, unit_text, a->role); o && !o->ended) {
      const bool done = o->met.has_value();
      bulletin_item item{id, c->info.title, a->role, o->due, date(boost::gregorian::not_a_date_time), 0};
      if (tracked) {
        bulletin_item t = item;
        if (done) {
          ++b.key_done;
          if (o->met->on_time) ++b.key_on_time;
          t.done_on = o->met->on;
          t.workdays_late = o->met->workdays_late;
        } else {
          t.workdays_late = detail::workdays_late(on_day->calendar(), o->due, day);
        }
        b.key_items.push_back(std::move(t));
      }
      if (done) {
        ++b.done;
        if (o->met->on >= from) ++b.done_in_period;
        if (o->met->on_time) {
          ++b.on_time;
        } else {
          item.done_on = o->met->on;
          item.workdays_late = o->met->workdays_late;
          b.late.push_back(std::move(item));
        }
      } else if (o->due < day) {
        item.workdays_late = detail::workdays_late(on_day->calendar(), o->due, day);
        b.overdue.push_back(std::move(item));
      }
    }
    if (detail::replies(a->role) && c->rating) ++b.ratings[static_cast<std::size_t>(*c->rating)];
    for (const auto &n : on_day->notices_of(id))
      if (n.clock.unit_id == unit && n.issued >= from) ++b.reminders;
  }
  return b;
}

std::vector<std::pair<date, date>> bimonthly_periods(int year) {
  std::vector<std::pair<date, date>> out;
  const auto y = static_cast<unsigned short>(year);
  for (unsigned short m = 1; m <= 11; m += 2) {
    const date first(y, m, 1);
    out.emplace_back(first, date(y, static_cast<unsigned short>(m + 1), 1).end_of_month());
  }
  return out;
}

} // namespace caseflow
