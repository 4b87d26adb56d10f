// Fuzzes the calendar parser: any text either fails with an error or gives a calendar whose text form
// parses back to an equal calendar (calendar.hpp promises parse(to_text()) == calendar), and whose
// queries answer inside its range without crashing.
#include <caseflow/calendar.hpp>

#include "fuzz_check.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

using namespace caseflow;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char *>(data), size);
  // The first byte picks the options: strict (published years only) or one or two provisional years.
  calendar_options options;
  options.provisional_years = size > 0 ? data[0] % 3 : 0;
  auto cal = work_calendar::parse(text, "fuzz.txt", options);
  if (!cal) return 0;
  auto again = work_calendar::parse(cal->to_text(), "again.txt", options);
  fuzz::check(again.has_value(), "to_text() of a parsed calendar does not parse");
  fuzz::check(*again == *cal, "parse(to_text()) differs from the calendar");
  // A few queries from the first covered day on; errors are fine, crashes are not.
  const date first = cal->first_day();
  for (int n : {0, 1, 5, 30, 400}) {
    if (auto d = cal->add_workdays(first, n); d) (void)cal->workdays_between(first, *d);
    (void)cal->next_workday(first + boost::gregorian::days(n));
    (void)cal->is_workday(first + boost::gregorian::days(n));
  }
  return 0;
}
