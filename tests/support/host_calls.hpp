// The Minhang 2024 journal's records as the calls a host would make on a case book (registrations,
// events, ticks, the difficult item's escalation, calendar changes), for tests that drive a book
// through its public API: replay equality, kills mid-stream.
#pragma once

#include <caseflow/casebook.hpp>
#include <caseflow/event_json.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace caseflow::testing {

struct host_call {
  std::string type;
  nlohmann::json data;
};

/// The bundled year's records that are calls (not the notices they gave, not the setup).
inline std::vector<host_call> minhang_year() {
  memory_event_store file;
  std::ifstream in(std::filesystem::path(CASEFLOW_TEST_DATA_DIR) / "examples/minhang-2024.jsonl", std::ios::binary);
  file.bytes().assign(std::istreambuf_iterator<char>(in), {});
  std::vector<host_call> calls;
  auto contents = read_journal(file).value();
  for (auto &r : contents.records)
    if (r.type != "notice" && r.type != "escalation_notice" && r.type != "setup") calls.push_back({r.type, std::move(r.data)});
  return calls;
}

/// Makes one call on the book through the public API; false when the book refused it.
inline bool make(case_book &book, const host_call &c) {
  const auto id = [&] { return case_id::parse(c.data.at("case").get<std::string>()).value(); };
  if (c.type == "open") return book.open(case_info_from_json(c.data, "call").value()).has_value();
  if (c.type == "event") return book.apply(id(), event_from_json(c.data, "call").value()).has_value();
  if (c.type == "tick") return book.tick(parse_date(c.data.at("date").get<std::string>()).value()).has_value();
  if (c.type == "escalation") return book.escalate(id(), escalation_input_from_json(c.data, "call").value()).has_value();
  if (c.type == "calendar")
    return book.recompute(work_calendar::parse(c.data.at("calendar").get<std::string>()).value()).has_value();
  return false;
}

} // namespace caseflow::testing
