// Report formats: each report laid out once (layout: title, lines, typed tables, every word from the label
// table in the language asked) and rendered from that layout; JSON is built from the values directly.
#include "report_detail.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace caseflow {

namespace {

using json = nlohmann::json;
using detail::day_text;
using detail::phrase;
using detail::term;
using ct = column_type;

json day_json(date d) { return d.is_special() ? json(nullptr) : json(caseflow::to_string(d)); }
template <class E> json opt_json(const std::optional<E> &v) { return v ? json(std::string(to_string(*v))) : json(nullptr); }
template <class E> std::string opt_term(std::string_view group, const std::optional<E> &v, language lang) {
  return v ? term(group, *v, lang) : std::string();
}
std::string role_text(const std::optional<assignment_role> &r, language lang) {
  return r ? term("role", *r, lang) : std::string(label("common.no_role", lang));
}
std::string col(std::string_view name, language lang) { return std::string(label(fmt::format("col.{}", name), lang)); }
std::vector<std::string> header(std::initializer_list<std::string_view> names, language lang) {
  std::vector<std::string> out;
  for (const auto n : names)
    out.push_back(col(n, lang));
  return out;
}

std::string units_text(const std::vector<unit_assignment_spec> &units, language lang) {
  std::vector<std::string> parts;
  for (const auto &u : units)
    parts.push_back(fmt::format("{}:{}", u.unit, term("role", u.role, lang)));
  return fmt::format("{}", fmt::join(parts, "; "));
}

std::string ids_text(const std::vector<bulletin_item> &items, language lang) {
  std::vector<std::string> parts;
  for (const auto &i : items)
    parts.push_back(i.id.to_string());
  return fmt::format("{}", fmt::join(parts, label("bulletin.list_join", lang)));
}

std::string view_text(std::string_view unit, language lang) {
  return unit.empty() ? std::string(label("common.all_units", lang)) : phrase("common.unit", lang, unit);
}

json rate_json(const rate &r) {
  const auto v = r.value();
  return {{"numerator", r.numerator}, {"denominator", r.denominator}, {"value", v ? json(*v) : json(nullptr)}};
}

std::string percent_text(const rate &r, language lang) {
  const auto v = r.value();
  return v ? fmt::format("{:.1f}%", *v * 100.0) : std::string(label("common.na", lang));
}

// "key", "leader-supervised", "key, leader-supervised" or "".
std::string tracking_text(bool key, bool supervised, language lang) {
  if (key && supervised) return std::string(label("tracking.both", lang));
  return key ? std::string(label("tracking.key", lang)) : supervised ? std::string(label("tracking.supervised", lang)) : "";
}

} // namespace

// ---- Ledger

report_document layout(const ledger &l, const report_options &o) {
  const language lang = o.lang;
  report_table t{
      "ledger",
      "",
      header({"id", "kind", "category", "title", "lead_proposer", "units", "role", "state", "assigned_on", "reply_due",
              "replied_on", "class", "satisfaction", "disclosure", "wd_late", "reminders", "tracking", "supervising_leader"},
             lang),
      {ct::text, ct::text, ct::text, ct::text, ct::text, ct::text, ct::text, ct::text, ct::day, ct::day, ct::day, ct::text,
       ct::text, ct::text, ct::number, ct::number, ct::text, ct::text},
      {}};
  // Key and leader-supervised items again on their own, where they are read first.
  report_table tracked{
      "tracked",
      std::string(label("ledger.tracked", lang)),
      header({"id", "title", "tracking", "supervising_leader", "state", "reply_due", "replied_on", "wd_late"}, lang),
      {ct::text, ct::text, ct::text, ct::text, ct::text, ct::day, ct::day, ct::number},
      {}};
  for (const auto &r : l.rows) {
    const std::string tracking = tracking_text(r.key_item, r.leader_supervised, lang);
    t.rows.push_back(
        {r.id.to_string(), term("kind", r.kind, lang), r.category, r.title, r.lead_proposer, units_text(r.units, lang),
         role_text(r.role, lang), term("state", r.state, lang), day_text(r.assigned_on),
         r.reply_due_provisional ? day_text(r.reply_due) + std::string(label("common.provisional", lang)) : day_text(r.reply_due),
         day_text(r.replied_on), opt_term("class", r.result_class, lang), opt_term("satisfaction", r.rating, lang),
         opt_term("disclosure", r.publication, lang), std::to_string(r.workdays_late), std::to_string(r.reminders), tracking,
         r.supervising_leader});
    if (r.key_item || r.leader_supervised)
      tracked.rows.push_back({r.id.to_string(), r.title, tracking, r.supervising_leader, term("state", r.state, lang),
                              day_text(r.reply_due), day_text(r.replied_on), std::to_string(r.workdays_late)});
  }
  const std::size_t n_tracked = tracked.rows.size();
  report_document d{"ledger",
                    phrase("ledger.title", lang, day_text(l.as_of), view_text(l.unit, lang)),
                    {phrase(l.rows.size() == 1 ? "ledger.count_one" : "ledger.count_many", lang, l.rows.size(), n_tracked)},
                    {}};
  d.tables.push_back(std::move(t));
  if (n_tracked > 0) d.tables.push_back(std::move(tracked));
  return d;
}

std::string format(const ledger &l, report_format f, const report_options &o) {
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
  return render(layout(l, o), f, o.lang);
}

// ---- Summary

report_document layout(const summary &s, const report_options &o) {
  const language lang = o.lang;
  report_table cells{"summary",
                     std::string(label("summary.by_all", lang)),
                     header({"kind", "role", "category", "state", "items"}, lang),
                     {ct::text, ct::text, ct::text, ct::text, ct::number},
                     {}};
  for (const auto &c : s.cells)
    cells.rows.push_back(
        {term("kind", c.kind, lang), role_text(c.role, lang), c.category, term("state", c.state, lang), std::to_string(c.items)});
  cells.rows.push_back({std::string(label("summary.total", lang)), "", "", "", std::to_string(s.items)});
  report_table kinds{"by_kind",
                     std::string(label("summary.by_kind", lang)),
                     header({"kind", "items", "lead", "co_handled", "separate", "unassigned"}, lang),
                     {ct::text, ct::number, ct::number, ct::number, ct::number, ct::number},
                     {}};
  for (const auto &k : s.by_kind)
    kinds.rows.push_back({term("kind", k.kind, lang), std::to_string(k.items), std::to_string(k.lead),
                          std::to_string(k.co_handled), std::to_string(k.separate), std::to_string(k.unassigned)});
  report_table categories{"by_category",
                          std::string(label("summary.by_category", lang)),
                          header({"category", "items"}, lang),
                          {ct::text, ct::number},
                          {}};
  for (const auto &[name, n] : s.by_category)
    categories.rows.push_back({name, std::to_string(n)});
  report_table states{
      "by_state", std::string(label("summary.by_state", lang)), header({"state", "items"}, lang), {ct::text, ct::number}, {}};
  for (std::size_t i = 0; i < case_state_count; ++i)
    if (s.by_state[i] > 0)
      states.rows.push_back({term("state", static_cast<case_state>(i), lang), std::to_string(s.by_state[i])});
  report_document d{
      "summary", phrase("summary.title", lang, day_text(s.as_of), view_text(s.unit, lang)), {headline(s, lang)}, {}};
  d.tables.push_back(std::move(cells));
  d.tables.push_back(std::move(kinds));
  d.tables.push_back(std::move(categories));
  d.tables.push_back(std::move(states));
  return d;
}

std::string format(const summary &s, report_format f, const report_options &o) {
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
                {"headline", headline(s, o.lang)},
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
  return render(layout(s, o), f, o.lang);
}

// ---- Bulletin

report_document layout(const bulletin &b, const report_options &o) {
  const language lang = o.lang;
  const auto rating = [&](satisfaction s) { return b.ratings[static_cast<std::size_t>(s)]; };
  // One row of figures: many units' bulletins stack into one spreadsheet.
  report_table figures{
      "bulletin",
      "",
      header({"unit", "from", "to", "held", "done", "done_in_period", "on_time", "overdue", "overdue_items", "late", "late_items",
              "satisfied", "basically_satisfied", "dissatisfied", "no_feedback", "reminders", "key_or_supervised",
              "of_those_done", "of_those_on_time"},
             lang),
      {ct::text, ct::day, ct::day, ct::number, ct::number, ct::number, ct::number, ct::number, ct::text, ct::number, ct::text,
       ct::number, ct::number, ct::number, ct::number, ct::number, ct::number, ct::number, ct::number},
      {{b.unit, day_text(b.from), day_text(b.to), std::to_string(b.held), std::to_string(b.done),
        std::to_string(b.done_in_period), std::to_string(b.on_time), std::to_string(b.overdue.size()), ids_text(b.overdue, lang),
        std::to_string(b.late.size()), ids_text(b.late, lang), std::to_string(rating(satisfaction::satisfied)),
        std::to_string(rating(satisfaction::basically_satisfied)), std::to_string(rating(satisfaction::dissatisfied)),
        std::to_string(rating(satisfaction::no_feedback)), std::to_string(b.reminders), std::to_string(b.key_items.size()),
        std::to_string(b.key_done), std::to_string(b.key_on_time)}},
      false};
  report_document d{
      "bulletin",
      phrase("bulletin.title", lang, b.unit, day_text(b.from), day_text(b.to)),
      {phrase("bulletin.figures", lang, b.held, b.done, b.done_in_period, b.on_time, b.overdue.size(), b.late.size()),
       phrase("bulletin.ratings", lang, rating(satisfaction::satisfied), rating(satisfaction::basically_satisfied),
              rating(satisfaction::dissatisfied), rating(satisfaction::no_feedback)),
       phrase("bulletin.reminders", lang, b.reminders),
       phrase("bulletin.key", lang, b.key_items.size(), b.key_done, b.key_on_time)},
      {}};
  d.tables.push_back(std::move(figures));
  const auto item_row = [&](const bulletin_item &i) {
    return std::vector<std::string>{i.id.to_string(),
                                    i.title,
                                    term("role", i.role, lang),
                                    day_text(i.due),
                                    i.done_on.is_special() ? std::string(label("common.open", lang)) : day_text(i.done_on),
                                    std::to_string(i.workdays_late)};
  };
  const std::vector<column_type> item_types{ct::text, ct::text, ct::text, ct::day, ct::day, ct::number};
  if (!b.overdue.empty() || !b.late.empty()) {
    report_table slow{"slow",
                      std::string(label("bulletin.slow", lang)),
                      header({"id", "title", "role", "due", "done_on", "wd_late"}, lang),
                      item_types,
                      {}};
    for (const auto *list : {&b.overdue, &b.late})
      for (const auto &i : *list)
        slow.rows.push_back(item_row(i));
    d.tables.push_back(std::move(slow));
  }
  if (!b.key_items.empty()) {
    report_table tracked{"tracked",
                         std::string(label("ledger.tracked", lang)),
                         header({"id", "title", "role", "due", "done_on", "wd_late"}, lang),
                         item_types,
                         {}};
    for (const auto &i : b.key_items)
      tracked.rows.push_back(item_row(i));
    d.tables.push_back(std::move(tracked));
  }
  return d;
}

std::string format(const bulletin &b, report_format f, const report_options &o) {
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
    for (std::size_t i = 0; i < b.ratings.size(); ++i)
      ratings[std::string(to_string(static_cast<satisfaction>(i)))] = b.ratings[i];
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
  return render(layout(b, o), f, o.lang);
}

// ---- KPIs

namespace {
// clang-format off
constexpr std::pair<const char *, rate kpi_set::*> kpi_rows[] = {
    {"closure",      &kpi_set::closure},
    {"on_time",      &kpi_set::on_time},
    {"contact",      &kpi_set::contact},
    {"face_to_face", &kpi_set::face_to_face},
    {"satisfaction", &kpi_set::satisfaction},
    {"follow_up",    &kpi_set::follow_up},
    {"key_on_time",  &kpi_set::key_on_time},
};
// clang-format on
} // namespace

report_document layout(const kpi_set &k, const report_options &o) {
  const language lang = o.lang;
  report_table t{
      "kpis", "", header({"kpi", "numerator", "denominator", "rate"}, lang), {ct::text, ct::number, ct::number, ct::percent}, {}};
  for (const auto &[name, member] : kpi_rows) {
    const rate &r = k.*member;
    t.rows.push_back({std::string(enum_label("kpi", name, lang)), std::to_string(r.numerator), std::to_string(r.denominator),
                      percent_text(r, lang)});
  }
  report_document d{"kpis", phrase("kpi.title", lang, day_text(k.as_of), view_text(k.unit, lang)), {}, {}};
  d.tables.push_back(std::move(t));
  return d;
}

std::string format(const kpi_set &k, report_format f, const report_options &o) {
  if (f == report_format::json) {
    json rates = json::object();
    for (const auto &[name, member] : kpi_rows)
      rates[name] = rate_json(k.*member);
    return json{{"report", "kpis"}, {"as_of", day_json(k.as_of)}, {"unit", k.unit}, {"rates", std::move(rates)}}.dump(2) + "\n";
  }
  return render(layout(k, o), f, o.lang);
}

} // namespace caseflow
