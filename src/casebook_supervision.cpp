// Closer tracking of key items (重点办理) and leader-supervised items (领导督办件): who supervises an item
// on the organisation chart.
#include "casebook_state.hpp"

#include <mutex>

namespace caseflow {

std::optional<std::string> case_book::supervising_leader_of(const case_id &id) const {
  std::optional<case_record> c = find(id);
  if (!c) return std::nullopt;
  return supervising_leader_of(*c);
}

std::optional<std::string> case_book::supervising_leader_of(const case_record &c) const {
  std::shared_lock lock(*mutex_);
  if (!s_->chart) return std::nullopt;
  const unit_assignment *lead = c.lead();
  std::vector<std::string> units;
  if (!lead)
    for (const auto &u : c.units)
      if (u.state != unit_state::returned) units.push_back(u.unit);
  if (!lead && units.empty()) return std::nullopt;
  // The leader the ladder's second level goes to: the lead unit's, or the units' lowest common superior;
  // when that is the principal leader, the principal leader supervises the item.
  auto route = route_escalation(*s_->chart, lead ? std::string_view(lead->unit) : std::string_view(), units);
  if (!route) return std::nullopt;
  return route->supervising.empty() ? route->principal : route->supervising;
}

} // namespace caseflow
