#include <caseflow/casebook.hpp>
#include <caseflow/event_json.hpp>

#include <fmt/format.h>

#include <array>
#include <mutex>

namespace caseflow {

namespace {

using json = nlohmann::json;

std::string day_text(date d) { return d.is_special() ? std::string() : to_string(d); }

rejection refuse(errc code, std::string message) { return rejection{code, {}, std::move(message)}; }

json to_json(const clock_key &k) {
  return {{"case", k.case_id}, {"unit", k.unit_id}, {"clock", to_string(k.kind)}, {"cycle", k.cycle}};
}

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

json to_json(const notice &n) {
  return {{"kind", to_string(n.kind)},    {"clock", to_json(n.clock)}, {"due", day_text(n.due)}, {"on", day_text(n.on)},
          {"issued", day_text(n.issued)}, {"point", n.point},          {"workdays", n.workdays}};
}

struct case_book::state {
  category_list categories;
  std::map<case_id, case_record> cases;
  std::map<std::string, std::set<case_id>, std::less<>> by_unit;
  std::array<std::set<case_id>, case_state_count> by_state;
  due_index clocks;
  std::set<std::pair<date, clock_key>> by_due;
  std::map<clock_key, finished_clock> finished;
  std::map<std::string, std::vector<notice>, std::less<>> notices; // by case id text
  event_store *store = nullptr;
  std::optional<journal_writer> journal;
  std::string broken; // why writes are refused, after a journal failure that left the book ahead of it
  std::vector<event_observer> event_observers;
  std::vector<notice_observer> notice_observers;

  void index(const case_record &c) {
    by_state[static_cast<std::size_t>(c.state)].insert(c.info.id);
    for (const auto &u : c.units)
      if (u.state != unit_state::returned) by_unit[u.unit].insert(c.info.id);
  }
  void unindex(const case_record &c) {
    by_state[static_cast<std::size_t>(c.state)].erase(c.info.id);
    for (const auto &u : c.units)
      if (auto it = by_unit.find(u.unit); it != by_unit.end()) {
        it->second.erase(c.info.id);
        if (it->second.empty()) by_unit.erase(it);
      }
  }

  // Writes one record, or says why not. Without a journal every write succeeds.
  status<> write(std::string_view type, const json &data) {
    if (!journal) return ok;
    auto r = journal->append(type, data);
    if (!r) return failure{r.error()};
    return ok;
  }
};

// The clock changes of one transition, worked out on copies so that nothing is changed until all of
// them are known to succeed.
struct staged_clocks {
  std::vector<clock_key> remove;
  std::vector<deadline_clock> add;
  std::vector<finished_clock> finish;
};

namespace {

result<staged_clocks, rejection> stage(const std::vector<clock_change> &changes, const case_record &after,
                                       const due_index &clocks, const deadline_policy &policy, const work_calendar &cal) {
  using out_t = result<staged_clocks, rejection>;
  staged_clocks s;
  const auto where = [&](const clock_change &c) { return fmt::format("case {}: {}", after.info.id.to_string(), to_string(c)); };
  for (const auto &c : changes) {
    switch (c.kind) {
    case clock_change_kind::start: {
      auto clock = deadline_clock::start(c.key, policy.rule(c.key.kind), c.on, cal);
      if (!clock) return out_t::from_error(refuse(clock.error().code, fmt::format("{}: {}", where(c), clock.error().message)));
      s.add.push_back(std::move(*clock));
      break;
    }
    case clock_change_kind::stop: {
      const deadline_clock *held = clocks.find(c.key);
      if (!held) break; // already finished (a window that closed), nothing to meet
      deadline_clock copy = *held;
      auto met = copy.stop(c.on, cal);
      if (!met) return out_t::from_error(refuse(met.error().code, fmt::format("{}: {}", where(c), met.error().message)));
      s.remove.push_back(c.key);
      s.finish.push_back({c.key, copy.started(), copy.due(), *met});
      break;
    }
    case clock_change_kind::end: {
      if (const deadline_clock *held = clocks.find(c.key)) {
        s.remove.push_back(c.key);
        s.finish.push_back({c.key, held->started(), held->due(), std::nullopt});
      }
      break;
    }
    case clock_change_kind::extend: {
      const deadline_clock *held = clocks.find(c.key);
      if (!held) return out_t::from_error(refuse(errc::invalid_state, fmt::format("{}: the clock is not running", where(c))));
      const unit_assignment *unit = after.find_unit(c.key.unit_id);
      auto limits = extension_limits_for(policy, unit ? unit->assigned_on : after.assigned_on, cal);
      if (!limits) return out_t::from_error(refuse(limits.error().code, fmt::format("{}: {}", where(c), limits.error().message)));
      // The workflow already required the reason from the requesting unit; the approval carries the date.
      limits->reason_required = false;
      deadline_clock copy = *held;
      if (auto r = copy.extend(extension_request{c.on, c.until, {}}, *limits, cal); !r)
        return out_t::from_error(refuse(r.error().code, fmt::format("{}: {}", where(c), r.error().message)));
      s.remove.push_back(c.key);
      s.add.push_back(std::move(copy));
      break;
    }
    case clock_change_kind::end_case: {
      const clock_key first{c.key.case_id, {}, clock_kind::return_request, 0};
      for (auto it = clocks.clocks().lower_bound(first); it != clocks.clocks().end() && it->first.case_id == c.key.case_id;
           ++it) {
        s.remove.push_back(it->first);
        s.finish.push_back({it->first, it->second.started(), it->second.due(), std::nullopt});
      }
      break;
    }
    }
  }
  return s;
}

} // namespace

case_book::case_book(deadline_policy policy, work_calendar calendar, category_list categories)
    : s_(std::make_unique<state>()), policy_(std::move(policy)), calendar_(std::move(calendar)),
      mutex_(std::make_unique<std::shared_mutex>()) {
  s_->categories = std::move(categories);
}

case_book::case_book(case_book &&other) noexcept = default;
case_book &case_book::operator=(case_book &&other) noexcept = default;
case_book::~case_book() = default;

void case_book::attach_journal(event_store &store, std::uint64_t next_sequence) {
  std::unique_lock lock(*mutex_);
  s_->store = &store;
  s_->journal.emplace(store, next_sequence);
}

status<rejection> case_book::open(case_info info) {
  using out_t = status<rejection>;
  std::unique_lock lock(*mutex_);
  if (!s_->broken.empty()) return out_t::from_error(refuse(errc::io_error, s_->broken));
  if (s_->cases.count(info.id))
    return out_t::from_error(refuse(errc::conflict, fmt::format("case {} is already in the book", info.id.to_string())));
  auto record = open_case(info, s_->categories);
  if (!record) return out_t::from_error(refuse(record.error().code, record.error().message));
  if (auto w = s_->write("open", to_json(info)); !w) return out_t::from_error(refuse(w.error().code, w.error().message));
  s_->index(*record);
  s_->cases.emplace(info.id, std::move(*record));
  return ok;
}

status<rejection> case_book::apply(const case_id &id, const event &e) {
  using out_t = status<rejection>;
  std::vector<event_observer> observers;
  case_record after_copy;
  {
    std::unique_lock lock(*mutex_);
    if (!s_->broken.empty()) return out_t::from_error(refuse(errc::io_error, s_->broken));
    const auto it = s_->cases.find(id);
    if (it == s_->cases.end())
      return out_t::from_error(refuse(errc::not_found, fmt::format("case {} is not in the book", id.to_string())));
    const step_context ctx{policy_, calendar_};
    auto next = step(it->second, e, ctx);
    if (!next) return out_t::from_error(std::move(next).error());
    auto staged = stage(clock_changes(it->second, *next), *next, s_->clocks, policy_, calendar_);
    if (!staged) return out_t::from_error(std::move(staged).error());

    json data = to_json(e);
    data["case"] = id.to_string();
    if (auto w = s_->write("event", data); !w) return out_t::from_error(refuse(w.error().code, w.error().message));

    // Committed: from here on nothing can fail.
    s_->unindex(it->second);
    it->second = std::move(*next);
    s_->index(it->second);
    for (const auto &key : staged->remove) {
      if (const auto *held = s_->clocks.find(key)) s_->by_due.erase({held->due(), key});
      (void)s_->clocks.remove(key);
    }
    for (auto &clock : staged->add) {
      s_->by_due.insert({clock.due(), clock.key()});
      (void)s_->clocks.add(std::move(clock));
    }
    for (auto &f : staged->finish)
      s_->finished[f.clock] = std::move(f);
    if (!s_->event_observers.empty()) {
      observers = s_->event_observers;
      after_copy = it->second;
    }
  }
  for (const auto &f : observers)
    f(after_copy, e);
  return ok;
}

result<std::vector<notice>> case_book::tick(date now) {
  std::vector<notice_observer> observers;
  std::vector<notice> issued;
  {
    std::unique_lock lock(*mutex_);
    if (!s_->broken.empty()) return fail(errc::io_error, s_->broken);
    auto notices = s_->clocks.tick(now, calendar_);
    if (!notices) return failure{notices.error()};
    // Windows that close are not obligations gone late: a return window that passes just ends. And a
    // reminder that a late tick finds after its due date says less than the overdue notice beside it.
    for (auto &n : *notices) {
      if (n.kind != notice_kind::overdue && n.due < now) continue;
      if (n.kind == notice_kind::overdue && n.clock.kind == clock_kind::return_request) {
        if (const auto *held = s_->clocks.find(n.clock)) {
          s_->finished[n.clock] = finished_clock{n.clock, held->started(), held->due(), std::nullopt};
          s_->by_due.erase({held->due(), n.clock});
          (void)s_->clocks.remove(n.clock);
        }
        continue;
      }
      issued.push_back(std::move(n));
    }
    status<> w = s_->write("tick", {{"date", to_string(now)}, {"notices", issued.size()}});
    for (std::size_t i = 0; w && i < issued.size(); ++i)
      w = s_->write("notice", to_json(issued[i]));
    if (!w) {
      s_->broken = fmt::format("{} (the book is ahead of its journal: replay the journal to continue)", w.error().message);
      return failure{w.error()};
    }
    for (const auto &n : issued)
      s_->notices[n.clock.case_id].push_back(n);
    observers = s_->notice_observers;
  }
  for (const auto &n : issued)
    for (const auto &f : observers)
      f(n);
  return issued;
}

std::size_t case_book::size() const {
  std::shared_lock lock(*mutex_);
  return s_->cases.size();
}

std::optional<case_record> case_book::find(const case_id &id) const {
  std::shared_lock lock(*mutex_);
  const auto it = s_->cases.find(id);
  if (it == s_->cases.end()) return std::nullopt;
  return it->second;
}

std::vector<case_id> case_book::ids() const {
  std::shared_lock lock(*mutex_);
  std::vector<case_id> out;
  out.reserve(s_->cases.size());
  for (const auto &[id, _] : s_->cases)
    out.push_back(id);
  return out;
}

std::vector<case_id> case_book::of_unit(std::string_view unit, std::optional<assignment_role> role) const {
  std::shared_lock lock(*mutex_);
  std::vector<case_id> out;
  const auto it = s_->by_unit.find(unit);
  if (it == s_->by_unit.end()) return out;
  for (const auto &id : it->second) {
    if (!role) {
      out.push_back(id);
      continue;
    }
    const auto *a = s_->cases.at(id).find_unit(unit);
    if (a && a->role == *role) out.push_back(id);
  }
  return out;
}

std::vector<case_id> case_book::in_state(case_state st) const {
  std::shared_lock lock(*mutex_);
  const auto &ids = s_->by_state[static_cast<std::size_t>(st)];
  return {ids.begin(), ids.end()};
}

result<std::vector<due_item>> case_book::due_within(date today, int workdays) const {
  auto until = calendar_.add_workdays(today, workdays);
  if (!until) return failure{until.error()};
  std::shared_lock lock(*mutex_);
  std::vector<due_item> out;
  for (auto it = s_->by_due.lower_bound({today, clock_key{}}); it != s_->by_due.end() && it->first <= *until; ++it)
    out.push_back({it->second, it->first});
  return out;
}

std::vector<due_item> case_book::overdue_on(date day) const {
  std::shared_lock lock(*mutex_);
  std::vector<due_item> out;
  for (auto it = s_->by_due.begin(); it != s_->by_due.end() && it->first < day; ++it)
    out.push_back({it->second, it->first});
  return out;
}

std::vector<deadline_clock> case_book::clocks_of(const case_id &id) const {
  std::shared_lock lock(*mutex_);
  const std::string text = id.to_string();
  std::vector<deadline_clock> out;
  const auto &all = s_->clocks.clocks();
  for (auto it = all.lower_bound(clock_key{text, {}, clock_kind::return_request, 0});
       it != all.end() && it->first.case_id == text; ++it)
    out.push_back(it->second);
  return out;
}

std::vector<finished_clock> case_book::finished_clocks() const {
  std::shared_lock lock(*mutex_);
  std::vector<finished_clock> out;
  out.reserve(s_->finished.size());
  for (const auto &[_, f] : s_->finished)
    out.push_back(f);
  return out;
}

std::vector<notice> case_book::notices_of(const case_id &id) const {
  std::shared_lock lock(*mutex_);
  const auto it = s_->notices.find(id.to_string());
  return it == s_->notices.end() ? std::vector<notice>{} : it->second;
}

std::optional<date> case_book::last_tick() const {
  std::shared_lock lock(*mutex_);
  return s_->clocks.last_tick();
}

void case_book::on_event(event_observer f) {
  std::unique_lock lock(*mutex_);
  s_->event_observers.push_back(std::move(f));
}

void case_book::on_notice(notice_observer f) {
  std::unique_lock lock(*mutex_);
  s_->notice_observers.push_back(std::move(f));
}

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
  const auto last = s_->clocks.last_tick();
  return json{{"cases", std::move(cases)},
              {"clocks", std::move(clocks)},
              {"finished_clocks", std::move(finished)},
              {"notices", std::move(notices)},
              {"last_tick", last ? to_string(*last) : std::string()}}
      .dump(1);
}

result<case_book> case_book::replay(const event_store &store, deadline_policy policy, work_calendar calendar,
                                    category_list categories, bool allow_torn_tail, const replay_progress &progress) {
  auto contents = read_journal(store);
  if (!contents) return failure{contents.error()};
  if (contents->torn && !allow_torn_tail)
    return fail(errc::parse_error, fmt::format("{}:{}: the last line is torn (a write was cut short); truncate it to continue",
                                               store.name(), contents->torn->line_number));
  case_book book(std::move(policy), std::move(calendar), std::move(categories));
  const auto &records = contents->records;
  const auto where = [&](const journal_record &r) { return fmt::format("{}:{}", store.name(), r.line); };
  for (std::size_t i = 0; i < records.size(); ++i) {
    const journal_record &r = records[i];
    if (progress) progress(i, records.size());
    if (r.type == "open") {
      auto info = case_info_from_json(r.data, where(r));
      if (!info) return failure{info.error()};
      if (auto done = book.open(std::move(*info)); !done)
        return fail(done.error().code, fmt::format("{}: {}", where(r), done.error().message));
    } else if (r.type == "event") {
      auto e = event_from_json(r.data, where(r));
      if (!e) return failure{e.error()};
      const auto id_text = r.data.find("case");
      if (id_text == r.data.end() || !id_text->is_string())
        return fail(errc::parse_error, fmt::format("{}: field 'case': is missing", where(r)));
      auto id = case_id::parse(id_text->get<std::string>());
      if (!id) return fail(errc::parse_error, fmt::format("{}: field 'case': {}", where(r), id.error().message));
      if (auto done = book.apply(*id, *e); !done)
        return fail(done.error().code, fmt::format("{}: {}", where(r), done.error().message));
    } else if (r.type == "tick") {
      const auto day = r.data.find("date");
      auto now = day != r.data.end() && day->is_string() ? parse_date(day->get<std::string>())
                                                         : result<date>(fail(errc::parse_error, "missing"));
      if (!now) return fail(errc::parse_error, fmt::format("{}: field 'date': {}", where(r), now.error().message));
      auto notices = book.tick(*now);
      if (!notices) return fail(notices.error().code, fmt::format("{}: {}", where(r), notices.error().message));
      // The notice lines after a tick must be the ones the tick gives again; a journal may end early
      // (the tick had not returned when it stopped), never differ.
      std::size_t held = 0;
      while (i + 1 + held < records.size() && records[i + 1 + held].type == "notice")
        ++held;
      const bool ends_early = i + 1 + held == records.size() && held < notices->size();
      if (held != notices->size() && !ends_early)
        return fail(errc::conflict,
                    fmt::format("{}: the journal holds {} notices after this tick, but the tick gives {} again: was "
                                "the journal written with another policy or calendar?",
                                where(r), held, notices->size()));
      for (std::size_t k = 0; k < held; ++k) {
        const journal_record &next = records[++i];
        if (next.data != to_json((*notices)[k]))
          return fail(errc::conflict,
                      fmt::format("{}: notice differs from what the tick gives again ({}): was the journal written "
                                  "with another policy or calendar?",
                                  where(next), to_string((*notices)[k])));
      }
    } else if (r.type == "notice") {
      return fail(errc::parse_error, fmt::format("{}: a notice without its tick", where(r)));
    } else {
      return fail(errc::parse_error, fmt::format("{}: unknown record type '{}'", where(r), r.type));
    }
  }
  if (progress) progress(records.size(), records.size());
  return book;
}

} // namespace caseflow
