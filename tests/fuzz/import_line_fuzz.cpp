// Fuzzes one line of a JSON-lines import, read the way `casectl import` reads it with the library's
// readers: a JSON object without "type" is a registration (case_info_from_json), one with a type is an
// event for the case it names (case_id::parse, event_from_json). What reads must write back to JSON that
// reads to the same value. (casectl's CSV import builds the same registration JSON from its columns;
// the CSV splitting itself lives in casectl, not in the library, and is not fuzzed here.)
#include <caseflow/event_json.hpp>
#include <caseflow/model.hpp>

#include "fuzz_check.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

using namespace caseflow;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  const std::string_view line(reinterpret_cast<const char *>(data), size);
  const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return 0;
  if (!j.contains("type")) {
    auto info = case_info_from_json(j, "fuzz.jsonl:1");
    if (!info) return 0;
    auto again = case_info_from_json(to_json(*info), "again");
    fuzz::check(again.has_value(), "to_json(case_info) does not read back");
    fuzz::check(*again == *info, "case_info_from_json(to_json(info)) differs from info");
    auto id = case_id::parse(info->id.to_string());
    fuzz::check(id.has_value() && *id == info->id, "a registration's case id does not parse back");
    return 0;
  }
  const auto id_field = j.find("case");
  if (id_field == j.end() || !id_field->is_string()) return 0;
  auto id = case_id::parse(id_field->get<std::string>());
  if (!id) return 0;
  auto id_again = case_id::parse(id->to_string());
  fuzz::check(id_again.has_value() && *id_again == *id, "case_id::parse(to_string()) differs");
  auto e = event_from_json(j, "fuzz.jsonl:1");
  if (!e) return 0;
  auto again = event_from_json(to_json(*e), "again");
  fuzz::check(again.has_value(), "to_json(event) does not read back");
  fuzz::check(*again == *e, "event_from_json(to_json(e)) differs from e");
  return 0;
}
