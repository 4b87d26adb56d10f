#include "bundled_data.hpp"

#include <caseflow/data_files.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cstdlib>
#include <iostream>

namespace casectl {

namespace cf = caseflow;

void add_calendar_options(CLI::App &command, calendar_choice &choice) {
  command
      .add_option("--calendar", choice.files,
                  "calendar data layered on the bundled national calendar, later files winning (repeatable): a "
                  "host's local days off and working days")
      ->type_name("FILE")
      ->allow_extra_args(false); // one file an occurrence: the words after it are the command's arguments
  command.add_flag("--no-national-calendar", choice.without_national,
                   "count on the calendar files given alone (--calendar, recompute's --new-calendar), without the "
                   "bundled national calendar under them");
  command.add_flag("--strict", choice.strict,
                   "refuse a year whose State Council notice is not in the data, instead of counting it "
                   "provisionally on weekends and the statutory days off (dates marked '(provisional)')");
}

std::vector<std::filesystem::path> program_data_dirs() {
  std::vector<std::filesystem::path> dirs;
  if (const char *env = std::getenv("CASEFLOW_DATA_DIR"); env && *env) dirs.emplace_back(env);
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) dirs.push_back(self.parent_path().parent_path() / "share" / "caseflow");
  return dirs;
}

cf::calendar_options calendar_options_of(const calendar_choice &choice) {
  return choice.strict ? cf::calendar_options::strict() : cf::calendar_options{};
}

cf::result<cf::work_calendar> load_calendar(const calendar_choice &choice) { return load_calendar(choice, choice.files); }

cf::result<cf::work_calendar> load_calendar(const calendar_choice &choice, std::span<const std::string> files) {
  std::vector<std::filesystem::path> layers;
  if (!choice.without_national) {
    auto bundled = cf::find_data_file(cf::national_calendar_file, program_data_dirs());
    if (!bundled) return cf::failure{bundled.error()};
    layers.push_back(*bundled);
  } else if (files.empty()) {
    return cf::fail(cf::errc::invalid_argument, "--no-national-calendar leaves no calendar: give its files with --calendar FILE");
  }
  layers.insert(layers.end(), files.begin(), files.end());
  auto cal = cf::work_calendar::load(layers, calendar_options_of(choice));
  if (cal)
    for (const auto &warning : cal->rule_warnings())
      std::cerr << "casectl: warning: " << warning << '\n';
  return cal;
}

void note_provisional(const cf::work_calendar &cal, cf::date from, cf::date to) {
  const auto years = cal.provisional_years_in(from, to);
  if (years.empty()) return;
  std::cerr << fmt::format("casectl: {} {} provisional: no State Council notice for {} is in the calendar data, so {} "
                           "counted on weekends and the statutory days off (--strict refuses)\n",
                           fmt::join(years, ", "), years.size() == 1 ? "is" : "are", years.size() == 1 ? "it" : "them",
                           years.size() == 1 ? "it is" : "they are");
}

std::string date_text(const cf::work_calendar &cal, cf::date d) {
  return cal.is_provisional(d) ? cf::to_string(d) + " (provisional)" : cf::to_string(d);
}

cf::result<cf::deadline_policy> policy_argument(std::string_view word) {
  // A bare word (no directory part, no ".json") names a bundled preset; anything else is a path, so the
  // meaning does not depend on what happens to exist in the current directory.
  const bool preset = !word.empty() && word.find('/') == std::string_view::npos && !word.ends_with(".json");
  if (!preset) return cf::load_policy(std::filesystem::path(word));
  auto file = cf::find_data_file(cf::policy_preset_file(word), program_data_dirs());
  if (!file)
    return cf::fail(
        cf::errc::not_found,
        fmt::format("no bundled policy '{}' (casectl policy list shows them; give a path ending in .json for a file of your own)",
                    word));
  return cf::load_policy(*file);
}

} // namespace casectl
