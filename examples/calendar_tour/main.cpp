// calendar_tour: the deadlines of an item assigned on a few real dates, counted on the bundled
// working-day calendar of mainland China with the default rules (return request 5 working days,
// co-handler opinion 1 month, reply 3 months, publication decision 20 working days after the reply).
#include <caseflow/calendar.hpp>
#include <caseflow/data_files.hpp>

#include <fmt/format.h>

#include <iostream>

namespace cf = caseflow;

int main() {
  auto file = cf::find_data_file(cf::national_calendar_file);
  if (!file) {
    std::cerr << file.error().message << '\n';
    return 2;
  }
  auto cal = cf::work_calendar::load(*file);
  if (!cal) {
    std::cerr << cal.error().message << '\n';
    return 2;
  }
  fmt::print("Calendar {} covers {} to {}\n\n", file->filename().string(), cf::to_string(cal->first_day()),
             cf::to_string(cal->last_day()));

  struct rule {
    const char *name;
    cf::period length;
    int width; // of the printed column
  };
  const rule rules[] = {
      {"return request", cf::workdays{5}, 16},
      {"co-handler opinion", cf::months{1}, 20},
      {"reply", cf::months{3}, 12},
  };
  const cf::date assigned_on[] = {cf::date(2024, 1, 26), cf::date(2024, 2, 8), cf::date(2024, 3, 15), cf::date(2024, 9, 27),
                                  cf::date(2024, 11, 30)};

  fmt::print("{:<12}", "assigned");
  for (const auto &r : rules)
    fmt::print("  {:<{}}", r.name, r.width);
  fmt::print("  publication decision\n");
  for (const cf::date d : assigned_on) {
    fmt::print("{:<12}", cf::to_string(d));
    for (const auto &r : rules) {
      auto due = cal->add(d, r.length);
      fmt::print("  {:<{}}", due ? cf::to_string(*due) : due.error().message, r.width);
    }
    // Publication is decided within 20 working days of a reply given on its last day.
    auto reply = cal->add(d, cf::months{3});
    auto publish = reply ? cal->add_workdays(*reply, 20) : reply;
    fmt::print("  {}\n", publish ? cf::to_string(*publish) : publish.error().message);
  }
}
