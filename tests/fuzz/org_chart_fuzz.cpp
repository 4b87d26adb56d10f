// Fuzzes the organisation chart loader: any text either fails with an error or gives a chart on which
// every lookup the escalation ladder makes (superiors, offices, leaders, common superiors, routes) ends
// without crashing or looping, and whose DOT export is written.
#include <caseflow/escalation.hpp>
#include <caseflow/org.hpp>

#include "fuzz_check.hpp"

#include <boost/graph/graph_traits.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

using namespace caseflow;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char *>(data), size);
  auto chart = parse_org_chart(text, "fuzz.json");
  if (!chart) return 0;
  std::vector<std::string> units;
  for (auto [v, end] = boost::vertices(chart->graph()); v != end; ++v) {
    const org_node &n = chart->graph()[*v];
    fuzz::check(chart->find(n.id) != nullptr, "a node of the graph is not found by its id");
    (void)chart->government(n.id);
    (void)chart->superior(n.id);
    if (!n.is_unit()) continue;
    units.push_back(n.id);
    (void)chart->supervising_leader(n.id);
    (void)chart->principal_leader(n.id);
    (void)chart->office(n.id);
    (void)chart->children(n.id);
    (void)chart->parent_unit(n.id);
    (void)route_escalation(*chart, n.id);
  }
  // Every pair of units: a dispute between them.
  for (std::size_t i = 0; i < units.size() && i < 16; ++i)
    for (std::size_t j = i + 1; j < units.size() && j < 16; ++j) {
      const std::string pair[] = {units[i], units[j]};
      (void)chart->lowest_common_superior(pair);
      (void)route_escalation(*chart, units[i], pair);
    }
  (void)chart->to_dot();
  return 0;
}
