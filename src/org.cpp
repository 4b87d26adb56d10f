// org_chart queries and DOT export. The chart is validated and its tables derived at load time
// (org_load.cpp), so every query here is a hash lookup and a walk of at most the chart's depth.
#include "org_data.hpp"

#include <boost/graph/graphviz.hpp>

#include <fmt/format.h>

#include <ostream>
#include <sstream>

namespace caseflow {

using detail::no_vertex;

std::string_view to_string(org_node_kind v) noexcept {
  switch (v) {
  case org_node_kind::office: return "office";
  case org_node_kind::unit: return "unit";
  case org_node_kind::leader: return "leader";
  }
  return "unknown";
}

std::string_view to_string(admin_level v) noexcept {
  switch (v) {
  case admin_level::city: return "city";
  case admin_level::district: return "district";
  case admin_level::town: return "town";
  }
  return "unknown";
}

std::string_view to_string(leader_role v) noexcept {
  switch (v) {
  case leader_role::supervising: return "supervising";
  case leader_role::principal: return "principal";
  }
  return "unknown";
}

std::string_view to_string(org_edge_kind v) noexcept {
  switch (v) {
  case org_edge_kind::reports_to: return "reports_to";
  case org_edge_kind::supervised_by: return "supervised_by";
  case org_edge_kind::serves: return "serves";
  }
  return "unknown";
}

std::string org_node::describe() const {
  if (kind == org_node_kind::leader) return fmt::format("{} leader '{}'", to_string(role), id);
  return fmt::format("{} '{}'", to_string(kind), id);
}

const std::string &org_chart::name() const noexcept { return data_->name; }
const std::string &org_chart::source_name() const noexcept { return data_->source; }
const org_graph &org_chart::graph() const noexcept { return data_->graph; }
std::size_t org_chart::size() const noexcept { return boost::num_vertices(data_->graph); }

const org_node *org_chart::find(std::string_view id) const noexcept {
  const auto it = data_->index.find(id);
  return it == data_->index.end() ? nullptr : &data_->graph[it->second];
}

result<std::size_t> org_chart::vertex_of(std::string_view id) const {
  const auto it = data_->index.find(id);
  if (it == data_->index.end()) return fail(errc::not_found, fmt::format("org chart {}: no node '{}'", data_->source, id));
  return it->second;
}

result<std::size_t> org_chart::unit_vertex(std::string_view id) const {
  auto v = vertex_of(id);
  if (v && !data_->graph[*v].is_unit())
    return fail(errc::invalid_argument,
                fmt::format("org chart {}: {} is not a unit", data_->source, data_->graph[*v].describe()));
  return v;
}

result<const org_node *> org_chart::node(std::string_view id) const {
  auto v = vertex_of(id);
  if (!v) return failure{v.error()};
  return &data_->graph[*v];
}

result<const org_node *> org_chart::government(std::string_view id) const {
  auto v = vertex_of(id);
  if (!v) return failure{v.error()};
  const auto gov = data_->government[*v];
  if (gov == no_vertex)
    return fail(errc::not_found, fmt::format("org chart {}: {} is the top of the chart: no government above it", data_->source,
                                             data_->graph[*v].describe()));
  return &data_->graph[gov];
}

result<const org_node *> org_chart::supervising_leader(std::string_view unit_id) const {
  auto v = unit_vertex(unit_id);
  if (!v) return failure{v.error()};
  const auto leader = data_->superior[*v];
  if (leader == no_vertex)
    return fail(errc::not_found, fmt::format("org chart {}: {} is the top of the chart: it has no supervising leader",
                                             data_->source, data_->graph[*v].describe()));
  return &data_->graph[leader];
}

result<const org_node *> org_chart::principal_leader(std::string_view unit_id) const {
  auto v = unit_vertex(unit_id);
  if (!v) return failure{v.error()};
  const auto gov = data_->government[*v];
  if (gov == no_vertex)
    return fail(errc::not_found,
                fmt::format("org chart {}: {} is the top of the chart: no government above it has a principal leader",
                            data_->source, data_->graph[*v].describe()));
  return &data_->graph[data_->principal[gov]];
}

result<const org_node *> org_chart::office(std::string_view unit_id) const {
  auto v = unit_vertex(unit_id);
  if (!v) return failure{v.error()};
  const auto gov = data_->government[*v];
  if (gov == no_vertex)
    return fail(errc::not_found, fmt::format("org chart {}: {} is the top of the chart: no government above it has an office",
                                             data_->source, data_->graph[*v].describe()));
  return &data_->graph[data_->office[gov]];
}

result<const org_node *> org_chart::superior(std::string_view id) const {
  auto v = vertex_of(id);
  if (!v) return failure{v.error()};
  const auto up = data_->superior[*v];
  return up == no_vertex ? nullptr : &data_->graph[up];
}

result<const org_node *> org_chart::lowest_common_superior(std::span<const std::string> unit_ids) const {
  if (unit_ids.empty()) return fail(errc::invalid_argument, "lowest common superior of no units");
  const auto &d = *data_;
  std::size_t common = no_vertex;
  for (const auto &id : unit_ids) {
    auto unit = supervising_leader(id);
    if (!unit) return failure{unit.error()};
    std::size_t a = d.superior[d.index.find(id)->second];
    if (common == no_vertex) {
      common = a;
      continue;
    }
    // Lift the deeper chain to the other's depth, then climb both until they meet.
    std::size_t b = common;
    while (d.depth[a] > d.depth[b])
      a = d.superior[a];
    while (d.depth[b] > d.depth[a])
      b = d.superior[b];
    while (a != b && a != no_vertex) {
      a = d.superior[a];
      b = d.superior[b];
    }
    if (a == no_vertex)
      return fail(errc::not_found,
                  fmt::format("org chart {}: units '{}' and '{}' have no superior in common", d.source, unit_ids.front(), id));
    common = a;
  }
  return &d.graph[common];
}

result<std::span<const org_node *const>> org_chart::children(std::string_view unit_id) const {
  auto v = unit_vertex(unit_id);
  if (!v) return failure{v.error()};
  const auto &list = data_->children[*v];
  return std::span<const org_node *const>(list.data(), list.size());
}

result<const org_node *> org_chart::parent_unit(std::string_view unit_id) const {
  auto v = unit_vertex(unit_id);
  if (!v) return failure{v.error()};
  const auto p = data_->parent[*v];
  return p == no_vertex ? nullptr : &data_->graph[p];
}

namespace {

// A DOT double-quoted string.
std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + '"';
}

struct node_style {
  org_node_kind kind;
  leader_role role;
  std::string_view attributes;
};
// clang-format off
constexpr node_style node_styles[] = {
    {org_node_kind::office, leader_role::supervising, "shape=folder, style=filled, fillcolor=\"#fff2cc\""},
    {org_node_kind::unit,   leader_role::supervising, "shape=box, style=filled"},
    {org_node_kind::leader, leader_role::supervising, "shape=ellipse"},
    {org_node_kind::leader, leader_role::principal,   "shape=doubleoctagon"},
};
constexpr std::pair<admin_level, std::string_view> level_colours[] = {
    {admin_level::city, "#dae8fc"}, {admin_level::district, "#d5e8d4"}, {admin_level::town, "#f8cecc"}};
constexpr std::pair<org_edge_kind, std::string_view> edge_styles[] = {
    {org_edge_kind::reports_to,    "style=solid"},
    {org_edge_kind::supervised_by, "style=dashed, color=\"#1f5fa8\""},
    {org_edge_kind::serves,        "style=dotted, arrowhead=empty"},
};
// clang-format on

struct vertex_writer {
  const org_graph *g;
  void operator()(std::ostream &out, std::size_t v) const {
    const org_node &n = (*g)[v];
    std::string_view attributes;
    for (const auto &row : node_styles)
      if (row.kind == n.kind && (n.kind != org_node_kind::leader || row.role == n.role)) attributes = row.attributes;
    out << "[label=" << quoted(n.name) << ", tooltip=" << quoted(n.describe()) << ", " << attributes;
    if (n.is_unit()) {
      for (const auto &[level, colour] : level_colours)
        if (level == n.level) out << ", fillcolor=" << quoted(colour);
      if (n.government) out << ", peripheries=2";
    }
    out << ']';
  }
};

struct edge_writer {
  const org_graph *g;
  void operator()(std::ostream &out, const org_graph::edge_descriptor &e) const {
    for (const auto &[kind, style] : edge_styles)
      if (kind == (*g)[e].kind) out << '[' << style << ']';
  }
};

// Graph attributes and one cluster per government, nested as the governments are.
struct graph_writer {
  const detail::org_data *d;
  void cluster(std::ostream &out, std::size_t gov, int indent) const {
    const std::string pad(static_cast<std::size_t>(indent) * 2, ' ');
    const auto &g = d->graph;
    out << pad << "subgraph " << quoted("cluster_" + g[gov].id) << " {\n"
        << pad << "  label=" << quoted(g[gov].name) << "; style=rounded;\n"
        << pad << "  " << boost::escape_dot_string(g[gov].id) << ";\n";
    for (std::size_t v = 0; v < boost::num_vertices(g); ++v)
      if (d->government[v] == gov && !(g[v].is_unit() && g[v].government))
        out << pad << "  " << boost::escape_dot_string(g[v].id) << ";\n";
    for (std::size_t v = 0; v < boost::num_vertices(g); ++v)
      if (d->government[v] == gov && g[v].is_unit() && g[v].government) cluster(out, v, indent + 1);
    out << pad << "}\n";
  }
  void operator()(std::ostream &out) const {
    out << "label=" << quoted(d->name) << ";\nrankdir=BT;\nnewrank=true;\n";
    const auto &g = d->graph;
    for (std::size_t v = 0; v < boost::num_vertices(g); ++v)
      if (g[v].is_unit() && g[v].government && d->government[v] == no_vertex) cluster(out, v, 0);
  }
};

} // namespace

void org_chart::write_dot(std::ostream &out) const {
  const auto &g = data_->graph;
  boost::write_graphviz(out, g, vertex_writer{&g}, edge_writer{&g}, graph_writer{data_.get()}, boost::get(&org_node::id, g));
}

std::string org_chart::to_dot() const {
  std::ostringstream out;
  write_dot(out);
  return std::move(out).str();
}

} // namespace caseflow
