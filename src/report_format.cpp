// Report formats: the report values as text (aligned columns), Markdown tables, CSV (UTF-8 with a byte
// order mark, RFC 4180 quoting, CRLF line ends) and JSON. Each report is first turned into plain
// tables so that the three tabular formats cannot disagree; JSON is built from the values directly.
#include "report_detail.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace caseflow {

namespace detail {

std::string day_text(date d) { return d.is_special() ? std::string() : caseflow::to_string(d); }

namespace {

// Display width of UTF-8 text in a terminal: East Asian wide characters take two columns.
std::size_t display_width(std::string_view s) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = 0;
    if (len == 1) {
      cp = c;
    } else {
      cp = c & (0xFF >> (len + 1));
      for (std::size_t k = 1; k < len && i + k < s.size(); ++k)
        cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
                      (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    width += wide ? 2 : 1;
    i += len;
  }
  return width;
}

} // namespace

std::string render_text(const table &t) {
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

std::string render_markdown(const table &t) {
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

std::string render_csv(const table &t) {
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

} // namespace detail

namespace {

using json = nlohmann::json;
using detail::day_text;

json day_json(date d) { return d.is_special() ? json(nullptr) : json(caseflow::to_string(d)); }
template <class E> json opt_json(const std::optional<E> &v) { return v ? json(std::string(to_string(*v))) : json(nullptr); }
template <class E> std::string opt_text(const std::optional<E> &v) { return v ? std::string(to_string(*v)) : std::string(); }
std::string role_text(const std::optional<assignment_role> &r) { return r ? std::string(to_string(*r)) : std::string("-"); }

std::string units_text(const std::vector<unit_assignment_spec> &units) {
  std::vector<std::string> parts;
  for (const auto &u : units)
    parts.push_back(fmt::format("{}:{}", u.unit, to_string(u.role)));
  return fmt::format("{}", fmt::join(parts, "; "));
}

std::string reply_class_text(const std::optional<reply_class> &c) {
  if (!c) return {};
  std::string s(to_string(*c));
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
  return s;
}

std::string ids_text(const std::vector<bulletin_item> &items) {
  std::vector<std::string> parts;
  for (const auto &i : items)
    parts.push_back(i.id.to_string());
  return fmt::format("{}", fmt::join(parts, "; "));
}

std::string view_text(std::string_view unit) { return unit.empty() ? std::string("all units") : fmt::format("unit {}", unit); }

// A document in one of the tabular formats: a title, free lines, then tables with captions.
std::string render(report_format f, const std::string &title, const std::vector<std::string> &lines,
                   const std::vector<std::pair<std::string, detail::table>> &tables) {
  std::string out;
  if (f == report_format::csv) {
    // CSV holds one table: the first; the title and lines belong to the other formats.
    out = std::string(csv_bom);
    if (!tables.empty()) out += detail::render_csv(tables.front().second);
    return out;
  }
  const bool md = f == report_format::markdown;
  out += md ? fmt::format("# {}\n", title) : fmt::format("{}\n", title);
  if (md && !lines.empty()) out += "\n";
  for (const auto &l : lines)
    out += l + (md ? "  \n" : "\n");
  for (const auto &[caption, t] : tables) {
    out += "\n";
    if (!caption.empty()) out += md ? fmt::format("## {}\n\n", caption) : fmt::format("{}\n", caption);
    out += md ? detail::render_markdown(t) : detail::render_text(t);
  }
  return out;
}

json rate_json(const rate &r) {
  const auto v = r.value();
  return {{"numerator", r.numerator}, {"denominator", r.denominator}, {"value", v ? json(*v) : json(nullptr)}};
}

} // namespace

std::string_view to_string(report_format f) noexcept {
  switch (f) {
  case report_format::text: return "text";
  case report_format::markdown: return "markdown";
  case report_format::csv: return "csv";
  case report_format::json: return "json";
  }
  return "text";
}

result<report_format> parse_report_format(std::string_view name) {
  for (const auto f : {report_format::text, report_format::markdown, report_format::csv, report_format::json})
    if (to_string(f) == name) return f;
  return fail(errc::parse_error, fmt::format("unknown report format '{}' (expected text, markdown, csv, json)", name));
}

std::string csv_field(std::string_view text) {
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

// ---- Ledger

namespace {
// "key", "leader-supervised", "key, leader-supervised" or "".
std::string tracking_text(const ledger_row &r) {
  if (r.key_item && r.leader_supervised) return "key, leader-supervised";
  return r.key_item ? "key" : r.leader_supervised ? "leader-supervised" : "";
}
} // namespace

std::string format(const ledger &l, report_format f) {
  if (f == report_format::json) {
    json rows = json::array();
    for (const auto &r : l.rows) {
      json units = json::array();
      for (const auto &u : r.units)
        units.push_back({{"unit", u.unit}, {"role", to_string(u.role)}});
      rows.push_back({{"id", r.id.to_string()},
                      {"kind", to_string(r.kind)},
                      {"category", r.category},
                      {"title", r.title},
                      {"lead_proposer", r.lead_proposer},
                      {"units", std::move(units)},
                      {"role", opt_json(r.role)},
                      {"state", to_string(r.state)},
                      {"assigned_on", day_json(r.assigned_on)},
                      {"reply_due", day_json(r.reply_due)},
                      {"reply_due_provisional", r.reply_due_provisional},
                      {"replied_on", day_json(r.replied_on)},
                      {"reply_class", opt_json(r.result_class)},
                      {"satisfaction", opt_json(r.rating)},
                      {"disclosure", opt_json(r.publication)},
                      {"workdays_late", r.workdays_late},
                      {"reminders", r.reminders},
                      {"key_item", r.key_item},
                      {"leader_supervised", r.leader_supervised},
                      {"supervising_leader", r.supervising_leader}});
    }
    return json{{"report", "ledger"}, {"as_of", day_json(l.as_of)}, {"unit", l.unit}, {"rows", std::move(rows)}}.dump(2) + "\n";
  }
  detail::table t{{"id", "kind", "category", "title", "lead proposer", "units", "role", "state", "assigned on", "reply due",
                   "replied on", "class", "satisfaction", "disclosure", "wd late", "reminders", "tracking", "supervising leader"},
                  {}};
  // Key and leader-supervised items again on their own, where they are read first.
  detail::table tracked{{"id", "title", "tracking", "supervising leader", "state", "reply due", "replied on", "wd late"}, {}};
  for (const auto &r : l.rows) {
    t.rows.push_back({r.id.to_string(), std::string(to_string(r.kind)), r.category, r.title, r.lead_proposer, units_text(r.units),
                      role_text(r.role), std::string(to_string(r.state)), day_text(r.assigned_on),
                      r.reply_due_provisional ? day_text(r.reply_due) + " (provisional)" : day_text(r.reply_due),
                      day_text(r.replied_on), reply_class_text(r.result_class), opt_text(r.rating), opt_text(r.publication),
                      std::to_string(r.workdays_late), std::to_string(r.reminders), tracking_text(r), r.supervising_leader});
    if (r.key_item || r.leader_supervised)
      tracked.rows.push_back({r.id.to_string(), r.title, tracking_text(r), r.supervising_leader, std::string(to_string(r.state)),
                              day_text(r.reply_due), day_text(r.replied_on), std::to_string(r.workdays_late)});
  }
  const std::size_t n_tracked = tracked.rows.size();
  std::vector<std::pair<std::string, detail::table>> tables;
  tables.emplace_back("", std::move(t));
  if (n_tracked > 0) tables.emplace_back("Key and leader-supervised items", std::move(tracked));
  return render(
      f, fmt::format("Ledger as of {}, {}", day_text(l.as_of), view_text(l.unit)),
      {fmt::format("{} {}, {} key or leader-supervised", l.rows.size(), l.rows.size() == 1 ? "item" : "items", n_tracked)},
      tables);
}

// ---- Summary

std::string format(const summary &s, report_format f) {
  if (f == report_format::json) {
    json cells = json::array();
    for (const auto &c : s.cells)
      cells.push_back({{"kind", to_string(c.kind)},
                       {"role", opt_json(c.role)},
                       {"category", c.category},
                       {"state", to_string(c.state)},
                       {"items", c.items}});
    json kinds = json::array();
    for (const auto &k : s.by_kind)
      kinds.push_back({{"kind", to_string(k.kind)},
                       {"items", k.items},
                       {"lead", k.lead},
                       {"co_handled", k.co_handled},
                       {"separate", k.separate},
                       {"unassigned", k.unassigned}});
    json categories = json::object();
    for (const auto &[name, n] : s.by_category)
      categories[name] = n;
    json states = json::object();
    for (std::size_t i = 0; i < case_state_count; ++i)
      if (s.by_state[i] > 0) states[std::string(to_string(static_cast<case_state>(i)))] = s.by_state[i];
    json disclosed = json::object();
    for (std::size_t i = 0; i < s.disclosed.size(); ++i) {
      json ids = json::array();
      for (const auto &id : s.disclosed[i])
        ids.push_back(id.to_string());
      disclosed[std::string(to_string(static_cast<disclosure>(i)))] = std::move(ids);
    }
    return json{{"report", "summary"},
                {"as_of", day_json(s.as_of)},
                {"unit", s.unit},
                {"items", s.items},
                {"headline", headline(s)},
                {"by_kind", std::move(kinds)},
                {"by_category", std::move(categories)},
                {"by_state", std::move(states)},
                {"replying", s.replying},
                {"replied", s.replied},
                {"disclosed", std::move(disclosed)},
                {"cells", std::move(cells)}}
               .dump(2) +
           "\n";
  }
  detail::table cells{{"kind", "role", "category", "state", "items"}, {}};
  for (const auto &c : s.cells)
    cells.rows.push_back({std::string(to_string(c.kind)), role_text(c.role), c.category, std::string(to_string(c.state)),
                          std::to_string(c.items)});
  cells.rows.push_back({"total", "", "", "", std::to_string(s.items)});
  detail::table kinds{{"kind", "items", "lead", "co-handled", "separate", "unassigned"}, {}};
  for (const auto &k : s.by_kind)
    kinds.rows.push_back({std::string(to_string(k.kind)), std::to_string(k.items), std::to_string(k.lead),
                          std::to_string(k.co_handled), std::to_string(k.separate), std::to_string(k.unassigned)});
  detail::table categories{{"category", "items"}, {}};
  for (const auto &[name, n] : s.by_category)
    categories.rows.push_back({name, std::to_string(n)});
  detail::table states{{"state", "items"}, {}};
  for (std::size_t i = 0; i < case_state_count; ++i)
    if (s.by_state[i] > 0)
      states.rows.push_back({std::string(to_string(static_cast<case_state>(i))), std::to_string(s.by_state[i])});
  return render(f, fmt::format("Summary as of {}, {}", day_text(s.as_of), view_text(s.unit)), {headline(s)},
                {{"By kind, role, category and state", std::move(cells)},
                 {"By kind", std::move(kinds)},
                 {"By category", std::move(categories)},
                 {"By state", std::move(states)}});
}

// ---- Bulletin

std::string format(const bulletin &b, report_format f) {
  const auto &r = b.ratings;
  const auto rating = [&](satisfaction s) { return r[static_cast<std::size_t>(s)]; };
  if (f == report_format::json) {
    const auto items = [](const std::vector<bulletin_item> &v) {
      json out = json::array();
      for (const auto &i : v)
        out.push_back({{"id", i.id.to_string()},
                       {"title", i.title},
                       {"role", to_string(i.role)},
                       {"due", day_json(i.due)},
                       {"done_on", day_json(i.done_on)},
                       {"workdays_late", i.workdays_late}});
      return out;
    };
    json ratings = json::object();
    for (std::size_t i = 0; i < r.size(); ++i)
      ratings[std::string(to_string(static_cast<satisfaction>(i)))] = r[i];
    return json{{"report", "bulletin"},
                {"unit", b.unit},
                {"from", day_json(b.from)},
                {"to", day_json(b.to)},
                {"held", b.held},
                {"done", b.done},
                {"done_in_period", b.done_in_period},
                {"on_time", b.on_time},
                {"overdue", items(b.overdue)},
                {"late", items(b.late)},
                {"ratings", std::move(ratings)},
                {"reminders", b.reminders},
                {"key_items", items(b.key_items)},
                {"key_done", b.key_done},
                {"key_on_time", b.key_on_time}}
               .dump(2) +
           "\n";
  }
  // One row of figures: many units' bulletins stack into one spreadsheet.
  detail::table figures{
      {"unit", "from", "to", "held", "done", "done in period", "on time", "overdue", "overdue items", "late", "late items",
       "satisfied", "basically satisfied", "dissatisfied", "no feedback", "reminders", "key or supervised", "of those done",
       "of those on time"},
      {{b.unit, day_text(b.from), day_text(b.to), std::to_string(b.held), std::to_string(b.done),
        std::to_string(b.done_in_period), std::to_string(b.on_time), std::to_string(b.overdue.size()), ids_text(b.overdue),
        std::to_string(b.late.size()), ids_text(b.late), std::to_string(rating(satisfaction::satisfied)),
        std::to_string(rating(satisfaction::basically_satisfied)), std::to_string(rating(satisfaction::dissatisfied)),
        std::to_string(rating(satisfaction::no_feedback)), std::to_string(b.reminders), std::to_string(b.key_items.size()),
        std::to_string(b.key_done), std::to_string(b.key_on_time)}}};
  if (f == report_format::csv) return render(f, "", {}, {{"", std::move(figures)}});
  std::vector<std::string> lines{
      fmt::format("Items held: {}; replied or opinion sent: {} ({} in the period); on time: {}; overdue: {}; met late: {}",
                  b.held, b.done, b.done_in_period, b.on_time, b.overdue.size(), b.late.size()),
      fmt::format("Ratings: {} satisfied, {} basically satisfied, {} dissatisfied, {} no feedback",
                  rating(satisfaction::satisfied), rating(satisfaction::basically_satisfied), rating(satisfaction::dissatisfied),
                  rating(satisfaction::no_feedback)),
      fmt::format("Reminders sent in the period: {}", b.reminders),
      fmt::format("Key and leader-supervised items: {}; done: {}; on time: {}", b.key_items.size(), b.key_done, b.key_on_time)};
  std::vector<std::pair<std::string, detail::table>> tables;
  if (!b.overdue.empty() || !b.late.empty()) {
    detail::table slow{{"id", "title", "role", "due", "done on", "wd late"}, {}};
    for (const auto *list : {&b.overdue, &b.late})
      for (const auto &i : *list)
        slow.rows.push_back({i.id.to_string(), i.title, std::string(to_string(i.role)), day_text(i.due),
                             i.done_on.is_special() ? std::string("open") : day_text(i.done_on),
                             std::to_string(i.workdays_late)});
    tables.emplace_back("Slow items", std::move(slow));
  }
  if (!b.key_items.empty()) {
    detail::table tracked{{"id", "title", "role", "due", "done on", "wd late"}, {}};
    for (const auto &i : b.key_items)
      tracked.rows.push_back({i.id.to_string(), i.title, std::string(to_string(i.role)), day_text(i.due),
                              i.done_on.is_special() ? std::string("open") : day_text(i.done_on),
                              std::to_string(i.workdays_late)});
    tables.emplace_back("Key and leader-supervised items", std::move(tracked));
  }
  return render(f, fmt::format("Bimonthly bulletin for {}, {} to {}", b.unit, day_text(b.from), day_text(b.to)), lines, tables);
}

// ---- KPIs

std::string format(const kpi_set &k, report_format f) {
  // clang-format off
  const std::pair<const char *, const rate *> rows[] = {
    {"closure",      &k.closure},
    {"on_time",      &k.on_time},
    {"contact",      &k.contact},
    {"face_to_face", &k.face_to_face},
    {"satisfaction", &k.satisfaction},
    {"follow_up",    &k.follow_up},
    {"key_on_time",  &k.key_on_time},
  };
  // clang-format on
  if (f == report_format::json) {
    json rates = json::object();
    for (const auto &[name, r] : rows)
      rates[name] = rate_json(*r);
    return json{{"report", "kpis"}, {"as_of", day_json(k.as_of)}, {"unit", k.unit}, {"rates", std::move(rates)}}.dump(2) + "\n";
  }
  detail::table t{{"kpi", "numerator", "denominator", "rate"}, {}};
  for (const auto &[name, r] : rows) {
    const auto v = r->value();
    t.rows.push_back(
        {name, std::to_string(r->numerator), std::to_string(r->denominator), v ? fmt::format("{:.1f}%", *v * 100.0) : "n/a"});
  }
  return render(f, fmt::format("KPIs as of {}, {}", day_text(k.as_of), view_text(k.unit)), {}, {{"", std::move(t)}});
}

} // namespace caseflow
