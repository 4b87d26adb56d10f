// case_book::snapshot: the whole state of a book as canonical JSON.
#include "casebook_state.hpp"

#include <caseflow/workflow.hpp>

namespace caseflow {

namespace {

using namespace book_detail;
using book_detail::to_json;

json to_json(const deadline_clock &c) {
  json points = json::array();
  for (const auto &p : c.schedule())
    points.push_back({{"on", day_text(p.on)}, {"kind", to_string(p.kind)}, {"point", p.point}, {"issued", p.issued}});
  return {{"clock", to_json(c.key())}, {"started", day_text(c.started())}, {"due", day_text(c.due())},
          {"paused", c.paused()},      {"changes", c.history().size()},    {"points", std::move(points)}};
}

json to_json(const finished_clock &f) {
  json j = {{"clock", to_json(f.clock)}, {"started", day_text(f.started)}, {"due", day_text(f.due)}};
  if (f.met) j["met"] = {{"on", day_text(f.met->on)}, {"on_time", f.met->on_time}, {"workdays_late", f.met->workdays_late}};
  return j;
}

} // namespace

std::string case_book::snapshot() const {
  std::shared_lock lock(*mutex_);
  json cases = json::array();
  for (const auto &[_, c] : s_->cases)
    cases.push_back(json::parse(caseflow::snapshot(c)));
  json clocks = json::array();
  for (const auto &[_, c] : s_->clocks.clocks())
    clocks.push_back(to_json(c));
  json finished = json::array();
  for (const auto &[_, f] : s_->finished)
    finished.push_back(to_json(f));
  json notices = json::object();
  for (const auto &[id, list] : s_->notices) {
    json arr = json::array();
    for (const auto &n : list)
      arr.push_back(to_json(n));
    notices[id] = std::move(arr);
  }
  json escalations = json::object();
  for (const auto &[id, track] : s_->tracks)
    to_json(escalations[id.to_string()], track);
  json escalation_notices = json::object();
  for (const auto &[id, list] : s_->escalation_notices) {
    json arr = json::array();
    for (const auto &n : list)
      to_json(arr.emplace_back(), n);
    escalation_notices[id] = std::move(arr);
  }
  const auto last = s_->clocks.last_tick();
  return json{{"cases", std::move(cases)},
              {"escalations", std::move(escalations)},
              {"escalation_notices", std::move(escalation_notices)},
              {"clocks", std::move(clocks)},
              {"finished_clocks", std::move(finished)},
              {"notices", std::move(notices)},
              {"last_tick", last ? to_string(*last) : std::string()}}
      .dump(1);
}

} // namespace caseflow
