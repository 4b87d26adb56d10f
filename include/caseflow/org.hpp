// org_chart: who answers to whom, so that difficult items can be routed up the coordination ladder
// (office -> supervising leader -> principal leader) and passed down the administrative levels.
//
// Nodes. Three kinds:
//   - a unit (承办单位): a bureau, a district, a town, ... with its administrative level (city, district,
//     town). A unit marked as a government (the city, a district) has one office and one principal
//     leader of its own; the other units belong to the nearest government they report to.
//   - an office (办公室 / 办公厅): the assigning and coordinating office of one government.
//   - a leader: the principal leader (主要领导) of a government, or a supervising leader (分管领导) of it.
// Edges, each pointing upwards:
//   reports_to     unit -> the unit it belongs to (bureau or town -> district; district -> city)
//   supervised_by  unit -> its supervising leader (a leader of the unit's own government);
//                  supervising leader -> the principal leader of that government
//   serves         office or principal leader -> its government
// A supervision chain therefore reads: 区建设管理委 -> 副区长 -> 区长 -> (the district as a unit of the
// city) -> 副市长 -> 市长. The lowest common superior of several units is the first node their chains
// share: their common supervising leader, or else the principal leader (then level 2 of the ladder has
// nobody of its own and is skipped).
//
// Data. A JSON file with "format": 1, a "name" and a "nodes" array (see data/examples/minhang-org.json):
//     {"id": "minhang", "kind": "unit", "name": "闵行区人民政府", "level": "district", "government": true,
//      "reports_to": "shanghai", "supervised_by": "sh-vm-exec"}
//     {"id": "mh-office", "kind": "office", "name": "区政府办公室", "of": "minhang"}
//     {"id": "mh-mayor", "kind": "leader", "role": "principal", "name": "区长", "of": "minhang"}
//     {"id": "mh-jsw", "kind": "unit", "name": "区建设管理委", "level": "district", "reports_to": "minhang",
//      "supervised_by": "mh-vm-build"}
// Loading validates everything (unknown keys, kinds and levels; duplicate and dangling ids; cycles; a unit
// without a supervising leader of its own government; a government with no or two principal leaders or
// offices; a unit reporting to a lower level) and returns either a whole chart or one error naming the
// file and the JSON path or id. A loaded chart is immutable; copies share it.
//
// Cost. Lookups by id are hashed; every other query is O(depth of the chart) and allocates nothing.
#pragma once

#include <caseflow/error.hpp>

#include <boost/graph/adjacency_list.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace caseflow {

/// What a node of the chart is.
enum class org_node_kind : std::uint8_t { office, unit, leader };
/// Administrative level, from the top down.
enum class admin_level : std::uint8_t { city, district, town };
/// A leader's place on the ladder.
enum class leader_role : std::uint8_t { supervising, principal };
/// What an edge of the chart says (it always points upwards).
enum class org_edge_kind : std::uint8_t { reports_to, supervised_by, serves };

/// Stable names, as used in chart files: "office", "district", "principal", "reports_to", ...
std::string_view to_string(org_node_kind v) noexcept;
std::string_view to_string(admin_level v) noexcept;
std::string_view to_string(leader_role v) noexcept;
std::string_view to_string(org_edge_kind v) noexcept;

/// One node of the chart (the bundled vertex property of the graph).
struct org_node {
  std::string id;   ///< short ascii slug, unique in the chart
  std::string name; ///< display name (Chinese in practice)
  org_node_kind kind{org_node_kind::unit};
  admin_level level{admin_level::district};   ///< a unit's own level; for offices and leaders, their government's
  leader_role role{leader_role::supervising}; ///< leaders only
  bool government = false;                    ///< units only: has its own office and principal leader

  /// "unit 'mh-jsw'", "principal leader 'mh-mayor'", "office 'mh-office'": how messages name it.
  std::string describe() const;
  bool is_unit() const noexcept { return kind == org_node_kind::unit; }
  bool is_principal() const noexcept { return kind == org_node_kind::leader && role == leader_role::principal; }

  friend bool operator==(const org_node &, const org_node &) = default;
};

/// The bundled edge property.
struct org_edge {
  org_edge_kind kind{org_edge_kind::reports_to};
  friend bool operator==(const org_edge &, const org_edge &) = default;
};

/// The chart as a Boost.Graph graph; vertices are in file order.
using org_graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, org_node, org_edge>;

namespace detail {
struct org_data;
}

class org_chart;
/// Reads and validates a chart file. errc::io_error if it cannot be read; otherwise as parse_org_chart.
result<org_chart> load_org_chart(const std::filesystem::path &file);
/// Validates a chart held in memory; `source_name` (usually the file name) starts every error message:
/// "minhang-org.json: $.nodes[4].reports_to: unknown id 'mh-xx' (unit 'mh-jsw')". Codes: errc::parse_error
/// (not JSON, wrong types, unknown keys, kinds or levels, bad ids), errc::not_found (dangling ids),
/// errc::conflict (duplicates, cycles, a missing or second principal leader or office, a unit without
/// a supervising leader of its own government, a unit reporting to a lower level).
result<org_chart> parse_org_chart(std::string_view text, std::string_view source_name = "<org chart>");

/// A validated, immutable organisation chart. Node pointers it hands out stay valid as long as any
/// copy of the chart lives.
class org_chart {
public:
  /// The chart's "name" field and the name it was loaded under (used in messages).
  const std::string &name() const noexcept;
  const std::string &source_name() const noexcept;
  /// The graph, for Boost.Graph algorithms of the host's own.
  const org_graph &graph() const noexcept;
  /// Number of nodes.
  std::size_t size() const noexcept;

  /// The node `id`, or nullptr.
  const org_node *find(std::string_view id) const noexcept;
  /// The node `id`, or errc::not_found naming the id.
  result<const org_node *> node(std::string_view id) const;

  /// The government a unit, office or leader belongs to (for a unit: the nearest government it reports
  /// to, not itself: a district is a unit of the city). errc::not_found for the top of the chart.
  result<const org_node *> government(std::string_view id) const;
  /// The supervising leader of a unit. errc::invalid_argument if `unit_id` is not a unit, errc::not_found
  /// if it is unknown or the top of the chart.
  result<const org_node *> supervising_leader(std::string_view unit_id) const;
  /// The principal leader of the unit's government.
  result<const org_node *> principal_leader(std::string_view unit_id) const;
  /// The office of the unit's government: level 1 of the ladder for the unit's items.
  result<const org_node *> office(std::string_view unit_id) const;
  /// The next node up the supervision chain of any node (unit -> supervising leader -> principal leader
  /// -> the supervising leader of the principal's government, ...); nullptr at the top and for offices,
  /// which coordinate but are not on the chain.
  result<const org_node *> superior(std::string_view id) const;

  /// The first node on the supervision chains of all `unit_ids`: their common supervising leader, or the
  /// principal leader above them (check `is_principal()`: level 2 is then skipped), or higher across
  /// governments. errc::invalid_argument for an empty list or a node that is not a unit; errc::not_found
  /// for an unknown id, the top of the chart, or units with no superior in common.
  result<const org_node *> lowest_common_superior(std::span<const std::string> unit_ids) const;

  /// The units reporting directly to `unit_id`, in file order (where a unit passes items down).
  result<std::span<const org_node *const>> children(std::string_view unit_id) const;
  /// The unit `unit_id` reports to; nullptr at the top of the chart.
  result<const org_node *> parent_unit(std::string_view unit_id) const;

  /// Graphviz DOT of the chart: one cluster per government, shapes per kind, edges styled per kind.
  void write_dot(std::ostream &out) const;
  std::string to_dot() const;

private:
  friend result<org_chart> parse_org_chart(std::string_view, std::string_view);
  explicit org_chart(std::shared_ptr<const detail::org_data> data) : data_(std::move(data)) {}
  result<std::size_t> vertex_of(std::string_view id) const;
  result<std::size_t> unit_vertex(std::string_view id) const;

  std::shared_ptr<const detail::org_data> data_;
};

} // namespace caseflow
