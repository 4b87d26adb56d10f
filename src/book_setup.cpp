#include <caseflow/book_setup.hpp>
#include <caseflow/journal.hpp>
#include <caseflow/policy_json.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace caseflow {

namespace {

using json = nlohmann::json;

std::string fingerprint(std::string_view content) {
  auto hex = digest_hex(hash_algorithm::sm3, content);
  return hex ? "sm3:" + *hex : std::string("sm3:?");
}

failure bad(std::string_view where, std::string_view field, std::string_view what) {
  return fail(errc::parse_error, fmt::format("{}: setup field '{}': {}", where, field, what));
}

} // namespace

result<std::optional<org_chart>> book_setup::chart() const {
  if (!chart_text) return std::optional<org_chart>{};
  auto c = parse_org_chart(*chart_text, "setup chart");
  if (!c) return failure{c.error()};
  return std::optional<org_chart>(std::move(*c));
}

result<std::optional<registry>> book_setup::registry() const {
  if (!registry_text) return std::optional<caseflow::registry>{};
  auto r = parse_registry(*registry_text, "setup registry");
  if (!r) return failure{r.error()};
  return std::optional<caseflow::registry>(std::move(*r));
}

std::string policy_fingerprint(const deadline_policy &policy) { return fingerprint(to_json_text(policy)); }
std::string calendar_fingerprint(const work_calendar &calendar) { return fingerprint(calendar.to_text()); }
std::string chart_fingerprint(const std::optional<std::string> &chart_text) {
  return chart_text ? fingerprint(*chart_text) : std::string("-");
}
std::string registry_fingerprint(const std::optional<std::string> &registry_text) {
  return registry_text ? fingerprint(*registry_text) : std::string("-");
}

json to_json(const book_setup &setup) {
  json j{{"policy", json::parse(to_json_text(setup.policy))},
         {"calendar", setup.calendar.to_text()},
         {"chart", setup.chart_text ? json(*setup.chart_text) : json(nullptr)},
         {"hash", std::string(to_string(setup.hash))}};
  if (setup.registry_text) j["registry"] = *setup.registry_text;
  return j;
}

result<book_setup> book_setup_from_json(const json &data, std::string_view where) {
  if (!data.is_object()) return bad(where, "", "is not an object");
  for (const auto &[key, _] : data.items())
    if (key != "policy" && key != "calendar" && key != "chart" && key != "hash" && key != "registry")
      return bad(where, key, "is not a setup field");
  const auto policy = data.find("policy");
  if (policy == data.end() || !policy->is_object()) return bad(where, "policy", "is missing");
  auto p = parse_policy(policy->dump(), fmt::format("{}: setup policy", where));
  if (!p) return failure{p.error()};
  const auto calendar = data.find("calendar");
  if (calendar == data.end() || !calendar->is_string()) return bad(where, "calendar", "is missing");
  auto c = work_calendar::parse(calendar->get<std::string>(), fmt::format("{}: setup calendar", where));
  if (!c) return failure{c.error()};
  book_setup setup{std::move(*p), std::move(*c), std::nullopt, hash_algorithm::sm3, std::nullopt};
  if (const auto chart = data.find("chart"); chart != data.end() && !chart->is_null()) {
    if (!chart->is_string()) return bad(where, "chart", "is not the chart's text");
    setup.chart_text = chart->get<std::string>();
    if (auto parsed = setup.chart(); !parsed) return failure{parsed.error()};
  }
  if (const auto reg = data.find("registry"); reg != data.end()) {
    if (!reg->is_string()) return bad(where, "registry", "is not the registry's text");
    setup.registry_text = reg->get<std::string>();
    if (auto parsed = setup.registry(); !parsed) return failure{parsed.error()};
  }
  if (const auto hash = data.find("hash"); hash != data.end()) {
    auto h = hash->is_string() ? parse_hash_algorithm(hash->get<std::string>()) : result<hash_algorithm>(failure{});
    if (!h) return bad(where, "hash", "is not 'sm3' or 'sha256'");
    setup.hash = *h;
  }
  return setup;
}

status<> write_setup(event_store &store, const book_setup &setup) {
  journal_writer writer(store, 1, {}, setup.hash);
  auto r = writer.append("setup", to_json(setup));
  if (!r) return failure{r.error()};
  return ok;
}

result<std::optional<book_setup>> read_setup(const event_store &store) {
  auto raw = store.read_from(1, 1);
  if (!raw) return failure{raw.error()};
  if (raw->lines.empty()) return std::optional<book_setup>{};
  const std::string where = fmt::format("{}:1", store.name());
  auto records = parse_journal_line(raw->lines.front(), where);
  if (!records) return failure{records.error()};
  if (records->front().type != "setup") return std::optional<book_setup>{};
  auto setup = book_setup_from_json(records->front().data, where);
  if (!setup) return failure{setup.error()};
  return std::optional<book_setup>(std::move(*setup));
}

} // namespace caseflow
