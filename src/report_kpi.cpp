// The yearly evaluation figures: closure, on-time, contact, face-to-face, satisfaction and follow-up
// rates, each with its numerator and denominator so that a reader can check it.
#include "report_detail.hpp"

#include <fmt/format.h>

namespace caseflow {

std::optional<double> rate::value() const noexcept {
  if (denominator == 0) return std::nullopt;
  return static_cast<double>(numerator) / static_cast<double>(denominator);
}

std::string rate::to_string() const {
  const auto v = value();
  if (!v) return fmt::format("n/a ({}/{})", numerator, denominator);
  return fmt::format("{:.1f}% ({}/{})", *v * 100.0, numerator, denominator);
}

result<kpi_set> make_kpis(const case_book &book, date as_of, std::string_view unit) {
  auto on_day = detail::book_on_day::take(book, as_of, "kpi");
  if (!on_day) return failure{on_day.error()};
  kpi_set k;
  k.as_of = as_of;
  k.unit = std::string(unit);
  const auto count = [](rate &r, bool yes) {
    ++r.denominator;
    if (yes) ++r.numerator;
  };
  for (const case_record *c : on_day->items(unit)) {
    const case_id &id = c->info.id;
    const unit_assignment *own = unit.empty() ? nullptr : c->find_unit(unit);
    const date assigned = own ? own->assigned_on : c->assigned_on;
    if (!detail::by(assigned, as_of)) continue; // not yet an item anyone handles
    const std::string text = id.to_string();

    count(k.closure, detail::by(c->closed_on, as_of));
    bool contact = false;
    bool face_to_face = false;
    bool into_follow_up = false;
    bool follow_up_done = false;
    for (const auto &h : c->history) {
      if (h.event.at.date() > as_of) break;
      if (h.event.type == event_type::record_consultation) {
        contact = true;
        face_to_face = face_to_face || h.event.leader_led;
      }
      if (h.after == case_state::following_up) into_follow_up = true;
      if (h.event.type == event_type::follow_up_reply && h.after == case_state::closed) follow_up_done = true;
    }
    count(k.contact, contact);
    count(k.face_to_face, face_to_face);

    // On time: every obligation met by as_of, and every one still open past its due date, counts.
    for (const auto &u : c->units) {
      if (u.state == unit_state::returned) continue;
      if (unit.empty() ? !detail::replies(u.role) : u.unit != unit) continue;
      const auto o = on_day->latest(text, u.unit, u.role);
      if (!o || o->ended) continue;
      const bool tracked = c->info.key_item || c->info.leader_supervised;
      if (o->met && o->met->on <= as_of) {
        count(k.on_time, o->met->on_time);
        if (tracked) count(k.key_on_time, o->met->on_time);
      } else if (o->due < as_of) {
        count(k.on_time, false);
        if (tracked) count(k.key_on_time, false);
      }
    }

    // Ratings and follow-up are the replying unit's.
    const auto role = detail::role_in(*c, unit);
    if (!role || !detail::replies(*role)) continue;
    if (c->rating && *c->rating != satisfaction::no_feedback && detail::by(c->feedback_on, as_of))
      count(k.satisfaction, *c->rating == satisfaction::satisfied || *c->rating == satisfaction::basically_satisfied);
    if (into_follow_up) count(k.follow_up, follow_up_done);
  }
  return k;
}

} // namespace caseflow
