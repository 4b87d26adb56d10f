// A hash index over the nodes of an ordered map: the map keeps the order that snapshots, reports and
// listings read, the index finds a node in one or two cache misses where a walk down the tree by string
// keys misses at every level (a provincial book holds a million cases). The map's nodes never move, so
// the index holds its iterators; it must be told of every node added and dropped. A detail of the book
// and its clock index, not an interface of the library.
#pragma once

#include <cstddef>
#include <unordered_set>
#include <utility>

namespace caseflow::detail {

template <class Map, class KeyHash> class hashed_lookup {
public:
  using key_type = typename Map::key_type;
  using iterator = typename Map::iterator;
  using const_iterator = typename Map::const_iterator;

  // A copy would point into the map it was copied with; a move carries the nodes with the map's.
  hashed_lookup() = default;
  hashed_lookup(const hashed_lookup &) = delete;
  hashed_lookup &operator=(const hashed_lookup &) = delete;
  hashed_lookup(hashed_lookup &&) noexcept = default;
  hashed_lookup &operator=(hashed_lookup &&) noexcept = default;
  ~hashed_lookup() = default;

  /// Indexes the node `at` (a node of the map the index is used with; its key not indexed yet).
  void insert(iterator at) { nodes_.insert(at); }

  /// map.try_emplace(key, args...), indexing the node it adds; if indexing throws, the node is taken
  /// out again, so the map and the index never disagree.
  template <class... Args> std::pair<iterator, bool> try_emplace(Map &map, const key_type &key, Args &&...args) {
    auto added = map.try_emplace(key, std::forward<Args>(args)...);
    if (!added.second) return added;
    try {
      nodes_.insert(added.first);
    } catch (...) {
      map.erase(added.first);
      throw;
    }
    return added;
  }

  /// The node of `map` holding `key`, or map.end().
  iterator find(Map &map, const key_type &key) const {
    const auto it = nodes_.find(key);
    return it == nodes_.end() ? map.end() : *it;
  }
  const_iterator find(const Map &map, const key_type &key) const {
    const auto it = nodes_.find(key);
    return it == nodes_.end() ? map.end() : const_iterator(*it);
  }

  /// Forgets the node holding `key` (before the map drops it).
  void erase(const key_type &key) {
    if (const auto it = nodes_.find(key); it != nodes_.end()) nodes_.erase(it);
  }

private:
  struct hash {
    using is_transparent = void;
    std::size_t operator()(const key_type &key) const noexcept { return KeyHash{}(key); }
    std::size_t operator()(const iterator &it) const noexcept { return KeyHash{}(it->first); }
  };
  struct equal {
    using is_transparent = void;
    static const key_type &key_of(const key_type &key) noexcept { return key; }
    static const key_type &key_of(const iterator &it) noexcept { return it->first; }
    template <class A, class B> bool operator()(const A &a, const B &b) const noexcept { return key_of(a) == key_of(b); }
  };
  std::unordered_set<iterator, hash, equal> nodes_;
};

} // namespace caseflow::detail
