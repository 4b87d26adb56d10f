#include <caseflow/import.hpp>

#include <boost/spirit/home/x3.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <optional>
#include <sstream>

namespace caseflow {

namespace {

using json = nlohmann::json;

// ---- Encoding -------------------------------------------------------------------------------------

// The length of the UTF-8 sequence at `s`, or 0 if it is not one (overlong forms and surrogates too).
std::size_t utf8_sequence(std::string_view s) {
  const auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const auto cont = [&](std::size_t i) { return i < s.size() && (b(i) & 0xC0) == 0x80; };
  const unsigned char c = b(0);
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    if (c == 0xE0 && b(1) < 0xA0) return 0;  // overlong
    if (c == 0xED && b(1) >= 0xA0) return 0; // surrogates
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    if ((c == 0xF0 && b(1) < 0x90) || (c == 0xF4 && b(1) >= 0x90)) return 0;
    return 4;
  }
  return 0;
}

// Whether the bytes read as GBK / GB18030 double-byte text: a lead byte 0x81-0xFE, a trail 0x40-0xFE.
bool looks_like_gbk(std::string_view s) {
  std::size_t pairs = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) continue;
    if (c == 0x80 || c == 0xFF || i + 1 == s.size()) return false;
    const auto t = static_cast<unsigned char>(s[i + 1]);
    if (t < 0x40 || t == 0x7F || t == 0xFF) return false;
    ++pairs, ++i;
  }
  return pairs > 0;
}

// Refuses text that is not UTF-8, naming the line and the likely encoding with the command that fixes it.
status<> check_utf8(std::string_view text, std::string_view source_name) {
  if (text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF"))
    return fail(errc::parse_error, fmt::format("{}: the file is UTF-16, not UTF-8: convert it with iconv -f UTF-16 -t UTF-8 "
                                               "(or save it from Excel as \"CSV UTF-8\")",
                                               source_name));
  std::size_t line = 1;
  for (std::size_t i = 0; i < text.size();) {
    const auto n = utf8_sequence(text.substr(i));
    if (n == 0) {
      const auto start = text.rfind('\n', i) == std::string_view::npos ? 0 : text.rfind('\n', i) + 1;
      const auto end = std::min(text.find('\n', i), text.size());
      const bool gbk = looks_like_gbk(text.substr(start, end - start));
      return fail(errc::parse_error,
                  fmt::format("{}:{}: the text is not valid UTF-8 (byte {} of the line){}", source_name, line, i - start + 1,
                              gbk ? fmt::format("; it looks like GBK, as Excel saves CSV on Chinese Windows: convert it with "
                                                "iconv -f GBK -t UTF-8 {} > utf8.csv (or save it as \"CSV UTF-8\")",
                                                source_name)
                                  : std::string("; convert it to UTF-8 first")));
    }
    if (text[i] == '\n') ++line;
    i += n;
  }
  return ok;
}

// ---- CSV ------------------------------------------------------------------------------------------

namespace x3 = boost::spirit::x3;

// RFC 4180: a field is quoted (quotes inside written twice, commas and line breaks allowed) or plain.
const auto quoted_field = x3::lexeme['"' >> *(x3::lit("\"\"") >> x3::attr('"') | ~x3::char_('"')) >> '"'];
const auto plain_field = x3::lexeme[*~x3::char_(",\r\n\"")];
const auto csv_record = (quoted_field | plain_field) % ',';
const auto line_end = x3::lit("\r\n") | x3::lit('\n') | x3::lit('\r');

// The columns, their names in English and Chinese, and whether a file must have them.
enum class column : std::uint8_t { id, kind, category, title, lead, co_signers, key_item, leader_supervised };
struct column_row {
  column what;
  bool required;
  std::array<std::string_view, 5> names; // the first is the English name used in messages
};
// clang-format off
constexpr column_row columns[] = {
    {column::id,                true,  {"case", "案号", "编号", "建议提案编号", ""}},
    {column::kind,              true,  {"kind", "类型", "种类", "", ""}},
    {column::category,          true,  {"category", "类别", "分类", "", ""}},
    {column::title,             true,  {"title", "标题", "案由", "题目", ""}},
    {column::lead,              true,  {"lead_proposer", "领衔人", "提出人", "领衔代表", "领衔委员"}},
    {column::co_signers,        false, {"co_signers", "附议人", "联名人", "附议代表", ""}},
    {column::key_item,          false, {"key_item", "重点", "重点件", "是否重点", ""}},
    {column::leader_supervised, false, {"leader_supervised", "领导督办", "是否领导督办", "", ""}},
};
constexpr std::pair<std::string_view, case_kind> kind_names[] = {
    {"deputy_suggestion", case_kind::deputy_suggestion}, {"建议", case_kind::deputy_suggestion},
    {"代表建议", case_kind::deputy_suggestion},           {"人大代表建议", case_kind::deputy_suggestion},
    {"cppcc_proposal", case_kind::cppcc_proposal},       {"提案", case_kind::cppcc_proposal},
    {"政协提案", case_kind::cppcc_proposal},
};
constexpr std::pair<std::string_view, bool> flag_names[] = {
    {"", false},     {"false", false}, {"FALSE", false}, {"False", false}, {"0", false}, {"否", false},
    {"true", true},  {"TRUE", true},   {"True", true},   {"1", true},      {"是", true},
};
// Separators between co-signers: ASCII and full-width.
constexpr std::string_view co_signer_separators[] = {";", "；", "，", "、", ","};
// clang-format on

// Spaces around a cell, ASCII and the ideographic space U+3000 that Chinese input leaves.
std::string trimmed(std::string_view s) {
  constexpr std::string_view ideographic = "\xE3\x80\x80";
  for (bool changed = true; changed;) {
    changed = false;
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
      s.remove_prefix(1), changed = true;
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
      s.remove_suffix(1), changed = true;
    if (s.starts_with(ideographic)) s.remove_prefix(ideographic.size()), changed = true;
    if (s.ends_with(ideographic)) s.remove_suffix(ideographic.size()), changed = true;
  }
  return std::string(s);
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto &c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::vector<std::string> split_co_signers(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    std::size_t at = text.size(), width = 0;
    for (const auto sep : co_signer_separators)
      if (const auto p = text.find(sep); p != std::string_view::npos && p < at) at = p, width = sep.size();
    if (auto name = trimmed(text.substr(0, at)); !name.empty()) out.push_back(std::move(name));
    text = at == text.size() ? std::string_view() : text.substr(at + width);
  }
  return out;
}

struct csv_layout {
  std::array<std::optional<std::size_t>, std::size(columns)> index; // cell index of each column
  std::size_t width = 0;
};

result<csv_layout> read_header(const std::vector<std::string> &cells, std::string_view where) {
  csv_layout layout;
  layout.width = cells.size();
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const auto name = trimmed(cells[i]);
    const auto it = std::find_if(std::begin(columns), std::end(columns), [&](const column_row &c) {
      return std::any_of(c.names.begin(), c.names.end(), [&](std::string_view n) { return !n.empty() && lower(name) == n; });
    });
    if (it == std::end(columns))
      return fail(errc::parse_error, fmt::format("{}: column {}: unknown column '{}' (expected case, kind, category, title, "
                                                 "lead_proposer, co_signers, key_item, leader_supervised or their Chinese names)",
                                                 where, i + 1, name));
    auto &slot = layout.index[static_cast<std::size_t>(it - std::begin(columns))];
    if (slot) return fail(errc::parse_error, fmt::format("{}: column {}: '{}' is given twice", where, i + 1, it->names[0]));
    slot = i;
  }
  for (std::size_t c = 0; c < std::size(columns); ++c)
    if (columns[c].required && !layout.index[c])
      return fail(errc::parse_error,
                  fmt::format("{}: the header has no column '{}' ({})", where, columns[c].names[0], columns[c].names[1]));
  return layout;
}

result<case_info> read_row(const std::vector<std::string> &cells, const csv_layout &layout, std::string_view where) {
  if (cells.size() != layout.width)
    return fail(errc::parse_error,
                fmt::format("{}: {} cells where the header has {} columns", where, cells.size(), layout.width));
  const auto cell = [&](column c) -> std::string {
    const auto &i = layout.index[static_cast<std::size_t>(c)];
    return i ? trimmed(cells[*i]) : std::string();
  };
  const auto named = [&](column c) { return columns[static_cast<std::size_t>(c)].names[0]; };
  const auto kind_text = cell(column::kind);
  const auto kind =
      std::find_if(std::begin(kind_names), std::end(kind_names), [&](const auto &k) { return k.first == kind_text; });
  if (kind == std::end(kind_names))
    return fail(errc::parse_error, fmt::format("{}: column '{}': '{}' is not a kind (deputy_suggestion or 建议, cppcc_proposal "
                                               "or 提案)",
                                               where, named(column::kind), kind_text));
  json j = {{"case", cell(column::id)},
            {"kind", to_string(kind->second)},
            {"category", cell(column::category)},
            {"title", cell(column::title)}};
  j["proposers"] = {{"lead", cell(column::lead)}, {"co_signers", split_co_signers(cell(column::co_signers))}};
  for (const column c : {column::key_item, column::leader_supervised}) {
    const auto text = cell(c);
    const auto flag = std::find_if(std::begin(flag_names), std::end(flag_names), [&](const auto &f) { return f.first == text; });
    if (flag == std::end(flag_names))
      return fail(errc::parse_error,
                  fmt::format("{}: column '{}': '{}' is not true or false (true/false, 1/0, 是/否)", where, named(c), text));
    j[std::string(named(c))] = flag->second;
  }
  return case_info_from_json(j, where);
}

result<std::vector<import_record>> read_csv(std::string_view text, std::string_view source_name) {
  std::vector<import_record> out;
  std::optional<csv_layout> layout;
  auto it = text.begin();
  std::size_t line = 1;
  while (it != text.end()) {
    const auto start = it;
    const std::size_t record_line = line;
    std::vector<std::string> cells;
    if (!x3::parse(it, text.end(), csv_record, cells) || (it != text.end() && !x3::parse(it, text.end(), line_end))) {
      line += static_cast<std::size_t>(std::count(start, it, '\n'));
      return fail(errc::parse_error, fmt::format("{}:{}: not CSV here (a quote in an unquoted cell, or a quoted cell that is "
                                                 "not closed)",
                                                 source_name, line));
    }
    line += static_cast<std::size_t>(std::count(start, it, '\n'));
    if (static_cast<std::size_t>(it - start) > limits::line_bytes)
      return fail(errc::parse_error, fmt::format("{}:{}: the row is {} bytes, more than limits::line_bytes ({})", source_name,
                                                 record_line, it - start, limits::line_bytes));
    // A line break inside a quoted cell is a line break, however the file ends its lines.
    for (auto &c : cells)
      for (auto at = c.find("\r\n"); at != std::string::npos; at = c.find("\r\n", at))
        c.erase(at, 1);
    // Excel leaves rows of empty cells after the data: they hold nothing.
    if (std::all_of(cells.begin(), cells.end(), [](const std::string &c) { return trimmed(c).empty(); })) continue;
    const auto where = fmt::format("{}:{}", source_name, record_line);
    if (!layout) {
      auto header = read_header(cells, where);
      if (!header) return failure{header.error()};
      layout = *header;
      continue;
    }
    if (out.size() == max_import_records)
      return fail(errc::out_of_range, fmt::format("{}: more than {} records in one import", where, max_import_records));
    auto info = read_row(cells, *layout, where);
    if (!info) return failure{info.error()};
    out.push_back({record_line, std::move(*info)});
  }
  return out;
}

// ---- JSON lines -----------------------------------------------------------------------------------

} // namespace

result<import_record> read_import_line(std::string_view text, std::string_view where, std::size_t line) {
  // Checked before parsing: a line nested 100,000 deep would overflow the parser's stack.
  if (auto problem = json_shape_problem(text)) return fail(errc::parse_error, fmt::format("{}: the line {}", where, *problem));
  const json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return fail(errc::parse_error, fmt::format("{}: not a JSON object", where));
  if (!j.contains("type")) {
    auto info = case_info_from_json(j, where);
    if (!info) return failure{info.error()};
    return import_record{line, std::move(*info)};
  }
  const auto id_field = j.find("case");
  if (id_field == j.end() || !id_field->is_string())
    return fail(errc::parse_error, fmt::format("{}: field 'case': is missing", where));
  auto id = case_id::parse(id_field->get<std::string>());
  if (!id) return fail(errc::parse_error, fmt::format("{}: field 'case': {}", where, id.error().message));
  auto e = event_from_json(j, where);
  if (!e) return failure{e.error()};
  return import_record{line, std::pair{std::move(*id), std::move(*e)}};
}

namespace {

result<std::vector<import_record>> read_jsonl(std::string_view text, std::string_view source_name) {
  std::vector<import_record> out;
  std::size_t line = 0;
  while (!text.empty()) {
    ++line;
    const auto nl = text.find('\n');
    std::string_view row = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (row.ends_with('\r')) row.remove_suffix(1);
    if (row.find_first_not_of(" \t") == std::string_view::npos) continue;
    const auto where = fmt::format("{}:{}", source_name, line);
    if (out.size() == max_import_records)
      return fail(errc::out_of_range, fmt::format("{}: more than {} records in one import", where, max_import_records));
    auto record = read_import_line(row, where, line);
    if (!record) return failure{record.error()};
    out.push_back(std::move(*record));
  }
  return out;
}

} // namespace

result<import_format> import_format_of(const std::filesystem::path &file) {
  const auto ext = lower(file.extension().string());
  if (ext == ".csv") return import_format::csv;
  if (ext == ".jsonl" || ext == ".json") return import_format::jsonl;
  return fail(
      errc::invalid_argument,
      fmt::format("{}: an import is a .csv (registrations) or .jsonl file (registrations and events)", file.filename().string()));
}

result<std::vector<import_record>> read_import(std::string_view text, import_format format, std::string_view source_name) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3); // Excel's UTF-8 byte order mark
  if (auto r = check_utf8(text, source_name); !r) return failure{r.error()};
  auto records = format == import_format::csv ? read_csv(text, source_name) : read_jsonl(text, source_name);
  if (!records) return records;
  if (records->empty())
    return fail(errc::invalid_argument,
                fmt::format("{}: holds no {} (an empty file?): nothing was imported", source_name,
                            format == import_format::csv ? "registrations after its header" : "registrations or events"));
  return records;
}

result<std::vector<import_record>> read_import_file(const std::filesystem::path &file) {
  auto format = import_format_of(file);
  if (!format) return failure{format.error()};
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec))
    return fail(errc::io_error, fmt::format("{}: is a directory, not an import file (nothing was imported)", file.string()));
  std::ifstream in(file, std::ios::binary);
  if (!in) return fail(errc::io_error, fmt::format("{}: cannot open", file.string()));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return fail(errc::io_error, fmt::format("{}: cannot read (nothing was imported)", file.string()));
  return read_import(text.str(), *format, file.string());
}

} // namespace caseflow
