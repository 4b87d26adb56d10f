// Routing of the coordination ladder: who acts at each level for a case, read off the org chart.
// Kept apart from the track's machine because it is the only part that walks the graph.
#include <caseflow/escalation.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace caseflow {

namespace {

std::string quoted_list(std::span<const std::string> ids) {
  std::vector<std::string> q;
  q.reserve(ids.size());
  for (const auto &id : ids)
    q.push_back(fmt::format("'{}'", id));
  return fmt::format("{}", fmt::join(q, ", "));
}

} // namespace

result<escalation_route> route_escalation(const org_chart &chart, std::string_view lead_unit,
                                          std::span<const std::string> dispute_units) {
  // The lead first (its office is level 1), then the others in id order, each once.
  std::vector<std::string> units;
  if (!lead_unit.empty()) units.emplace_back(lead_unit);
  std::vector<std::string> others(dispute_units.begin(), dispute_units.end());
  std::sort(others.begin(), others.end());
  for (auto &u : others)
    if (!u.empty() && std::find(units.begin(), units.end(), u) == units.end()) units.push_back(std::move(u));
  const std::string where = fmt::format("routing units {}", quoted_list(units));
  if (units.empty()) return fail(errc::invalid_argument, "routing: no unit to route for (no lead unit and no units involved)");
  const auto prefixed = [&](const error &e) { return fail(e.code, fmt::format("{}: {}", where, e.message)); };

  escalation_route route;
  route.units = units;
  auto office = chart.office(units.front());
  if (!office) return prefixed(office.error());
  route.office = (*office)->id;

  if (units.size() == 1) {
    auto leader = chart.supervising_leader(units.front());
    if (!leader) return prefixed(leader.error());
    auto principal = chart.principal_leader(units.front());
    if (!principal) return prefixed(principal.error());
    route.supervising = (*leader)->id;
    route.principal = (*principal)->id;
    return route;
  }

  auto common = chart.lowest_common_superior(units);
  if (!common) return prefixed(common.error());
  if ((*common)->is_principal()) {
    route.principal = (*common)->id;
    route.skip_reason = fmt::format("the lowest common superior of units {} is {}", quoted_list(units), (*common)->describe());
    return route;
  }
  route.supervising = (*common)->id;
  // Level 3 is the first principal leader above level 2 (across governments, the higher one's).
  const org_node *up = *common;
  while (up && !up->is_principal()) {
    auto next = chart.superior(up->id);
    if (!next) return prefixed(next.error());
    up = *next;
  }
  if (!up) return fail(errc::not_found, fmt::format("{}: no principal leader above {}", where, (*common)->describe()));
  route.principal = up->id;
  return route;
}

} // namespace caseflow
