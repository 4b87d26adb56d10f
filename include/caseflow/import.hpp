// import: registrations and events read from the files offices keep - a spreadsheet saved as CSV, or
// JSON lines in the journal's own form - the same way for every host (casectl, caseflow-server, yours).
//
// CSV (RFC 4180: quoted fields may hold commas, quotes written twice and line breaks; a UTF-8 byte order
// mark, CRLF line ends and trailing empty rows as Excel writes them). One header row names the columns,
// in any order, in English or Chinese:
//   case (案号, 编号)  kind (类型)  category (类别, 分类)  title (标题, 案由)
//   lead_proposer (领衔人, 提出人)  co_signers (附议人, 联名人)  key_item (重点, 重点件)
//   leader_supervised (领导督办)
// The first five are required. Kinds are deputy_suggestion / cppcc_proposal or 建议 / 提案 (代表建议,
// 政协提案); flags true/false, TRUE/FALSE, 1/0, 是/否 or empty (false); co-signers are separated by ';',
// '；', '，', '、' or ','.
//
// Text that is not UTF-8 is refused with the line it starts on and, when it looks like GBK (as Excel
// saves CSV on Chinese Windows) or UTF-16, the iconv command that converts it; raw bytes are never
// repeated in messages. Every error names the file and line (and column).
#pragma once

#include <caseflow/event_json.hpp>
#include <caseflow/limits.hpp>
#include <caseflow/workflow.hpp>

#include <cstddef>
#include <filesystem>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace caseflow {

/// One thing an import file asks for, and the line it starts on.
struct import_record {
  std::size_t line = 0;
  std::variant<case_info, std::pair<case_id, event>> what;
};

enum class import_format : std::uint8_t {
  csv,   ///< registrations, one row an item, with a header row
  jsonl, ///< registrations or events, one JSON object a line (event_json.hpp)
};

/// The most records one import takes (errc::out_of_range beyond it); a line (a CSV record) is at most
/// limits::line_bytes, a JSON line nests at most limits::json_depth.
inline constexpr std::size_t max_import_records = limits::records_per_import;

/// The format a file name says: ".csv" (any case) or ".jsonl" / ".json"; errc::invalid_argument otherwise.
result<import_format> import_format_of(const std::filesystem::path &file);

/// Reads every record of `text`; `source_name` (the file name) starts every message. An import with
/// no record at all is errc::invalid_argument ("... nothing was imported"), so an empty file is never
/// taken for a successful one.
result<std::vector<import_record>> read_import(std::string_view text, import_format format, std::string_view source_name);

/// One JSON object, a registration or an event naming its case (as a line of a .jsonl import);
/// `where` starts the messages.
result<import_record> read_import_line(std::string_view json_text, std::string_view where, std::size_t line = 1);

/// Reads a file (messages start with its path): errc::io_error naming it if it cannot be read (or is a
/// directory).
result<std::vector<import_record>> read_import_file(const std::filesystem::path &file);

} // namespace caseflow
