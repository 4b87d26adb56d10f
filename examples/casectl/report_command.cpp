// casectl report ...: reports of a book as of a day, as text, markdown, CSV, JSON, HTML or an Excel workbook.
#include "book.hpp"
#include "commands.hpp"

#include <caseflow/brief.hpp>
#include <caseflow/report.hpp>
#include <caseflow/report_html.hpp>
#ifdef CASECTL_WITH_XLSX
#include <caseflow/report_xlsx.hpp>
#endif

#include <fmt/format.h>

#include <algorithm>
#include <fstream>

namespace casectl {

namespace cf = caseflow;

namespace {

struct report_kind;

// --format: a rendering, or none for a workbook (xlsx).
struct report_output {
  std::optional<cf::report_format> rendering;
};

struct report_args {
  book_options book;
  const report_kind *kind = nullptr;
  std::optional<cf::date> date, from, to;
  std::optional<std::string> unit, out;
  std::optional<report_output> format; // unset: text
  cf::language lang = cf::language::en;
};

// The report kinds: each makes one report of the book as of a date, rendered in a format, or laid out
// as the documents of a workbook (--format xlsx; `format` is then empty).
struct made_report {
  std::string text;
  std::vector<cf::report_document> sheets;
};
using report_fn = cf::result<made_report> (*)(const cf::case_book &, const report_args &, cf::date as_of,
                                              std::optional<cf::report_format> format, const cf::report_options &);

template <class R> made_report made(const R &r, std::optional<cf::report_format> f, const cf::report_options &o) {
  if (f) return {cf::format(r, *f, o), {}};
  return {{}, {cf::layout(r, o)}};
}

// The two-month period that holds `day`.
std::pair<cf::date, cf::date> period_of(cf::date day) {
  for (const auto &[a, b] : cf::bimonthly_periods(day.year()))
    if (a <= day && day <= b) return {a, b};
  return {day, day};
}

cf::result<made_report> summary_report(const cf::case_book &book, const report_args &args, cf::date as_of,
                                       std::optional<cf::report_format> f, const cf::report_options &o) {
  auto r = cf::make_summary(book, as_of, args.unit.value_or(""));
  if (!r) return cf::failure{r.error()};
  return made(*r, f, o);
}

cf::result<made_report> kpi_report(const cf::case_book &book, const report_args &args, cf::date as_of,
                                   std::optional<cf::report_format> f, const cf::report_options &o) {
  auto r = cf::make_kpis(book, as_of, args.unit.value_or(""));
  if (!r) return cf::failure{r.error()};
  return made(*r, f, o);
}

// The ledger; as a workbook, the supervisors' one: the ledger, its key items, the KPIs and the bulletins
// (with --unit, the unit's periods of the year up to the date; without, every unit's current period).
cf::result<made_report> ledger_report(const cf::case_book &book, const report_args &args, cf::date as_of,
                                      std::optional<cf::report_format> f, const cf::report_options &o) {
  const std::string unit = args.unit.value_or("");
  auto r = cf::make_ledger(book, as_of, unit);
  if (!r) return cf::failure{r.error()};
  if (f) return made(*r, f, o);
  made_report m{{}, {cf::layout(*r, o)}};
  auto k = cf::make_kpis(book, as_of, unit);
  if (!k) return cf::failure{k.error()};
  m.sheets.push_back(cf::layout(*k, o));
  std::vector<std::string> units;
  if (!unit.empty()) {
    units.push_back(unit);
  } else {
    for (const auto &row : r->rows)
      for (const auto &u : row.units)
        if (std::find(units.begin(), units.end(), u.unit) == units.end()) units.push_back(u.unit);
    std::sort(units.begin(), units.end());
  }
  for (const auto &[from, to] : cf::bimonthly_periods(as_of.year())) {
    if (from > as_of) break;
    if (unit.empty() && to < as_of) continue;
    for (const auto &u : units) {
      auto b = cf::make_bulletin(book, u, from, to, as_of);
      if (!b) return cf::failure{b.error()};
      auto doc = cf::layout(*b, o);
      doc.tables.resize(1); // the figures; the named items are in the ledger sheet
      m.sheets.push_back(std::move(doc));
    }
  }
  return m;
}

cf::result<made_report> bulletin_report(const cf::case_book &book, const report_args &args, cf::date as_of,
                                        std::optional<cf::report_format> f, const cf::report_options &o) {
  const auto &unit = args.unit;
  if (!unit) return cf::fail(cf::errc::invalid_argument, "a bulletin is for one unit: --unit U is required");
  // Without --from/--to: the two-month period that holds the report date.
  auto [from, to] = period_of(as_of);
  from = args.from.value_or(from);
  to = args.to.value_or(to);
  auto b = cf::make_bulletin(book, *unit, from, to, as_of);
  if (!b) return cf::failure{b.error()};
  return made(*b, f, o);
}

// The leaders' brief (brief.hpp): what is stuck and who acts next.
cf::result<made_report> brief_report(const cf::case_book &book, const report_args &args, cf::date as_of,
                                     std::optional<cf::report_format> f, const cf::report_options &o) {
  auto r = cf::make_brief(book, as_of, args.unit.value_or(""));
  if (!r) return cf::failure{r.error()};
  return made(*r, f, o);
}

// The page for supervisors (report_html.hpp): always HTML, both languages inside, --lang shown first.
cf::result<made_report> html_report(const cf::case_book &book, const report_args &args, cf::date as_of,
                                    std::optional<cf::report_format> f, const cf::report_options &o) {
  if (!f || args.format) return cf::fail(cf::errc::invalid_argument, "report html is always HTML: leave out --format");
  auto page = cf::render_html(book, as_of, cf::html_options{o.lang, args.unit.value_or("")});
  if (!page) return cf::failure{page.error()};
  return made_report{std::move(*page), {}};
}

struct report_kind {
  std::string_view name;
  report_fn make;
};
// clang-format off
constexpr report_kind report_kinds[] = {
    {"ledger",   ledger_report},
    {"summary",  summary_report},
    {"bulletin", bulletin_report},
    {"kpi",      kpi_report},
    {"brief",    brief_report},
    {"html",     html_report},
};
// clang-format on

// Writes `bytes` to `file` whole: a scratch file renamed over it, so a reader never sees half a report.
cf::status<> write_file(const std::filesystem::path &file, std::string_view bytes) {
  const auto scratch = std::filesystem::path(file.string() + ".part");
  {
    std::ofstream o(scratch, std::ios::binary | std::ios::trunc);
    if (!o || !o.write(bytes.data(), static_cast<std::streamsize>(bytes.size())) || !o.flush())
      return cf::fail(cf::errc::io_error, fmt::format("{}: cannot write", file.string()));
  }
  std::error_code ec;
  std::filesystem::rename(scratch, file, ec);
  if (ec) return cf::fail(cf::errc::io_error, fmt::format("{}: {}", file.string(), ec.message()));
  return cf::ok;
}

cf::result<const report_kind *> kind_value(std::string_view name) {
  const auto kind =
      std::find_if(std::begin(report_kinds), std::end(report_kinds), [&](const report_kind &k) { return k.name == name; });
  if (kind == std::end(report_kinds))
    return cf::fail(cf::errc::invalid_argument,
                    fmt::format("unknown report '{}' (expected ledger, summary, bulletin, kpi, brief or html)", name));
  return &*kind;
}

cf::result<report_output> output_value(std::string_view name) {
  if (name == "xlsx") return report_output{};
  auto parsed = cf::parse_report_format(name);
  if (!parsed)
    return cf::fail(cf::errc::invalid_argument,
                    fmt::format("unknown report format '{}' (expected text, markdown, csv, json, html, xlsx)", name));
  return report_output{*parsed};
}

cf::status<> report(const report_args &a, std::ostream &out) {
  const auto format = a.format.value_or(report_output{cf::report_format::text}).rendering;
  const bool workbook = !format;
  if (workbook && !a.out) return cf::fail(cf::errc::invalid_argument, "--format xlsx writes a workbook: --out FILE is required");
#ifndef CASECTL_WITH_XLSX
  if (workbook) return cf::fail(cf::errc::invalid_argument, "--format xlsx: this casectl was built without caseflow::xlsx");
#endif
  auto journal = open_journal(a.book, access::read);
  if (!journal) return cf::failure{journal.error()};
  cf::date as_of;
  if (a.date) {
    as_of = *a.date;
  } else if (auto last = journal->book.last_tick()) {
    as_of = *last;
  } else {
    return cf::fail(cf::errc::invalid_argument, "the book was never ticked: give --date");
  }
  auto made = a.kind->make(journal->book, a, as_of, format, cf::report_options{a.lang});
  if (!made) return cf::failure{made.error()};
  if (workbook) {
#ifdef CASECTL_WITH_XLSX
    if (auto w = cf::write_xlsx(made->sheets, *a.out, a.lang); !w) return w;
#endif
  } else if (a.out) {
    if (auto w = write_file(*a.out, made->text); !w) return w;
  } else {
    out << made->text;
    return cf::ok;
  }
  out << *a.out << '\n';
  return cf::ok;
}

} // namespace

void add_report_command(command_line &cli) {
  auto [c, a] =
      book_command(cli, "report", "reports as text, markdown, csv, json, html or an Excel workbook",
                   "A report of the book as of --date (default: the last tick). --unit gives one unit's view (required for\n"
                   "bulletins, whose period defaults to the two months holding the date). `brief` is the leaders' brief\n"
                   "(专报): the ladder, overdue and last-warning items, dissatisfied ratings, re-handling, key items, each\n"
                   "naming the unit and the leader who acts next; units ranked. --lang zh words it in Chinese (JSON keeps\n"
                   "its stable names). `html` is one self-contained page (KPIs, the ledger with sort and filter,\n"
                   "timelines, bulletins) holding both languages. --format xlsx writes an Excel workbook and needs --out\n"
                   "FILE (a workbook is never written to stdout); the ledger's workbook also holds the KPIs and the\n"
                   "bulletins. --out writes any report to FILE instead of stdout and prints the file's name.",
                   report);
  add_parsed(c, "REPORT", a.kind, kind_value, "the report")->type_name("ledger|summary|bulletin|kpi|brief|html")->required();
  add_date(c, "--date", a.date, "the day the report is as of (default: the last tick)");
  c.add_option("--unit", a.unit, "one unit's view")->type_name("U");
  add_parsed(c, "--format", a.format, output_value, "the format (default: text)")->type_name("text|markdown|csv|json|html|xlsx");
  add_date(c, "--from", a.from, "a bulletin's first day (default: the two months holding the date)");
  add_date(c, "--to", a.to, "a bulletin's last day");
  add_lang_option(c, a.lang);
  c.add_option("--out", a.out, "write the report to FILE and print its name")->type_name("FILE");
  add_book_options(c, a.book);
}

} // namespace casectl
