// Loading an org_chart: JSON in, a validated graph out, or one error naming the file and the JSON path
// or id. Validation runs in layers (shape of each node, references, cycles, levels, governments,
// supervision), so that each error is reported where its cause is plainest and nothing is half-built.
#include "org_data.hpp"

#include <caseflow/limits.hpp>

#include <boost/graph/depth_first_search.hpp>
#include <boost/graph/filtered_graph.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>

namespace caseflow {

namespace {

using json = nlohmann::json;
using detail::no_vertex;

// Which keys a node of each kind takes.
enum class use : std::uint8_t { no, optional, required };
struct key_rule {
  std::string_view key;
  use office, unit, leader;
  use for_kind(org_node_kind k) const noexcept {
    switch (k) {
    case org_node_kind::office: return office;
    case org_node_kind::unit: return unit;
    case org_node_kind::leader: return leader;
    }
    return use::no;
  }
};

// clang-format off
constexpr key_rule node_keys[] = {
    // key              office          unit            leader
    {"id",              use::required,  use::required,  use::required},
    {"kind",            use::required,  use::required,  use::required},
    {"name",            use::required,  use::required,  use::required},
    {"level",           use::no,        use::required,  use::no},
    {"government",      use::no,        use::optional,  use::no},
    {"reports_to",      use::no,        use::optional,  use::no},
    {"supervised_by",   use::no,        use::optional,  use::no},
    {"role",            use::no,        use::no,        use::required},
    {"of",              use::required,  use::no,        use::required},
};

constexpr std::string_view top_keys[] = {"format", "name", "nodes"};

constexpr std::pair<std::string_view, org_node_kind> kind_names[] = {
    {"office", org_node_kind::office}, {"unit", org_node_kind::unit}, {"leader", org_node_kind::leader}};
constexpr std::pair<std::string_view, admin_level> level_names[] = {
    {"city", admin_level::city}, {"district", admin_level::district}, {"town", admin_level::town}};
constexpr std::pair<std::string_view, leader_role> role_names[] = {
    {"supervising", leader_role::supervising}, {"principal", leader_role::principal}};
// clang-format on

constexpr std::size_t max_id_length = 64;

template <class E, std::size_t N>
std::optional<E> lookup(const std::pair<std::string_view, E> (&names)[N], std::string_view text) {
  for (const auto &[name, value] : names)
    if (name == text) return value;
  return std::nullopt;
}

template <class E, std::size_t N> std::string choices(const std::pair<std::string_view, E> (&names)[N]) {
  std::string out;
  for (std::size_t i = 0; i < N; ++i)
    out += fmt::format("{}{}", i == 0 ? "" : i + 1 == N ? " or " : ", ", names[i].first);
  return out;
}

bool is_id(std::string_view s) {
  return !s.empty() && s.size() <= max_id_length && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
  });
}

// A node as read, before its references are resolved.
struct raw_node {
  std::string path; // "$.nodes[3]"
  org_node node;
  std::string reports_to, supervised_by, of; // ids; empty when absent
};

class chart_builder {
public:
  explicit chart_builder(std::string_view source) : source_(source) {}

  result<std::shared_ptr<const detail::org_data>> run(std::string_view text);

private:
  failure bad(errc code, std::string_view path, std::string_view what) const {
    return fail(code, fmt::format("{}: {}: {}", source_, path, what));
  }
  std::string field(const raw_node &r, std::string_view key) const { return fmt::format("{}.{}", r.path, key); }

  status<> read_top(const json &root);
  status<> read_node(const json &j, std::size_t i);
  status<> read_string(const json &j, const std::string &path, std::string &out) const;
  status<> build_vertices();
  result<std::size_t> resolve(const raw_node &r, std::string_view key, const std::string &id) const;
  status<> link();
  status<> check_cycles() const;
  status<> check_levels() const;
  status<> assign_governments();
  status<> check_supervision();
  void derive();

  std::string_view source_;
  std::shared_ptr<detail::org_data> data_ = std::make_shared<detail::org_data>();
  std::vector<raw_node> raw_;
};

status<> chart_builder::read_string(const json &j, const std::string &path, std::string &out) const {
  if (!j.is_string()) return bad(errc::parse_error, path, "expected a string");
  if (auto problem = text_problem(j.get_ref<const std::string &>(), text_kind::name))
    return bad(errc::parse_error, path, *problem);
  out = j.get<std::string>();
  if (out.empty()) return bad(errc::parse_error, path, "must not be empty");
  return ok;
}

status<> chart_builder::read_top(const json &root) {
  if (!root.is_object()) return bad(errc::parse_error, "$", "expected a JSON object");
  for (const auto &item : root.items())
    if (std::find(std::begin(top_keys), std::end(top_keys), item.key()) == std::end(top_keys))
      return bad(errc::parse_error, fmt::format("$.{}", item.key()), "unknown key");
  const auto format = root.find("format");
  if (format == root.end()) return bad(errc::parse_error, "$", "missing \"format\" (expected \"format\": 1)");
  if (!format->is_number_integer() || format->get<long long>() != 1)
    return bad(errc::parse_error, "$.format", fmt::format("unsupported format {} (expected 1)", format->dump()));
  if (const auto name = root.find("name"); name != root.end())
    if (auto s = read_string(*name, "$.name", data_->name); !s) return s;
  const auto nodes = root.find("nodes");
  if (nodes == root.end()) return bad(errc::parse_error, "$", "missing \"nodes\"");
  if (!nodes->is_array()) return bad(errc::parse_error, "$.nodes", "expected an array");
  if (nodes->empty()) return bad(errc::parse_error, "$.nodes", "the chart has no nodes");
  for (std::size_t i = 0; i < nodes->size(); ++i)
    if (auto s = read_node((*nodes)[i], i); !s) return s;
  return ok;
}

status<> chart_builder::read_node(const json &j, std::size_t i) {
  raw_node r;
  r.path = fmt::format("$.nodes[{}]", i);
  if (!j.is_object()) return bad(errc::parse_error, r.path, "expected an object");

  // The id and kind first: every later message names the node, and the kind says which keys it takes.
  const auto id = j.find("id");
  if (id == j.end()) return bad(errc::parse_error, r.path, "missing \"id\"");
  if (!id->is_string() || !is_id(id->get<std::string>()))
    return bad(errc::parse_error, field(r, "id"),
               fmt::format("{} is not an id (1 to {} ascii letters, digits, '-', '_' or '.')", id->dump(), max_id_length));
  r.node.id = id->get<std::string>();
  const auto kind = j.find("kind");
  if (kind == j.end()) return bad(errc::parse_error, r.path, fmt::format("node '{}' has no \"kind\"", r.node.id));
  const auto k = kind->is_string() ? lookup(kind_names, kind->get<std::string>()) : std::nullopt;
  if (!k)
    return bad(errc::parse_error, field(r, "kind"),
               fmt::format("unknown kind {} of node '{}' (expected {})", kind->dump(), r.node.id, choices(kind_names)));
  r.node.kind = *k;
  // The role is not read yet, so the node is named by its kind alone until it is.
  const std::string what = fmt::format("{} '{}'", to_string(r.node.kind), r.node.id);

  for (const auto &item : j.items()) {
    const auto rule =
        std::find_if(std::begin(node_keys), std::end(node_keys), [&](const key_rule &kr) { return kr.key == item.key(); });
    if (rule == std::end(node_keys)) return bad(errc::parse_error, field(r, item.key()), fmt::format("unknown key in {}", what));
    if (rule->for_kind(r.node.kind) == use::no)
      return bad(errc::parse_error, field(r, item.key()), fmt::format("\"{}\" does not apply to {}", item.key(), what));
  }
  for (const auto &rule : node_keys)
    if (rule.for_kind(r.node.kind) == use::required && !j.contains(std::string(rule.key)))
      return bad(errc::parse_error, r.path, fmt::format("{} has no \"{}\"", what, rule.key));

  if (auto s = read_string(j.at("name"), field(r, "name"), r.node.name); !s) return s;
  if (const auto level = j.find("level"); level != j.end()) {
    const auto l = level->is_string() ? lookup(level_names, level->get<std::string>()) : std::nullopt;
    if (!l)
      return bad(errc::parse_error, field(r, "level"),
                 fmt::format("unknown level {} of {} (expected {})", level->dump(), what, choices(level_names)));
    r.node.level = *l;
  }
  if (const auto role = j.find("role"); role != j.end()) {
    const auto l = role->is_string() ? lookup(role_names, role->get<std::string>()) : std::nullopt;
    if (!l)
      return bad(errc::parse_error, field(r, "role"),
                 fmt::format("unknown role {} of leader '{}' (expected {})", role->dump(), r.node.id, choices(role_names)));
    r.node.role = *l;
  }
  if (const auto gov = j.find("government"); gov != j.end()) {
    if (!gov->is_boolean()) return bad(errc::parse_error, field(r, "government"), "expected true or false");
    r.node.government = gov->get<bool>();
  }
  const std::pair<std::string_view, std::string *> references[] = {
      {"reports_to", &r.reports_to}, {"supervised_by", &r.supervised_by}, {"of", &r.of}};
  for (const auto &[key, out] : references)
    if (const auto ref = j.find(std::string(key)); ref != j.end())
      if (auto s = read_string(*ref, field(r, key), *out); !s) return s;
  raw_.push_back(std::move(r));
  return ok;
}

status<> chart_builder::build_vertices() {
  auto &d = *data_;
  for (std::size_t v = 0; v < raw_.size(); ++v) {
    const auto [at, inserted] = d.index.try_emplace(raw_[v].node.id, v);
    if (!inserted)
      return bad(errc::conflict, field(raw_[v], "id"),
                 fmt::format("duplicate id '{}' (first at {})", raw_[v].node.id, raw_[at->second].path));
    boost::add_vertex(raw_[v].node, d.graph);
  }
  return ok;
}

result<std::size_t> chart_builder::resolve(const raw_node &r, std::string_view key, const std::string &id) const {
  const auto it = data_->index.find(id);
  if (it == data_->index.end())
    return bad(errc::not_found, field(r, key), fmt::format("unknown id '{}' ({})", id, r.node.describe()));
  return it->second;
}

// Adds the edges named in the file, checking that each names a node of the right kind.
status<> chart_builder::link() {
  auto &g = data_->graph;
  for (std::size_t v = 0; v < raw_.size(); ++v) {
    const raw_node &r = raw_[v];
    if (!r.reports_to.empty()) {
      auto to = resolve(r, "reports_to", r.reports_to);
      if (!to) return failure{to.error()};
      if (!g[*to].is_unit())
        return bad(errc::conflict, field(r, "reports_to"),
                   fmt::format("{} cannot report to {}: only units take reports", r.node.describe(), g[*to].describe()));
      boost::add_edge(v, *to, org_edge{org_edge_kind::reports_to}, g);
    }
    if (!r.supervised_by.empty()) {
      auto by = resolve(r, "supervised_by", r.supervised_by);
      if (!by) return failure{by.error()};
      if (g[*by].kind != org_node_kind::leader || g[*by].role != leader_role::supervising)
        return bad(errc::conflict, field(r, "supervised_by"),
                   fmt::format("{} is not a supervising leader ({})", g[*by].describe(), r.node.describe()));
      boost::add_edge(v, *by, org_edge{org_edge_kind::supervised_by}, g);
    }
    if (!r.of.empty()) {
      auto of = resolve(r, "of", r.of);
      if (!of) return failure{of.error()};
      if (!g[*of].is_unit() || !g[*of].government)
        return bad(errc::conflict, field(r, "of"),
                   fmt::format("{} is not a government (a unit with \"government\": true)", g[*of].describe()));
      data_->government[v] = *of;
      if (r.node.kind == org_node_kind::office || r.node.is_principal())
        boost::add_edge(v, *of, org_edge{org_edge_kind::serves}, g);
    }
  }
  return ok;
}

struct is_reports_to {
  const org_graph *g = nullptr;
  bool operator()(const org_graph::edge_descriptor &e) const { return (*g)[e].kind == org_edge_kind::reports_to; }
};

// Remembers the first edge that closes a cycle.
struct back_edge_finder : boost::default_dfs_visitor {
  std::optional<std::pair<std::size_t, std::size_t>> *found;
  template <class Edge, class Graph> void back_edge(const Edge &e, const Graph &g) const {
    if (!*found) *found = std::pair{boost::source(e, g), boost::target(e, g)};
  }
};

status<> chart_builder::check_cycles() const {
  const auto &g = data_->graph;
  const boost::filtered_graph<org_graph, is_reports_to> reports(g, is_reports_to{&g});
  std::optional<std::pair<std::size_t, std::size_t>> closing;
  boost::depth_first_search(reports, boost::visitor(back_edge_finder{{}, &closing}));
  if (!closing) return ok;
  // Each unit reports to at most one unit, so the cycle is the reports_to path from the edge's target
  // back to its source.
  const auto [from, to] = *closing;
  std::string cycle = g[to].id;
  for (std::size_t v = to; v != from;) {
    v = boost::target(*boost::out_edges(v, reports).first, reports);
    cycle += " -> " + g[v].id;
  }
  cycle += " -> " + g[to].id;
  return fail(errc::conflict, fmt::format("{}: units report to each other in a cycle: {}", source_, cycle));
}

status<> chart_builder::check_levels() const {
  const auto &g = data_->graph;
  for (std::size_t v = 0; v < raw_.size(); ++v) {
    const auto p = data_->parent[v];
    if (p != no_vertex && g[v].level < g[p].level)
      return bad(errc::conflict, field(raw_[v], "reports_to"),
                 fmt::format("{} ({} level) cannot report to {} at the lower {} level", g[v].describe(), to_string(g[v].level),
                             g[p].describe(), to_string(g[p].level)));
  }
  return ok;
}

status<> chart_builder::assign_governments() {
  auto &d = *data_;
  const auto &g = d.graph;
  for (std::size_t v = 0; v < raw_.size(); ++v) {
    if (!g[v].is_unit()) continue;
    if (d.parent[v] == no_vertex && !g[v].government)
      return bad(errc::conflict, raw_[v].path,
                 fmt::format("{} reports to no unit and is not a government: it has no one above it", g[v].describe()));
    std::size_t up = d.parent[v];
    while (up != no_vertex && !g[up].government)
      up = d.parent[up];
    d.government[v] = up;
  }
  for (std::size_t v = 0; v < raw_.size(); ++v) {
    const bool is_office = g[v].kind == org_node_kind::office;
    if (!is_office && !g[v].is_principal()) continue;
    auto &slot = is_office ? d.office[d.government[v]] : d.principal[d.government[v]];
    if (slot != no_vertex)
      return bad(errc::conflict, raw_[v].path,
                 fmt::format("government '{}' has a second {} '{}' (the first is '{}')", g[d.government[v]].id,
                             is_office ? "office" : "principal leader", g[v].id, g[slot].id));
    slot = v;
  }
  for (std::size_t v = 0; v < raw_.size(); ++v) {
    if (!g[v].is_unit() || !g[v].government) continue;
    if (d.principal[v] == no_vertex)
      return bad(errc::conflict, raw_[v].path, fmt::format("government '{}' has no principal leader", g[v].id));
    if (d.office[v] == no_vertex) return bad(errc::conflict, raw_[v].path, fmt::format("government '{}' has no office", g[v].id));
  }
  // A leader's and an office's level is their government's.
  for (std::size_t v = 0; v < raw_.size(); ++v)
    if (!g[v].is_unit()) d.graph[v].level = g[d.government[v]].level;
  return ok;
}

status<> chart_builder::check_supervision() {
  auto &d = *data_;
  auto &g = d.graph;
  for (std::size_t v = 0; v < raw_.size(); ++v) {
    if (g[v].kind == org_node_kind::leader && g[v].role == leader_role::supervising)
      boost::add_edge(v, d.principal[d.government[v]], org_edge{org_edge_kind::supervised_by}, g);
    if (!g[v].is_unit()) continue;
    const raw_node &r = raw_[v];
    const auto gov = d.government[v];
    if (gov == no_vertex) {
      if (!r.supervised_by.empty())
        return bad(
            errc::conflict, field(r, "supervised_by"),
            fmt::format("{} is the top of the chart: no government above it has leaders to supervise it", g[v].describe()));
      continue;
    }
    if (r.supervised_by.empty())
      return bad(errc::conflict, r.path,
                 fmt::format("{} has no supervising leader (\"supervised_by\" must name a supervising leader of '{}')",
                             g[v].describe(), g[gov].id));
    const auto leader = d.index.find(r.supervised_by)->second;
    if (d.government[leader] != gov)
      return bad(errc::conflict, field(r, "supervised_by"),
                 fmt::format("{} is a leader of '{}', but {} belongs to '{}'", g[leader].describe(), g[d.government[leader]].id,
                             g[v].describe(), g[gov].id));
  }
  return ok;
}

// The tables every query reads: supervision chains with their depths, and children lists.
void chart_builder::derive() {
  auto &d = *data_;
  const auto &g = d.graph;
  const std::size_t n = raw_.size();
  for (std::size_t v = 0; v < n; ++v) {
    const org_node &node = g[v];
    if (node.is_unit())
      d.superior[v] = raw_[v].supervised_by.empty() ? no_vertex : d.index.find(raw_[v].supervised_by)->second;
    else if (node.kind == org_node_kind::office)
      d.superior[v] = no_vertex;
    else if (node.role == leader_role::supervising)
      d.superior[v] = d.principal[d.government[v]];
  }
  // A principal leader answers to whoever supervises the government as a unit of the level above.
  for (std::size_t v = 0; v < n; ++v)
    if (g[v].is_principal()) d.superior[v] = d.superior[d.government[v]];
  for (std::size_t v = 0; v < n; ++v) {
    std::size_t depth = 0;
    for (std::size_t up = d.superior[v]; up != no_vertex; up = d.superior[up])
      ++depth;
    d.depth[v] = depth;
  }
  for (std::size_t v = 0; v < n; ++v)
    if (d.parent[v] != no_vertex) d.children[d.parent[v]].push_back(&g[v]);
}

result<std::shared_ptr<const detail::org_data>> chart_builder::run(std::string_view text) {
  if (auto problem = json_shape_problem(text, text.size()))
    return fail(errc::parse_error, fmt::format("{}: the chart {}", source_, *problem));
  json root;
  try {
    root = json::parse(text);
  } catch (const json::exception &e) { // parse_error, and out_of_range for a number too large for a double
    std::string what = e.what();
    if (const auto at = what.find("] "); at != std::string::npos) what.erase(0, at + 2);
    return fail(errc::parse_error, fmt::format("{}: not valid JSON: {}", source_, what));
  }
  if (auto s = read_top(root); !s) return failure{s.error()};

  auto &d = *data_;
  d.source = std::string(source_);
  const std::size_t n = raw_.size();
  for (auto *table : {&d.parent, &d.government, &d.superior, &d.office, &d.principal})
    table->assign(n, no_vertex);
  d.depth.assign(n, 0);
  d.children.assign(n, {});

  if (auto s = build_vertices(); !s) return failure{s.error()};
  if (auto s = link(); !s) return failure{s.error()};
  for (std::size_t v = 0; v < n; ++v)
    if (!raw_[v].reports_to.empty()) d.parent[v] = d.index.find(raw_[v].reports_to)->second;
  if (auto s = check_cycles(); !s) return failure{s.error()};
  if (auto s = check_levels(); !s) return failure{s.error()};
  if (auto s = assign_governments(); !s) return failure{s.error()};
  if (auto s = check_supervision(); !s) return failure{s.error()};
  derive();
  return std::shared_ptr<const detail::org_data>(std::move(data_));
}

} // namespace

result<org_chart> parse_org_chart(std::string_view text, std::string_view source_name) {
  auto data = chart_builder(source_name).run(text);
  if (!data) return failure{data.error()};
  return org_chart(std::move(*data));
}

result<org_chart> load_org_chart(const std::filesystem::path &file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return fail(errc::io_error, fmt::format("{}: cannot open org chart file", file.string()));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return fail(errc::io_error, fmt::format("{}: cannot read org chart file", file.string()));
  return parse_org_chart(text.str(), file.filename().string());
}

} // namespace caseflow
