// The Minhang 2024 journal (data/examples/minhang-2024.jsonl) as the calls a host would make on a case
// book: registrations, events, ticks and the escalation of its difficult item, in order.
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
  std::string type; ///< open, event, tick, escalation
  nlohmann::json data;
};

/// The journal's records without its notices (the book issues those again).
inline std::vector<host_call> minhang_year_calls() {
  memory_event_store file;
  std::ifstream in(std::filesystem::path(CASEFLOW_TEST_DATA_DIR) / "examples/minhang-2024.jsonl", std::ios::binary);
  file.bytes().assign(std::istreambuf_iterator<char>(in), {});
  std::vector<host_call> calls;
  auto contents = read_journal(file).value();
  for (auto &r : contents.records)
    if (r.type != "notice" && r.type != "escalation_notice") calls.push_back({r.type, std::move(r.data)});
  return calls;
}

/// Makes one call on the book through the public API; false when the book refused it.
inline bool make_call(case_book &book, const host_call &c) {
  if (c.type == "open") return book.open(case_info_from_json(c.data, "call").value()).has_value();
  if (c.type == "event")
    return book.apply(case_id::parse(c.data.at("case").get<std::string>()).value(), event_from_json(c.data, "call").value())
        .has_value();
  if (c.type == "tick") return book.tick(parse_date(c.data.at("date").get<std::string>()).value()).has_value();
  if (c.type == "escalation")
    return book
        .escalate(case_id::parse(c.data.at("case").get<std::string>()).value(),
                  escalation_input_from_json(c.data, "call").value())
        .has_value();
  return false;
}

} // namespace caseflow::testing
