// The book as it stood at the end of a day, for the reports: each record rebuilt from its history, and
// each reply and opinion clock as it stood - met only by what happened up to the day, due on the date it
// had then - so that a report for a past day says what was true on it, and nothing after it counts.
#include "report_detail.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

namespace caseflow::detail {

namespace {

bool is_obligation(clock_kind k) {
  return k == clock_kind::reply || k == clock_kind::rehandling_reply || k == clock_kind::co_handler_opinion;
}

// The due date on `day` of the reply clock `key` started on `started`, due on `due` now: an extension
// approved after the day did not count yet. The extensions of a cycle are the office's approvals for the
// unit while the case was in that cycle.
date due_on(const case_record &full, const clock_key &key, date started, date due, const deadline_policy &policy,
            const work_calendar &cal, date day) {
  if (key.kind == clock_kind::co_handler_opinion) return due;
  int cycle = 0;
  std::optional<date> granted; // the latest extension on or before the day
  bool later = false;
  for (const auto &h : full.history) {
    const event &e = h.event;
    if (e.type == event_type::assign) cycle = 1;
    if (e.type == event_type::record_feedback && h.after == case_state::rehandling) ++cycle;
    if (e.type != event_type::approve_extension || e.unit != key.unit_id || cycle != key.cycle) continue;
    if (e.at.date() <= day)
      granted = e.until;
    else
      later = true;
  }
  if (!later) return due;
  if (granted) return *granted;
  auto first = cal.add(started, policy.rule(key.kind).length);
  return first ? *first : due;
}

} // namespace

result<book_on_day> book_on_day::take(const case_book &book, date day, std::string_view report) {
  if (day.is_special()) return fail(errc::invalid_argument, fmt::format("{}: no date given", report));
  const work_calendar cal = book.calendar();
  if (auto k = cal.kind(day); !k) return fail(k.error().code, fmt::format("{}: {}", report, k.error().message));
  return book_on_day(book, day);
}

book_on_day::book_on_day(const case_book &book, date day) : book_(&book), day_(day), calendar_(book.calendar()) {
  std::map<std::string, const case_record *, std::less<>> by_text;
  std::vector<case_record> full;
  for (const auto &id : book.ids())
    if (auto c = book.find(id)) {
      if (c->history.empty() || c->history.front().event.at.date() > day) continue;
      records_.push_back(as_of(*c, day));
      full.push_back(std::move(*c));
    }
  for (auto &c : full)
    by_text[c.info.id.to_string()] = &c;
  const deadline_policy &policy = book.policy();
  const auto add = [&](const clock_key &key, date started, date due, std::optional<stop_record> met, bool ended) {
    const auto it = by_text.find(key.case_id);
    if (it == by_text.end() || !is_obligation(key.kind) || started > day) return;
    if (met && met->on > day) { // met later: still open on the day
      met.reset();
      ended = false;
    }
    by_case_[key.case_id].push_back({key, started, due_on(*it->second, key, started, due, policy, calendar_, day), met, ended});
  };
  for (const auto &f : book.finished_clocks())
    add(f.clock, f.started, f.due, f.met, !f.met.has_value());
  for (const auto &c : full)
    for (const auto &clock : book.clocks_of(c.info.id))
      add(clock.key(), clock.started(), clock.due(), std::nullopt, false);
  // A clock that ended unmet (its unit left, its case concluded) was still running on the day if, as the
  // record stood then, its unit still handled the item and the case was open.
  for (const auto &r : records_) {
    const auto it = by_case_.find(r.info.id.to_string());
    if (it == by_case_.end()) continue;
    for (auto &o : it->second)
      if (o.ended && r.find_unit(o.key.unit_id) && !is_concluded(r.state)) o.ended = false;
  }
}

std::vector<const case_record *> book_on_day::items(std::string_view unit) const {
  std::vector<const case_record *> out;
  for (const auto &r : records_)
    if (unit.empty() || r.find_unit(unit)) out.push_back(&r);
  return out;
}

std::optional<obligation> book_on_day::latest(const std::string &case_text, const std::string &unit, assignment_role role) const {
  const auto it = by_case_.find(case_text);
  if (it == by_case_.end()) return std::nullopt;
  std::optional<obligation> best;
  for (const auto &o : it->second) {
    if (o.key.unit_id != unit) continue;
    const bool opinion = o.key.kind == clock_kind::co_handler_opinion;
    if (opinion == replies(role)) continue;
    // A later cycle wins; within a cycle the clock still open (or met) over one that ended unmet.
    if (!best || std::tie(o.key.cycle, o.due) > std::tie(best->key.cycle, best->due)) best = o;
  }
  return best;
}

std::vector<notice> book_on_day::notices_of(const case_id &id) const {
  std::vector<notice> out;
  for (auto &n : book_->notices_of(id))
    if (n.issued <= day_) out.push_back(std::move(n));
  return out;
}

} // namespace caseflow::detail
