// The data casectl's commands share: the calendar they count on (the bundled national calendar with a
// host's own files layered on it), policies by preset name or file, and where the bundled data is.
#pragma once

#include <caseflow/calendar.hpp>
#include <caseflow/error.hpp>
#include <caseflow/policy.hpp>

#include <CLI/CLI.hpp>

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace casectl {

/// The calendar the options choose. A host's file holds its local adjustments (a district's day off),
/// so it is layered on the State Council's days rather than replacing them.
struct calendar_choice {
  std::vector<std::string> files; ///< --calendar FILE, in order: later layers win
  bool without_national = false;  ///< --no-national-calendar: the files alone
  bool strict = false;            ///< --strict: published years only, no provisional ones

  /// True when the options name a calendar of their own (not just the defaults); --no-national-calendar
  /// only says how the files given are taken.
  bool named() const { return !files.empty() || strict; }
};

/// Declares --calendar FILE (repeatable), --no-national-calendar and --strict.
void add_calendar_options(CLI::App &command, calendar_choice &choice);

/// Strict (published years only) with --strict, else provisional years as by default.
caseflow::calendar_options calendar_options_of(const calendar_choice &choice);

/// The bundled national calendar, then `files` (the choice's own unless given) layered on it in order;
/// with --no-national-calendar the files alone. A published year that contradicts the statutory holiday
/// rule is loaded, with a warning on stderr.
caseflow::result<caseflow::work_calendar> load_calendar(const calendar_choice &choice);
caseflow::result<caseflow::work_calendar> load_calendar(const calendar_choice &choice, std::span<const std::string> files);

/// One line on stderr when an answer counted across from..to rests on provisional years.
void note_provisional(const caseflow::work_calendar &cal, caseflow::date from, caseflow::date to);

/// A date as printed by the book commands: "2027-03-01", or "2027-03-01 (provisional)".
std::string date_text(const caseflow::work_calendar &cal, caseflow::date d);

/// The policy named by a bundled preset name ("shanghai-municipal") or a path to a .json file.
caseflow::result<caseflow::deadline_policy> policy_argument(std::string_view word);

/// The organisation chart the book commands and `casectl org` use unless told otherwise.
inline constexpr std::string_view bundled_org_chart = "examples/minhang-org.json";

/// Data directories next to the running program (<prefix>/bin/../share/caseflow) and $CASEFLOW_DATA_DIR.
std::vector<std::filesystem::path> program_data_dirs();

} // namespace casectl
