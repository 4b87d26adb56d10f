// The leaders' brief (专报, brief.hpp): what is stuck on a day and who must act, from the book as it stood.
#include "enum_names.hpp"
#include "report_detail.hpp"

#include <caseflow/brief.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

namespace caseflow {

namespace {

constexpr std::array<std::string_view, 6> section_names = {"ladder",       "overdue",    "last_warning",
                                                           "dissatisfied", "rehandling", "key_item"};

// The smallest "working days before" reminder point of a clock kind: its last warning; -1 for none.
int last_reminder_point(const deadline_policy &p, clock_kind k) {
  const auto &points = p.rule(k).warnings.workdays_before;
  return points.empty() ? -1 : *std::min_element(points.begin(), points.end());
}

// The unit an item-level line names: the point of view, or the first unit that replies.
std::string acting_unit(const case_record &c, std::string_view unit) {
  if (!unit.empty()) return std::string(unit);
  for (const auto &u : detail::active_units(c))
    if (detail::replies(u.role)) return u.unit;
  const auto units = detail::active_units(c);
  return units.empty() ? std::string() : units.front().unit;
}

date last_feedback_on(const case_record &c) {
  date on(boost::gregorian::not_a_date_time);
  for (const auto &h : c.history)
    if (h.event.type == event_type::record_feedback) on = h.event.at.date();
  return on;
}

} // namespace

std::string_view to_string(brief_section s) noexcept { return detail::name_of(section_names, s); }

result<brief> make_brief(const case_book &book, date as_of, std::string_view unit) {
  auto on_day = detail::book_on_day::take(book, as_of, "brief");
  if (!on_day) return failure{on_day.error()};
  const work_calendar &cal = on_day->calendar();
  brief b;
  b.as_of = as_of;
  b.unit = std::string(unit);
  std::map<std::string, brief_unit> units;
  for (const case_record *c : on_day->items(unit)) {
    const std::string text = c->info.id.to_string();
    const std::string leader = book.supervising_leader_of(*c).value_or("");
    const std::string acting = acting_unit(*c, unit);
    brief_line base;
    base.id = c->info.id;
    base.title = c->info.title;
    base.unit = acting;
    base.leader = leader;
    base.state = c->state;

    // The ladder's latest episode, as it stood on the day.
    std::vector<escalation_notice> moves;
    for (const auto &n : book.escalation_notices_of(c->info.id))
      if (n.on <= as_of) moves.push_back(n);
    if (!moves.empty()) {
      brief_line l = base;
      l.section = brief_section::ladder;
      const int cycle = moves.back().cycle;
      for (const auto &n : moves) {
        if (n.cycle != cycle) continue;
        if (n.why == escalation_reason::trigger) l.trigger = n.trigger;
        if (n.to != escalation_level::resolved && n.to != escalation_level::none)
          l.climbed.push_back({n.to, n.who, n.on, n.window_due});
      }
      const escalation_notice &last = moves.back();
      l.level = last.to;
      if (last.to == escalation_level::resolved) {
        l.decision = last.detail;
        l.decided_on = last.on;
      } else {
        l.leader = last.who;
        l.window_due = last.window_due;
      }
      b.lines.push_back(std::move(l));
    }

    // Each unit's obligation: overdue, at its last warning, or re-handled.
    const auto notices = on_day->notices_of(c->info.id);
    for (const auto &u : detail::active_units(*c)) {
      if (!unit.empty() && u.unit != unit) continue;
      const auto o = on_day->latest(text, u.unit, u.role);
      if (!o || o->ended) continue;
      brief_unit &rank = units[u.unit];
      rank.unit = u.unit;
      if (o->met) {
        ++rank.on_time.denominator;
        if (o->met->on_time) ++rank.on_time.numerator;
        rank.workdays_late += o->met->workdays_late;
        continue;
      }
      brief_line l = base;
      l.unit = u.unit;
      l.clock = o->key.kind;
      l.due = o->due;
      if (o->due < as_of) {
        const int late = detail::workdays_late(cal, o->due, as_of);
        ++rank.on_time.denominator;
        rank.workdays_late += late;
        ++rank.overdue;
        l.section = brief_section::overdue;
        l.workdays = late;
        b.lines.push_back(std::move(l));
        continue;
      }
      const int point = last_reminder_point(book.policy(), o->key.kind);
      const auto warned = std::find_if(notices.rbegin(), notices.rend(), [&](const notice &n) {
        return n.clock == o->key && n.kind == notice_kind::reminder && n.point == point;
      });
      if (warned != notices.rend()) {
        l.section = brief_section::last_warning;
        const auto left = cal.workdays_between(as_of, o->due);
        l.workdays = left ? std::max(0, *left) : warned->workdays;
        b.lines.push_back(std::move(l));
      }
    }

    if (c->rating == satisfaction::dissatisfied) {
      brief_line l = base;
      l.section = brief_section::dissatisfied;
      l.rating = c->rating;
      l.rated_on = last_feedback_on(*c);
      b.lines.push_back(std::move(l));
    }
    if (c->state == case_state::rehandling) {
      brief_line l = base;
      l.section = brief_section::rehandling;
      l.rating = c->rating;
      l.rated_on = last_feedback_on(*c);
      if (const auto *a = c->find_unit(acting)) {
        if (const auto o = on_day->latest(text, acting, a->role)) {
          l.clock = o->key.kind;
          l.due = o->due;
        }
      }
      b.lines.push_back(std::move(l));
    }
    if (c->info.key_item || c->info.leader_supervised) {
      brief_line l = base;
      l.section = brief_section::key_item;
      l.key_item = c->info.key_item;
      l.leader_supervised = c->info.leader_supervised;
      const unit_assignment *a = c->find_unit(acting);
      l.replied_on = a ? a->replied_on : c->replied_on;
      if (!detail::by(l.replied_on, as_of)) l.replied_on = date(boost::gregorian::not_a_date_time);
      if (a) {
        if (const auto o = on_day->latest(text, acting, a->role)) {
          l.clock = o->key.kind;
          l.due = o->due;
        }
      }
      b.lines.push_back(std::move(l));
    }
  }
  std::stable_sort(b.lines.begin(), b.lines.end(), [](const brief_line &x, const brief_line &y) {
    if (x.section != y.section) return x.section < y.section;
    return x.id.to_string() < y.id.to_string();
  });
  for (auto &[_, u] : units)
    b.units.push_back(u);
  std::stable_sort(b.units.begin(), b.units.end(), [](const brief_unit &x, const brief_unit &y) {
    const auto vx = x.on_time.value(), vy = y.on_time.value();
    if (vx.has_value() != vy.has_value()) return vx.has_value();
    if (vx && *vx != *vy) return *vx > *vy;
    if (x.workdays_late != y.workdays_late) return x.workdays_late < y.workdays_late;
    return x.unit < y.unit;
  });
  return b;
}

// ---- Layout and formats

namespace {

using detail::day_text;
using detail::phrase;
using detail::term;

std::string tracking_of(const brief_line &l, language lang) {
  if (l.key_item && l.leader_supervised) return std::string(label("tracking.both", lang));
  return std::string(label(l.key_item ? "tracking.key" : "tracking.supervised", lang));
}

std::string detail_of(const brief_line &l, language lang) {
  switch (l.section) {
  case brief_section::ladder: {
    std::vector<std::string> steps;
    for (const auto &s : l.climbed)
      steps.push_back(phrase("brief.climb_step", lang, term("level", s.level, lang), s.who, day_text(s.since)));
    const std::string climbed = fmt::format("{}", fmt::join(steps, label("brief.climb_join", lang)));
    const std::string now = l.level == escalation_level::resolved
                                ? phrase("brief.decided", lang, day_text(l.decided_on),
                                         l.climbed.empty() ? std::string() : l.climbed.back().who, l.decision)
                                : phrase("brief.trigger", lang, term("trigger", l.trigger, lang));
    return phrase("brief.ladder_detail", lang, now, climbed);
  }
  case brief_section::overdue:
    return phrase("brief.overdue_detail", lang, term("clock", l.clock, lang), day_text(l.due), l.workdays);
  case brief_section::last_warning:
    return phrase("brief.warning_detail", lang, term("clock", l.clock, lang), day_text(l.due), l.workdays);
  case brief_section::dissatisfied:
    return phrase("brief.rating_detail", lang, l.rating ? term("satisfaction", *l.rating, lang) : std::string(),
                  day_text(l.rated_on));
  case brief_section::rehandling: return phrase("brief.rehandling_detail", lang, day_text(l.due));
  case brief_section::key_item:
    return phrase("brief.key_detail", lang, tracking_of(l, lang),
                  l.replied_on.is_special() ? std::string(label("brief.key_open", lang))
                                            : phrase("brief.key_replied", lang, day_text(l.replied_on)),
                  day_text(l.due));
  }
  return {};
}

} // namespace

report_document layout(const brief &b, const report_options &o) {
  const language lang = o.lang;
  using ct = column_type;
  const auto col = [&](std::string_view n) { return std::string(label(fmt::format("col.{}", n), lang)); };
  report_table lines{"brief",
                     std::string(label("brief.lines", lang)),
                     {col("section"), col("id"), col("title"), col("unit"), col("leader"), col("level"), col("due"),
                      col("wd_late"), col("detail")},
                     {ct::text, ct::text, ct::text, ct::text, ct::text, ct::text, ct::day, ct::number, ct::text},
                     {}};
  std::array<int, section_names.size()> counts{};
  for (const auto &l : b.lines) {
    ++counts[static_cast<std::size_t>(l.section)];
    const bool ladder = l.section == brief_section::ladder;
    const date due = ladder ? l.window_due : l.due;
    lines.rows.push_back({term("section", l.section, lang), l.id.to_string(), l.title, l.unit, l.leader,
                          ladder ? term("level", l.level, lang) : term("state", l.state, lang), day_text(due),
                          l.section == brief_section::overdue ? std::to_string(l.workdays) : std::string(), detail_of(l, lang)});
  }
  // The ranking's "wd late" is the units' sum; the lines' is each obligation's.
  report_table ranking{
      "ranking",
      std::string(label("brief.ranking", lang)),
      {col("rank"), col("unit"), col("on_time_rate"), col("on_time"), col("obligations"), col("overdue"), col("wd_late")},
      {ct::number, ct::text, ct::percent, ct::number, ct::number, ct::number, ct::number},
      {}};
  for (std::size_t i = 0; i < b.units.size(); ++i) {
    const auto &u = b.units[i];
    const auto v = u.on_time.value();
    ranking.rows.push_back({std::to_string(i + 1), u.unit,
                            v ? fmt::format("{:.1f}%", *v * 100.0) : std::string(label("common.na", lang)),
                            std::to_string(u.on_time.numerator), std::to_string(u.on_time.denominator), std::to_string(u.overdue),
                            std::to_string(u.workdays_late)});
  }
  const auto n = [&](brief_section s) { return counts[static_cast<std::size_t>(s)]; };
  const std::string view = b.unit.empty() ? std::string(label("common.all_units", lang)) : phrase("common.unit", lang, b.unit);
  report_document d{
      "brief",
      phrase("brief.title", lang, day_text(b.as_of), view),
      {phrase("brief.counts", lang, n(brief_section::ladder), n(brief_section::overdue), n(brief_section::last_warning),
              n(brief_section::dissatisfied), n(brief_section::rehandling), n(brief_section::key_item))},
      {}};
  if (b.lines.empty()) d.lines.emplace_back(label("brief.nothing", lang));
  d.tables.push_back(std::move(lines));
  d.tables.push_back(std::move(ranking));
  return d;
}

std::string format(const brief &b, report_format f, const report_options &o) {
  if (f != report_format::json) return render(layout(b, o), f, o.lang);
  using json = nlohmann::json;
  const auto day = [](date d) { return d.is_special() ? json(nullptr) : json(to_string(d)); };
  json lines = json::array();
  for (const auto &l : b.lines) {
    json line{
        {"section", to_string(l.section)}, {"id", l.id.to_string()}, {"title", l.title}, {"unit", l.unit}, {"leader", l.leader},
        {"state", to_string(l.state)}};
    switch (l.section) {
    case brief_section::ladder: {
      json climbed = json::array();
      for (const auto &s : l.climbed)
        climbed.push_back(
            {{"level", to_string(s.level)}, {"who", s.who}, {"since", day(s.since)}, {"window_due", day(s.window_due)}});
      line["level"] = to_string(l.level);
      line["trigger"] = to_string(l.trigger);
      line["window_due"] = day(l.window_due);
      line["climbed"] = std::move(climbed);
      line["decision"] = l.decision;
      line["decided_on"] = day(l.decided_on);
      break;
    }
    case brief_section::overdue:
    case brief_section::last_warning:
      line["clock"] = to_string(l.clock);
      line["due"] = day(l.due);
      line[l.section == brief_section::overdue ? "workdays_late" : "workdays_left"] = l.workdays;
      break;
    case brief_section::dissatisfied:
    case brief_section::rehandling:
      line["rating"] = l.rating ? json(std::string(to_string(*l.rating))) : json(nullptr);
      line["rated_on"] = day(l.rated_on);
      if (l.section == brief_section::rehandling) line["due"] = day(l.due);
      break;
    case brief_section::key_item:
      line["key_item"] = l.key_item;
      line["leader_supervised"] = l.leader_supervised;
      line["due"] = day(l.due);
      line["replied_on"] = day(l.replied_on);
      break;
    }
    lines.push_back(std::move(line));
  }
  json units = json::array();
  for (const auto &u : b.units) {
    const auto v = u.on_time.value();
    units.push_back(
        {{"unit", u.unit},
         {"on_time",
          {{"numerator", u.on_time.numerator}, {"denominator", u.on_time.denominator}, {"value", v ? json(*v) : json(nullptr)}}},
         {"workdays_late", u.workdays_late},
         {"overdue", u.overdue}});
  }
  return json{{"report", "brief"},
              {"as_of", day(b.as_of)},
              {"unit", b.unit},
              {"lines", std::move(lines)},
              {"units", std::move(units)}}
             .dump(2) +
         "\n";
}

} // namespace caseflow
