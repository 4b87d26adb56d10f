#include "cli.hpp"

#include "exit_codes.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <ostream>
#include <sstream>
#include <vector>

namespace casectl {

namespace cf = caseflow;

namespace {

// "casectl calendar add-workdays"
std::string path_of(const CLI::App &app) {
  const CLI::App *parent = app.get_parent();
  return parent == nullptr ? app.get_name() : fmt::format("{} {}", path_of(*parent), app.get_name());
}

// The command the words reached: the deepest one selected.
const CLI::App &reached(const CLI::App &app) {
  const CLI::App *at = &app;
  for (auto subs = at->get_subcommands(); !subs.empty(); subs = at->get_subcommands())
    at = subs.front();
  return *at;
}

std::vector<const CLI::Option *> positionals_of(const CLI::App &command) {
  return command.get_options([](const CLI::Option *o) { return o->get_positional(); });
}

// "-3" and "-" are values; "-x" and "--x" are options.
bool is_option_word(const std::string &word) {
  return word.size() > 1 && word[0] == '-' && std::isdigit(static_cast<unsigned char>(word[1])) == 0;
}

// "casectl calendar between FROM TO", optional positionals in brackets.
std::string usage_of(const CLI::App &command) {
  std::string usage = path_of(command);
  for (const CLI::Option *o : positionals_of(command))
    usage += o->get_required() ? " " + o->get_name() : " [" + o->get_name() + "]";
  return usage;
}

// Too few or too many positionals, with `extra` words left over.
std::string argument_count_error(const CLI::App &command, std::size_t extra) {
  std::size_t least = 0, most = 0, got = extra;
  for (const CLI::Option *o : positionals_of(command)) {
    ++most;
    least += o->get_required() ? 1 : 0;
    got += o->count();
  }
  const auto [bound, n] = least == most ? std::pair{std::string(), most}
                          : got > most  ? std::pair{std::string("at most "), most}
                                        : std::pair{std::string("at least "), least};
  return fmt::format("expected {}{} argument{}, got {}: usage: {}", bound, n, n == 1 ? "" : "s", got, usage_of(command));
}

// The commands that declare the option `name`, for an option given to another command.
void declaring(const CLI::App &app, const std::string &name, std::vector<std::string> &paths) {
  if (!app.get_options([&](const CLI::Option *o) { return o->check_lname(name); }).empty()) paths.push_back(path_of(app));
  for (const CLI::App *sub : app.get_subcommands([](const CLI::App *) { return true; }))
    declaring(*sub, name, paths);
}

// An option word no command along the way declares.
std::string unknown_option(const CLI::App &top, const std::string &word) {
  const std::string name = word.substr(0, word.find('='));
  std::vector<std::string> paths;
  if (name.starts_with("--")) declaring(top, name.substr(2), paths);
  if (paths.size() == 1) return fmt::format("{} is an option of {} only", name, paths.front());
  return fmt::format("unknown option '{}'", word);
}

// Words no command took, none of them an option: an unknown command of a group, or too many arguments.
std::string extras_error(const CLI::App &at) {
  const auto words = at.remaining(false);
  if (!at.get_subcommands([](const CLI::App *) { return true; }).empty())
    return fmt::format("unknown command '{}' (try {} --help)", words.front(), path_of(at));
  return argument_count_error(at, words.size());
}

// CLI11's error, in casectl's words where scripts know them; CLI11's own otherwise.
std::string usage_error(const CLI::App &top, const CLI::ParseError &e) {
  const CLI::App &leaf = reached(top);
  // An unknown option is named first, whatever else is wrong: the rest may follow from it.
  for (const CLI::App *at = &leaf; at != nullptr; at = at->get_parent()) {
    const auto words = at->remaining(false);
    if (const auto option = std::find_if(words.begin(), words.end(), is_option_word); option != words.end())
      return unknown_option(top, *option);
  }
  if (dynamic_cast<const CLI::ExtrasError *>(&e) != nullptr) {
    for (const CLI::App *at = &leaf; at != nullptr; at = at->get_parent())
      if (!at->remaining(false).empty()) return extras_error(*at);
  }
  if (dynamic_cast<const CLI::RequiredError *>(&e) != nullptr) {
    // CLI11 checks the options in the order they were declared, so the first one missing is the one.
    for (const CLI::App *at = &leaf; at != nullptr; at = at->get_parent()) {
      for (const CLI::Option *o : at->get_options()) {
        if (!o->get_required() || o->count() > 0) continue;
        if (o->get_positional()) return argument_count_error(*at, 0);
        return fmt::format("{} {} is required", o->get_name(), o->get_type_name());
      }
    }
  }
  if (dynamic_cast<const CLI::ArgumentMismatch *>(&e) != nullptr) {
    // "--date: 1 required YYYY-MM-DD missing": an option given last, or followed by another option.
    const std::string what = e.what();
    const std::string name = what.substr(0, what.find(':'));
    const CLI::Option *o = name.starts_with("--") ? leaf.get_option_no_throw(name) : nullptr;
    if (o != nullptr && o->get_items_expected_min() > 0 && o->count() == 0) return fmt::format("option {} needs a value", name);
  }
  return e.what();
}

// A message as the one line of the contract.
std::string one_line(std::string message) {
  std::replace(message.begin(), message.end(), '\n', ' ');
  return message;
}

} // namespace

command_line::command_line() : app_("casectl: caseflow on the command line, for integrators and scripts.", "casectl") {
  // A later value of an option given twice wins, as in most tools; repeatable options (--calendar) keep all.
  app_.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  // One command a line: a word that names another command is an argument, not a second command.
  app_.require_subcommand(0, 1);
  app_.set_version_flag("--version", std::string("casectl ") + CASEFLOW_VERSION, "print casectl's version and exit");
}

CLI::App &command_line::group(std::string name, std::string summary) {
  CLI::App &g = *app_.add_subcommand(std::move(name), std::move(summary));
  g.require_subcommand(0, 1);
  return g;
}

CLI::App &command_line::command(CLI::App &parent, std::string name, std::string summary, run_fn run) {
  CLI::App &c = *parent.add_subcommand(std::move(name), std::move(summary));
  // Called once the words have parsed; the command runs after, in run().
  c.callback([this, run = std::move(run)] { selected_ = run; });
  return c;
}

int command_line::run(int argc, const char *const *argv, std::ostream &out, std::ostream &err) {
  // Set now, after the subcommands were made (each copies its parent's footer): the top level's help only.
  app_.footer(exit_code_help());
  const auto fail = [&](exit_code code, std::string message) {
    err << "casectl: " << one_line(std::move(message)) << '\n';
    return static_cast<int>(code);
  };
  try {
    app_.parse(argc, argv);
  } catch (const CLI::CallForHelp &) {
    out << app_.help(); // of the command the words reached
    return static_cast<int>(exit_code::ok);
  } catch (const CLI::CallForVersion &version) {
    out << version.what() << '\n';
    return static_cast<int>(exit_code::ok);
  } catch (const CLI::ParseError &e) {
    return fail(exit_code::usage, usage_error(app_, e));
  }
  if (!selected_) return fail(exit_code::usage, fmt::format("missing command (try {} --help)", path_of(reached(app_))));
  // The answer is held until the command succeeds: a failure prints nothing on stdout.
  std::ostringstream answer;
  try {
    if (auto done = selected_(answer); !done) return fail(exit_code_of(done.error().code), done.error().message);
  } catch (const cf::exception &e) {
    return fail(exit_code_of(e.code()), e.what());
  } catch (const std::exception &e) {
    // Outside caseflow's errors: the standard library's, such as a file system error.
    return fail(exit_code::data, e.what());
  }
  out << answer.str();
  out.flush();
  if (!out) return fail(exit_code::data, "cannot write the answer to stdout");
  return static_cast<int>(exit_code::ok);
}

cf::result<int> whole_number(std::string_view text) {
  int n = 0;
  const char *first = text.data();
  if (!text.empty() && text.front() == '+') ++first;
  const auto [end, ec] = std::from_chars(first, text.data() + text.size(), n);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size())
    return cf::fail(cf::errc::invalid_argument, fmt::format("'{}' is not a whole number", text));
  return n;
}

cf::result<std::string> non_empty(std::string_view text) {
  if (text.empty()) return cf::fail(cf::errc::invalid_argument, "an empty value");
  return std::string(text);
}

} // namespace casectl
