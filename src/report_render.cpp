// Rendering laid-out reports (report_document) as text (aligned columns), Markdown tables, CSV (UTF-8 with
// a byte order mark, RFC 4180 quoting, CRLF line ends), JSON and a plain HTML page. Text columns are
// aligned by display width as a terminal shows it: utf8proc's East Asian Width, so that 城建交通 takes
// eight columns and a combining mark none.
#include "report_detail.hpp"

#include <nlohmann/json.hpp>
#include <utf8proc.h>

#include <algorithm>

namespace caseflow {

std::size_t display_width(std::string_view s) {
  std::size_t width = 0;
  const auto *p = reinterpret_cast<const utf8proc_uint8_t *>(s.data());
  auto left = static_cast<utf8proc_ssize_t>(s.size());
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t len = utf8proc_iterate(p, left, &cp);
    if (len <= 0) { // a broken byte shows as one replacement character
      ++width;
      ++p;
      --left;
      continue;
    }
    width += static_cast<std::size_t>(std::max(0, utf8proc_charwidth(cp)));
    p += len;
    left -= len;
  }
  return width;
}

namespace detail {

std::string day_text(date d) { return d.is_special() ? std::string() : caseflow::to_string(d); }

std::string render_text(const report_table &t) {
  std::vector<std::size_t> widths(t.header.size(), 0);
  const auto measure = [&](const std::vector<std::string> &row) {
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i)
      widths[i] = std::max(widths[i], display_width(row[i]));
  };
  measure(t.header);
  for (const auto &r : t.rows)
    measure(r);
  const auto line = [&](const std::vector<std::string> &row) {
    std::string out;
    for (std::size_t i = 0; i < row.size(); ++i) {
      out += row[i];
      if (i + 1 < row.size()) out += std::string(widths[i] - display_width(row[i]) + 2, ' ');
    }
    out += '\n';
    return out;
  };
  std::string out = line(t.header);
  std::vector<std::string> rule;
  for (const auto w : widths)
    rule.emplace_back(w, '-');
  out += line(rule);
  for (const auto &r : t.rows)
    out += line(r);
  return out;
}

std::string render_markdown(const report_table &t) {
  const auto cell = [](const std::string &s) {
    std::string out;
    for (const char ch : s) {
      if (ch == '|')
        out += "\\|";
      else if (ch == '\n')
        out += "<br>";
      else
        out += ch;
    }
    return out;
  };
  const auto line = [&](const std::vector<std::string> &row) {
    std::string out = "|";
    for (const auto &c : row) {
      out += ' ';
      out += cell(c);
      out += " |";
    }
    out += '\n';
    return out;
  };
  std::string out = line(t.header);
  out += "|";
  for (std::size_t i = 0; i < t.header.size(); ++i)
    out += " --- |";
  out += "\n";
  for (const auto &r : t.rows)
    out += line(r);
  return out;
}

std::string render_csv(const report_table &t) {
  const auto line = [](const std::vector<std::string> &row) {
    std::string out;
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i) out += ',';
      out += csv_field(row[i]);
    }
    return out + "\r\n";
  };
  std::string out = line(t.header);
  for (const auto &r : t.rows)
    out += line(r);
  return out;
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\'': out += "&#39;"; break;
    default: out += c;
    }
  }
  return out;
}

std::string render_html_page(const report_document &d, language lang) {
  std::string out = fmt::format("<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n",
                                lang == language::zh ? "zh-CN" : "en", html_escape(d.title));
  out += "<style>body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse;margin:.5em 0 1.5em}"
         "th,td{border:1px solid #bbb;padding:.2em .5em;text-align:left;vertical-align:top}th{background:#eef}"
         "@page{size:A4;margin:12mm}@media print{body{margin:0;font-size:9pt}tr{break-inside:avoid}}</style>\n</head>\n<body>\n";
  out += fmt::format("<h1>{}</h1>\n", html_escape(d.title));
  for (const auto &l : d.lines)
    out += fmt::format("<p>{}</p>\n", html_escape(l));
  for (const auto &t : d.tables) {
    if (!t.caption.empty()) out += fmt::format("<h2>{}</h2>\n", html_escape(t.caption));
    out += fmt::format("<table id=\"{}\">\n<thead><tr>", html_escape(t.name));
    for (const auto &h : t.header)
      out += fmt::format("<th>{}</th>", html_escape(h));
    out += "</tr></thead>\n<tbody>\n";
    for (const auto &r : t.rows) {
      out += "<tr>";
      for (const auto &c : r)
        out += fmt::format("<td>{}</td>", html_escape(c));
      out += "</tr>\n";
    }
    out += "</tbody>\n</table>\n";
  }
  return out + "</body>\n</html>\n";
}

} // namespace detail

std::string_view to_string(report_format f) noexcept {
  switch (f) {
  case report_format::text: return "text";
  case report_format::markdown: return "markdown";
  case report_format::csv: return "csv";
  case report_format::json: return "json";
  case report_format::html: return "html";
  }
  return "text";
}

result<report_format> parse_report_format(std::string_view name) {
  for (const auto f :
       {report_format::text, report_format::markdown, report_format::csv, report_format::json, report_format::html})
    if (to_string(f) == name) return f;
  return fail(errc::parse_error, fmt::format("unknown report format '{}' (expected text, markdown, csv, json, html)", name));
}

namespace {
// A cell a spreadsheet would run as a formula: it begins with = + - @ or a tab or carriage return. A lone
// "-" (no role yet) and a number ("-3") are what they say and stay as they are.
bool formula_like(std::string_view text) {
  if (text.empty() || std::string_view("=+-@\t\r").find(text.front()) == std::string_view::npos) return false;
  if (text == "-") return false;
  const bool number = text.size() > 1 && (text.front() == '-' || text.front() == '+') &&
                      text.find_first_not_of("0123456789.", 1) == std::string_view::npos;
  return !number;
}
} // namespace

std::string csv_field(std::string_view text) {
  if (formula_like(text)) return csv_field(std::string("'") + std::string(text));
  const bool quote =
      text.find_first_of(",\"\r\n") != std::string_view::npos ||
      (!text.empty() && (text.front() == ' ' || text.back() == ' ' || text.front() == '\t' || text.back() == '\t'));
  if (!quote) return std::string(text);
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string render(const report_document &d, report_format f, language lang) {
  switch (f) {
  case report_format::csv: {
    // CSV holds one table: the first; the title and lines belong to the other formats.
    std::string out(csv_bom);
    if (!d.tables.empty()) out += detail::render_csv(d.tables.front());
    return out;
  }
  case report_format::json: {
    nlohmann::json tables = nlohmann::json::array();
    for (const auto &t : d.tables)
      tables.push_back({{"name", t.name}, {"caption", t.caption}, {"header", t.header}, {"rows", t.rows}});
    return nlohmann::json{{"report", d.name}, {"title", d.title}, {"lines", d.lines}, {"tables", std::move(tables)}}.dump(2) +
           "\n";
  }
  case report_format::html: return detail::render_html_page(d, lang);
  case report_format::text:
  case report_format::markdown: break;
  }
  const bool md = f == report_format::markdown;
  std::string out = md ? fmt::format("# {}\n", d.title) : fmt::format("{}\n", d.title);
  if (md && !d.lines.empty()) out += "\n";
  for (const auto &l : d.lines)
    out += l + (md ? "  \n" : "\n");
  for (const auto &t : d.tables) {
    if (!t.in_text) continue;
    out += "\n";
    if (!t.caption.empty()) out += md ? fmt::format("## {}\n\n", t.caption) : fmt::format("{}\n", t.caption);
    out += md ? detail::render_markdown(t) : detail::render_text(t);
  }
  return out;
}

} // namespace caseflow
