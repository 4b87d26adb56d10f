// The transition tables as Boost.Graph graphs: one vertex per state, one edge per row. Used to check
// the machines (every state reachable from the start, every non-terminal state has a way to an end)
// and to draw them as Graphviz DOT for the documentation.
#include <caseflow/workflow.hpp>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/depth_first_search.hpp>
#include <boost/graph/graphviz.hpp>
#include <boost/graph/reverse_graph.hpp>

#include <fmt/format.h>

#include <sstream>

namespace caseflow {

namespace {

struct state_node {
  std::string name;
  bool initial{};
  bool terminal{};
};
struct row_edge {
  std::string label;
};
using graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, state_node, row_edge>;

template <std::size_t N> std::string guard_list(const std::array<const guard *, N> &guards) {
  std::string out;
  for (const guard *g : guards) {
    if (!g) break;
    out += out.empty() ? "" : ", ";
    out += g->name;
  }
  return out.empty() ? out : " [" + out + "]";
}

std::string short_senders(sender_set who) {
  // clang-format off
  static constexpr std::pair<sender_set, std::string_view> names[] = {
      {sender::office, "office"}, {sender::lead_unit, "lead"}, {sender::co_handler_unit, "co_handler"},
      {sender::separate_unit, "separate"}, {sender::supervising_leader, "supervising_leader"},
      {sender::principal_leader, "principal_leader"}, {sender::proposer_side, "proposer_side"}};
  // clang-format on
  std::string out;
  for (const auto &[bit, name] : names)
    if (who & bit) out += (out.empty() ? "" : "|") + std::string(name);
  return out;
}

bool unit_terminal(unit_state s) {
  return s == unit_state::returned || s == unit_state::opinion_submitted || s == unit_state::opinion_waived ||
         s == unit_state::replied || s == unit_state::follow_up_replied;
}

graph build(machine m) {
  graph g;
  if (m == machine::case_level) {
    for (std::size_t i = 0; i < case_state_count; ++i) {
      const auto s = static_cast<case_state>(i);
      boost::add_vertex(state_node{std::string(to_string(s)), s == case_state::received, s == case_state::closed}, g);
    }
    for (const auto &r : case_transitions())
      boost::add_edge(static_cast<std::size_t>(r.from), static_cast<std::size_t>(r.to),
                      row_edge{fmt::format("{}{} ({})", to_string(r.on), guard_list(r.guards), short_senders(r.who))}, g);
  } else {
    for (std::size_t i = 0; i < unit_state_count; ++i) {
      const auto s = static_cast<unit_state>(i);
      boost::add_vertex(state_node{std::string(to_string(s)), s == unit_state::pending, unit_terminal(s)}, g);
    }
    for (const auto &r : unit_transitions())
      boost::add_edge(static_cast<std::size_t>(r.from), static_cast<std::size_t>(r.to),
                      row_edge{fmt::format("{}{}{}", to_string(r.on), guard_list(r.guards), r.by_case ? " (by case)" : "")}, g);
  }
  return g;
}

// The vertices reached from `start` in `g` (which may be the reversed graph).
template <class G> std::vector<bool> reached_from(const G &g, std::size_t start) {
  std::vector<boost::default_color_type> colors(boost::num_vertices(g), boost::white_color);
  auto color_map = boost::make_iterator_property_map(colors.begin(), boost::get(boost::vertex_index, g));
  boost::depth_first_visit(g, boost::vertex(start, g), boost::default_dfs_visitor(), color_map);
  std::vector<bool> out(colors.size());
  for (std::size_t i = 0; i < colors.size(); ++i)
    out[i] = colors[i] != boost::white_color;
  return out;
}

std::string escape(const std::string &s) {
  std::string out;
  for (char c : s)
    out += c == '"' ? std::string("\\\"") : std::string(1, c);
  return out;
}

} // namespace

std::string workflow_dot(machine m) {
  const graph g = build(m);
  std::ostringstream out;
  boost::write_graphviz(
      out, g,
      [&](std::ostream &o, graph::vertex_descriptor v) {
        const auto &n = g[v];
        o << "[label=\"" << escape(n.name) << "\"" << (n.terminal ? ", shape=doublecircle" : ", shape=ellipse")
          << (n.initial ? ", style=bold" : "") << "]";
      },
      [&](std::ostream &o, graph::edge_descriptor e) { o << "[label=\"" << escape(g[e].label) << "\", fontsize=9]"; },
      [&](std::ostream &o) {
        o << "label=\"" << (m == machine::case_level ? "caseflow: the case machine" : "caseflow: a unit's assignment machine")
          << "\";\nrankdir=LR;\n";
      });
  return out.str();
}

std::vector<std::string> unreachable_states(machine m) {
  const graph g = build(m);
  std::vector<std::string> out;
  const auto reached = reached_from(g, 0); // vertex 0 is the initial state of both machines
  for (std::size_t v = 0; v < reached.size(); ++v)
    if (!reached[v]) out.push_back(g[v].name);
  return out;
}

std::vector<std::string> states_without_way_out(machine m) {
  const graph g = build(m);
  const auto reversed = boost::make_reverse_graph(g);
  std::vector<bool> reaches_end(boost::num_vertices(g));
  for (std::size_t v = 0; v < reaches_end.size(); ++v) {
    if (!g[v].terminal) continue;
    const auto back = reached_from(reversed, v);
    for (std::size_t w = 0; w < back.size(); ++w)
      reaches_end[w] = reaches_end[w] || back[w];
  }
  std::vector<std::string> out;
  for (std::size_t v = 0; v < reaches_end.size(); ++v)
    if (!reaches_end[v]) out.push_back(g[v].name);
  return out;
}

} // namespace caseflow
