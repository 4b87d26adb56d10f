// The escalation track's machine: its table of rows, the guards the rows name, the step that applies an
// input, and the JSON form the journal and snapshots keep. See escalation.hpp for the rules.
#include <caseflow/escalation.hpp>

#include "json_fields.hpp"
#include <caseflow/event_json.hpp>

#include "enum_names.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace caseflow {

namespace {

using json = nlohmann::json;
using el = escalation_level;
using ein = escalation_input_kind;
using who = escalation_sender;
using act = escalation_action;

constexpr std::array<std::string_view, 5> level_names = {"none", "office", "supervising_leader", "principal_leader", "resolved"};
constexpr std::array<std::string_view, 3> input_names = {"trigger", "window_ran_out", "resolve"};
constexpr std::array<std::string_view, 4> reason_names = {"trigger", "window_ran_out", "level_skipped", "resolved"};
constexpr std::array<std::string_view, 3> sender_names = {"book", "calendar", "routed"};
constexpr std::array<std::string_view, 5> action_names = {"open_episode", "note_trigger", "climb", "skip_level_two",
                                                          "record_decision"};
constexpr std::array<std::string_view, 3> outcome_names = {"moved", "recorded", "ignored"};

// The window of each level and who must decide at it.
struct level_rule {
  escalation_level level;
  clock_kind window;
  actor_role decides;
};
// clang-format off
constexpr level_rule level_rules[] = {
  {el::office,             clock_kind::escalation_office,             actor_role::assigning_office},
  {el::supervising_leader, clock_kind::escalation_supervising_leader, actor_role::supervising_leader},
  {el::principal_leader,   clock_kind::escalation_principal_leader,   actor_role::principal_leader},
};
// clang-format on

const level_rule *rule_of(escalation_level l) {
  for (const auto &r : level_rules)
    if (r.level == l) return &r;
  return nullptr;
}

std::string day_text(date d) { return d.is_special() ? std::string() : to_string(d); }

const escalation_stage *stage_of(const escalation_track &t) { return t.current_stage(); }

// ---- Guards -------------------------------------------------------------------------------------

namespace g {

const escalation_guard policy_escalates{
    "policy_escalates", [](const escalation_guard_input &in) { return in.context.policy.escalates_on(in.input.trigger); },
    [](const escalation_guard_input &in) {
      return fmt::format("policy '{}' does not escalate on {}", in.context.policy.name, to_string(in.input.trigger));
    },
    true};

const escalation_guard window_has_run_out{"window_has_run_out",
                                          [](const escalation_guard_input &in) {
                                            const auto *s = stage_of(in.track);
                                            return s && in.input.on > s->window_due;
                                          },
                                          [](const escalation_guard_input &in) {
                                            const auto *s = stage_of(in.track);
                                            return fmt::format("the window due {} has not run out on {}",
                                                               s ? day_text(s->window_due) : std::string("?"),
                                                               day_text(in.input.on));
                                          }};

const escalation_guard level_two_routed{
    "level_two_routed", [](const escalation_guard_input &in) { return in.route && in.route->skip_reason.empty(); },
    [](const escalation_guard_input &in) {
      return fmt::format("level 2 is skipped: {}", in.route ? in.route->skip_reason : std::string("no route"));
    }};

const escalation_guard level_two_skipped{
    "level_two_skipped", [](const escalation_guard_input &in) { return in.route && !in.route->skip_reason.empty(); },
    [](const escalation_guard_input &) { return std::string("level 2 has a leader of its own"); }};

} // namespace g

// ---- The table ----------------------------------------------------------------------------------

// clang-format off
const escalation_transition rows[] = {
  // from                  input                guards                                          who            action                 to
  {el::none,               ein::trigger,        {&g::policy_escalates},                         who::book,     act::open_episode,     el::office},
  {el::resolved,           ein::trigger,        {&g::policy_escalates},                         who::book,     act::open_episode,     el::office},
  {el::office,             ein::trigger,        {&g::policy_escalates},                         who::book,     act::note_trigger,     el::office},
  {el::supervising_leader, ein::trigger,        {&g::policy_escalates},                         who::book,     act::note_trigger,     el::supervising_leader},
  {el::principal_leader,   ein::trigger,        {&g::policy_escalates},                         who::book,     act::note_trigger,     el::principal_leader},
  {el::office,             ein::window_ran_out, {&g::window_has_run_out, &g::level_two_routed},  who::calendar, act::climb,            el::supervising_leader},
  {el::office,             ein::window_ran_out, {&g::window_has_run_out, &g::level_two_skipped}, who::calendar, act::skip_level_two,   el::principal_leader},
  {el::supervising_leader, ein::window_ran_out, {&g::window_has_run_out},                        who::calendar, act::climb,            el::principal_leader},
  {el::office,             ein::resolve,        {},                                             who::routed,   act::record_decision,  el::resolved},
  {el::supervising_leader, ein::resolve,        {},                                             who::routed,   act::record_decision,  el::resolved},
  {el::principal_leader,   ein::resolve,        {},                                             who::routed,   act::record_decision,  el::resolved},
};
// clang-format on

// ---- The step -----------------------------------------------------------------------------------

std::string describe_input(const escalation_input &in) {
  switch (in.kind) {
  case ein::trigger: return fmt::format("trigger {} on {}", to_string(in.trigger), day_text(in.on));
  case ein::window_ran_out:
    return fmt::format("window_ran_out of {} (cycle {}) on {}", to_string(in.level), in.cycle, day_text(in.on));
  case ein::resolve: return fmt::format("resolve by {} on {}", in.by.describe(), day_text(in.on));
  }
  return "unknown input";
}

// The latest day the track recorded: inputs may not go back before it.
date latest_day(const escalation_track &t) {
  date latest(boost::gregorian::not_a_date_time);
  if (t.episodes.empty()) return latest;
  const auto later = [&](date d) {
    if (!d.is_special() && (latest.is_special() || d > latest)) latest = d;
  };
  const auto &e = t.episodes.back();
  for (const auto &r : e.triggers)
    later(r.on);
  for (const auto &s : e.stages)
    later(s.entered);
  if (e.decision) later(e.decision->on);
  return latest;
}

// The units routing looks at: those of the current episode's disputes and of the input's. Under separate
// handling there is no lead unit to route for, so the units every trigger names stand in.
std::vector<std::string> involved_units(const escalation_track &t, const escalation_input &in, bool new_episode,
                                        std::string_view lead_unit) {
  const auto counts = [&](escalation_trigger trigger) { return trigger == escalation_trigger::dispute || lead_unit.empty(); };
  std::vector<std::string> units;
  if (!new_episode && !t.episodes.empty())
    for (const auto &r : t.episodes.back().triggers)
      if (counts(r.trigger)) units.insert(units.end(), r.units.begin(), r.units.end());
  if (in.kind == ein::trigger && counts(in.trigger)) units.insert(units.end(), in.units.begin(), in.units.end());
  return units;
}

std::string node_text(const org_chart &chart, const std::string &id) {
  const org_node *n = chart.find(id);
  return n ? n->describe() : fmt::format("'{}'", id);
}

clock_key key_for(const escalation_track &t, escalation_level level, int cycle) {
  return clock_key{t.case_id, {}, rule_of(level)->window, cycle};
}

} // namespace

std::string_view to_string(escalation_level l) noexcept { return detail::name_of(level_names, l); }
result<escalation_level> parse_escalation_level(std::string_view name) {
  return detail::parse_name<escalation_level>(level_names, "escalation level", name);
}
std::string_view to_string(escalation_input_kind k) noexcept { return detail::name_of(input_names, k); }
std::string_view to_string(escalation_reason r) noexcept { return detail::name_of(reason_names, r); }
std::string_view to_string(escalation_sender s) noexcept { return detail::name_of(sender_names, s); }
std::string_view to_string(escalation_action a) noexcept { return detail::name_of(action_names, a); }
std::string_view to_string(escalation_outcome o) noexcept { return detail::name_of(outcome_names, o); }

std::optional<clock_kind> window_clock(escalation_level l) noexcept {
  const auto *r = rule_of(l);
  return r ? std::optional<clock_kind>(r->window) : std::nullopt;
}

std::optional<escalation_level> level_of(clock_kind k) noexcept {
  for (const auto &r : level_rules)
    if (r.window == k) return r.level;
  return std::nullopt;
}

escalation_input escalation_input::raise(escalation_trigger t, date on, std::vector<std::string> units) {
  escalation_input in;
  in.kind = ein::trigger;
  in.trigger = t;
  in.on = on;
  in.units = std::move(units);
  return in;
}

escalation_input escalation_input::window_ran_out(escalation_level level, date on, int cycle) {
  escalation_input in;
  in.kind = ein::window_ran_out;
  in.level = level;
  in.on = on;
  in.cycle = cycle;
  return in;
}

escalation_input escalation_input::window_ran_out_of(const clock_key &key, date on) {
  // A clock that is no window maps to level none, which the step refuses as malformed.
  return window_ran_out(level_of(key.kind).value_or(el::none), on, key.cycle);
}

escalation_input escalation_input::resolve(actor by, date on, std::string decision) {
  escalation_input in;
  in.kind = ein::resolve;
  in.by = std::move(by);
  in.on = on;
  in.decision = std::move(decision);
  return in;
}

escalation_track escalation_track::for_case(std::string case_id) {
  escalation_track t;
  t.case_id = std::move(case_id);
  return t;
}

const escalation_stage *escalation_track::current_stage() const noexcept {
  if (!rule_of(level) || episodes.empty() || episodes.back().stages.empty()) return nullptr;
  return &episodes.back().stages.back();
}

std::optional<clock_key> escalation_track::window_key() const {
  if (!current_stage()) return std::nullopt;
  return key_for(*this, level, cycle());
}

std::span<const escalation_transition> escalation_transitions() noexcept { return rows; }

std::string to_string(const escalation_transition &row) {
  std::string guards;
  for (const auto *gd : row.guards)
    if (gd) guards += fmt::format("{}{}", guards.empty() ? "" : ", ", gd->name);
  return fmt::format("{} + {}{} ({}) / {} = {}", to_string(row.from), to_string(row.on),
                     guards.empty() ? std::string() : fmt::format(" [{}]", guards), to_string(row.who), to_string(row.action),
                     to_string(row.to));
}

std::string to_string(const escalation_notice &n) {
  std::string why;
  switch (n.why) {
  case escalation_reason::trigger: why = fmt::format("trigger {}", to_string(n.trigger)); break;
  case escalation_reason::window_ran_out:
  case escalation_reason::level_skipped: why = n.detail; break;
  case escalation_reason::resolved: why = fmt::format("decided by {}: {}", n.who_text, n.detail); break;
  }
  std::string acts;
  if (n.why != escalation_reason::resolved) acts = fmt::format("; {} acts, window due {}", n.who_text, day_text(n.window_due));
  return fmt::format("{} escalation: case {} cycle {} {} -> {}: {}{}", day_text(n.on), n.case_id, n.cycle, to_string(n.from),
                     to_string(n.to), why, acts);
}

result<escalation_step> apply_escalation(const escalation_track &track, const escalation_input &in,
                                         const escalation_context &ctx) {
  const std::string where =
      fmt::format("case {}: escalation at {}: {}", track.case_id, to_string(track.level), describe_input(in));
  const auto refuse = [&](errc code, std::string why) { return fail(code, fmt::format("{}: {}", where, why)); };

  // 1. The input in itself.
  if (in.on.is_special()) return refuse(errc::malformed_event, "no date");
  switch (in.kind) {
  case ein::trigger:
    if (in.trigger == escalation_trigger::dispute) {
      std::vector<std::string_view> others;
      for (const auto &u : in.units)
        if (!u.empty() && u != ctx.lead_unit && std::find(others.begin(), others.end(), u) == others.end()) others.push_back(u);
      if (!ctx.lead_unit.empty() && others.empty())
        return refuse(errc::malformed_event, "a dispute names no unit besides the lead unit");
      if (ctx.lead_unit.empty() && others.size() < 2)
        return refuse(errc::malformed_event, "a dispute without a lead unit names fewer than two units");
    }
    break;
  case ein::window_ran_out:
    if (!rule_of(in.level)) return refuse(errc::malformed_event, "not the window of an escalation level");
    break;
  case ein::resolve:
    if (in.by.id.empty()) return refuse(errc::malformed_event, "the deciding actor has no id");
    if (in.decision.find_first_not_of(" \t\r\n") == std::string::npos) return refuse(errc::malformed_event, "no decision text");
    break;
  }

  // 2. Time only moves forward.
  if (const date latest = latest_day(track); !latest.is_special() && in.on < latest)
    return refuse(errc::invalid_argument, fmt::format("before the track's latest recorded day {}", day_text(latest)));

  // 3. A row for the level and the input.
  std::vector<const escalation_transition *> candidates;
  for (const auto &r : rows)
    if (r.from == track.level && r.on == in.kind) candidates.push_back(&r);
  if (candidates.empty())
    return refuse(errc::invalid_state, track.level == el::principal_leader && in.kind == ein::window_ran_out
                                           ? "no level above the principal leader"
                                           : fmt::format("no move for {} at {}", to_string(in.kind), to_string(track.level)));
  if (in.kind == ein::window_ran_out && (in.level != track.level || (in.cycle != 0 && in.cycle != track.cycle())))
    return refuse(errc::invalid_state, fmt::format("the track is at {} in cycle {}", to_string(track.level), track.cycle()));

  // A trigger the policy switches off is ignored before anything else is looked at.
  {
    const escalation_guard_input probe{track, in, ctx, nullptr};
    for (const auto *gd : candidates.front()->guards)
      if (gd && gd->ignores && !gd->check(probe)) return escalation_step{track, escalation_outcome::ignored, {}, {}};
  }

  // 4. Only the person routed to the level decides it.
  const escalation_stage *stage = track.current_stage();
  if (in.kind == ein::resolve) {
    const level_rule *lr = rule_of(track.level);
    if (!stage || !lr) return refuse(errc::invalid_state, "no level to resolve");
    if (in.by.id != stage->who || in.by.role != lr->decides)
      return refuse(errc::not_permitted, fmt::format("not permitted: the level is routed to {}", stage->who_text));
  }

  // 5. Routing, for the moves that need to know who acts.
  std::optional<escalation_route> route;
  if (in.kind != ein::resolve) {
    const bool opens = candidates.front()->action == act::open_episode;
    const auto units = involved_units(track, in, opens, ctx.lead_unit);
    auto r = route_escalation(ctx.chart, ctx.lead_unit, units);
    if (!r) return refuse(r.error().code, r.error().message);
    route = std::move(*r);
  }

  // 6. The first row whose guards all pass; otherwise the first row's first failed guard.
  const escalation_guard_input gin{track, in, ctx, route ? &*route : nullptr};
  const escalation_transition *row = nullptr;
  const escalation_guard *first_failed = nullptr;
  for (const auto *cand : candidates) {
    const escalation_guard *failed = nullptr;
    for (const auto *gd : cand->guards)
      if (gd && !gd->check(gin)) {
        failed = gd;
        break;
      }
    if (!failed) {
      row = cand;
      break;
    }
    if (!first_failed) first_failed = failed;
  }
  if (!row) return refuse(errc::guard_failed, fmt::format("{}: {}", first_failed->name, first_failed->explain(gin)));

  escalation_step step{track, escalation_outcome::moved, {}, {}};
  escalation_track &t = step.track;
  const auto window_due = [&](escalation_level level, date start) -> result<date> {
    auto due = ctx.calendar.add(start, ctx.policy.rule(rule_of(level)->window).length);
    if (!due) return fail(due.error().code, fmt::format("{}: window of {}: {}", where, to_string(level), due.error().message));
    return *due;
  };
  const auto enter = [&](escalation_level level, const std::string &id, date start) -> status<> {
    auto due = window_due(level, start);
    if (!due) return failure{due.error()};
    t.episodes.back().stages.push_back({level, id, node_text(ctx.chart, id), in.on, start, *due});
    t.level = level;
    step.clocks.push_back({clock_change_kind::start, key_for(t, level, t.cycle()), start});
    return ok;
  };
  const auto notice = [&](escalation_reason why, std::string detail) {
    escalation_notice n;
    n.case_id = t.case_id;
    n.cycle = t.cycle();
    n.on = in.on;
    n.from = track.level;
    n.to = t.level;
    n.why = why;
    n.trigger = in.trigger;
    if (const auto *s = t.current_stage()) {
      n.who = s->who;
      n.who_text = s->who_text;
      n.window_due = s->window_due;
    }
    n.detail = std::move(detail);
    step.notices.push_back(std::move(n));
  };

  switch (row->action) {
  case act::open_episode: {
    escalation_episode e;
    e.cycle = t.cycle() + 1;
    e.triggers.push_back({in.trigger, in.on, in.units, true});
    t.episodes.push_back(std::move(e));
    if (auto s = enter(el::office, route->office, in.on); !s) return failure{s.error()};
    notice(escalation_reason::trigger, {});
    break;
  }
  case act::note_trigger:
    t.episodes.back().triggers.push_back({in.trigger, in.on, in.units, false});
    step.outcome = escalation_outcome::recorded;
    break;
  case act::climb:
  case act::skip_level_two: {
    const escalation_level from = t.level;
    const date start = stage->window_due;
    step.clocks.push_back({clock_change_kind::end, key_for(t, from, t.cycle()), in.on});
    const bool skip = row->action == act::skip_level_two;
    const std::string &id = row->to == el::supervising_leader ? route->supervising : route->principal;
    if (auto s = enter(row->to, id, start); !s) return failure{s.error()};
    std::string detail = fmt::format("window of {} ran out (due {})", to_string(from), day_text(start));
    if (skip) detail += fmt::format(", level 2 skipped: {}", route->skip_reason);
    notice(skip ? escalation_reason::level_skipped : escalation_reason::window_ran_out, std::move(detail));
    break;
  }
  case act::record_decision: {
    const escalation_level from = t.level;
    step.clocks.push_back({clock_change_kind::stop, key_for(t, from, t.cycle()), in.on});
    t.episodes.back().decision = escalation_decision{from, in.by, in.on, in.decision};
    t.level = el::resolved;
    notice(escalation_reason::resolved, in.decision);
    step.notices.back().who = stage->who;
    step.notices.back().who_text = stage->who_text;
    break;
  }
  }
  return step;
}

std::optional<escalation_input> due_escalation(const escalation_track &track, date today) {
  if (track.level != el::office && track.level != el::supervising_leader) return std::nullopt;
  const auto *s = track.current_stage();
  if (!s || today.is_special() || !(today > s->window_due)) return std::nullopt;
  // Dated the day the window ran out, not the day asked: a late tick records each climb on its own day.
  return escalation_input::window_ran_out(track.level, s->window_due + boost::gregorian::days(1), track.cycle());
}

// ---- JSON ---------------------------------------------------------------------------------------

namespace {

escalation_trigger trigger_from(const json &j, const char *field) {
  return detail::field_value(parse_escalation_trigger(j.at(field).get<std::string>()), field);
}

escalation_level level_from(const json &j, const char *field) {
  return detail::field_value(parse_escalation_level(j.at(field).get<std::string>()), field);
}

actor actor_from(const json &j, const char *field) {
  return detail::field_value(parse_actor(j.at(field).get<std::string>()), field);
}

} // namespace

void to_json(json &j, const escalation_input &in) {
  j = {{"input", to_string(in.kind)}, {"on", day_text(in.on)}};
  switch (in.kind) {
  case ein::trigger:
    j["trigger"] = to_string(in.trigger);
    j["units"] = in.units;
    break;
  case ein::window_ran_out:
    j["level"] = to_string(in.level);
    j["cycle"] = in.cycle;
    break;
  case ein::resolve:
    j["by"] = to_compact_string(in.by);
    j["decision"] = in.decision;
    break;
  }
}

void from_json(const json &j, escalation_input &in) {
  const std::string kind = j.at("input").get<std::string>();
  const date on = detail::date_field(j, "on");
  if (kind == "trigger")
    in = escalation_input::raise(trigger_from(j, "trigger"), on, j.at("units").get<std::vector<std::string>>());
  else if (kind == "window_ran_out")
    in = escalation_input::window_ran_out(level_from(j, "level"), on, j.at("cycle").get<int>());
  else if (kind == "resolve")
    in = escalation_input::resolve(actor_from(j, "by"), on, j.at("decision").get<std::string>());
  else
    throw exception(error{errc::parse_error, fmt::format("field 'input': unknown escalation input '{}' (expected trigger, "
                                                         "window_ran_out, resolve)",
                                                         kind)});
}

void to_json(json &j, const escalation_track &t) {
  json episodes = json::array();
  for (const auto &e : t.episodes) {
    json triggers = json::array();
    for (const auto &r : e.triggers)
      triggers.push_back({{"trigger", to_string(r.trigger)}, {"on", day_text(r.on)}, {"units", r.units}, {"opened", r.opened}});
    json stages = json::array();
    for (const auto &s : e.stages)
      stages.push_back({{"level", to_string(s.level)},
                        {"who", s.who},
                        {"who_text", s.who_text},
                        {"entered", day_text(s.entered)},
                        {"window_start", day_text(s.window_start)},
                        {"window_due", day_text(s.window_due)}});
    json ej = {{"cycle", e.cycle}, {"triggers", std::move(triggers)}, {"stages", std::move(stages)}, {"decision", nullptr}};
    if (e.decision)
      ej["decision"] = {{"level", to_string(e.decision->level)},
                        {"by", to_compact_string(e.decision->by)},
                        {"on", day_text(e.decision->on)},
                        {"text", e.decision->text}};
    episodes.push_back(std::move(ej));
  }
  j = {{"case", t.case_id}, {"level", to_string(t.level)}, {"episodes", std::move(episodes)}};
}

void from_json(const json &j, escalation_track &t) {
  escalation_track out = escalation_track::for_case(j.at("case").get<std::string>());
  out.level = level_from(j, "level");
  for (const auto &ej : j.at("episodes")) {
    escalation_episode e;
    e.cycle = ej.at("cycle").get<int>();
    for (const auto &rj : ej.at("triggers"))
      e.triggers.push_back({trigger_from(rj, "trigger"), detail::date_field(rj, "on"),
                            rj.at("units").get<std::vector<std::string>>(), rj.at("opened").get<bool>()});
    for (const auto &sj : ej.at("stages"))
      e.stages.push_back({level_from(sj, "level"), sj.at("who").get<std::string>(), sj.at("who_text").get<std::string>(),
                          detail::date_field(sj, "entered"), detail::date_field(sj, "window_start"),
                          detail::date_field(sj, "window_due")});
    if (const auto &dj = ej.at("decision"); !dj.is_null())
      e.decision = escalation_decision{level_from(dj, "level"), actor_from(dj, "by"), detail::date_field(dj, "on"),
                                       dj.at("text").get<std::string>()};
    out.episodes.push_back(std::move(e));
  }
  t = std::move(out);
}

void to_json(json &j, const escalation_notice &n) {
  j = {{"case", n.case_id},
       {"cycle", n.cycle},
       {"on", day_text(n.on)},
       {"from", to_string(n.from)},
       {"to", to_string(n.to)},
       {"why", to_string(n.why)},
       {"trigger", to_string(n.trigger)},
       {"who", n.who},
       {"who_text", n.who_text},
       {"window_due", day_text(n.window_due)},
       {"detail", n.detail}};
}

void from_json(const json &j, escalation_notice &n) {
  escalation_notice out;
  out.case_id = j.at("case").get<std::string>();
  out.cycle = j.at("cycle").get<int>();
  out.on = detail::date_field(j, "on");
  out.from = level_from(j, "from");
  out.to = level_from(j, "to");
  out.why = detail::field_value(
      detail::parse_name<escalation_reason>(reason_names, "escalation reason", j.at("why").get<std::string>()), "why");
  out.trigger = trigger_from(j, "trigger");
  out.who = j.at("who").get<std::string>();
  out.who_text = j.at("who_text").get<std::string>();
  out.window_due = detail::date_field(j, "window_due");
  out.detail = j.at("detail").get<std::string>();
  n = std::move(out);
}

result<escalation_input> escalation_input_from_json(const json &j, std::string_view where) {
  return detail::read_record<escalation_input>(j, where);
}

result<escalation_track> escalation_track_from_json(const json &j, std::string_view where) {
  return detail::read_record<escalation_track>(j, where);
}

} // namespace caseflow
