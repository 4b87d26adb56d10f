// The seed district's year (data/examples/minhang-2024.jsonl) replayed with the bundled policy, calendar
// and chart, for tests that read reports of a real year.
#pragma once

#include <caseflow/casebook.hpp>
#include <caseflow/event_store.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace caseflow_test {

inline caseflow::result<caseflow::case_book> minhang_2024_book() {
  namespace cf = caseflow;
  const std::filesystem::path data(CASEFLOW_TEST_DATA_DIR);
  std::ifstream in(data / "examples/minhang-2024.jsonl", std::ios::binary);
  if (!in) return cf::fail(cf::errc::io_error, "minhang-2024.jsonl: cannot read");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  cf::memory_event_store store;
  store.bytes() = bytes.str();
  auto policy = cf::load_policy(data / "policies/shanghai-municipal.json");
  if (!policy) return cf::failure{policy.error()};
  auto chart = cf::load_org_chart(data / "examples/minhang-org.json");
  if (!chart) return cf::failure{chart.error()};
  auto calendar = cf::work_calendar::load(data / "calendars/cn-mainland.txt");
  if (!calendar) return cf::failure{calendar.error()};
  return cf::case_book::replay(store, *policy, *calendar, *chart);
}

} // namespace caseflow_test
