// The bundled shanghai-municipal preset, national calendar and Minhang chart, loaded once for tests, so that tests run on
// the same figures as hosts do (every default figure lives in data/, none in code).
#pragma once

#include <caseflow/calendar.hpp>
#include <caseflow/org.hpp>
#include <caseflow/policy.hpp>

#include <filesystem>
#include <string>
#include <string_view>

namespace caseflow::testing {

/// data/policies/shanghai-municipal.json.
inline deadline_policy shanghai_policy() {
  static const deadline_policy p =
      load_policy(std::filesystem::path(CASEFLOW_TEST_DATA_DIR) / "policies/shanghai-municipal.json").value();
  return p;
}

/// data/examples/minhang-org.json: the Shanghai city and Minhang district organisation chart.
inline const org_chart &minhang_chart() {
  static const org_chart chart =
      load_org_chart(std::filesystem::path(CASEFLOW_TEST_DATA_DIR) / "examples/minhang-org.json").value();
  return chart;
}

/// The national calendar bundled with the library.
inline const work_calendar &national_calendar() {
  static const work_calendar cal =
      work_calendar::load(std::filesystem::path(CASEFLOW_TEST_DATA_DIR) / "calendars/cn-mainland.txt", calendar_options::strict())
          .value();
  return cal;
}

/// The national calendar with a local layer on top ("year 2024\noff 10-08\n"): a calendar change.
inline work_calendar national_calendar_with(std::string_view local_layer) {
  const work_calendar::source layers[] = {{"cn-mainland.txt", national_calendar().to_text()},
                                          {"local.txt", std::string(local_layer)}};
  return work_calendar::parse(layers).value();
}

} // namespace caseflow::testing
