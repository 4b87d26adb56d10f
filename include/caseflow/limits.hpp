// limits: how much input the library takes, and what text it holds.
//
// Everything a host or a file hands in - a journal line, an import line, a title, a proposer's name, a
// reply's reason, an organisation chart - is checked where it enters, before anything is parsed deeply
// or stored, against the named limits below. A limit that is hit is an error naming the limit and the
// field, never a crash, a silent cut or a slow walk:
//   - JSON nesting deeper than json_depth is found by a scan of the brackets outside strings before the
//     text is parsed, so that no recursive walk (parsing, copying, printing, comparing) ever meets it;
//   - a line longer than line_bytes (a journal line: journal_line_bytes) is refused before it is parsed;
//   - text must be valid UTF-8 (the journal stores UTF-8, and a text that is not would only fail later,
//     where it is written), within the length of its kind, and without control characters: ids hold
//     none, names and titles only tab and newline, free text (reasons) tab, newline and carriage return.
// The figures are generous for real items (a title of 1 KiB is some 340 Chinese characters) and small
// enough that a hostile input costs little.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace caseflow {

namespace limits {
inline constexpr std::size_t json_depth = 64;                   ///< nested arrays and objects in one JSON text
inline constexpr std::size_t line_bytes = std::size_t{4} << 20; ///< one import line, one JSON text handed in
/// One journal line. The book writes it, and a tick's unit holds every notice the tick issues: at a
/// provincial platform's scale (a million items, the first working day after a holiday) that is over
/// 100,000 notices, some megabytes; the journal writer refuses a unit longer than this, so that what
/// was written always reads back.
inline constexpr std::size_t journal_line_bytes = std::size_t{256} << 20;
inline constexpr std::size_t id_bytes = 256;                     ///< ids: case id parts, units, senders, chart nodes
inline constexpr std::size_t name_bytes = 1024;                  ///< names: proposers, categories, chart and registry names
inline constexpr std::size_t title_bytes = 1024;                 ///< an item's title
inline constexpr std::size_t text_bytes = std::size_t{64} << 10; ///< free text: reasons, decisions, opinions
inline constexpr std::size_t proposers_per_item = 1000;          ///< the lead proposer and co-signers of one item
inline constexpr std::size_t units_per_item = 500;               ///< units in one assignment
inline constexpr std::size_t records_per_import = 1000000;       ///< registrations and events in one import
} // namespace limits

/// What a text is, which says its length limit and the control characters it may hold.
enum class text_kind : unsigned char {
  id,        ///< limits::id_bytes, no control characters
  name,      ///< limits::name_bytes, tab and newline only
  title,     ///< limits::title_bytes, tab and newline only
  free_text, ///< limits::text_bytes, tab, newline and carriage return only
};

/// True when `text` is well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF).
bool is_utf8(std::string_view text) noexcept;

/// What is wrong with `text` as a text of `kind`, or empty when nothing is: "is not valid UTF-8 (byte 3)",
/// "is 10485760 bytes, more than limits::title_bytes (1024)", "holds control character U+0000 (byte 5)".
/// Callers put the field in front.
std::optional<std::string> text_problem(std::string_view text, text_kind kind);

/// A text with the field it is in, for first_text_problem.
struct named_text {
  std::string_view field;
  std::string_view text;
  text_kind kind;
};
/// The first of `texts` that text_problem refuses, as "field 'reason': is not valid UTF-8 (byte 3)".
std::optional<std::string> first_text_problem(std::span<const named_text> texts);
std::optional<std::string> first_text_problem(std::initializer_list<named_text> texts);

/// What is wrong with `json_text` before it is parsed, or empty: longer than `max_bytes`
/// ("is 5000000 bytes, more than limits::line_bytes (4194304)"), or arrays and objects nested deeper
/// than `max_depth` ("nests arrays and objects deeper than limits::json_depth (64)"). Brackets inside
/// strings do not count. Linear, allocates nothing; text that is not JSON is left to the parser.
std::optional<std::string> json_shape_problem(std::string_view json_text, std::size_t max_bytes = limits::line_bytes,
                                              std::size_t max_depth = limits::json_depth);

} // namespace caseflow
