// The inside of an org_chart, shared by the loader (org_load.cpp) and the queries (org.cpp).
//
// Everything a query needs is worked out once at load time and kept in flat tables indexed by vertex,
// so that queries walk at most the depth of the chart and allocate nothing. The data is immutable once
// built; charts share it through a shared_ptr, which keeps node pointers stable across copies.
#pragma once

#include <caseflow/org.hpp>

#include <cstddef>
#include <functional>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace caseflow::detail {

inline constexpr std::size_t no_vertex = std::numeric_limits<std::size_t>::max();

struct string_hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

struct org_data {
  std::string name;
  std::string source;
  org_graph graph;
  std::unordered_map<std::string, std::size_t, string_hash, std::equal_to<>> index; // id -> vertex

  // By vertex; no_vertex where the relation does not exist.
  std::vector<std::size_t> parent;                     // units: the unit reported to
  std::vector<std::size_t> government;                 // units: nearest government strictly above; offices, leaders: theirs
  std::vector<std::size_t> superior;                   // next node up the supervision chain
  std::vector<std::size_t> depth;                      // steps from the node to the top of its supervision chain
  std::vector<std::size_t> office;                     // governments: their office
  std::vector<std::size_t> principal;                  // governments: their principal leader
  std::vector<std::vector<const org_node *>> children; // units: units reporting to them, in file order
};

} // namespace caseflow::detail
