// Fuzzes a CSV import as offices' spreadsheets give it (import.hpp): any bytes are read or refused with
// a message, never a crash. What reads must read again the same when written back as plain CSV (every
// cell quoted, the header in English), and each registration must write back to JSON that reads equal.
#include <caseflow/import.hpp>

#include "fuzz_check.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

using namespace caseflow;

namespace {

std::string csv_cell(std::string_view cell) {
  std::string out = "\"";
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char *>(data), size);
  auto records = read_import(text, import_format::csv, "fuzz.csv");
  if (!records) {
    fuzz::check(!records.error().message.empty(), "a refusal without a message");
    return 0;
  }
  std::string again = "case,kind,category,title,lead_proposer,co_signers,key_item,leader_supervised\n";
  for (const auto &r : *records) {
    const auto &info = std::get<case_info>(r.what);
    auto json_again = case_info_from_json(to_json(info), "again");
    fuzz::check(json_again.has_value() && *json_again == info, "to_json(case_info) does not read back equal");
    std::string co;
    for (const auto &name : info.proposers.co_signers)
      co += (co.empty() ? "" : ";") + name;
    again += csv_cell(info.id.to_string()) + "," + csv_cell(to_string(info.kind)) + "," + csv_cell(info.category) + "," +
             csv_cell(info.title) + "," + csv_cell(info.proposers.lead) + "," + csv_cell(co) + "," +
             (info.key_item ? "true" : "false") + "," + (info.leader_supervised ? "true" : "false") + "\n";
  }
  auto reread = read_import(again, import_format::csv, "again.csv");
  fuzz::check(reread.has_value(), "an import written back as CSV is refused");
  fuzz::check(reread->size() == records->size(), "an import written back as CSV has another number of records");
  for (std::size_t i = 0; i < records->size(); ++i)
    fuzz::check(std::get<case_info>((*reread)[i].what) == std::get<case_info>((*records)[i].what),
                "a registration written back as CSV reads differently");
  return 0;
}
