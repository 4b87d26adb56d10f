// Reports as an Excel workbook (report_xlsx.hpp), through libxlsxwriter's C API. The workbook is built
// in memory by the library and written by workbook_close, which is where a write error shows.
#include <caseflow/report_xlsx.hpp>

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <memory>

namespace caseflow {

namespace {

// Excel's limits on a sheet name: at most 31 characters, none of []:*?/\ .
std::string sheet_name(std::string name, const std::map<std::string, int, std::less<>> &taken) {
  for (char &c : name)
    if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) c = '_';
  // 31 characters, counted in code points: cut at a character boundary.
  std::size_t chars = 0, at = 0;
  for (; at < name.size() && chars < 28; ++chars) {
    const auto c = static_cast<unsigned char>(name[at]);
    at += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  }
  name.resize(std::min(at, name.size()));
  std::string unique = name;
  for (int n = 2; taken.count(unique) > 0; ++n)
    unique = fmt::format("{} {}", name, n);
  return unique;
}

std::optional<lxw_datetime> parse_day(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = 0, m = 0, d = 0;
  const auto num = [&](std::size_t from, std::size_t len, int &out) {
    const auto r = std::from_chars(text.data() + from, text.data() + from + len, out);
    return r.ec == std::errc() && r.ptr == text.data() + from + len;
  };
  if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d)) return std::nullopt;
  return lxw_datetime{y, m, d, 0, 0, 0.0};
}

std::optional<double> parse_number(std::string_view text) {
  long long v = 0;
  const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || r.ec != std::errc() || r.ptr != text.data() + text.size()) return std::nullopt;
  return static_cast<double>(v);
}

std::optional<double> parse_percent(std::string_view text) {
  if (text.size() < 2 || text.back() != '%') return std::nullopt;
  double v = 0;
  const auto r = std::from_chars(text.data(), text.data() + text.size() - 1, v);
  if (r.ec != std::errc() || r.ptr != text.data() + text.size() - 1) return std::nullopt;
  return v / 100.0;
}

struct sheet {
  lxw_worksheet *ws = nullptr;
  const report_table *first = nullptr; // the table that named it (header, types)
  lxw_row_t rows = 0;                  // data rows written
  std::vector<std::size_t> widths;
};

struct workbook_closer {
  void operator()(lxw_workbook *wb) const {
    if (wb) workbook_close(wb);
  }
};

} // namespace

status<> write_xlsx(std::span<const report_document> documents, const std::filesystem::path &file, language lang) {
  std::size_t tables = 0;
  for (const auto &d : documents)
    tables += d.tables.size();
  if (tables == 0) return fail(errc::invalid_argument, fmt::format("{}: no table to write", file.string()));
  std::error_code ec;
  std::filesystem::remove(file, ec); // libxlsxwriter writes a new file; an old one must not survive a failure
  lxw_workbook *wb = workbook_new(file.string().c_str());
  if (!wb) return fail(errc::io_error, fmt::format("{}: cannot create the workbook", file.string()));
  std::unique_ptr<lxw_workbook, workbook_closer> guard(wb);

  lxw_format *bold = workbook_add_format(wb);
  format_set_bold(bold);
  format_set_bg_color(bold, 0xEEF2F7);
  lxw_format *day = workbook_add_format(wb);
  format_set_num_format(day, "yyyy-mm-dd");
  lxw_format *percent = workbook_add_format(wb);
  format_set_num_format(percent, "0.0%");

  std::map<std::string, int, std::less<>> taken;
  std::vector<sheet> sheets;
  std::map<std::string, std::size_t, std::less<>> by_name; // table name -> its sheet (when the header is the same)
  for (const auto &d : documents)
    for (const auto &t : d.tables) {
      std::size_t index = sheets.size();
      if (const auto it = by_name.find(t.name); it != by_name.end() && sheets[it->second].first->header == t.header) {
        index = it->second;
      } else {
        const std::string name = sheet_name(std::string(label("sheet." + t.name, lang)), taken);
        taken.emplace(name, 1);
        lxw_worksheet *ws = workbook_add_worksheet(wb, name.c_str());
        if (!ws) return fail(errc::io_error, fmt::format("{}: cannot add the sheet '{}'", file.string(), name));
        sheets.push_back({ws, &t, 0, std::vector<std::size_t>(t.header.size(), 0)});
        by_name.insert_or_assign(t.name, index);
        for (std::size_t c = 0; c < t.header.size(); ++c) {
          worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), t.header[c].c_str(), bold);
          sheets[index].widths[c] = display_width(t.header[c]);
        }
      }
      sheet &s = sheets[index];
      for (const auto &row : t.rows) {
        const lxw_row_t r = ++s.rows;
        for (std::size_t c = 0; c < row.size() && c < s.widths.size(); ++c) {
          const std::string &text = row[c];
          const auto col = static_cast<lxw_col_t>(c);
          const column_type type = c < t.types.size() ? t.types[c] : column_type::text;
          s.widths[c] = std::max(s.widths[c], type == column_type::day ? std::size_t{10} : display_width(text));
          if (text.empty()) continue; // an empty cell, as in the CSV
          if (type == column_type::day) {
            if (auto dt = parse_day(text)) {
              worksheet_write_datetime(s.ws, r, col, &*dt, day);
              continue;
            }
          } else if (type == column_type::number) {
            if (auto v = parse_number(text)) {
              worksheet_write_number(s.ws, r, col, *v, nullptr);
              continue;
            }
          } else if (type == column_type::percent) {
            if (auto v = parse_percent(text)) {
              worksheet_write_number(s.ws, r, col, *v, percent);
              continue;
            }
          }
          worksheet_write_string(s.ws, r, col, text.c_str(), nullptr);
        }
      }
    }
  for (auto &s : sheets) {
    const auto last_col = static_cast<lxw_col_t>(s.widths.size() - 1);
    worksheet_freeze_panes(s.ws, 1, 0);
    worksheet_autofilter(s.ws, 0, 0, s.rows, last_col);
    for (std::size_t c = 0; c < s.widths.size(); ++c)
      worksheet_set_column(s.ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                           static_cast<double>(std::min<std::size_t>(s.widths[c], 60) + 2), nullptr);
  }
  const lxw_error closed = workbook_close(guard.release());
  if (closed != LXW_NO_ERROR) return fail(errc::io_error, fmt::format("{}: {}", file.string(), lxw_strerror(closed)));
  return ok;
}

} // namespace caseflow
