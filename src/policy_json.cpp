// deadline_policy files: reading the JSON format documented in policy.hpp, and writing it back.
//
// The reader checks the shape (every key present, no unknown key, the right types, periods and names
// that parse) and leaves the figures to validate() in policy.cpp, so both halves name the same JSON
// paths. A policy is built whole or not at all.
#include <caseflow/policy_json.hpp>

#include <caseflow/limits.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <functional>
#include <limits>
#include <optional>
#include <set>
#include <span>
#include <sstream>

namespace caseflow {

namespace {

using json = nlohmann::ordered_json;

// clang-format off
constexpr std::string_view top_keys[]       = {"format", "name", "description", "clocks", "extension", "result_scheme",
                                               "leader_consultation_required", "leader_consultation_when_still_dissatisfied",
                                               "rehandling", "escalate_on", "linkage"};
// Keys added after format 1 was published: a file written before them still reads, with the default.
constexpr std::string_view optional_top_keys[] = {"leader_consultation_when_still_dissatisfied"};
constexpr std::string_view clock_keys[]     = {"period", "warn_workdays_before", "warn_elapsed_percent"};
constexpr std::string_view extension_keys[] = {"max_total", "reason_required"};
constexpr std::string_view linkage_keys[]   = {"child_margin"};
// clang-format on

constexpr int supported_format = 1;

// A JSON pointer token: '~' and '/' escaped as RFC 6901 says.
std::string pointer_token(std::string_view key) {
  std::string out;
  for (const char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

std::string join(std::span<const std::string_view> names) {
  std::string out;
  for (const auto n : names)
    out += fmt::format("{}{}", out.empty() ? "" : ", ", n);
  return out;
}

template <std::size_t N> std::string join(const std::array<std::string_view, N> &names) {
  return join(std::span<const std::string_view>(names));
}

// The reader stops at the first problem. Thrown only inside this file and always caught by
// policy_from_json: the recursion through the document reads far better without an error check after
// every field, and nothing half-built escapes.
struct bad_policy {
  error err;
};

class reader {
public:
  explicit reader(std::string_view source) : source_(source) {}

  [[noreturn]] void fail_at(std::string_view path, std::string_view text) const {
    throw bad_policy{error{errc::parse_error,
                           path.empty() ? fmt::format("{}: {}", source_, text) : fmt::format("{}: {}: {}", source_, path, text)}};
  }

  // An object whose keys are exactly `keys` (unknown keys are reported first: a misspelt key is
  // otherwise reported as a missing one, which hides the typo).
  const json &object(const json &v, std::string_view path, std::span<const std::string_view> keys,
                     std::span<const std::string_view> optional = {}) const {
    expect_object(v, path);
    for (const auto &[key, value] : v.items())
      if (std::find(keys.begin(), keys.end(), key) == keys.end())
        fail_at(fmt::format("{}/{}", path, pointer_token(key)), fmt::format("unknown key (expected {})", join(keys)));
    for (const auto key : keys)
      if (!v.contains(key) && std::find(optional.begin(), optional.end(), key) == optional.end())
        fail_at(path, fmt::format("missing key '{}'", key));
    return v;
  }

  void expect_object(const json &v, std::string_view path) const {
    if (!v.is_object()) fail_at(path, fmt::format("expected an object, got {}", type_of(v)));
  }

  std::string string(const json &v, std::string_view path) const {
    if (!v.is_string()) fail_at(path, fmt::format("expected a string, got {}", type_of(v)));
    if (auto problem = text_problem(v.get_ref<const std::string &>(), text_kind::name)) fail_at(path, *problem);
    return v.get<std::string>();
  }

  bool boolean(const json &v, std::string_view path) const {
    if (!v.is_boolean()) fail_at(path, fmt::format("expected true or false, got {}", type_of(v)));
    return v.get<bool>();
  }

  int whole_number(const json &v, std::string_view path) const {
    if (!v.is_number_integer()) fail_at(path, fmt::format("expected a whole number, got {}", type_of(v)));
    constexpr auto lowest = std::numeric_limits<int>::min(), highest = std::numeric_limits<int>::max();
    const bool fits = v.is_number_unsigned() ? v.get<std::uint64_t>() <= static_cast<std::uint64_t>(highest)
                                             : v.get<std::int64_t>() >= lowest && v.get<std::int64_t>() <= highest;
    if (!fits) fail_at(path, fmt::format("{} is out of range", v.dump()));
    return v.is_number_unsigned() ? static_cast<int>(v.get<std::uint64_t>()) : static_cast<int>(v.get<std::int64_t>());
  }

  std::vector<int> whole_numbers(const json &v, std::string_view path) const {
    if (!v.is_array()) fail_at(path, fmt::format("expected a list of whole numbers, got {}", type_of(v)));
    std::vector<int> out;
    for (std::size_t i = 0; i < v.size(); ++i)
      out.push_back(whole_number(v[i], fmt::format("{}/{}", path, i)));
    return out;
  }

  period length(const json &v, std::string_view path) const {
    const auto p = period::parse(string(v, path));
    if (!p) fail_at(path, p.error().message);
    return *p;
  }

  template <class E> E name(const json &v, std::string_view path, result<E> (*parse)(std::string_view)) const {
    const auto e = parse(string(v, path));
    if (!e) fail_at(path, e.error().message);
    return *e;
  }

private:
  // A number is described with its value ("number 2.5"), so that "expected a whole number" is clear.
  static std::string type_of(const json &v) {
    if (v.is_number()) return fmt::format("number {}", v.dump());
    return v.type_name();
  }

  std::string_view source_;
};

clock_rule read_clock(const reader &r, const json &v, const std::string &path) {
  r.object(v, path, clock_keys);
  clock_rule rule;
  rule.length = r.length(v.at("period"), path + "/period");
  rule.warnings.workdays_before = r.whole_numbers(v.at("warn_workdays_before"), path + "/warn_workdays_before");
  rule.warnings.elapsed_percent = r.whole_numbers(v.at("warn_elapsed_percent"), path + "/warn_elapsed_percent");
  return rule;
}

// A map from enum names to values, e.g. "clocks" or "escalate_on": every name present, no other.
template <class E, class Read>
void read_named(const reader &r, const json &v, const std::string &path, result<E> (*parse)(std::string_view),
                std::span<const E> all, Read read_one, std::optional<E> optional = std::nullopt) {
  r.expect_object(v, path);
  for (const auto &[key, value] : v.items())
    if (const auto e = parse(key); !e) r.fail_at(fmt::format("{}/{}", path, pointer_token(key)), e.error().message);
  for (const E e : all) {
    const std::string key(to_string(e));
    if (!v.contains(key) && optional == e) continue;
    if (!v.contains(key)) r.fail_at(path, fmt::format("missing key '{}'", key));
    read_one(e, v.at(key), fmt::format("{}/{}", path, key));
  }
}

deadline_policy read_policy(const reader &r, const json &v) {
  r.object(v, "", top_keys, optional_top_keys);
  if (const int format = r.whole_number(v.at("format"), "/format"); format != supported_format)
    r.fail_at("/format", fmt::format("format {} is not supported (this version reads format {})", format, supported_format));

  deadline_policy p;
  p.name = r.string(v.at("name"), "/name");
  p.description = r.string(v.at("description"), "/description");
  read_named<clock_kind>(
      r, v.at("clocks"), "/clocks", parse_clock_kind, all_clock_kinds,
      [&](clock_kind k, const json &c, const std::string &path) {
        p.clocks[static_cast<std::size_t>(k)] = read_clock(r, c, path);
        if (k == clock_kind::progress_report) p.progress_reports = true;
      },
      // Added after format 1 was published: a file without it has no progress reports.
      std::optional(clock_kind::progress_report));

  const json &extension = r.object(v.at("extension"), "/extension", extension_keys);
  p.extension_cap = r.length(extension.at("max_total"), "/extension/max_total");
  p.extension_reason_required = r.boolean(extension.at("reason_required"), "/extension/reason_required");

  p.results = r.name(v.at("result_scheme"), "/result_scheme", parse_result_scheme);
  p.leader_consultation_required = r.boolean(v.at("leader_consultation_required"), "/leader_consultation_required");
  if (const auto it = v.find("leader_consultation_when_still_dissatisfied"); it != v.end())
    p.leader_consultation_when_still_dissatisfied = r.boolean(*it, "/leader_consultation_when_still_dissatisfied");
  p.rehandling = r.name(v.at("rehandling"), "/rehandling", parse_rehandling_cycle);
  read_named<escalation_trigger>(r, v.at("escalate_on"), "/escalate_on", parse_escalation_trigger, all_escalation_triggers,
                                 [&](escalation_trigger t, const json &on, const std::string &path) {
                                   p.escalate_on[static_cast<std::size_t>(t)] = r.boolean(on, path);
                                 });

  const json &linkage = r.object(v.at("linkage"), "/linkage", linkage_keys);
  p.child_margin = r.length(linkage.at("child_margin"), "/linkage/child_margin");
  return p;
}

// nlohmann keeps the last of two equal keys without a word; in a policy file that silently drops a
// figure, so the parser's events are watched for a key seen twice in one object.
class duplicate_keys {
public:
  bool operator()(int /*depth*/, json::parse_event_t event, json &parsed) {
    using ev = json::parse_event_t;
    switch (event) {
    case ev::object_start: frames_.push_back({false, {}, {}, 0}); break;
    case ev::array_start: frames_.push_back({true, {}, {}, 0}); break;
    case ev::object_end:
    case ev::array_end:
      if (!frames_.empty()) frames_.pop_back();
      value_done();
      break;
    case ev::key: {
      auto &top = frames_.back();
      top.key = parsed.get<std::string>();
      if (!top.keys.insert(top.key).second && !found_) found_ = path();
      break;
    }
    case ev::value: value_done(); break;
    }
    return true;
  }

  const std::optional<std::string> &found() const { return found_; }

private:
  struct frame {
    bool is_array;
    std::set<std::string> keys;
    std::string key;
    std::size_t index;
  };

  void value_done() {
    if (!frames_.empty() && frames_.back().is_array) ++frames_.back().index;
  }

  std::string path() const {
    std::string out;
    for (const auto &f : frames_)
      out += f.is_array ? fmt::format("/{}", f.index) : fmt::format("/{}", pointer_token(f.key));
    return out;
  }

  std::vector<frame> frames_;
  std::optional<std::string> found_;
};

// nlohmann's message without its "[json.exception.parse_error.101] " prefix; it names line and column.
std::string_view plain(std::string_view what) {
  const auto close = what.find("] ");
  return close == std::string_view::npos ? what : what.substr(close + 2);
}

void put_points(json &out, std::string_view key, const std::vector<int> &points) {
  json list = json::array();
  for (const int p : points)
    list.push_back(p);
  out[key] = std::move(list);
}

} // namespace

json to_json(const deadline_policy &p) {
  json out = json::object();
  out["format"] = supported_format;
  out["name"] = p.name;
  out["description"] = p.description;
  json clocks = json::object();
  for (const clock_kind k : all_clock_kinds) {
    if (k == clock_kind::progress_report && !p.progress_reports) continue;
    const clock_rule &rule = p.rule(k);
    json c = json::object();
    c["period"] = rule.length.to_string();
    put_points(c, "warn_workdays_before", rule.warnings.workdays_before);
    put_points(c, "warn_elapsed_percent", rule.warnings.elapsed_percent);
    clocks[std::string(to_string(k))] = std::move(c);
  }
  out["clocks"] = std::move(clocks);
  out["extension"] = json{{"max_total", p.extension_cap.to_string()}, {"reason_required", p.extension_reason_required}};
  out["result_scheme"] = to_string(p.results);
  out["leader_consultation_required"] = p.leader_consultation_required;
  out["leader_consultation_when_still_dissatisfied"] = p.leader_consultation_when_still_dissatisfied;
  out["rehandling"] = to_string(p.rehandling);
  json triggers = json::object();
  for (const escalation_trigger t : all_escalation_triggers)
    triggers[std::string(to_string(t))] = p.escalates_on(t);
  out["escalate_on"] = std::move(triggers);
  out["linkage"] = json{{"child_margin", p.child_margin.to_string()}};
  return out;
}

result<deadline_policy> policy_from_json(const json &value, std::string_view source_name) {
  const reader r(source_name);
  deadline_policy p;
  try {
    p = read_policy(r, value);
  } catch (const bad_policy &bad) {
    return failure{bad.err};
  }
  if (auto checked = validate(p, source_name); !checked) return failure{checked.error()};
  return p;
}

result<deadline_policy> parse_policy(std::string_view json_text, std::string_view source_name) {
  if (auto problem = json_shape_problem(json_text, json_text.size()))
    return fail(errc::parse_error, fmt::format("{}: the policy {}", source_name, *problem));
  duplicate_keys duplicates;
  json value;
  try {
    value = json::parse(json_text.begin(), json_text.end(), std::ref(duplicates));
  } catch (const json::exception &e) { // parse_error, and out_of_range for a number too large for a double
    return fail(errc::parse_error, fmt::format("{}: {}", source_name, plain(e.what())));
  }
  if (const auto &path = duplicates.found())
    return fail(errc::parse_error, fmt::format("{}: {}: key appears twice", source_name, *path));
  return policy_from_json(value, source_name);
}

result<deadline_policy> load_policy(const std::filesystem::path &file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return fail(errc::io_error, fmt::format("{}: cannot open policy file", file.string()));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return fail(errc::io_error, fmt::format("{}: cannot read policy file", file.string()));
  return parse_policy(text.str(), file.filename().string());
}

std::string to_json_text(const deadline_policy &p) { return to_json(p).dump(2, ' ', false, json::error_handler_t::replace); }

} // namespace caseflow
