#include <caseflow/event_json.hpp>

#include <caseflow/limits.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

namespace caseflow {

namespace {

using json = nlohmann::json;

// The optional fields of events, and which event types use them.
enum field : std::uint16_t {
  f_unit = 1 << 0,
  f_new_unit = 1 << 1,
  f_units = 1 << 2,
  f_reason = 1 << 3,
  f_result_class = 1 << 4,
  f_rating = 1 << 5,
  f_decision = 1 << 6,
  f_leader_led = 1 << 7,
  f_until = 1 << 8,
  f_lead_item = 1 << 9,
};

struct field_name {
  field bit;
  std::string_view name;
};
constexpr field_name field_names[] = {
    {f_unit, "unit"},           {f_new_unit, "new_unit"},         {f_units, "units"},
    {f_reason, "reason"},       {f_result_class, "result_class"}, {f_rating, "rating"},
    {f_decision, "decision"},   {f_leader_led, "leader_led"},     {f_until, "until"},
    {f_lead_item, "lead_item"},
};

struct fields_of_type {
  event_type type;
  std::uint16_t fields;
};
// clang-format off
constexpr fields_of_type event_fields[] = {
    {event_type::register_case,       0},
    {event_type::assign,              f_units},
    {event_type::acknowledge,         0},
    {event_type::request_return,      f_reason},
    {event_type::approve_return,      f_unit | f_new_unit},
    {event_type::refuse_return,       f_unit | f_reason},
    {event_type::submit_opinion,      0},
    {event_type::waive_opinion,       f_unit | f_reason},
    {event_type::record_dispute,      f_reason},
    {event_type::record_consultation, f_leader_led},
    {event_type::reply,               f_result_class},
    {event_type::request_extension,   f_until | f_reason},
    {event_type::approve_extension,   f_unit | f_until},
    {event_type::record_feedback,     f_rating},
    {event_type::follow_up_reply,     f_result_class},
    {event_type::decide_publication,  f_decision | f_reason},
    {event_type::merge,               f_lead_item},
    {event_type::close,               0},
    {event_type::report_progress,     0},
};
// clang-format on

std::uint16_t fields_used_by(event_type t) {
  for (const auto &row : event_fields)
    if (row.type == t) return row.fields;
  return 0;
}

std::string date_text(date d) { return d.is_special() ? std::string() : to_string(d); }

// Reads fields of one JSON object; the first problem is kept, and every message names the field.
class field_reader {
public:
  field_reader(const json &j, std::string_view where) : j_(j), where_(where) {}

  bool failed() const { return !problem_.empty(); }
  error problem() const { return error{errc::parse_error, problem_}; }
  void fail_with(std::string_view field_name, std::string what) {
    if (problem_.empty()) problem_ = fmt::format("{}: field '{}': {}", where_, field_name, what);
  }
  void fail_whole(std::string what) {
    if (problem_.empty()) problem_ = fmt::format("{}: {}", where_, what);
  }

  const json *find(std::string_view name) const {
    const auto it = j_.find(name);
    return it == j_.end() ? nullptr : &*it;
  }

  // A text field, refused where it enters when it is not UTF-8, too long or holds control characters
  // (limits.hpp): written to the journal it could only fail later.
  std::string text(std::string_view name, bool required, text_kind kind = text_kind::id) {
    const json *v = find(name);
    if (!v) {
      if (required) fail_with(name, "is missing");
      return {};
    }
    if (!v->is_string()) {
      fail_with(name, "is not a string");
      return {};
    }
    const auto &s = v->get_ref<const std::string &>();
    if (auto problem = text_problem(s, kind)) {
      fail_with(name, *problem);
      return {};
    }
    return s;
  }

  bool flag(std::string_view name) {
    const json *v = find(name);
    if (!v) return false;
    if (!v->is_boolean()) {
      fail_with(name, "is not true or false");
      return false;
    }
    return v->get<bool>();
  }

  template <class T, class Parse> T named(std::string_view name, Parse parse, T fallback, bool required) {
    const std::string s = text(name, required);
    if (failed() || (!required && !find(name))) return fallback;
    auto r = parse(s);
    if (!r) {
      fail_with(name, r.error().message);
      return fallback;
    }
    return *r;
  }

private:
  const json &j_;
  std::string where_;
  std::string problem_;
};

result<timestamp> parse_time_or_day(std::string_view text) {
  if (text.size() == 10) {
    auto d = parse_date(text);
    if (!d) return failure{d.error()};
    return timestamp(*d);
  }
  return parse_timestamp(text);
}

struct role_alias {
  std::string_view word;
  actor_role role;
};
constexpr role_alias role_aliases[] = {{"office", actor_role::assigning_office}};

} // namespace

std::string to_compact_string(const actor &a) {
  const std::string_view role = a.role == actor_role::assigning_office ? std::string_view("office") : to_string(a.role);
  return a.id.empty() ? std::string(role) : fmt::format("{}:{}", role, a.id);
}

result<actor> parse_actor(std::string_view text) {
  const auto colon = text.find(':');
  const std::string_view role_text = text.substr(0, colon);
  actor a;
  bool known = false;
  for (const auto &alias : role_aliases)
    if (alias.word == role_text) {
      a.role = alias.role;
      known = true;
    }
  if (!known) {
    auto role = parse_actor_role(role_text);
    if (!role) return fail(errc::parse_error, fmt::format("'{}' is not a sender: {}", text, role.error().message));
    a.role = *role;
  }
  if (colon != std::string_view::npos) {
    if (auto problem = text_problem(text.substr(colon + 1), text_kind::id))
      return fail(errc::parse_error, fmt::format("the sender's id {}", *problem));
    a.id = std::string(text.substr(colon + 1));
    if (a.id.empty()) return fail(errc::parse_error, fmt::format("'{}' is not a sender: nothing after ':'", text));
  }
  if (a.role == actor_role::unit && a.id.empty())
    return fail(errc::parse_error, fmt::format("'{}' is not a sender: a unit is written 'unit:<id>'", text));
  return a;
}

std::optional<std::string_view> stray_field(const event &e) {
  const event blank{};
  const std::uint16_t used = fields_used_by(e.type);
  struct set_field {
    field bit;
    bool set;
  };
  const set_field fields[] = {
      {f_unit, e.unit != blank.unit},
      {f_new_unit, e.new_unit != blank.new_unit},
      {f_units, !e.units.empty()},
      {f_reason, e.reason != blank.reason},
      {f_result_class, e.result_class != blank.result_class},
      {f_rating, e.rating != blank.rating},
      {f_decision, e.decision != blank.decision},
      {f_leader_led, e.leader_led != blank.leader_led},
      {f_until, !e.until.is_not_a_date()},
      {f_lead_item, !(e.lead_item == blank.lead_item)},
  };
  for (const auto &f : fields)
    if (f.set && !(used & f.bit))
      for (const auto &n : field_names)
        if (n.bit == f.bit) return n.name;
  return std::nullopt;
}

std::optional<std::string> text_problem(const event &e) {
  const auto named = [](std::string_view field, std::string_view text, text_kind kind) -> std::optional<std::string> {
    if (auto problem = text_problem(text, kind)) return fmt::format("field '{}': {}", field, *problem);
    return std::nullopt;
  };
  if (auto p = named("by", e.by.id, text_kind::id)) return p;
  if (auto p = named("unit", e.unit, text_kind::id)) return p;
  if (auto p = named("new_unit", e.new_unit, text_kind::id)) return p;
  if (auto p = named("reason", e.reason, text_kind::free_text)) return p;
  if (e.units.size() > limits::units_per_item)
    return fmt::format("field 'units': {} units, more than limits::units_per_item ({})", e.units.size(), limits::units_per_item);
  for (std::size_t i = 0; i < e.units.size(); ++i)
    if (auto p = named(fmt::format("units/{}", i), e.units[i].unit, text_kind::id)) return p;
  if (auto p = named("lead_item", e.lead_item.session + e.lead_item.item, text_kind::id)) return p;
  return std::nullopt;
}

json to_json(const event &e) {
  json j = {{"type", to_string(e.type)}, {"by", to_compact_string(e.by)}, {"at", to_string(e.at)}};
  const std::uint16_t used = fields_used_by(e.type);
  if (used & f_unit) j["unit"] = e.unit;
  if (used & f_new_unit) j["new_unit"] = e.new_unit;
  if (used & f_units) {
    json units = json::array();
    for (const auto &u : e.units)
      units.push_back({{"unit", u.unit}, {"role", to_string(u.role)}});
    j["units"] = std::move(units);
  }
  if ((used & f_reason) && !e.reason.empty()) j["reason"] = e.reason;
  if (used & f_result_class) j["result_class"] = to_string(e.result_class);
  if (used & f_rating) j["rating"] = to_string(e.rating);
  if (used & f_decision) j["decision"] = to_string(e.decision);
  if (used & f_leader_led) j["leader_led"] = e.leader_led;
  if (used & f_until) j["until"] = date_text(e.until);
  if (used & f_lead_item) j["lead_item"] = e.lead_item.to_string();
  return j;
}

result<event> event_from_json(const json &j, std::string_view where) {
  if (!j.is_object()) return fail(errc::parse_error, fmt::format("{}: an event must be a JSON object", where));
  field_reader r(j, where);
  event e;
  e.type = r.named<event_type>("type", parse_event_type, event_type::register_case, true);
  if (r.failed()) return failure{r.problem()};
  const std::uint16_t used = fields_used_by(e.type);
  // Not a structured binding: clang 14 does not let the lambda below capture one.
  for (const auto &item : j.items()) {
    const std::string &key = item.key();
    if (key == "type" || key == "by" || key == "at" || key == "case") continue;
    const auto known =
        std::find_if(std::begin(field_names), std::end(field_names), [&](const field_name &f) { return f.name == key; });
    if (known == std::end(field_names))
      r.fail_with(key, "is not a field of any event");
    else if (!(used & known->bit))
      r.fail_with(key, fmt::format("does not belong to a {} event", to_string(e.type)));
  }
  e.by = r.named<actor>("by", parse_actor, actor{}, true);
  e.at = r.named<timestamp>("at", parse_time_or_day, timestamp(), true);
  if (used & f_unit) e.unit = r.text("unit", true);
  if (used & f_new_unit) e.new_unit = r.text("new_unit", true);
  if (used & f_units) {
    const json *units = r.find("units");
    if (!units || !units->is_array()) r.fail_with("units", units ? "is not an array" : "is missing");
    if (units && units->is_array() && units->size() > limits::units_per_item)
      r.fail_with("units", fmt::format("{} units, more than limits::units_per_item ({})", units->size(), limits::units_per_item));
    for (std::size_t i = 0; units && units->is_array() && i < units->size() && !r.failed(); ++i) {
      const std::string at = fmt::format("{}: units/{}", where, i);
      const json &u = (*units)[i];
      if (!u.is_object()) {
        r.fail_with(fmt::format("units/{}", i), "is not an object");
        break;
      }
      field_reader ur(u, at);
      unit_assignment_spec spec;
      spec.unit = ur.text("unit", true);
      spec.role = ur.named<assignment_role>("role", parse_assignment_role, assignment_role::lead, true);
      for (const auto &[key, _] : u.items())
        if (key != "unit" && key != "role") ur.fail_with(key, "is not a field of a unit assignment");
      if (ur.failed()) return failure{ur.problem()};
      e.units.push_back(std::move(spec));
    }
  }
  if (used & f_reason) e.reason = r.text("reason", false, text_kind::free_text);
  if (used & f_result_class) e.result_class = r.named<reply_class>("result_class", parse_reply_class, reply_class::a, true);
  if (used & f_rating) e.rating = r.named<satisfaction>("rating", parse_satisfaction, satisfaction::satisfied, true);
  if (used & f_decision) e.decision = r.named<disclosure>("decision", parse_disclosure, disclosure::public_full_text, true);
  if (used & f_leader_led) e.leader_led = r.flag("leader_led");
  if (used & f_until) e.until = r.named<date>("until", parse_date, date(), true);
  if (used & f_lead_item) e.lead_item = r.named<case_id>("lead_item", case_id::parse, case_id{}, true);
  if (r.failed()) return failure{r.problem()};
  return e;
}

json to_json(const case_info &info) {
  json j = {{"case", info.id.to_string()},
            {"kind", to_string(info.kind)},
            {"category", info.category},
            {"title", info.title},
            {"proposers", {{"lead", info.proposers.lead}, {"co_signers", info.proposers.co_signers}}},
            {"key_item", info.key_item},
            {"leader_supervised", info.leader_supervised}};
  // The trusting default is left out, so that registrations that name no sender read and write as before.
  if (!(info.registered_by == actor{})) j["by"] = to_compact_string(info.registered_by);
  return j;
}

result<case_info> case_info_from_json(const json &j, std::string_view where) {
  if (!j.is_object()) return fail(errc::parse_error, fmt::format("{}: a case registration must be a JSON object", where));
  field_reader r(j, where);
  for (const auto &[key, _] : j.items())
    if (key != "case" && key != "kind" && key != "category" && key != "title" && key != "proposers" && key != "key_item" &&
        key != "leader_supervised" && key != "by")
      r.fail_with(key, "is not a field of a case registration");
  case_info info;
  info.id = r.named<case_id>("case", case_id::parse, case_id{}, true);
  info.kind = r.named<case_kind>("kind", parse_case_kind, case_kind::deputy_suggestion, true);
  info.category = r.text("category", true, text_kind::name);
  info.title = r.text("title", true, text_kind::title);
  if (r.find("by")) info.registered_by = r.named<actor>("by", parse_actor, actor{}, true);
  info.key_item = r.flag("key_item");
  info.leader_supervised = r.flag("leader_supervised");
  const json *p = r.find("proposers");
  if (!p || !p->is_object()) r.fail_with("proposers", p ? "is not an object" : "is missing");
  if (r.failed()) return failure{r.problem()};
  field_reader pr(*p, fmt::format("{}: proposers", where));
  info.proposers.lead = pr.text("lead", true, text_kind::name);
  if (const json *co = pr.find("co_signers")) {
    if (!co->is_array()) pr.fail_with("co_signers", "is not an array");
    if (co->is_array() && co->size() + 1 > limits::proposers_per_item)
      pr.fail_with("co_signers", fmt::format("{} proposers, more than limits::proposers_per_item ({})", co->size() + 1,
                                             limits::proposers_per_item));
    for (std::size_t i = 0; co->is_array() && i < co->size() && !pr.failed(); ++i) {
      const json &name = (*co)[i];
      if (!name.is_string()) {
        pr.fail_with(fmt::format("co_signers/{}", i), "is not a string");
        break;
      }
      if (auto problem = text_problem(name.get_ref<const std::string &>(), text_kind::name)) {
        pr.fail_with(fmt::format("co_signers/{}", i), *problem);
        break;
      }
      info.proposers.co_signers.push_back(name.get<std::string>());
    }
  }
  for (const auto &[key, _] : p->items())
    if (key != "lead" && key != "co_signers") pr.fail_with(key, "is not a field of proposers");
  if (pr.failed()) return failure{pr.problem()};
  return info;
}

} // namespace caseflow
