// case_book::history_of: a case's events, notices and escalation moves as one history by day. The
// workflow keeps the events with the case; the book keeps the notices beside it (they come from the
// clocks, not from the case's own machine), so the whole history is put together here.
#include "casebook_state.hpp"

#include <algorithm>
#include <mutex>

namespace caseflow {

std::string to_string(const history_line &line) {
  struct text {
    std::string operator()(const history_entry &h) const {
      return fmt::format("{} {} {} -> {}", to_string(h.event.at), h.event.by.describe(), to_string(h.event.type),
                         to_string(h.after));
    }
    std::string operator()(const notice &n) const { return to_string(n); }
    std::string operator()(const escalation_notice &n) const { return to_string(n); }
  };
  return std::visit(text{}, line.what);
}

std::vector<history_line> case_book::history_of(const case_id &id) const {
  std::shared_lock lock(*mutex_);
  std::vector<history_line> out;
  const auto *c = s_->find_case(id);
  if (!c) return out;
  for (const auto &h : c->history)
    out.push_back({h.event.at.date(), h});
  const std::string text = id.to_string();
  if (const auto it = s_->escalation_notices.find(text); it != s_->escalation_notices.end())
    for (const auto &n : it->second)
      out.push_back({n.on, n});
  if (const auto it = s_->notices.find(text); it != s_->notices.end())
    for (const auto &n : it->second)
      out.push_back({n.issued, n});
  // On one day: events, then escalation moves, then notices; stable, so each kind keeps its own order.
  const auto rank = [](const history_line &l) {
    return std::holds_alternative<history_entry>(l.what) ? 0 : std::holds_alternative<escalation_notice>(l.what) ? 1 : 2;
  };
  std::stable_sort(out.begin(), out.end(), [&](const history_line &a, const history_line &b) {
    if (a.on != b.on) return a.on < b.on;
    return rank(a) < rank(b);
  });
  return out;
}

} // namespace caseflow
