#include <caseflow/book_json.hpp>

#include <caseflow/clock_json.hpp>
#include <caseflow/escalation.hpp>
#include <caseflow/event_json.hpp>
#include <caseflow/linkage.hpp>

namespace caseflow {

using json = nlohmann::json;

json item_json(const case_record &c) {
  json units = json::array();
  for (const auto &u : c.units)
    units.push_back({{"unit", u.unit}, {"role", to_string(u.role)}, {"state", to_string(u.state)}});
  return {{"id", c.info.id.to_string()},
          {"kind", to_string(c.info.kind)},
          {"category", c.info.category},
          {"title", c.info.title},
          {"state", to_string(c.state)},
          {"key_item", c.info.key_item},
          {"leader_supervised", c.info.leader_supervised},
          {"units", std::move(units)}};
}

json item_detail_json(const case_book &book, const case_record &c) {
  const auto &id = c.info.id;
  json out = item_json(c);
  out["proposers"] = {{"lead", c.info.proposers.lead}, {"co_signers", c.info.proposers.co_signers}};
  json history = json::array();
  for (const auto &h : c.history) {
    auto e = to_json(h.event);
    e["after"] = to_string(h.after);
    history.push_back(std::move(e));
  }
  out["history"] = std::move(history);
  json clocks = json::array();
  for (const auto &k : book.clocks_of(id))
    clocks.push_back(to_json(k));
  out["clocks"] = std::move(clocks);
  out["notices"] = notices_json(book.notices_of(id));
  if (const auto track = book.escalation_of(id)) {
    json t;
    to_json(t, *track);
    out["escalation"] = std::move(t);
  }
  json children = json::array();
  for (const auto &child : book.children_of(id)) {
    json j;
    to_json(j, child);
    children.push_back(std::move(j));
  }
  out["children"] = std::move(children);
  return out;
}

json due_json(const std::vector<due_item> &items) {
  json out = json::array();
  for (const auto &d : items)
    out.push_back({{"due", to_string(d.due)}, {"clock", to_json(d.clock)}});
  return out;
}

json notices_json(const std::vector<notice> &notices) {
  json out = json::array();
  for (const auto &n : notices)
    out.push_back(to_json(n));
  return out;
}

} // namespace caseflow
