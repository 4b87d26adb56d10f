// case_book: the cases, their clocks, notices and escalation tracks, and the journal that holds them.
#include "casebook_state.hpp"

#include <caseflow/event_json.hpp>
#include <caseflow/identity.hpp>

#include <algorithm>
#include <mutex>

namespace caseflow {

using namespace book_detail;

result<staged_clocks, rejection> book_detail::stage(const std::vector<clock_change> &changes, const case_record &after,
                                                    const due_index &clocks, const deadline_policy &policy,
                                                    const work_calendar &cal) {
  using out_t = result<staged_clocks, rejection>;
  staged_clocks s;
  const auto where = [&](const clock_change &c) { return fmt::format("case {}: {}", after.info.id.to_string(), to_string(c)); };
  for (const auto &c : changes) {
    switch (c.kind) {
    case clock_change_kind::start: {
      if (c.key.kind == clock_kind::progress_report && !policy.progress_reports) break; // the policy asks for none
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

namespace {

// The units a trigger names when the case has no lead unit to route on (separate handling): every unit
// still handling it. With a lead unit, routing needs none.
std::vector<std::string> units_for_routing(const case_record &c) {
  std::vector<std::string> out;
  if (c.lead()) return out;
  for (const auto &u : c.units)
    if (u.state != unit_state::returned) out.push_back(u.unit);
  return out;
}

// The trigger an accepted event raises on the case's track, if any: a recorded dispute (between the
// sender or named unit and the others handling the item), or a dissatisfied rating after re-handling.
std::optional<escalation_input> trigger_of(const case_record &before, const case_record &after, const event &e) {
  const date day = e.at.date();
  if (e.type == event_type::record_dispute) {
    std::vector<std::string> units;
    if (e.by.role == actor_role::unit && !e.by.id.empty()) units.push_back(e.by.id);
    if (!e.unit.empty() && e.unit != e.by.id) units.push_back(e.unit);
    const unit_assignment *lead = after.lead();
    const bool names_another =
        std::any_of(units.begin(), units.end(), [&](const std::string &u) { return !lead || u != lead->unit; });
    // An office records a dispute without naming the units: it is between everyone handling the item.
    if (!names_another) {
      units.clear();
      for (const auto &u : after.units)
        if (u.state != unit_state::returned) units.push_back(u.unit);
    }
    return escalation_input::raise(escalation_trigger::dispute, day, std::move(units));
  }
  if (e.type == event_type::record_feedback && e.rating == satisfaction::dissatisfied && before.cycle >= 2)
    return escalation_input::raise(escalation_trigger::dissatisfied_after_rehandling, day, units_for_routing(after));
  return std::nullopt;
}

// The step an input gives on the case's track (a fresh one when the case has none yet).
result<escalation_step, rejection> escalation_step_for(const std::map<case_id, escalation_track> &tracks, const case_record &c,
                                                       const escalation_input &in, const deadline_policy &policy,
                                                       const work_calendar &cal, const org_chart &chart) {
  using out_t = result<escalation_step, rejection>;
  const auto it = tracks.find(c.info.id);
  const escalation_track track = it != tracks.end() ? it->second : escalation_track::for_case(c.info.id.to_string());
  const unit_assignment *lead = c.lead();
  const escalation_context ctx{policy, cal, chart, lead ? std::string_view(lead->unit) : std::string_view()};
  auto step = apply_escalation(track, in, ctx);
  if (!step) return out_t::from_error(refuse(step.error().code, step.error().message));
  return std::move(*step);
}

json escalation_record(const case_id &id, const escalation_input &in) {
  json j;
  to_json(j, in);
  j["case"] = id.to_string();
  return j;
}

} // namespace

case_book::case_book(deadline_policy policy, work_calendar calendar, category_list categories)
    : s_(std::make_unique<state>()), policy_(std::move(policy)), calendar_(std::move(calendar)),
      mutex_(std::make_unique<writer_preferring_mutex>()) {
  s_->categories = std::move(categories);
}

case_book::case_book(deadline_policy policy, work_calendar calendar, org_chart chart, category_list categories)
    : case_book(std::move(policy), std::move(calendar), std::move(categories)) {
  s_->chart = std::make_shared<const org_chart>(std::move(chart));
}

case_book::case_book(case_book &&other) noexcept = default;
case_book &case_book::operator=(case_book &&other) noexcept = default;
case_book::~case_book() = default;

void case_book::attach_journal(event_store &store, std::uint64_t next_sequence, hash_algorithm hash) {
  std::unique_lock lock(*mutex_);
  s_->store = &store;
  // A book replayed from this journal already names its last unit and its hash; any other starts
  // counting here, linked to the hash the journal holds there.
  if (s_->sequence != next_sequence - 1) {
    s_->sequence = next_sequence - 1;
    s_->digest = 0;
    auto contents = next_sequence > 1 ? read_journal(store, next_sequence - 1) : result<journal_contents>(journal_contents{});
    s_->head = contents ? contents->head : std::string();
  }
  // The chain goes on with the hash it was written with.
  if (const auto colon = s_->head.find(':'); colon != std::string::npos)
    if (auto named = parse_hash_algorithm(std::string_view(s_->head).substr(0, colon))) hash = *named;
  s_->journal.emplace(store, next_sequence, s_->head, hash);
}

void case_book::set_org_chart(org_chart chart) {
  std::unique_lock lock(*mutex_);
  s_->chart = std::make_shared<const org_chart>(std::move(chart));
}

status<> case_book::change_org_chart(std::string chart_text) {
  auto chart = parse_org_chart(chart_text, "chart");
  if (!chart) return failure{chart.error()};
  auto scope = begin_write();
  if (!scope) return failure{scope.error()};
  std::unique_lock lock(*mutex_);
  if (!s_->broken.empty()) return fail(errc::io_error, s_->broken);
  s_->write("chart", {{"chart", std::move(chart_text)}});
  if (auto w = s_->write_unit(); !w) return w;
  s_->chart = std::make_shared<const org_chart>(std::move(*chart));
  return ok;
}

bool case_book::has_org_chart() const {
  std::shared_lock lock(*mutex_);
  return s_->chart != nullptr;
}

void case_book::set_registry(registry proposers) {
  std::unique_lock lock(*mutex_);
  s_->proposers = std::make_shared<const registry>(std::move(proposers));
}

bool case_book::has_registry() const {
  std::shared_lock lock(*mutex_);
  return s_->proposers != nullptr;
}

result<writer_lock> case_book::begin_write() {
  if (!s_->store || s_->catching_up_here()) return writer_lock{};
  auto lock = s_->store->lock_writers();
  if (!lock) return failure{lock.error()};
  if (auto r = catch_up_locked(); !r) return failure{r.error()};
  return lock;
}

status<> case_book::catch_up() {
  if (!s_->store || s_->catching_up_here()) return ok;
  auto lock = s_->store->lock_writers();
  if (!lock) return failure{lock.error()};
  return catch_up_locked();
}

// A store's conflict (another writer appended between the catch-up and the append; a store that honours
// lock_writers never gives one): the book catches up and decides the change again, once.
status<rejection> case_book::open(const case_info &info) {
  bool raced = false;
  auto first = open_once(info, raced);
  if (!raced) return first;
  return open_once(info, raced);
}

status<rejection> case_book::open_once(const case_info &info, bool &raced) {
  using out_t = status<rejection>;
  auto scope = begin_write();
  if (!scope) return out_t::from_error(refuse(scope.error().code, scope.error().message));
  std::unique_lock lock(*mutex_);
  s_->recent.clear();
  if (!s_->broken.empty()) return out_t::from_error(refuse(errc::io_error, s_->broken));
  if (s_->find_case(info.id))
    return out_t::from_error(refuse(errc::conflict, fmt::format("case {} is already in the book", info.id.to_string())));
  if (s_->children.count(info.id.to_string()))
    return out_t::from_error(
        refuse(errc::conflict, fmt::format("case {} is already in the book as a child item", info.id.to_string())));
  auto record = open_case(info, s_->categories);
  if (!record) return out_t::from_error(refuse(record.error().code, record.error().message));
  if (s_->chart)
    if (auto refused = registration_refusal(info, identity_context{*s_->chart, s_->proposers.get()}))
      return out_t::from_error(std::move(*refused));
  if (s_->writing()) s_->write("open", to_json(info));
  if (auto w = s_->write_unit(); !w) {
    raced = w.error().code == errc::conflict;
    return out_t::from_error(refuse(w.error().code, w.error().message));
  }
  s_->add_case(std::move(*record));
  return ok;
}

status<rejection> case_book::apply(const case_id &id, const event &e) {
  bool raced = false;
  auto first = apply_once(id, e, raced);
  if (!raced) return first;
  return apply_once(id, e, raced);
}

status<rejection> case_book::apply_once(const case_id &id, const event &e, bool &raced) {
  using out_t = status<rejection>;
  std::vector<event_observer> observers;
  std::vector<escalation_observer> escalation_observers;
  std::vector<escalation_notice> escalation_issued;
  case_record after_copy;
  auto scope = begin_write();
  if (!scope) return out_t::from_error(refuse(scope.error().code, scope.error().message));
  {
    std::unique_lock lock(*mutex_);
    s_->recent.clear();
    if (!s_->broken.empty()) return out_t::from_error(refuse(errc::io_error, s_->broken));
    case_record *const found = s_->find_case(id);
    if (!found) return out_t::from_error(refuse(errc::not_found, fmt::format("case {} is not in the book", id.to_string())));
    if (auto problem = text_problem(e))
      return out_t::from_error(
          refuse(errc::invalid_argument, fmt::format("case {}: {} event: {}", id.to_string(), to_string(e.type), *problem)));
    if (const auto stray = stray_field(e))
      return out_t::from_error(refuse(errc::invalid_argument, fmt::format("case {}: field '{}': does not belong to a {} event",
                                                                          id.to_string(), *stray, to_string(e.type))));
    // Who sends it, before what the workflow says of the sender's role (trusting mode without a chart).
    if (s_->chart)
      if (auto refused = identity_refusal(*found, e, identity_context{*s_->chart, s_->proposers.get()}))
        return out_t::from_error(std::move(*refused));
    if (auto covered = calendar_.kind(e.at.date()); !covered)
      return out_t::from_error(refuse(
          errc::out_of_range, fmt::format("case {}: {} event: {}", id.to_string(), to_string(e.type), covered.error().message)));
    const step_context ctx{policy_, calendar_};
    // The event is applied in place (the workflow changes nothing when it refuses). What the rules
    // compare the change with is the case as it was without its history, which the event only extends;
    // until the journal holds the event, `undo` puts the case back as it was.
    case_record &held = *found;
    case_record before;
    {
      auto history = std::move(held.history);
      held.history.clear();
      try {
        before = held;
      } catch (...) {
        held.history = std::move(history);
        throw;
      }
      held.history = std::move(history);
    }
    if (auto done = caseflow::apply(held, e, ctx); !done) return out_t::from_error(std::move(done).error());
    // Every way out before the journal holds the event (a refusal, a failed write, an exception) leaves
    // the case as it was.
    struct undo_unless_kept {
      case_record &held;
      case_record &before;
      bool kept = false;
      ~undo_unless_kept() {
        if (kept) return;
        auto history = std::move(held.history);
        history.pop_back();
        held = std::move(before);
        held.history = std::move(history);
      }
    } undo{held, before};
    if (auto refused = merge_refusal(before, e, s_->cases)) return out_t::from_error(std::move(*refused));
    auto staged = stage(clock_changes(before, held), held, s_->clocks, policy_, calendar_);
    if (!staged) return out_t::from_error(std::move(staged).error());

    // A trigger the event raises is staged with it. One the track cannot take (a unit the chart does not
    // know, a dispute naming nobody besides the lead) does not hold up the handling: it is left out, as
    // it is again on replay.
    std::optional<escalation_step> escalation;
    staged_clocks escalation_clocks;
    if (s_->chart) {
      if (auto in = trigger_of(before, held, e)) {
        auto esc = escalation_step_for(s_->tracks, held, *in, policy_, calendar_, *s_->chart);
        if (esc && esc->outcome != escalation_outcome::ignored) {
          if (auto clocks = stage(esc->clocks, held, s_->clocks, policy_, calendar_)) {
            escalation_clocks = std::move(*clocks);
            escalation = std::move(*esc);
          }
        }
      }
    }

    if (s_->writing()) {
      json data = to_json(e);
      data["case"] = id.to_string();
      // One unit: the event and the escalation notices it causes.
      s_->write("event", std::move(data));
      if (escalation) s_->write_escalation_notices(escalation->notices);
    }
    if (auto w = s_->write_unit(); !w) {
      raced = w.error().code == errc::conflict;
      return out_t::from_error(refuse(w.error().code, w.error().message));
    }

    // Committed: from here on nothing can fail.
    undo.kept = true;
    s_->reindex(before, held);
    s_->end_children(*staged, e.at.date());
    s_->commit(*staged);
    if (escalation) {
      s_->commit(escalation_clocks);
      s_->tracks.insert_or_assign(id, std::move(escalation->track));
      auto &kept = s_->escalation_notices[id.to_string()];
      kept.insert(kept.end(), escalation->notices.begin(), escalation->notices.end());
      escalation_issued = std::move(escalation->notices);
      s_->recent = escalation_issued;
      if (!s_->catching_up_here()) escalation_observers = s_->escalation_observers;
    }
    if (!s_->event_observers.empty() && !s_->catching_up_here()) {
      observers = s_->event_observers;
      after_copy = *found;
    }
  }
  scope->unlock();
  for (const auto &f : observers)
    f(after_copy, e);
  for (const auto &n : escalation_issued)
    for (const auto &f : escalation_observers)
      f(n);
  return ok;
}

status<rejection> case_book::escalate(const case_id &id, const escalation_input &input) {
  bool raced = false;
  auto first = escalate_once(id, input, raced);
  if (!raced) return first;
  return escalate_once(id, input, raced);
}

status<rejection> case_book::escalate_once(const case_id &id, const escalation_input &input, bool &raced) {
  using out_t = status<rejection>;
  std::vector<escalation_observer> observers;
  std::vector<escalation_notice> issued;
  auto scope = begin_write();
  if (!scope) return out_t::from_error(refuse(scope.error().code, scope.error().message));
  {
    std::unique_lock lock(*mutex_);
    s_->recent.clear();
    if (!s_->broken.empty()) return out_t::from_error(refuse(errc::io_error, s_->broken));
    case_record *const found = s_->find_case(id);
    if (!found) return out_t::from_error(refuse(errc::not_found, fmt::format("case {} is not in the book", id.to_string())));
    if (!s_->chart)
      return out_t::from_error(
          refuse(errc::invalid_state, fmt::format("case {}: no organisation chart: escalation needs one", id.to_string())));
    std::vector<named_text> texts{{"by", input.by.id, text_kind::id}, {"decision", input.decision, text_kind::free_text}};
    for (const auto &u : input.units)
      texts.push_back({"units", u, text_kind::id});
    if (auto problem = first_text_problem(texts))
      return out_t::from_error(refuse(errc::invalid_argument, fmt::format("case {}: escalation: {}", id.to_string(), *problem)));
    if (auto refused = mark_refusal(*found, input)) return out_t::from_error(std::move(*refused));
    auto step = escalation_step_for(s_->tracks, *found, input, policy_, calendar_, *s_->chart);
    if (!step) return out_t::from_error(std::move(step).error());
    auto staged = stage(step->clocks, *found, s_->clocks, policy_, calendar_);
    if (!staged) return out_t::from_error(std::move(staged).error());
    // One unit: the escalation and the notices it gives.
    s_->write("escalation", escalation_record(id, input));
    if (step->outcome != escalation_outcome::ignored) s_->write_escalation_notices(step->notices);
    if (auto w = s_->write_unit(); !w) {
      raced = w.error().code == errc::conflict;
      return out_t::from_error(refuse(w.error().code, w.error().message));
    }

    // Committed: from here on nothing can fail.
    if (step->outcome == escalation_outcome::ignored) return ok;
    s_->commit(*staged);
    s_->tracks.insert_or_assign(id, std::move(step->track));
    auto &kept = s_->escalation_notices[id.to_string()];
    kept.insert(kept.end(), step->notices.begin(), step->notices.end());
    issued = std::move(step->notices);
    s_->recent = issued;
    if (!s_->catching_up_here()) observers = s_->escalation_observers;
  }
  scope->unlock();
  for (const auto &n : issued)
    for (const auto &f : observers)
      f(n);
  return ok;
}

result<std::vector<notice>> case_book::tick(date now) { return tick_through(now, tick_rule::each_day); }

result<std::vector<notice>> case_book::tick_through(date now, tick_rule rule) {
  std::vector<notice_observer> observers;
  std::vector<escalation_observer> escalation_observers;
  std::vector<notice> issued;
  std::vector<escalation_notice> escalation_issued;
  auto scope = begin_write();
  if (!scope) return failure{scope.error()};
  {
    std::unique_lock lock(*mutex_);
    s_->recent.clear();
    if (!s_->broken.empty()) return fail(errc::io_error, s_->broken);
    if (now.is_special()) return fail(errc::invalid_argument, "tick day is not a date");
    if (auto covered = calendar_.kind(now); !covered)
      return fail(errc::out_of_range, fmt::format("tick: {}", covered.error().message));
    if (const auto last = s_->clocks.last_tick(); last && now < *last)
      return fail(errc::invalid_argument,
                  fmt::format("tick on {} is before the last tick on {}", to_string(now), to_string(*last)));
    // The clocks have moved on already, so an escalation step is committed as it comes (a climb's
    // window is the one the next climb ends). One that cannot be taken (a unit the chart does not
    // know) is left out: the clock's own notice still says what went late.
    const auto escalate_now = [&](const std::string &case_text, const escalation_input &in) {
      auto id = case_id::parse(case_text);
      if (!id) return false;
      case_record *const found = s_->find_case(*id);
      if (!found) return false;
      auto step = escalation_step_for(s_->tracks, *found, in, policy_, calendar_, *s_->chart);
      if (!step) return false;
      if (step->outcome == escalation_outcome::ignored) return true;
      auto staged = stage(step->clocks, *found, s_->clocks, policy_, calendar_);
      if (!staged) return false;
      s_->commit(*staged);
      s_->tracks.insert_or_assign(*id, std::move(step->track));
      escalation_issued.insert(escalation_issued.end(), step->notices.begin(), step->notices.end());
      return true;
    };
    const auto &reply_warnings = policy_.rule(clock_kind::reply).warnings.workdays_before;
    // Reminder points are positive working days; -1 matches none.
    const int last_warning = reply_warnings.empty() ? -1 : *std::min_element(reply_warnings.begin(), reply_warnings.end());
    // What a tick on `day` alone issues and moves. Nothing has changed when it fails.
    const auto tick_on = [&](date day) -> status<> {
      auto notices = s_->clocks.tick(day, calendar_);
      if (!notices) return failure{notices.error()};
      // Windows that close are not obligations gone late: a return window that passes just ends. And a
      // reminder found only after its due date (a clock that joined late) says less than the overdue
      // notice beside it.
      for (auto &n : *notices) {
        if (n.kind != notice_kind::overdue && n.due < day) continue;
        // Ticks journaled before progress reports existed issued none; replayed, they still do not.
        if (rule == tick_rule::as_one_day && n.clock.kind == clock_kind::progress_report) continue;
        if (n.kind == notice_kind::overdue && n.clock.kind == clock_kind::return_request) {
          if (const auto *held = s_->clocks.find(n.clock)) {
            s_->finished.put(finished_clock{n.clock, held->started(), held->due(), std::nullopt});
            s_->by_due.erase({held->due(), n.clock});
            (void)s_->clocks.remove(n.clock);
          }
          continue;
        }
        if (s_->chart) {
          const std::string &unit = n.clock.unit_id;
          const bool overdue = n.kind == notice_kind::overdue;
          // The office's and the supervising leader's windows do not go late: the item climbs, and the
          // escalation notice says so. At the principal leader the overdue notice is all there is.
          if (overdue &&
              (n.clock.kind == clock_kind::escalation_office || n.clock.kind == clock_kind::escalation_supervising_leader)) {
            if (escalate_now(n.clock.case_id, escalation_input::window_ran_out_of(n.clock, n.on))) continue;
          } else if (overdue && n.clock.kind == clock_kind::co_handler_opinion) {
            escalate_now(n.clock.case_id, escalation_input::raise(escalation_trigger::opinion_overdue, n.on, {unit}));
          } else if (overdue && (n.clock.kind == clock_kind::reply || n.clock.kind == clock_kind::rehandling_reply)) {
            escalate_now(n.clock.case_id, escalation_input::raise(escalation_trigger::reply_overdue, n.on, {unit}));
          } else if (n.kind == notice_kind::reminder && n.clock.kind == clock_kind::reply && n.point == last_warning) {
            escalate_now(n.clock.case_id, escalation_input::raise(escalation_trigger::reply_last_warning, n.on, {unit}));
          }
        }
        issued.push_back(std::move(n));
      }
      // A window started by a climb on this day was not among the clocks ticked: ask each track.
      if (s_->chart)
        for (const auto &[id, track] : s_->tracks)
          while (auto in = due_escalation(track, day))
            if (!escalate_now(id.to_string(), *in)) break;
      return ok;
    };
    status<> done = ok;
    bool moved = false;
    if (rule == tick_rule::each_day) {
      // A tick covering many days issues what ticks on each of them would have: every day something
      // falls due on - a clock's next point, a window to climb from - is ticked on its own, in order.
      const auto next_day = [&]() -> std::optional<date> {
        std::optional<date> next = s_->clocks.next_notice();
        if (s_->chart)
          for (const auto &[id, track] : s_->tracks)
            if (const auto *stage = track.current_stage();
                stage && (track.level == escalation_level::office || track.level == escalation_level::supervising_leader)) {
              const date climb = stage->window_due + boost::gregorian::days(1);
              if (!next || climb < *next) next = climb;
            }
        // A point that fell before the last tick (a clock that joined late) goes out on the day after it.
        if (next && s_->clocks.last_tick() && *next <= *s_->clocks.last_tick())
          next = *s_->clocks.last_tick() + boost::gregorian::days(1);
        return next;
      };
      for (auto day = next_day(); done && day && *day < now; day = next_day())
        if ((done = tick_on(*day))) moved = true;
    }
    if (done) done = tick_on(now);
    if (!done) {
      // Days already ticked have moved clocks and tracks that the journal does not hold.
      if (moved)
        s_->broken = fmt::format("{} (the book is ahead of its journal: replay the journal to continue)", done.error().message);
      return failure{done.error()};
    }
    // One unit: the tick, its notices and the escalation notices.
    if (s_->writing()) {
      json record = {{"date", to_string(now)}, {"notices", issued.size()}};
      if (rule == tick_rule::each_day) record["each_day"] = true;
      s_->write("tick", std::move(record));
      for (const auto &n : issued)
        s_->write("notice", to_json(n));
      s_->write_escalation_notices(escalation_issued);
    }
    if (auto w = s_->write_unit(); !w) {
      s_->broken = fmt::format("{} (the book is ahead of its journal: replay the journal to continue)", w.error().message);
      return failure{w.error()};
    }
    for (const auto &n : issued)
      s_->notices[n.clock.case_id].push_back(n);
    for (const auto &n : escalation_issued)
      s_->escalation_notices[n.case_id].push_back(n);
    s_->recent = escalation_issued;
    if (!s_->catching_up_here()) {
      observers = s_->notice_observers;
      escalation_observers = s_->escalation_observers;
    }
  }
  scope->unlock();
  for (const auto &n : issued)
    for (const auto &f : observers)
      f(n);
  for (const auto &n : escalation_issued)
    for (const auto &f : escalation_observers)
      f(n);
  return issued;
}

std::size_t case_book::size() const {
  std::shared_lock lock(*mutex_);
  return s_->cases.size();
}

std::optional<case_record> case_book::find(const case_id &id) const {
  std::shared_lock lock(*mutex_);
  const auto *c = s_->find_case(id);
  if (!c) return std::nullopt;
  return *c;
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
  out.reserve(it->second.size());
  for (const auto &[id, held_as] : it->second)
    if (!role || held_as == *role) out.push_back(id);
  return out;
}

std::vector<case_id> case_book::in_state(case_state st) const {
  std::shared_lock lock(*mutex_);
  const auto &ids = s_->by_state[static_cast<std::size_t>(st)];
  return {ids.begin(), ids.end()};
}

result<std::vector<due_item>> case_book::due_within(date today, int workdays) const {
  std::shared_lock lock(*mutex_);
  auto until = calendar_.add_workdays(today, workdays);
  if (!until) return failure{until.error()};
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
  s_->finished.each([&](finished_clock f) { out.push_back(std::move(f)); });
  return out;
}

std::vector<notice> case_book::notices_of(const case_id &id) const {
  std::shared_lock lock(*mutex_);
  const auto it = s_->notices.find(id.to_string());
  return it == s_->notices.end() ? std::vector<notice>{} : it->second;
}

std::optional<escalation_track> case_book::escalation_of(const case_id &id) const {
  std::shared_lock lock(*mutex_);
  if (!s_->find_case(id)) return std::nullopt;
  const auto it = s_->tracks.find(id);
  return it == s_->tracks.end() ? escalation_track::for_case(id.to_string()) : it->second;
}

std::vector<escalation_notice> case_book::escalation_notices_of(const case_id &id) const {
  std::shared_lock lock(*mutex_);
  const auto it = s_->escalation_notices.find(id.to_string());
  return it == s_->escalation_notices.end() ? std::vector<escalation_notice>{} : it->second;
}

std::vector<case_id> case_book::escalated() const {
  std::shared_lock lock(*mutex_);
  std::vector<case_id> out;
  for (const auto &[id, track] : s_->tracks)
    if (track.current_stage()) out.push_back(id);
  return out;
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

void case_book::on_escalation(escalation_observer f) {
  std::unique_lock lock(*mutex_);
  s_->escalation_observers.push_back(std::move(f));
}

} // namespace caseflow
