// Fuzzes one journal line: parse_journal_line, then the reader its record type has (event_from_json,
// case_info_from_json, the escalation and linkage readers, notice_from_json) on its data. What reads
// must write back to JSON that reads to the same value.
#include <caseflow/clock_json.hpp>
#include <caseflow/escalation.hpp>
#include <caseflow/event_json.hpp>
#include <caseflow/journal.hpp>
#include <caseflow/linkage.hpp>

#include "fuzz_check.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

using namespace caseflow;

namespace {

// Reads `j` with `read`; when it reads, to_json of the value must read back to an equal value.
template <class Read> void read_back(const nlohmann::json &j, Read read, std::string_view what) {
  auto value = read(j, "fuzz.jsonl:1");
  if (!value) return;
  nlohmann::json written;
  to_json(written, *value);
  auto again = read(written, "again");
  fuzz::check(again.has_value(), what);
  fuzz::check(*again == *value, what);
}

// Every reader on one record's data.
void check_record(const nlohmann::json &j) {
  // Every reader on every record: the type only says which one a replay would use.
  if (auto e = event_from_json(j, "fuzz.jsonl:1"); e) {
    auto again = event_from_json(to_json(*e), "again");
    fuzz::check(again.has_value(), "to_json(event) does not read back");
    fuzz::check(*again == *e, "event_from_json(to_json(e)) differs from e");
  }
  if (auto info = case_info_from_json(j, "fuzz.jsonl:1"); info) {
    auto again = case_info_from_json(to_json(*info), "again");
    fuzz::check(again.has_value(), "to_json(case_info) does not read back");
    fuzz::check(*again == *info, "case_info_from_json(to_json(info)) differs from info");
  }
  read_back(
      j, [](const nlohmann::json &v, std::string_view w) { return escalation_input_from_json(v, w); },
      "escalation input does not read back");
  read_back(
      j, [](const nlohmann::json &v, std::string_view w) { return escalation_track_from_json(v, w); },
      "escalation track does not read back");
  read_back(
      j, [](const nlohmann::json &v, std::string_view w) { return child_item_from_json(v, w); }, "child item does not read back");
  read_back(
      j, [](const nlohmann::json &v, std::string_view w) { return child_request_from_json(v, w); },
      "child request does not read back");
  read_back(
      j, [](const nlohmann::json &v, std::string_view w) { return child_answer_request_from_json(v, w); },
      "child answer does not read back");
  if (auto n = notice_from_json(j, "fuzz.jsonl:1"); n) {
    auto again = notice_from_json(to_json(*n), "again");
    fuzz::check(again.has_value() && *again == *n, "notice does not read back");
  }
  if (auto c = deadline_clock_from_json(j, "fuzz.jsonl:1"); c) {
    auto again = deadline_clock_from_json(to_json(*c), "again");
    fuzz::check(again.has_value() && *again == *c, "deadline clock does not read back");
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  const std::string_view line(reinterpret_cast<const char *>(data), size);
  auto records = parse_journal_line(line, "fuzz.jsonl:1");
  if (!records) return 0;
  for (const auto &record : *records)
    check_record(record.data);
  return 0;
}
