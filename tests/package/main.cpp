// A consumer of the installed package: finds the bundled calendar and counts one deadline.
#include <caseflow/caseflow.hpp>

#include <iostream>

int main() {
  auto cal = caseflow::work_calendar::load(std::filesystem::path(CALENDAR_FILE));
  if (!cal) {
    std::cerr << cal.error().message << '\n';
    return 1;
  }
  auto due = cal->add(caseflow::date(2024, 3, 15), caseflow::months{3});
  if (!due) {
    std::cerr << due.error().message << '\n';
    return 1;
  }
  std::cout << caseflow::to_string(*due) << '\n' << "calendar: " << CALENDAR_FILE << '\n';
}
