// casectl's command line: a tree of CLI11 subcommands, each declaring its arguments once with their
// help (so `--help` on every level is generated from the declarations), and the run of the one the
// words name. Contract: answers go to stdout bare; every error is one line on stderr starting
// "casectl: ", nothing on stdout, and an exit code from exit_codes.hpp.
#pragma once

#include <caseflow/calendar.hpp>
#include <caseflow/error.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>

namespace casectl {

/// What a command does once its words are parsed: writes its answer to `out`.
using run_fn = std::function<caseflow::status<>(std::ostream &out)>;

/// casectl's commands, and the run of the one the words name.
class command_line {
public:
  command_line();
  command_line(const command_line &) = delete;
  command_line &operator=(const command_line &) = delete;

  /// A group of commands on the top level (`casectl calendar ...`).
  CLI::App &group(std::string name, std::string summary);
  /// A command of the top level or of a group; it runs `run` when the words name it.
  CLI::App &command(CLI::App &parent, std::string name, std::string summary, run_fn run);
  CLI::App &top() { return app_; }

  /// Parses the words and runs the command they name: its answer on `out`, or one line on `err`.
  /// Returns the exit code.
  int run(int argc, const char *const *argv, std::ostream &out, std::ostream &err);

private:
  CLI::App app_;
  run_fn selected_;
};

/// An option or positional whose text `parse` (text -> caseflow::result<T>) turns into `target` while
/// the words are parsed. A value that does not parse is a usage error, "NAME: what was wrong" (unless the
/// parser's message names it already), like an unknown option, whatever caseflow::errc the parser gives.
template <class T, class Parse>
CLI::Option *add_parsed(CLI::App &command, const std::string &name, T &target, Parse parse, const std::string &help) {
  return command.add_option_function<std::string>(
      name,
      [&target, parse, name](const std::string &text) {
        auto value = parse(text);
        if (!value) {
          const std::string &message = value.error().message;
          throw CLI::ValidationError(message.starts_with(name + ": ") ? message : fmt::format("{}: {}", name, message));
        }
        target = std::move(*value);
      },
      help);
}

/// A date argument, YYYY-MM-DD.
template <class T> CLI::Option *add_date(CLI::App &command, const std::string &name, T &target, const std::string &help) {
  return add_parsed(
             command, name, target, [](const std::string &text) { return caseflow::parse_date(text); }, help)
      ->type_name("YYYY-MM-DD");
}

/// A whole number ("+3" and "-3" too).
caseflow::result<int> whole_number(std::string_view text);

/// A text that must not be empty.
caseflow::result<std::string> non_empty(std::string_view text);

} // namespace casectl
