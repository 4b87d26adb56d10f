// journal: the record format of the append-only log, on top of an event_store.
//
// Units. Everything one call of the book produces - an event with the escalation notices it causes, a
// tick with its notices, a whole import, a calendar change - is one unit, written as one line:
//     {"v":2,"seq":57,"prev":"sm3:9f3c...","records":[{"type":"tick","data":{...}},{"type":"notice",...}],
//      "hash":"sm3:41ab..."}
// A line is appended with one write, so after a crash either the whole unit is there or its line is
// torn (no newline): a torn unit is reported, never replayed, and cut with truncate_torn_tail().
// `seq` numbers units 1, 2, 3, ... without gaps (so a unit's sequence number is its line number), and
// `records` are what the book wrote, in order.
//
// Tamper evidence. Each unit carries the hash of the unit before it (`prev`, empty for the first unit
// of the chain) and its own: `hash` is the digest of the line's bytes up to `,"hash":`, written
// "<algorithm>:<hex>" (SM3 by default, or SHA-256; digest.hpp). Reading recomputes every hash and
// names the first line whose content or link does not match, so an edited, removed or reordered line
// in the middle is found.
//
// Format 1 (one record a line, {"v":1,"seq":N,"type":...,"data":...}, no chain) is still read: each of
// its lines is a unit of one record. A journal may continue in format 2 after format-1 lines; the chain
// then starts at its first format-2 unit. Reading checks every line and names the first bad one by its
// line number; nothing after it is returned.
#pragma once

#include <caseflow/digest.hpp>
#include <caseflow/error.hpp>
#include <caseflow/event_store.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace caseflow {

/// The format written; format 1 is read as well.
inline constexpr int journal_format_version = 2;

struct journal_record {
  std::uint64_t sequence = 0;           ///< of the unit that holds it
  std::string type;                     ///< e.g. "event", "notice", "tick"
  nlohmann::json data;                  ///< what the type says
  std::size_t line = 0;                 ///< 1-based line in the store, when read back
  int version = journal_format_version; ///< the format of its line
  bool ends_unit = true;                ///< the last record of its unit

  friend bool operator==(const journal_record &, const journal_record &) = default;
};

/// One record of a unit to be written.
struct journal_entry {
  std::string type;
  nlohmann::json data;
};

/// Serialises units with consecutive sequence numbers and a hash chain into a store.
class journal_writer {
public:
  /// `next_sequence` and `head` (the hash of the last unit, empty for none) continue an existing
  /// journal: read_journal(...).next_sequence() and .head.
  explicit journal_writer(event_store &store, std::uint64_t next_sequence = 1, std::string head = {},
                          hash_algorithm hash = hash_algorithm::sm3)
      : store_(&store), next_(next_sequence), head_(std::move(head)), hash_(hash) {}

  /// Appends one unit as one line, only if the store holds exactly the units before it
  /// (event_store::append_if: errc::conflict when another writer came first). Returns its sequence
  /// number. On error nothing is counted. errc::invalid_argument for an empty unit or text that is not
  /// valid UTF-8.
  result<std::uint64_t> append_unit(std::span<const journal_entry> records);
  /// A unit of one record.
  result<std::uint64_t> append(std::string_view type, const nlohmann::json &data);

  std::uint64_t next_sequence() const noexcept { return next_; }
  const std::string &head() const noexcept { return head_; }
  hash_algorithm hash() const noexcept { return hash_; }
  event_store &store() noexcept { return *store_; }

private:
  event_store *store_;
  std::uint64_t next_;
  std::string head_;
  hash_algorithm hash_;
};

/// The checked contents of a journal.
struct journal_contents {
  std::vector<journal_record> records;
  std::optional<torn_tail> torn;   ///< a torn last line, reported, not applied
  std::uint64_t last_sequence = 0; ///< of the last complete unit, returned or not
  std::string head;                ///< the hash of the last complete unit ("" when it is of format 1)
  std::uint64_t next_sequence() const noexcept { return last_sequence + 1; }
};

/// Reads and checks every line: JSON object, known version, sequence numbers 1, 2, 3, ..., records with
/// a type and data, and the hash chain. The first bad line is an error naming the store and line; a
/// torn last line is returned in `torn`. Records of units after `after_sequence` only are returned (a
/// snapshot covers the rest); of the lines before, only the sequence numbers are checked (they were
/// read when the snapshot's book was built), which is what makes a start from a snapshot fast.
result<journal_contents> read_journal(const event_store &store, std::uint64_t after_sequence = 0);

/// read_journal a run of up to `run_lines` lines at a time, for a journal too large to hold read whole:
/// `on_records` gets the records read_journal would return, in order, in pieces that each end with a whole
/// unit, and may take them (the vector is cleared afterwards). The contents returned say the rest (torn
/// tail, last sequence, head) and hold no records. The first error, of a line or of `on_records`, ends it;
/// pieces before it have been handed on by then.
result<journal_contents> read_journal_in_runs(const event_store &store, std::uint64_t after_sequence, std::size_t run_lines,
                                              const std::function<status<>(std::vector<journal_record> &)> &on_records);

/// Parses one line of either format into its records (for tools and for read_journal); `where`
/// prefixes error messages. The chain is not checked here: read_journal() links the lines.
result<std::vector<journal_record>> parse_journal_line(std::string_view line, std::string_view where);

/// What verify_journal() found: the units read and the hash of the last one.
struct journal_verdict {
  std::uint64_t units = 0;
  std::uint64_t chained = 0; ///< units of format 2, whose hashes were checked
  std::string head;          ///< "" when the last unit is of format 1
};

/// Reads the whole journal and checks every line and link of the chain (read_journal from the start);
/// a torn last line is an error.
result<journal_verdict> verify_journal(const event_store &store);

} // namespace caseflow
