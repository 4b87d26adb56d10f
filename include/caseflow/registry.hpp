// registry: the proposers an office knows, and who may record feedback for each of them.
//
// A deputy's suggestion is rated by the deputy, a CPPCC proposal by the member or body that made it; in
// practice the rating often reaches the office through the proposer's liaison office (the people's
// congress liaison office for deputies, the CPPCC's proposals office for members, parties and groups),
// which records it on the proposer's behalf. The registry lists both, so that the case book can refuse a
// rating from anyone else (identity.hpp): with a registry, record_feedback carrying a rating is accepted
// only from the proposer side sent as one of the item's proposers or one of their liaisons.
//
// Data. A JSON file with "format": 1, an optional "name", "liaisons" and "proposers":
//     {"format": 1, "name": "2024年代表委员名册",
//      "liaisons": [{"id": "sh-rd-liaison", "name": "市人大常委会代表工作室", "serves": ["deputy"]},
//                   {"id": "sh-zx-liaison", "name": "市政协提案委", "serves": ["member", "group"]}],
//      "proposers": [{"id": "d-0001", "name": "代表甲", "kind": "deputy"},
//                    {"id": "m-0001", "name": "委员甲", "kind": "member", "liaisons": ["sh-zx-liaison"]}]}
// A proposer's "liaisons" names who may record for them; left out, it is every liaison that serves the
// proposer's kind. Kinds: deputy (人大代表), member (政协委员), group (a party, group or committee of the
// CPPCC). An item names its proposers by registry id or, where the name is unique, by name.
// Loading validates everything (unknown keys and kinds, ids that are not slugs, duplicate ids, liaisons
// that are not listed, text per limits.hpp) and returns a whole registry or one error naming the file and
// the JSON path. A loaded registry is immutable; copies share it. Lookups are O(log n).
#pragma once

#include <caseflow/error.hpp>
#include <caseflow/model.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace caseflow {

/// Who a proposer is.
enum class proposer_kind : std::uint8_t { deputy, member, group };
std::string_view to_string(proposer_kind k) noexcept;
/// Whether a proposer of kind `k` may make an item of kind `item`: deputies make suggestions, members and
/// groups CPPCC proposals.
bool makes(proposer_kind k, case_kind item) noexcept;

/// An office that records feedback for proposers.
struct liaison_entry {
  std::string id;
  std::string name;
  std::vector<proposer_kind> serves; ///< the kinds it records for when a proposer names no liaisons
  friend bool operator==(const liaison_entry &, const liaison_entry &) = default;
};

/// A proposer and who may record feedback for them.
struct proposer_entry {
  std::string id;
  std::string name;
  proposer_kind kind{proposer_kind::deputy};
  std::vector<std::string> liaisons; ///< resolved at load: as listed, or every liaison serving the kind; sorted
  friend bool operator==(const proposer_entry &, const proposer_entry &) = default;
};

namespace detail {
struct registry_data;
}

class registry;
/// Reads and validates a registry file. errc::io_error if it cannot be read; otherwise as parse_registry.
result<registry> load_registry(const std::filesystem::path &file);
/// Validates a registry held in memory; `source_name` starts every message: "registry.json:
/// $.proposers[3].liaisons[0]: unknown liaison 'x'". errc::parse_error (not JSON, wrong types, unknown
/// keys or kinds, bad ids or text), errc::conflict (duplicate ids), errc::not_found (unknown liaisons).
result<registry> parse_registry(std::string_view text, std::string_view source_name = "<registry>");

/// A validated, immutable registry of proposers and liaison offices.
class registry {
public:
  const std::string &name() const noexcept;
  const std::string &source_name() const noexcept;
  std::span<const proposer_entry> proposers() const noexcept;
  std::span<const liaison_entry> liaisons() const noexcept;

  /// The proposer an item names: by id, or by name when exactly one proposer has it; nullptr otherwise.
  const proposer_entry *find_proposer(std::string_view id_or_name) const noexcept;
  /// The liaison office `id`, or nullptr.
  const liaison_entry *find_liaison(std::string_view id) const noexcept;
  /// Whether `sender_id` may record feedback for `p`: it names p (as find_proposer does) or is one of p's
  /// liaisons.
  bool may_record_for(const proposer_entry &p, std::string_view sender_id) const noexcept;

private:
  friend result<registry> parse_registry(std::string_view, std::string_view);
  explicit registry(std::shared_ptr<const detail::registry_data> data) : data_(std::move(data)) {}
  std::shared_ptr<const detail::registry_data> data_;
};

} // namespace caseflow
