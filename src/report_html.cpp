// The HTML report (report_html.hpp): KPI tiles, the ledger with its sort and filter controls, a timeline
// per item and the bimonthly bulletins, every text in both languages. The reports are made once and laid
// out twice (English and Chinese); the page shows one language through its style sheet.
#include "report_detail.hpp"

#include <caseflow/brief.hpp>
#include <caseflow/history_text.hpp>
#include <caseflow/report_html.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

namespace caseflow {

namespace {

using detail::day_text;
using detail::html_escape;

// A text in both languages: two spans, of which the style sheet shows the page's language.
template <class F> std::string both(F &&text) {
  const std::string en = text(language::en);
  const std::string zh = text(language::zh);
  if (en == zh) return html_escape(en);
  return fmt::format(R"(<span class="l-en">{}</span><span class="l-zh">{}</span>)", html_escape(en), html_escape(zh));
}
std::string both_label(std::string_view key) {
  return both([&](language l) { return std::string(label(key, l)); });
}
std::string both_term(std::string_view group, std::string_view name) {
  return both([&](language l) { return std::string(enum_label(group, name, l)); });
}
// An attribute value (stable names and ids, never a language's words).
std::string attr(std::string_view text) { return html_escape(text); }

// A report laid out in both languages, zipped cell by cell (the layouts have the same shape). Tables
// meant for spreadsheets only are left out: the lines say the same.
std::string zipped(const report_document &en, const report_document &zh, std::string_view heading) {
  const auto two = [](const std::string &a, const std::string &b) {
    return a == b ? html_escape(a)
                  : fmt::format(R"(<span class="l-en">{}</span><span class="l-zh">{}</span>)", html_escape(a), html_escape(b));
  };
  std::string out = fmt::format("<{0}>{1}</{0}>\n", heading, two(en.title, zh.title));
  for (std::size_t i = 0; i < en.lines.size() && i < zh.lines.size(); ++i)
    out += fmt::format("<p>{}</p>\n", two(en.lines[i], zh.lines[i]));
  for (std::size_t t = 0; t < en.tables.size() && t < zh.tables.size(); ++t) {
    const report_table &a = en.tables[t];
    const report_table &b = zh.tables[t];
    if (!a.in_text) continue;
    if (!a.caption.empty()) out += fmt::format("<h4>{}</h4>\n", two(a.caption, b.caption));
    out += fmt::format("<table class=\"{}\">\n<thead><tr>", attr(a.name));
    for (std::size_t c = 0; c < a.header.size(); ++c)
      out += fmt::format("<th>{}</th>", two(a.header[c], b.header[c]));
    out += "</tr></thead>\n<tbody>\n";
    for (std::size_t r = 0; r < a.rows.size(); ++r) {
      out += "<tr>";
      for (std::size_t c = 0; c < a.rows[r].size(); ++c) {
        const bool number = c < a.types.size() && a.types[c] == column_type::number;
        out += fmt::format("<td{}>{}</td>", number ? " class=\"num\"" : "", two(a.rows[r][c], b.rows[r][c]));
      }
      out += "</tr>\n";
    }
    out += "</tbody>\n</table>\n";
  }
  return out;
}

// ---- KPI tiles

std::string kpi_tiles(const kpi_set &k) {
  // clang-format off
  const std::pair<std::string_view, const rate *> tiles[] = {
      {"closure",      &k.closure},
      {"on_time",      &k.on_time},
      {"contact",      &k.contact},
      {"face_to_face", &k.face_to_face},
      {"satisfaction", &k.satisfaction},
      {"follow_up",    &k.follow_up},
      {"key_on_time",  &k.key_on_time},
  };
  // clang-format on
  std::string out = "<div class=\"tiles\" id=\"kpis\">\n";
  for (const auto &[name, r] : tiles) {
    const auto v = r->value();
    out += fmt::format(R"(<div class="tile" data-kpi="{}" data-numerator="{}" data-denominator="{}">)"
                       R"(<div class="name">{}</div><div class="value">{}</div><div class="frac">{}/{}</div></div>)"
                       "\n",
                       name, r->numerator, r->denominator, both_term("kpi", name),
                       v ? fmt::format("{:.1f}%", *v * 100.0) : both_label("common.na"), r->numerator, r->denominator);
  }
  return out + "</div>\n";
}

// ---- The ledger

// One column of the ledger table: the sort key (a data-* attribute of each row) and whether it sorts as a
// number. The order is the ledger layout's (report_format.cpp).
struct ledger_column {
  std::string_view key;
  bool number;
};
// clang-format off
constexpr ledger_column ledger_columns[] = {
    {"id", false},       {"kind", false},      {"category", false},     {"title", false},    {"proposer", false},
    {"unit", false},     {"role", false},      {"state", false},        {"assigned", false}, {"due", false},
    {"replied", false},  {"class", false},     {"satisfaction", false}, {"disclosure", false}, {"late", true},
    {"reminders", true}, {"key", false},       {"leader", false},
};
// clang-format on

std::string row_attributes(const ledger_row &r) {
  std::vector<std::string> units;
  for (const auto &u : r.units)
    units.push_back(u.unit);
  std::string tracking;
  if (r.key_item) tracking = "key";
  if (r.leader_supervised) tracking += tracking.empty() ? "supervised" : "|supervised";
  const auto opt = [](const auto &v) { return v ? std::string(to_string(*v)) : std::string(); };
  const std::string values[] = {r.id.to_string(),
                                std::string(to_string(r.kind)),
                                r.category,
                                r.title,
                                r.lead_proposer,
                                fmt::format("{}", fmt::join(units, "|")),
                                opt(r.role),
                                std::string(to_string(r.state)),
                                day_text(r.assigned_on),
                                day_text(r.reply_due),
                                day_text(r.replied_on),
                                opt(r.result_class),
                                opt(r.rating),
                                opt(r.publication),
                                std::to_string(r.workdays_late),
                                std::to_string(r.reminders),
                                tracking,
                                r.supervising_leader};
  std::string out;
  for (std::size_t i = 0; i < std::size(ledger_columns); ++i)
    out += fmt::format(" data-{}=\"{}\"", ledger_columns[i].key, attr(values[i]));
  return out;
}

// A filter: a select over the values the rows hold, each labelled in both languages (an option holds
// text only, so the script relabels it from data-en and data-zh).
std::string filter_select(std::string_view key, std::string_view label_key,
                          const std::vector<std::pair<std::string, std::string>> &values, language lang) {
  std::string out = fmt::format(R"(<label>{} <select data-filter="{}"><option value="" data-en="{}" data-zh="{}">{}</option>)",
                                both_label(label_key), key, attr(label("html.all", language::en)),
                                attr(label("html.all", language::zh)), attr(label("html.all", lang)));
  for (const auto &entry : values) {
    const std::string &value = entry.first;
    const std::string &group = entry.second;
    const auto text = [&](language l) { return group.empty() ? value : std::string(enum_label(group, value, l)); };
    out += fmt::format(R"(<option value="{}" data-en="{}" data-zh="{}">{}</option>)", attr(value), attr(text(language::en)),
                       attr(text(language::zh)), attr(text(lang)));
  }
  return out + "</select></label>\n";
}

std::string ledger_section(const ledger &l, language lang) {
  const report_document en = layout(l, {language::en});
  const report_document zh = layout(l, {language::zh});
  const report_table &a = en.tables.front();
  const report_table &b = zh.tables.front();
  // The filters' values, in the order first met (units, categories) or the enums' order.
  std::vector<std::pair<std::string, std::string>> units, roles, states, categories;
  std::set<std::string> seen_units, seen_categories;
  std::array<bool, case_state_count> state_seen{};
  std::array<bool, 3> role_seen{};
  for (const auto &r : l.rows) {
    for (const auto &u : r.units)
      if (seen_units.insert(u.unit).second) units.emplace_back(u.unit, "");
    if (seen_categories.insert(r.category).second) categories.emplace_back(r.category, "");
    state_seen[static_cast<std::size_t>(r.state)] = true;
    if (r.role) role_seen[static_cast<std::size_t>(*r.role)] = true;
  }
  std::sort(units.begin(), units.end());
  for (std::size_t i = 0; i < role_seen.size(); ++i)
    if (role_seen[i]) roles.emplace_back(to_string(static_cast<assignment_role>(i)), "role");
  for (std::size_t i = 0; i < state_seen.size(); ++i)
    if (state_seen[i]) states.emplace_back(to_string(static_cast<case_state>(i)), "state");
  const std::vector<std::pair<std::string, std::string>> tracking{{"key", "tracking"}, {"supervised", "tracking"}};

  std::string out = fmt::format("<h2 id=\"ledger-title\">{}</h2>\n<p>{}</p>\n", both_label("html.ledger"),
                                both([&](language x) { return x == language::en ? en.lines.front() : zh.lines.front(); }));
  out += "<div class=\"controls\">\n";
  out += filter_select("unit", "col.unit", units, lang);
  out += filter_select("role", "col.role", roles, lang);
  out += filter_select("state", "col.state", states, lang);
  out += filter_select("category", "col.category", categories, lang);
  out += filter_select("key", "col.tracking", tracking, lang);
  out += fmt::format("<span><span id=\"shown\">{}</span> {}</span> <span class=\"no-print\">({})</span>\n</div>\n", l.rows.size(),
                     both_label("html.rows_shown"), both_label("html.sort_hint"));
  out += "<table id=\"ledger\">\n<thead><tr>";
  for (std::size_t c = 0; c < a.header.size(); ++c)
    out += fmt::format(R"(<th data-sort="{}" data-type="{}">{}</th>)", ledger_columns[c].key,
                       ledger_columns[c].number ? "number" : "text",
                       both([&](language x) { return x == language::en ? a.header[c] : b.header[c]; }));
  out += "</tr></thead>\n<tbody>\n";
  for (std::size_t r = 0; r < l.rows.size(); ++r) {
    const ledger_row &row = l.rows[r];
    out += fmt::format("<tr class=\"item\"{}>", row_attributes(row));
    for (std::size_t c = 0; c < a.rows[r].size(); ++c) {
      std::string cell = both([&](language x) { return x == language::en ? a.rows[r][c] : b.rows[r][c]; });
      if (c == 0) cell = fmt::format("<a href=\"#item-{}\">{}</a>", attr(row.id.to_string()), cell);
      const bool late = ledger_columns[c].key == "late" && row.workdays_late > 0;
      out +=
          fmt::format("<td{}>{}</td>", ledger_columns[c].number ? (late ? " class=\"num late\"" : " class=\"num\"") : "", cell);
    }
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

// ---- Timelines

std::string history_item(const history_line &line) {
  struct kind_of {
    std::string operator()(const history_entry &h) const {
      return fmt::format("event ev-{}\" data-kind=\"event\" data-type=\"{}", to_string(h.event.type), to_string(h.event.type));
    }
    std::string operator()(const notice &n) const {
      return fmt::format("notice notice-{}\" data-kind=\"notice\" data-type=\"{}", to_string(n.kind), to_string(n.kind));
    }
    std::string operator()(const escalation_notice &n) const {
      return fmt::format("escalation level-{}\" data-kind=\"escalation\" data-level=\"{}", to_string(n.to), to_string(n.to));
    }
  };
  struct mark_of {
    std::string operator()(const history_entry &) const { return {}; }
    std::string operator()(const notice &n) const { return both_term("notice_kind", to_string(n.kind)); }
    std::string operator()(const escalation_notice &n) const { return both_term("level", to_string(n.to)); }
  };
  const std::string mark = std::visit(mark_of{}, line.what);
  const auto text = [&](language l) {
    if (const auto *h = std::get_if<history_entry>(&line.what)) return describe(*h, l);
    return to_string(line, l);
  };
  return fmt::format("<li class=\"{}\" data-on=\"{}\">{}{}</li>\n", std::visit(kind_of{}, line.what), day_text(line.on),
                     mark.empty() ? std::string() : fmt::format("<span class=\"mark\">{}</span>", mark), both(text));
}

std::string deadline_item(const detail::book_on_day &day, const case_record &c, const unit_assignment_spec &u) {
  const auto o = day.latest(c.info.id.to_string(), u.unit, u.role);
  if (!o) return {};
  const std::string clock = both_term("clock", to_string(o->key.kind));
  std::string state, css;
  if (o->met) {
    state = o->met->on_time ? fmt::format("{} {}", both_label("col.done_on"), day_text(o->met->on))
                            : fmt::format("{} {} · {} {}", both_label("col.done_on"), day_text(o->met->on),
                                          both_label("col.wd_late"), o->met->workdays_late);
    css = o->met->on_time ? "done" : "late";
  } else if (!o->ended && o->due < day.day()) {
    state = fmt::format("<span class=\"mark\">{}</span>{} {}", both_label("html.overdue_mark"), both_label("col.wd_late"),
                        detail::workdays_late(day.calendar(), o->due, day.day()));
    css = "late";
  } else {
    state = both_label("common.open");
  }
  return fmt::format("<li class=\"deadline {}\" data-unit=\"{}\" data-clock=\"{}\" data-due=\"{}\">{} {} {}: {} {} — {}</li>\n",
                     css, attr(u.unit), to_string(o->key.kind), day_text(o->due), attr(u.unit),
                     both_term("role", to_string(u.role)), clock, both_label("col.due"), day_text(o->due), state);
}

std::string timelines(const case_book &book, const detail::book_on_day &day, const ledger &l) {
  std::string out = fmt::format("<h2>{}</h2>\n", both_label("html.timelines"));
  std::map<std::string, const case_record *, std::less<>> records;
  for (const case_record *c : day.items())
    records.emplace(c->info.id.to_string(), c);
  for (const auto &row : l.rows) {
    const std::string id = row.id.to_string();
    out += fmt::format("<section class=\"timeline\" id=\"item-{0}\" data-id=\"{0}\">\n<details>\n<summary><b>{0}</b> {1} — {2}",
                       attr(id), html_escape(row.title), both_term("state", to_string(row.state)));
    // The ladder's level as it stood on the day: the last move by then.
    std::optional<escalation_level> level;
    for (const auto &n : book.escalation_notices_of(row.id))
      if (n.on <= day.day()) level = n.to;
    if (level)
      out += fmt::format(" <span class=\"mark escalation\" data-level=\"{}\">{}: {}</span>", to_string(*level),
                         both_label("html.escalation_level"), both_term("level", to_string(*level)));
    if (row.workdays_late > 0) out += fmt::format(" <span class=\"mark late\">{}</span>", both_label("html.overdue_mark"));
    out += "</summary>\n";
    if (const auto it = records.find(id); it != records.end()) {
      std::string deadlines;
      for (const auto &u : row.units)
        deadlines += deadline_item(day, *it->second, u);
      if (!deadlines.empty()) out += fmt::format("<h3>{}</h3>\n<ul>\n{}</ul>\n", both_label("html.clocks"), deadlines);
    }
    out += "<ol>\n";
    for (const auto &line : book.history_of(row.id))
      if (line.on <= day.day()) out += history_item(line);
    out += "</ol>\n</details>\n</section>\n";
  }
  return out;
}

// ---- Bulletins

result<std::string> bulletins(const case_book &book, date as_of, const ledger &l, std::string_view unit) {
  std::vector<std::string> units;
  if (!unit.empty()) {
    units.emplace_back(unit);
  } else {
    std::set<std::string> seen;
    for (const auto &r : l.rows)
      for (const auto &u : r.units)
        seen.insert(u.unit);
    units.assign(seen.begin(), seen.end());
  }
  std::string out = fmt::format("<h2 id=\"bulletins\">{}</h2>\n", both_label("html.bulletins"));
  for (const auto &[from, to] : bimonthly_periods(as_of.year())) {
    if (from > as_of) break;
    // Without a unit, only the period holding the day: every unit's bulletin of all six would be long.
    if (unit.empty() && to < as_of) continue;
    for (const auto &u : units) {
      auto b = make_bulletin(book, u, from, to, as_of);
      if (!b) return failure{b.error()};
      out += fmt::format("<section class=\"bulletin\" data-unit=\"{}\" data-from=\"{}\" data-to=\"{}\">\n", attr(u),
                         day_text(from), day_text(to));
      out += zipped(layout(*b, {language::en}), layout(*b, {language::zh}), "h3");
      out += "</section>\n";
    }
  }
  return out;
}

// Without a point of view: each unit's own figures, one line a unit (the summary's headline from its
// view), so that a district's year reads as the district reports it. One take of the book for all.
std::string unit_lines(const detail::book_on_day &day, const ledger &l) {
  std::set<std::string> units;
  for (const auto &r : l.rows)
    for (const auto &u : r.units)
      units.insert(u.unit);
  std::string out = fmt::format("<h2>{}</h2>\n<ul id=\"units\">\n", both_label("html.by_unit"));
  for (const auto &u : units) {
    const summary s = detail::summary_on(day, u);
    out += fmt::format("<li data-unit=\"{}\" data-items=\"{}\"><b>{}</b>: {}</li>\n", attr(u), s.items, html_escape(u),
                       both([&](language x) { return headline(s, x); }));
  }
  return out + "</ul>\n";
}

std::string labels_json() {
  nlohmann::json en = nlohmann::json::object();
  nlohmann::json zh = nlohmann::json::object();
  for (const auto &row : label_table()) {
    en[std::string(row.key)] = std::string(row.en);
    zh[std::string(row.key)] = std::string(row.zh);
  }
  std::string text = nlohmann::json{{"en", std::move(en)}, {"zh", std::move(zh)}}.dump();
  // Inside a script element "</" could end it early.
  for (std::size_t at = text.find("</"); at != std::string::npos; at = text.find("</", at + 3))
    text.replace(at, 2, "<\\/");
  return text;
}

} // namespace

result<std::string> render_html(const case_book &book, date as_of, const html_options &options) {
  auto on_day = detail::book_on_day::take(book, as_of, "html");
  if (!on_day) return failure{on_day.error()};
  auto l = make_ledger(book, as_of, options.unit);
  if (!l) return failure{l.error()};
  auto k = make_kpis(book, as_of, options.unit);
  if (!k) return failure{k.error()};
  auto s = make_summary(book, as_of, options.unit);
  if (!s) return failure{s.error()};
  auto b = bulletins(book, as_of, *l, options.unit);
  if (!b) return failure{b.error()};
  auto brief_of_day = make_brief(book, as_of, options.unit);
  if (!brief_of_day) return failure{brief_of_day.error()};

  const language lang = options.lang;
  const auto view = [&](language x) {
    return options.unit.empty() ? std::string(label("common.all_units", x)) : detail::phrase("common.unit", x, options.unit);
  };
  const auto title = [&](language x) { return detail::phrase("html.title", x, day_text(as_of), view(x)); };
  std::string out =
      fmt::format("<!DOCTYPE html>\n<html lang=\"{}\" data-lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                  "<title>{}</title>\n<style>{}</style>\n</head>\n",
                  lang == language::zh ? "zh-CN" : "en", to_string(lang), html_escape(title(lang)), detail::html_style);
  out += fmt::format("<body data-as-of=\"{}\" data-unit=\"{}\" data-rows-shown=\"{}\">\n", day_text(as_of), attr(options.unit),
                     l->rows.size());
  out += fmt::format("<header>\n<h1>{}</h1>\n<p id=\"headline\">{}</p>\n", both(title),
                     both([&](language x) { return headline(*s, x); }));
  out += fmt::format("<div class=\"controls no-print\">{}: <button type=\"button\" data-set-lang=\"en\">English</button> "
                     "<button type=\"button\" data-set-lang=\"zh\">中文</button></div>\n</header>\n",
                     both_label("common.language"));
  out += fmt::format("<h2>{}</h2>\n{}", both_label("html.kpis"), kpi_tiles(*k));
  if (options.unit.empty()) out += unit_lines(*on_day, *l);
  out += fmt::format("<section id=\"brief\">\n<h2>{}</h2>\n{}</section>\n", both_label("html.brief"),
                     zipped(layout(*brief_of_day, {language::en}), layout(*brief_of_day, {language::zh}), "h3"));
  out += ledger_section(*l, lang);
  out += *b;
  out += timelines(book, *on_day, *l);
  out += fmt::format("<script type=\"application/json\" id=\"labels\">{}</script>\n<script>{}</script>\n</body>\n</html>\n",
                     labels_json(), detail::html_script);
  return out;
}

} // namespace caseflow
