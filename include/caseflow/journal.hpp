// journal: the record format of the append-only log, on top of an event_store.
//
// Every accepted event and every notice issued becomes one line of JSON:
//     {"v":1,"seq":57,"type":"event","data":{...}}
// `v` is the format version (a reader refuses versions it does not know), `seq` numbers records 1, 2,
// 3, ... without gaps, so that a lost, repeated or reordered line is caught, and `data` is what the
// record's type says. Reading checks every line and names the first bad one by its line number;
// nothing after it is returned. A torn last line (a crash mid-write) is reported, not dropped.
#pragma once

#include <caseflow/error.hpp>
#include <caseflow/event_store.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace caseflow {

inline constexpr int journal_format_version = 1;

struct journal_record {
  std::uint64_t sequence = 0;
  std::string type;     ///< e.g. "event", "notice", "snapshot"
  nlohmann::json data;  ///< what the type says
  std::size_t line = 0; ///< 1-based line in the store, when read back

  friend bool operator==(const journal_record &, const journal_record &) = default;
};

/// Serialises records with consecutive sequence numbers into a store.
class journal_writer {
public:
  /// `next_sequence` continues an existing journal: read_journal(...).next_sequence().
  explicit journal_writer(event_store &store, std::uint64_t next_sequence = 1) noexcept : store_(&store), next_(next_sequence) {}

  /// Appends one record; returns its sequence number. On error nothing is counted.
  result<std::uint64_t> append(std::string_view type, const nlohmann::json &data);
  std::uint64_t next_sequence() const noexcept { return next_; }
  event_store &store() noexcept { return *store_; }

private:
  event_store *store_;
  std::uint64_t next_;
};

/// The checked contents of a journal.
struct journal_contents {
  std::vector<journal_record> records;
  std::optional<torn_tail> torn;   ///< a torn last line, reported, not applied
  std::uint64_t last_sequence = 0; ///< of the last complete record, returned or not
  std::uint64_t next_sequence() const noexcept { return last_sequence + 1; }
};

/// Reads and checks every line: JSON object, known version, sequence numbers 1, 2, 3, ...,
/// a type and data. The first bad line is an error naming the store and line; a torn last line is
/// returned in `torn`. Records after `after_sequence` only are returned (a snapshot covers the rest);
/// of the lines before, only the sequence numbers are checked (they were read when the snapshot's book
/// was built), which is what makes a start from a snapshot fast.
result<journal_contents> read_journal(const event_store &store, std::uint64_t after_sequence = 0);

/// Parses one journal line (for tools and for read_journal); `where` prefixes error messages.
result<journal_record> parse_journal_line(std::string_view line, std::string_view where);

} // namespace caseflow
