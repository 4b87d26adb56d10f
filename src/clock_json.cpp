// JSON for deadline clocks, their keys and notices (see clock_json.hpp).
#include <caseflow/clock_json.hpp>

#include <fmt/format.h>

namespace caseflow {

namespace {

using json = nlohmann::json;

std::string day_text(date d) { return d.is_special() ? std::string() : to_string(d); }

// Field readers: each names the field in its error; `where` already names the record.
struct reader {
  const json &j;
  std::string where; // owned: readers are often given a path built on the spot

  failure bad(std::string_view field, std::string_view why) const {
    return fail(errc::parse_error, fmt::format("{}: field '{}': {}", where, field, why));
  }
  result<const json *> field(std::string_view name) const {
    if (!j.is_object()) return failure{bad(name, "the record is not a JSON object")};
    const auto it = j.find(name);
    if (it == j.end()) return failure{bad(name, "is missing")};
    return &*it;
  }
  result<std::string> text(std::string_view name) const {
    auto f = field(name);
    if (!f) return failure{f.error()};
    if (!(*f)->is_string()) return failure{bad(name, "is not a string")};
    return (*f)->get<std::string>();
  }
  result<int> number(std::string_view name) const {
    auto f = field(name);
    if (!f) return failure{f.error()};
    if (!(*f)->is_number_integer()) return failure{bad(name, "is not a whole number")};
    return (*f)->get<int>();
  }
  result<bool> flag(std::string_view name) const {
    auto f = field(name);
    if (!f) return failure{f.error()};
    if (!(*f)->is_boolean()) return failure{bad(name, "is not true or false")};
    return (*f)->get<bool>();
  }
  // A day, or not_a_date_time for "" when `may_be_empty`.
  result<date> day(std::string_view name, bool may_be_empty = false) const {
    auto t = text(name);
    if (!t) return failure{t.error()};
    if (t->empty() && may_be_empty) return date(boost::gregorian::not_a_date_time);
    auto d = parse_date(*t);
    if (!d) return failure{bad(name, d.error().message)};
    return d;
  }
  result<std::vector<int>> numbers(std::string_view name) const {
    auto f = field(name);
    if (!f) return failure{f.error()};
    if (!(*f)->is_array()) return failure{bad(name, "is not an array")};
    std::vector<int> out;
    for (const auto &v : **f) {
      if (!v.is_number_integer()) return failure{bad(name, "holds something other than whole numbers")};
      out.push_back(v.get<int>());
    }
    return out;
  }
  template <class T> result<T> named(std::string_view name, result<T> (*parse)(std::string_view)) const {
    auto t = text(name);
    if (!t) return failure{t.error()};
    auto v = parse(*t);
    if (!v) return failure{bad(name, v.error().message)};
    return v;
  }
  result<period> length(std::string_view name) const { return named<period>(name, &period::parse); }
};

json to_json(const clock_event &e) {
  if (const auto *p = std::get_if<pause_span>(&e))
    return {{"pause", {{"from", day_text(p->from)}, {"to", p->to ? day_text(*p->to) : ""}}}};
  const auto &x = std::get<extension_request>(e);
  json target = std::holds_alternative<date>(x.target) ? json{{"until", day_text(std::get<date>(x.target))}}
                                                       : json{{"by", std::get<period>(x.target).to_string()}};
  target["on"] = day_text(x.on);
  target["reason"] = x.reason;
  return {{"extend", std::move(target)}};
}

result<clock_event> clock_event_from_json(const json &j, std::string_view where) {
  if (j.is_object() && j.contains("pause")) {
    const reader r{j.at("pause"), std::string(where)};
    auto from = r.day("from");
    auto to = r.day("to", true);
    if (!from || !to) return failure{!from ? from.error() : to.error()};
    return clock_event{pause_span{*from, to->is_special() ? std::nullopt : std::optional<date>(*to)}};
  }
  if (j.is_object() && j.contains("extend")) {
    const reader r{j.at("extend"), std::string(where)};
    auto on = r.day("on");
    auto reason = r.text("reason");
    if (!on || !reason) return failure{!on ? on.error() : reason.error()};
    extension_request x{*on, date(boost::gregorian::not_a_date_time), *reason};
    if (r.j.contains("until")) {
      auto until = r.day("until");
      if (!until) return failure{until.error()};
      x.target = *until;
    } else {
      auto by = r.length("by");
      if (!by) return failure{by.error()};
      x.target = *by;
    }
    return clock_event{std::move(x)};
  }
  return fail(errc::parse_error, fmt::format("{}: neither a pause nor an extension", where));
}

} // namespace

json to_json(const clock_key &k) {
  return {{"case", k.case_id}, {"unit", k.unit_id}, {"clock", to_string(k.kind)}, {"cycle", k.cycle}};
}

result<clock_key> clock_key_from_json(const json &j, std::string_view where) {
  const reader r{j, std::string(where)};
  auto case_text = r.text("case");
  if (!case_text) return failure{case_text.error()};
  auto unit = r.text("unit");
  if (!unit) return failure{unit.error()};
  auto kind = r.named<clock_kind>("clock", &parse_clock_kind);
  if (!kind) return failure{kind.error()};
  auto cycle = r.number("cycle");
  if (!cycle) return failure{cycle.error()};
  return clock_key{*case_text, *unit, *kind, *cycle};
}

json to_json(const notice &n) {
  return {{"kind", to_string(n.kind)},    {"clock", to_json(n.clock)}, {"due", day_text(n.due)}, {"on", day_text(n.on)},
          {"issued", day_text(n.issued)}, {"point", n.point},          {"workdays", n.workdays}};
}

result<notice> notice_from_json(const json &j, std::string_view where) {
  const reader r{j, std::string(where)};
  notice n;
  auto kind = r.named<notice_kind>("kind", &parse_notice_kind);
  if (!kind) return failure{kind.error()};
  n.kind = *kind;
  auto clock = r.field("clock");
  if (!clock) return failure{clock.error()};
  auto key = clock_key_from_json(**clock, fmt::format("{}: clock", where));
  if (!key) return failure{key.error()};
  n.clock = std::move(*key);
  for (auto [name, out] : {std::pair{"due", &n.due}, std::pair{"on", &n.on}, std::pair{"issued", &n.issued}}) {
    auto d = r.day(name);
    if (!d) return failure{d.error()};
    *out = *d;
  }
  auto point = r.number("point");
  auto workdays = r.number("workdays");
  if (!point || !workdays) return failure{!point ? point.error() : workdays.error()};
  n.point = *point;
  n.workdays = *workdays;
  return n;
}

json to_json(const deadline_clock &c) {
  json history = json::array();
  for (const auto &e : c.history_)
    history.push_back(to_json(e));
  json points = json::array();
  for (const auto &p : c.points_)
    points.push_back({{"on", day_text(p.on)}, {"kind", to_string(p.kind)}, {"point", p.point}, {"issued", p.issued}});
  json j = {{"key", to_json(c.key_)},
            {"rule",
             {{"period", c.rule_.length.to_string()},
              {"warn_workdays_before", c.rule_.warnings.workdays_before},
              {"warn_elapsed_percent", c.rule_.warnings.elapsed_percent}}},
            {"started", day_text(c.start_)},
            {"due", day_text(c.due_)},
            {"length", c.length_},
            {"history", std::move(history)},
            {"points", std::move(points)},
            {"last_tick", day_text(c.last_tick_)},
            {"last_event", day_text(c.last_event_)}};
  if (c.stop_)
    j["stop"] = {{"on", day_text(c.stop_->on)}, {"on_time", c.stop_->on_time}, {"workdays_late", c.stop_->workdays_late}};
  return j;
}

result<deadline_clock> deadline_clock_from_json(const json &j, std::string_view where) {
  const reader r{j, std::string(where)};
  deadline_clock c;
  auto key = r.field("key");
  if (!key) return failure{key.error()};
  auto k = clock_key_from_json(**key, fmt::format("{}: key", where));
  if (!k) return failure{k.error()};
  c.key_ = std::move(*k);

  auto rule = r.field("rule");
  if (!rule) return failure{rule.error()};
  const reader rr{**rule, fmt::format("{}: rule", where)};
  auto length = rr.length("period");
  auto before = rr.numbers("warn_workdays_before");
  auto percent = rr.numbers("warn_elapsed_percent");
  if (!length || !before || !percent) return failure{!length ? length.error() : !before ? before.error() : percent.error()};
  c.rule_ = clock_rule{*length, warning_points{std::move(*before), std::move(*percent)}};

  auto started = r.day("started");
  auto due = r.day("due");
  auto n = r.number("length");
  auto last_tick = r.day("last_tick", true);
  auto last_event = r.day("last_event", true);
  if (!started || !due || !n || !last_tick || !last_event)
    return failure{!started     ? started.error()
                   : !due       ? due.error()
                   : !n         ? n.error()
                   : !last_tick ? last_tick.error()
                                : last_event.error()};
  c.start_ = *started;
  c.due_ = *due;
  c.length_ = *n;
  c.last_tick_ = *last_tick;
  c.last_event_ = *last_event;

  auto history = r.field("history");
  if (!history) return failure{history.error()};
  if (!(*history)->is_array()) return failure{r.bad("history", "is not an array")};
  for (std::size_t i = 0; i < (*history)->size(); ++i) {
    auto e = clock_event_from_json((**history)[i], fmt::format("{}: history/{}", where, i));
    if (!e) return failure{e.error()};
    c.history_.push_back(std::move(*e));
  }

  auto points = r.field("points");
  if (!points) return failure{points.error()};
  if (!(*points)->is_array()) return failure{r.bad("points", "is not an array")};
  for (std::size_t i = 0; i < (*points)->size(); ++i) {
    const reader pr{(**points)[i], fmt::format("{}: points/{}", where, i)};
    auto on = pr.day("on");
    auto kind = pr.named<notice_kind>("kind", &parse_notice_kind);
    auto point = pr.number("point");
    auto issued = pr.flag("issued");
    if (!on || !kind || !point || !issued)
      return failure{!on ? on.error() : !kind ? kind.error() : !point ? point.error() : issued.error()};
    c.points_.push_back(schedule_point{*on, *kind, *point, *issued});
  }

  if (j.contains("stop")) {
    const reader sr{j.at("stop"), fmt::format("{}: stop", where)};
    auto on = sr.day("on");
    auto on_time = sr.flag("on_time");
    auto late = sr.number("workdays_late");
    if (!on || !on_time || !late) return failure{!on ? on.error() : !on_time ? on_time.error() : late.error()};
    c.stop_ = stop_record{*on, *on_time, *late};
  }
  return c;
}

} // namespace caseflow
