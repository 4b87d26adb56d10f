// casectl's plumbing: argument parsing, the command table type and the data every command shares.
// Contract: answers go to stdout bare; every error is one line on stderr and exit code 2.
#pragma once

#include <caseflow/calendar.hpp>
#include <caseflow/error.hpp>
#include <caseflow/policy.hpp>

#include <iosfwd>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace casectl {

/// The words after the command path, split into positionals and options.
struct arguments {
  std::vector<std::string> positional;
  std::map<std::string, std::vector<std::string>, std::less<>> options; // "--calendar" -> values, in order
  bool help = false;

  bool has(std::string_view option) const { return options.find(option) != options.end(); }
  std::optional<std::string> one(std::string_view option) const;
  std::vector<std::string> all(std::string_view option) const;
};

/// Options that take a value (`--name VALUE` or `--name=VALUE`); every other `--word` is a flag that
/// must be listed in `flags`. Unknown options are an error naming them.
caseflow::result<arguments> parse_arguments(std::span<const std::string> words, std::span<const std::string_view> value_options,
                                            std::span<const std::string_view> flags = {});

using command_fn = caseflow::status<> (*)(std::span<const std::string> words, std::ostream &out);

/// One row of a command table: `casectl <group> <name> ...`.
struct command {
  std::string_view name;
  std::string_view usage;   ///< arguments after the name, e.g. "DATE N"
  std::string_view summary; ///< one line
  command_fn run;
};

/// Runs the row of `table` named by words[0], or prints the table's help. `path` is the command
/// path so far ("casectl calendar"), used in help and errors.
caseflow::status<> dispatch(std::string_view path, std::span<const command> table, std::span<const std::string> words,
                            std::ostream &out);

/// Prints the help of a table of commands.
void print_help(std::string_view path, std::span<const command> table, std::ostream &out);

/// The calendar named by `--calendar FILE` options (layered in order), or the bundled national one;
/// provisional years past the last notice unless `--strict`. A published year that contradicts the
/// statutory holiday rule is loaded, with a warning on stderr.
caseflow::result<caseflow::work_calendar> load_calendar(const arguments &args);

/// Strict (published years only) when `--strict` is given, else provisional years as by default.
caseflow::calendar_options calendar_options_of(const arguments &args);

/// The calendar of `files`, layered, as load_calendar() loads it.
caseflow::result<caseflow::work_calendar> load_calendar_files(std::span<const std::filesystem::path> files,
                                                              const arguments &args);

/// One line on stderr when an answer counted across from..to rests on provisional years.
void note_provisional(const caseflow::work_calendar &cal, caseflow::date from, caseflow::date to);

/// A date as printed by the book commands: "2027-03-01", or "2027-03-01 (provisional)".
std::string date_text(const caseflow::work_calendar &cal, caseflow::date d);

/// The policy named by a bundled preset name ("shanghai-municipal") or a path to a .json file.
caseflow::result<caseflow::deadline_policy> policy_argument(std::string_view word);

/// Data directories next to the running program (<prefix>/bin/../share/caseflow) and $CASEFLOW_DATA_DIR.
std::vector<std::filesystem::path> program_data_dirs();

/// Parses a date argument, naming which argument was wrong.
caseflow::result<caseflow::date> date_argument(std::string_view name, std::string_view text);
/// Parses an integer argument, naming which argument was wrong.
caseflow::result<int> int_argument(std::string_view name, std::string_view text);

/// Checks the number of positionals; the error quotes the usage line.
caseflow::status<> expect_positionals(const arguments &args, std::size_t count, std::string_view usage);

} // namespace casectl
