// The summary: items counted by kind, role, category and state, with the totals and the reply and
// disclosure figures supervisors quote ("34 items: 24 deputy suggestions (5 lead, 19 co-handled) ...").
#include "report_detail.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

namespace caseflow {

namespace {

// Sorts roles with "no role" last.
int role_rank(const std::optional<assignment_role> &r) { return r ? static_cast<int>(*r) : 99; }

void count_role(kind_total &t, const std::optional<assignment_role> &role) {
  ++t.items;
  if (!role) {
    ++t.unassigned;
    return;
  }
  switch (*role) {
  case assignment_role::lead: ++t.lead; break;
  case assignment_role::co_handler: ++t.co_handled; break;
  case assignment_role::separate: ++t.separate; break;
  }
}

std::string kind_phrase(const kind_total &t, language lang) {
  const bool deputy = t.kind == case_kind::deputy_suggestion;
  const bool one = t.items == 1;
  std::string out = detail::phrase(deputy ? (one ? "headline.deputy_one" : "headline.deputy_many")
                                          : (one ? "headline.cppcc_one" : "headline.cppcc_many"),
                                   lang, t.items);
  std::vector<std::string> parts;
  // clang-format off
  const std::pair<int, const char *> roles[] = {
    {t.lead,       "headline.lead"},
    {t.co_handled, "headline.co_handled"},
    {t.separate,   "headline.separate"},
    {t.unassigned, "headline.unassigned"},
  };
  // clang-format on
  for (const auto &[n, key] : roles)
    if (n > 0) parts.push_back(detail::phrase(key, lang, n));
  if (!parts.empty() && t.items > 0)
    out += detail::phrase("headline.roles", lang, fmt::format("{}", fmt::join(parts, label("headline.role_join", lang))));
  return out;
}

} // namespace

result<summary> make_summary(const case_book &book, date as_of, std::string_view unit) {
  auto on_day = detail::book_on_day::take(book, as_of, "summary");
  if (!on_day) return failure{on_day.error()};
  return detail::summary_on(*on_day, unit);
}

summary detail::summary_on(const book_on_day &day, std::string_view unit) {
  const date as_of = day.day();
  const auto *on_day = &day;
  summary s;
  s.as_of = as_of;
  s.unit = std::string(unit);
  s.by_kind[0].kind = case_kind::deputy_suggestion;
  s.by_kind[1].kind = case_kind::cppcc_proposal;
  std::map<std::tuple<case_kind, int, std::string, case_state>, summary_cell> cells;
  std::map<std::string, int, std::less<>> categories;
  for (const case_record *c : on_day->items(unit)) {
    const case_id &id = c->info.id;
    const auto role = detail::role_in(*c, unit);
    ++s.items;
    auto &cell = cells[{c->info.kind, role_rank(role), c->info.category, c->state}];
    cell = summary_cell{c->info.kind, role, c->info.category, c->state, cell.items + 1};
    count_role(s.by_kind[static_cast<std::size_t>(c->info.kind)], role);
    ++categories[c->info.category];
    ++s.by_state[static_cast<std::size_t>(c->state)];

    // Replies and disclosure belong to the unit that answers the proposer.
    if (!role || !detail::replies(*role)) continue;
    ++s.replying;
    const date replied = unit.empty() ? c->replied_on : c->find_unit(unit)->replied_on;
    if (detail::by(replied, as_of)) ++s.replied;
    if (c->publication && detail::by(c->publication_decided_on, as_of))
      s.disclosed[static_cast<std::size_t>(*c->publication)].push_back(id);
  }
  for (auto &[_, cell] : cells)
    s.cells.push_back(std::move(cell));
  // The book's category order, then any category the list does not know (kept, never dropped).
  const category_list known = category_list::defaults();
  for (const auto &name : known.names())
    if (auto it = categories.find(name); it != categories.end()) {
      s.by_category.emplace_back(name, it->second);
      categories.erase(it);
    }
  for (const auto &[name, n] : categories)
    s.by_category.emplace_back(name, n);
  return s;
}

std::string headline(const summary &s) { return headline(s, language::en); }

std::string headline(const summary &s, language lang) {
  std::vector<std::string> kinds;
  for (const auto &t : s.by_kind)
    if (t.items > 0) kinds.push_back(kind_phrase(t, lang));
  std::string out = detail::phrase(s.items == 1 ? "headline.items_one" : "headline.items_many", lang, s.items);
  if (!kinds.empty())
    out += detail::phrase("headline.kinds", lang, fmt::format("{}", fmt::join(kinds, label("headline.join", lang))));
  const bool all_lead = std::all_of(s.by_kind.begin(), s.by_kind.end(), [](const kind_total &t) { return t.separate == 0; });
  out += detail::phrase(all_lead && !s.unit.empty() ? "headline.replied_lead" : "headline.replied", lang, s.replied);
  const auto &d = s.disclosed;
  const auto n = [&](disclosure x) { return d[static_cast<std::size_t>(x)].size(); };
  out += detail::phrase("headline.published", lang, n(disclosure::public_full_text) + n(disclosure::public_summary));
  const auto ids = [&](const std::vector<case_id> &v) {
    std::vector<std::string> t;
    for (const auto &id : v)
      t.push_back(id.to_string());
    return fmt::format("{}", fmt::join(t, label("headline.id_join", lang)));
  };
  if (n(disclosure::on_request) > 0)
    out += detail::phrase("headline.on_request", lang, n(disclosure::on_request),
                          ids(d[static_cast<std::size_t>(disclosure::on_request)]));
  if (n(disclosure::not_public) > 0)
    out += detail::phrase("headline.not_public", lang, n(disclosure::not_public),
                          ids(d[static_cast<std::size_t>(disclosure::not_public)]));
  return out;
}

} // namespace caseflow
