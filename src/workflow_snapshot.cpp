// Snapshots: a case record as JSON and back, field by field, without re-running any event, so that a
// host can persist a case and pick it up again exactly as it was (restore(snapshot(c)) == c).
#include <caseflow/limits.hpp>
#include <caseflow/workflow.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace caseflow {

namespace {

using json = nlohmann::json;

constexpr int snapshot_version = 1;

std::string date_text(date d) { return d.is_special() ? std::string() : to_string(d); }

json to_json(const actor &a) { return {{"role", to_string(a.role)}, {"id", a.id}}; }

// Type, sender and time always; every other field only when it differs from a default event's, which is
// what reading takes for a field left out. Histories are most of a snapshot, and most fields are unused.
json to_json(const event &e) {
  static const event blank{};
  json j = {{"type", to_string(e.type)}, {"by", to_json(e.by)}, {"at", to_string(e.at)}};
  if (e.unit != blank.unit) j["unit"] = e.unit;
  if (e.new_unit != blank.new_unit) j["new_unit"] = e.new_unit;
  if (!e.units.empty()) {
    json units = json::array();
    for (const auto &u : e.units)
      units.push_back({{"unit", u.unit}, {"role", to_string(u.role)}});
    j["units"] = std::move(units);
  }
  if (e.reason != blank.reason) j["reason"] = e.reason;
  if (e.result_class != blank.result_class) j["result_class"] = to_string(e.result_class);
  if (e.rating != blank.rating) j["rating"] = to_string(e.rating);
  if (e.decision != blank.decision) j["decision"] = to_string(e.decision);
  if (e.leader_led != blank.leader_led) j["leader_led"] = e.leader_led;
  if (e.until != blank.until) j["until"] = date_text(e.until);
  if (e.lead_item != blank.lead_item) j["lead_item"] = e.lead_item.to_string();
  return j;
}

json to_json(const unit_assignment &u) {
  return {{"unit", u.unit},
          {"role", to_string(u.role)},
          {"state", to_string(u.state)},
          {"assigned_on", date_text(u.assigned_on)},
          {"acknowledged_on", date_text(u.acknowledged_on)},
          {"return_requested_on", date_text(u.return_requested_on)},
          {"return_refused", u.return_refused},
          {"opinion_on", date_text(u.opinion_on)},
          {"replied_on", date_text(u.replied_on)},
          {"result_class", u.result_class ? json(to_string(*u.result_class)) : json(nullptr)},
          {"replies", u.replies},
          {"extension_requested_until", date_text(u.extension_requested_until)},
          {"extended_until", date_text(u.extended_until)},
          {"progress_reports", u.progress_reports},
          {"progress_reported_on", date_text(u.progress_reported_on)}};
}

// Reads fields of one JSON object, naming the path of anything wrong. The first error sticks; the
// caller checks `problem` once at the end.
class reader {
public:
  reader(const json &j, std::string path, std::string *problem) : j_(j), path_(std::move(path)), problem_(problem) {}

  bool has(std::string_view name) const { return j_.is_object() && j_.contains(name); }
  const json *field(std::string_view name) {
    if (!problem_->empty()) return nullptr;
    if (!j_.is_object()) return fail_at("", "is not an object");
    auto it = j_.find(name);
    if (it == j_.end()) return fail_at(name, "is missing");
    return &*it;
  }
  std::string text(std::string_view name) {
    const json *f = field(name);
    if (!f) return {};
    if (!f->is_string()) return fail_at(name, "is not a string"), std::string();
    return f->get<std::string>();
  }
  bool flag(std::string_view name) {
    const json *f = field(name);
    if (!f) return false;
    if (!f->is_boolean()) return fail_at(name, "is not true or false"), false;
    return f->get<bool>();
  }
  int number(std::string_view name) {
    const json *f = field(name);
    if (!f) return 0;
    if (!f->is_number_integer()) return fail_at(name, "is not an integer"), 0;
    return f->get<int>();
  }
  date day(std::string_view name) {
    const std::string t = text(name);
    if (t.empty()) return date(boost::gregorian::not_a_date_time);
    auto d = parse_date(t);
    if (!d) return fail_at(name, d.error().message), date(boost::gregorian::not_a_date_time);
    return *d;
  }
  timestamp time(std::string_view name) {
    auto t = parse_timestamp(text(name));
    if (!t) return fail_at(name, t.error().message), timestamp();
    return *t;
  }
  template <class T, class Parse> T named(std::string_view name, Parse parse) {
    const std::string t = text(name);
    if (!problem_->empty()) return T{};
    auto v = parse(t);
    if (!v) return fail_at(name, v.error().message), T{};
    return *v;
  }
  template <class T, class Parse> std::optional<T> maybe_named(std::string_view name, Parse parse) {
    const json *f = field(name);
    if (!f || f->is_null()) return std::nullopt;
    return named<T>(name, parse);
  }
  std::optional<case_id> maybe_id(std::string_view name) {
    const std::string t = text(name);
    if (t.empty()) return std::nullopt;
    auto id = case_id::parse(t);
    if (!id) return fail_at(name, id.error().message), std::nullopt;
    return *id;
  }
  std::string child_path(std::string_view name) const { return path_ + "/" + std::string(name); }
  const json *fail_at(std::string_view name, const std::string &what) {
    if (problem_->empty()) *problem_ = fmt::format("{}{}{}: {}", path_, name.empty() ? "" : "/", name, what);
    return nullptr;
  }

private:
  const json &j_;
  std::string path_;
  std::string *problem_;
};

actor read_actor(const json &j, const std::string &path, std::string *problem) {
  reader r(j, path, problem);
  actor a;
  a.role = r.named<actor_role>("role", parse_actor_role);
  a.id = r.text("id");
  return a;
}

// The elements of an array field, each with its path.
template <class F> void each(reader &r, const json *arr, std::string_view name, std::string *problem, F f) {
  if (!arr) return;
  if (!arr->is_array()) {
    r.fail_at(name, "is not an array");
    return;
  }
  for (std::size_t i = 0; i < arr->size() && problem->empty(); ++i)
    f((*arr)[i], fmt::format("{}/{}", r.child_path(name), i));
}

event read_event(const json &j, const std::string &path, std::string *problem) {
  reader r(j, path, problem);
  event e;
  e.type = r.named<event_type>("type", parse_event_type);
  if (const json *by = r.field("by")) e.by = read_actor(*by, r.child_path("by"), problem);
  e.at = r.time("at");
  // A field left out has the default event's value (see to_json).
  if (r.has("unit")) e.unit = r.text("unit");
  if (r.has("new_unit")) e.new_unit = r.text("new_unit");
  if (r.has("units"))
    each(r, r.field("units"), "units", problem, [&](const json &u, const std::string &p) {
      reader ur(u, p, problem);
      unit_assignment_spec s;
      s.unit = ur.text("unit");
      s.role = ur.named<assignment_role>("role", parse_assignment_role);
      e.units.push_back(std::move(s));
    });
  if (r.has("reason")) e.reason = r.text("reason");
  if (r.has("result_class")) e.result_class = r.named<reply_class>("result_class", parse_reply_class);
  if (r.has("rating")) e.rating = r.named<satisfaction>("rating", parse_satisfaction);
  if (r.has("decision")) e.decision = r.named<disclosure>("decision", parse_disclosure);
  if (r.has("leader_led")) e.leader_led = r.flag("leader_led");
  if (r.has("until")) e.until = r.day("until");
  if (r.has("lead_item")) e.lead_item = r.maybe_id("lead_item").value_or(case_id{});
  return e;
}

} // namespace

json snapshot_json(const case_record &c) {
  json units = json::array();
  for (const auto &u : c.units)
    units.push_back(to_json(u));
  json history = json::array();
  for (const auto &h : c.history)
    history.push_back({{"event", to_json(h.event)}, {"after", to_string(h.after)}});
  json proposers = {{"lead", c.info.proposers.lead}, {"co_signers", c.info.proposers.co_signers}};
  json info = {{"id", c.info.id.to_string()},
               {"kind", to_string(c.info.kind)},
               {"category", c.info.category},
               {"proposers", std::move(proposers)},
               {"title", c.info.title},
               {"key_item", c.info.key_item},
               {"leader_supervised", c.info.leader_supervised}};
  // Left out when it is the trusting default, so that snapshots of books without senders stay as they were.
  if (!(c.info.registered_by == actor{})) info["registered_by"] = to_json(c.info.registered_by);
  json j = {{"snapshot_version", snapshot_version},
            {"info", std::move(info)},
            {"state", to_string(c.state)},
            {"units", std::move(units)},
            {"cycle", c.cycle},
            {"registered_on", date_text(c.registered_on)},
            {"assigned_on", date_text(c.assigned_on)},
            {"replied_on", date_text(c.replied_on)},
            {"feedback_on", date_text(c.feedback_on)},
            {"rating", c.rating ? json(to_string(*c.rating)) : json(nullptr)},
            {"rehandling_ordered_on", date_text(c.rehandling_ordered_on)},
            {"consultations", c.consultations},
            {"leader_consultations", c.leader_consultations},
            {"disputed", c.disputed},
            {"publication", c.publication ? json(to_string(*c.publication)) : json(nullptr)},
            {"publication_reason", c.publication_reason},
            {"publication_decided_on", date_text(c.publication_decided_on)},
            {"merged_into", c.merged_into ? c.merged_into->to_string() : std::string()},
            {"closed_on", date_text(c.closed_on)},
            {"history", std::move(history)}};
  return j;
}

std::string snapshot(const case_record &c) { return snapshot_json(c).dump(); }

result<case_record> restore(std::string_view text) {
  if (auto problem = json_shape_problem(text, text.size()))
    return fail(errc::parse_error, fmt::format("snapshot: the text {}", *problem));
  const json j = json::parse(text, nullptr, false);
  if (j.is_discarded()) return fail(errc::parse_error, "snapshot: not valid JSON");
  return restore_json(j);
}

result<case_record> restore_json(const json &j) {
  if (!j.is_object()) return fail(errc::parse_error, "snapshot: not a JSON object");
  std::string problem;
  reader r(j, "", &problem);
  if (const json *v = r.field("snapshot_version"); v && (!v->is_number_integer() || v->get<int>() != snapshot_version))
    return fail(errc::parse_error, fmt::format("snapshot: /snapshot_version: expected {}", snapshot_version));
  case_record c;
  if (const json *info = r.field("info")) {
    reader ir(*info, "/info", &problem);
    if (auto id = ir.maybe_id("id"))
      c.info.id = *id;
    else
      ir.fail_at("id", "is empty");
    c.info.kind = ir.named<case_kind>("kind", parse_case_kind);
    c.info.category = ir.text("category");
    if (const json *p = ir.field("proposers")) {
      reader pr(*p, "/info/proposers", &problem);
      c.info.proposers.lead = pr.text("lead");
      each(pr, pr.field("co_signers"), "co_signers", &problem, [&](const json &s, const std::string &path) {
        if (!s.is_string())
          problem = path + ": is not a string";
        else
          c.info.proposers.co_signers.push_back(s.get<std::string>());
      });
    }
    c.info.title = ir.text("title");
    c.info.key_item = ir.flag("key_item");
    c.info.leader_supervised = ir.flag("leader_supervised");
    if (const json *by = info->is_object() && info->contains("registered_by") ? ir.field("registered_by") : nullptr)
      c.info.registered_by = read_actor(*by, "/info/registered_by", &problem);
  }
  c.state = r.named<case_state>("state", parse_case_state);
  each(r, r.field("units"), "units", &problem, [&](const json &uj, const std::string &path) {
    reader ur(uj, path, &problem);
    unit_assignment u;
    u.unit = ur.text("unit");
    u.role = ur.named<assignment_role>("role", parse_assignment_role);
    u.state = ur.named<unit_state>("state", parse_unit_state);
    u.assigned_on = ur.day("assigned_on");
    u.acknowledged_on = ur.day("acknowledged_on");
    u.return_requested_on = ur.day("return_requested_on");
    u.return_refused = ur.flag("return_refused");
    u.opinion_on = ur.day("opinion_on");
    u.replied_on = ur.day("replied_on");
    u.result_class = ur.maybe_named<reply_class>("result_class", parse_reply_class);
    u.replies = ur.number("replies");
    u.extension_requested_until = ur.day("extension_requested_until");
    u.extended_until = ur.day("extended_until");
    // Snapshots taken before progress reports existed have none.
    if (ur.has("progress_reports")) u.progress_reports = ur.number("progress_reports");
    if (ur.has("progress_reported_on")) u.progress_reported_on = ur.day("progress_reported_on");
    c.units.push_back(std::move(u));
  });
  c.cycle = r.number("cycle");
  c.registered_on = r.day("registered_on");
  c.assigned_on = r.day("assigned_on");
  c.replied_on = r.day("replied_on");
  c.feedback_on = r.day("feedback_on");
  c.rating = r.maybe_named<satisfaction>("rating", parse_satisfaction);
  c.rehandling_ordered_on = r.day("rehandling_ordered_on");
  c.consultations = r.number("consultations");
  c.leader_consultations = r.number("leader_consultations");
  c.disputed = r.flag("disputed");
  c.publication = r.maybe_named<disclosure>("publication", parse_disclosure);
  c.publication_reason = r.text("publication_reason");
  c.publication_decided_on = r.day("publication_decided_on");
  c.merged_into = r.maybe_id("merged_into");
  c.closed_on = r.day("closed_on");
  const json *history = r.field("history");
  if (history && history->is_array()) c.history.reserve(history->size() + 16);
  each(r, history, "history", &problem, [&](const json &hj, const std::string &path) {
    reader hr(hj, path, &problem);
    history_entry h;
    if (const json *ev = hr.field("event")) h.event = read_event(*ev, hr.child_path("event"), &problem);
    h.after = hr.named<case_state>("after", parse_case_state);
    c.history.push_back(h);
  });
  if (!problem.empty()) return fail(errc::parse_error, "snapshot: " + problem);
  return c;
}

} // namespace caseflow
