// case_book linkage: items a unit passes down to its own bureaus and towns, their clocks and answers.
// The checks, the journal discipline and the clocks follow apply(): everything is worked out on copies,
// the record is journaled, and only then does the change take effect.
#include "casebook_state.hpp"

#include <mutex>

namespace caseflow {

using namespace book_detail;

namespace {

// The obligations a child can feed, by the parent unit's role: a co-handler's opinion, a replying
// unit's reply (or its re-handling reply). The running clock of the latest of them is the one fed.
struct fed_obligation {
  assignment_role role;
  clock_kind kind;
};
// clang-format off
constexpr fed_obligation fed_obligations[] = {
  {assignment_role::co_handler, clock_kind::co_handler_opinion},
  {assignment_role::lead,       clock_kind::reply},
  {assignment_role::lead,       clock_kind::rehandling_reply},
  {assignment_role::separate,   clock_kind::reply},
  {assignment_role::separate,   clock_kind::rehandling_reply},
};
// clang-format on

bool feeds_from(assignment_role role, clock_kind kind) {
  for (const auto &f : fed_obligations)
    if (f.role == role && f.kind == kind) return true;
  return false;
}

// The running clock of `unit`'s obligation on case `case_text` that a child would feed, or nullptr.
const deadline_clock *obligation_clock(const due_index &clocks, const std::string &case_text, const std::string &unit,
                                       assignment_role role) {
  const deadline_clock *found = nullptr;
  const auto &all = clocks.clocks();
  for (auto it = all.lower_bound(clock_key{case_text, unit, clock_kind::return_request, 0});
       it != all.end() && it->first.case_id == case_text && it->first.unit_id == unit; ++it)
    if (feeds_from(role, it->first.kind)) found = &it->second;
  return found;
}

// Whether `unit` lies below `above` in the chart (reports to it, directly or through units between).
bool below(const org_chart &chart, const std::string &unit, const std::string &above) {
  auto up = chart.parent_unit(unit);
  while (up && *up) {
    if ((*up)->id == above) return true;
    up = chart.parent_unit((*up)->id);
  }
  return false;
}

} // namespace

void case_book::state::end_children(const staged_clocks &staged, date on) {
  for (const auto &f : staged.finish) {
    auto parent = case_id::parse(f.clock.case_id);
    if (!parent) continue;
    const auto of = children_of.find(*parent);
    if (of == children_of.end()) continue;
    for (const auto &child_id : of->second) {
      child_item &c = children.at(child_id);
      if (!c.open() || c.parent_unit != f.clock.unit_id || c.feeds != f.clock.kind) continue;
      c.ended = on;
      const clock_key key{c.id, c.unit, c.feeds, 1};
      if (const auto *held = clocks.find(key)) {
        finished.put(finished_clock{key, held->started(), held->due(), std::nullopt});
        by_due.erase({held->due(), key});
        (void)clocks.remove(key);
      }
    }
  }
}

status<rejection> case_book::pass_down(const case_id &parent, child_request r) {
  using out_t = status<rejection>;
  auto scope = begin_write();
  if (!scope) return out_t::from_error(refuse(scope.error().code, scope.error().message));
  std::unique_lock lock(*mutex_);
  s_->recent.clear();
  if (!s_->broken.empty()) return out_t::from_error(refuse(errc::io_error, s_->broken));
  const std::string parent_text = parent.to_string();
  const case_record *const found = s_->find_case(parent);
  if (!found) return out_t::from_error(refuse(errc::not_found, fmt::format("case {} is not in the book", parent_text)));
  if (auto problem = first_text_problem({{"by", r.by, text_kind::id},
                                         {"id", r.id, text_kind::id},
                                         {"unit", r.unit, text_kind::id},
                                         {"task", r.task, text_kind::free_text}}))
    return out_t::from_error(
        refuse(errc::invalid_argument, fmt::format("case {}: passing an item down: {}", parent_text, *problem)));
  const auto where = fmt::format("case {}: passing {} down from unit '{}' to unit '{}'", parent_text, r.id, r.by, r.unit);
  const auto refused = [&](errc code, const std::string &why) {
    return out_t::from_error(refuse(code, fmt::format("{}: {}", where, why)));
  };

  const unit_assignment *by = found->find_unit(r.by);
  if (!by) return refused(errc::not_permitted, fmt::format("field 'by': unit '{}' does not handle the case", r.by));
  const deadline_clock *obligation = obligation_clock(s_->clocks, parent_text, r.by, by->role);
  if (!obligation)
    return refused(errc::invalid_state, fmt::format("field 'by': unit '{}' has no running opinion or reply clock", r.by));
  const auto child_case = case_id::parse(r.id);
  if (!child_case) return refused(errc::invalid_argument, fmt::format("field 'id': {}", child_case.error().message));
  if (s_->find_case(*child_case)) return refused(errc::conflict, fmt::format("field 'id': '{}' is a case in the book", r.id));
  if (s_->children.count(r.id)) return refused(errc::conflict, fmt::format("field 'id': '{}' is already a child item", r.id));
  if (r.unit.empty()) return refused(errc::invalid_argument, "field 'unit': is empty");
  if (r.unit == r.by) return refused(errc::invalid_argument, "field 'unit': a unit cannot pass an item down to itself");
  if (s_->chart) {
    if (!s_->chart->find(r.unit))
      return refused(errc::not_permitted,
                     fmt::format("field 'unit': '{}' is not in chart '{}'", r.unit, s_->chart->source_name()));
    if (!below(*s_->chart, r.unit, r.by))
      return refused(errc::not_permitted,
                     fmt::format("field 'unit': '{}' is not below '{}' in chart '{}'", r.unit, r.by, s_->chart->source_name()));
  }
  if (r.task.find_first_not_of(" \t\r\n") == std::string::npos) return refused(errc::invalid_argument, "field 'task': is empty");
  if (r.on.is_special()) return refused(errc::invalid_argument, "field 'on': is not a date");
  if (r.on < obligation->started())
    return refused(errc::invalid_argument, fmt::format("field 'on': {} is before the parent's clock started on {}",
                                                       to_string(r.on), to_string(obligation->started())));
  auto due = child_due(obligation->due(), policy_.child_margin, r.on, calendar_);
  if (!due) return refused(due.error().code, fmt::format("field 'on': {}", due.error().message));
  auto clock =
      deadline_clock::start_until(clock_key{r.id, r.unit, obligation->key().kind, 1}, obligation->rule(), r.on, *due, calendar_);
  if (!clock) return refused(clock.error().code, clock.error().message);

  json data = r;
  data["case"] = parent_text;
  data["due"] = to_string(*due);
  s_->write("pass_down", std::move(data));
  if (auto w = s_->write_unit(); !w) return out_t::from_error(refuse(w.error().code, w.error().message));

  // Committed: from here on nothing can fail.
  child_item item{parent,
                  r.by,
                  r.id,
                  r.unit,
                  std::move(r.task),
                  r.on,
                  obligation->key().kind,
                  *due,
                  std::nullopt,
                  date(boost::gregorian::not_a_date_time)};
  s_->by_due.insert({clock->due(), clock->key()});
  (void)s_->clocks.add(std::move(*clock));
  s_->children_of[parent].push_back(item.id);
  s_->children.emplace(item.id, std::move(item));
  return ok;
}

status<rejection> case_book::answer_child(const std::string &child_id, child_answer_request r) {
  using out_t = status<rejection>;
  auto scope = begin_write();
  if (!scope) return out_t::from_error(refuse(scope.error().code, scope.error().message));
  std::unique_lock lock(*mutex_);
  s_->recent.clear();
  if (!s_->broken.empty()) return out_t::from_error(refuse(errc::io_error, s_->broken));
  if (auto problem = first_text_problem(
          {{"child", child_id, text_kind::id}, {"by", r.by, text_kind::id}, {"text", r.text, text_kind::free_text}}))
    return out_t::from_error(refuse(errc::invalid_argument, fmt::format("answering a child item: {}", *problem)));
  const auto it = s_->children.find(child_id);
  if (it == s_->children.end())
    return out_t::from_error(refuse(errc::not_found, fmt::format("child item {} is not in the book", child_id)));
  child_item &c = it->second;
  const auto refused = [&](errc code, const std::string &why) {
    return out_t::from_error(
        refuse(code, fmt::format("case {}: child item {}: unit '{}' answering: {}", c.parent.to_string(), child_id, r.by, why)));
  };
  if (r.by != c.unit) return refused(errc::not_permitted, fmt::format("field 'by': the item is unit '{}''s", c.unit));
  if (c.answer) return refused(errc::invalid_state, fmt::format("answered already on {}", to_string(c.answer->on)));
  if (!c.ended.is_special())
    return refused(errc::invalid_state,
                   fmt::format("the item ended on {} with the parent's {}", to_string(c.ended), to_string(c.feeds)));
  if (r.text.find_first_not_of(" \t\r\n") == std::string::npos) return refused(errc::invalid_argument, "field 'text': is empty");
  if (r.on.is_special()) return refused(errc::invalid_argument, "field 'on': is not a date");
  if (r.on < c.passed_on)
    return refused(errc::invalid_argument, fmt::format("field 'on': {} is before the item was passed down on {}", to_string(r.on),
                                                       to_string(c.passed_on)));
  const clock_key key{c.id, c.unit, c.feeds, 1};
  const deadline_clock *held = s_->clocks.find(key);
  if (!held) return refused(errc::invalid_state, fmt::format("{}: the clock is not running", to_string(key)));
  deadline_clock copy = *held;
  auto met = copy.stop(r.on, calendar_);
  if (!met) return refused(met.error().code, met.error().message);

  json data = r;
  data["child"] = child_id;
  s_->write("child_answer", std::move(data));
  if (auto w = s_->write_unit(); !w) return out_t::from_error(refuse(w.error().code, w.error().message));

  // Committed: from here on nothing can fail.
  s_->finished.put(finished_clock{key, copy.started(), copy.due(), *met});
  s_->by_due.erase({held->due(), key});
  (void)s_->clocks.remove(key);
  c.answer = child_answer{r.on, std::move(r.text), met->on_time, met->workdays_late};
  return ok;
}

std::vector<child_item> case_book::children_of(const case_id &parent) const {
  std::shared_lock lock(*mutex_);
  std::vector<child_item> out;
  if (const auto of = s_->children_of.find(parent); of != s_->children_of.end())
    for (const auto &id : of->second)
      out.push_back(s_->children.at(id));
  return out;
}

std::optional<child_item> case_book::find_child(std::string_view child_id) const {
  std::shared_lock lock(*mutex_);
  const auto it = s_->children.find(child_id);
  if (it == s_->children.end()) return std::nullopt;
  return it->second;
}

child_progress case_book::child_roll_up(const case_id &parent, std::string_view unit, date day) const {
  const std::vector<child_item> items = children_of(parent);
  return roll_up_children(parent, unit, items, day);
}

} // namespace caseflow
