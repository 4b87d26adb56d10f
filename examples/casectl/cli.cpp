#include "cli.hpp"

#include <caseflow/data_files.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <iostream>
#include <ostream>

namespace casectl {

namespace cf = caseflow;

std::optional<std::string> arguments::one(std::string_view option) const {
  const auto it = options.find(option);
  if (it == options.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::vector<std::string> arguments::all(std::string_view option) const {
  const auto it = options.find(option);
  return it == options.end() ? std::vector<std::string>{} : it->second;
}

cf::result<arguments> parse_arguments(std::span<const std::string> words, std::span<const std::string_view> value_options,
                                      std::span<const std::string_view> flags) {
  arguments args;
  const auto takes_value = [&](std::string_view name) {
    return std::find(value_options.begin(), value_options.end(), name) != value_options.end();
  };
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string &w = words[i];
    if (w == "--help" || w == "-h") {
      args.help = true;
      continue;
    }
    if (!w.starts_with("--") || w == "--") {
      args.positional.push_back(w);
      continue;
    }
    const auto eq = w.find('=');
    const std::string name = w.substr(0, eq);
    if (takes_value(name)) {
      if (eq != std::string::npos) {
        args.options[name].push_back(w.substr(eq + 1));
      } else if (i + 1 < words.size()) {
        args.options[name].push_back(words[++i]);
      } else {
        return cf::fail(cf::errc::invalid_argument, fmt::format("option {} needs a value", name));
      }
    } else if (std::find(flags.begin(), flags.end(), name) != flags.end() && eq == std::string::npos) {
      args.options[name];
    } else {
      return cf::fail(cf::errc::invalid_argument, fmt::format("unknown option '{}'", w));
    }
  }
  return args;
}

void print_help(std::string_view path, std::span<const command> table, std::ostream &out) {
  out << fmt::format("usage: {} <command> [arguments] [--help]\n       {} --version\n\ncommands:\n", path, path);
  for (const auto &c : table)
    out << fmt::format("  {:<40} {}\n", fmt::format("{} {}", c.name, c.usage), c.summary);
}

cf::status<> dispatch(std::string_view path, std::span<const command> table, std::span<const std::string> words,
                      std::ostream &out) {
  if (words.empty() || words[0] == "--help" || words[0] == "-h" || words[0] == "help") {
    if (words.empty()) return cf::fail(cf::errc::invalid_argument, fmt::format("{}: missing command (try --help)", path));
    print_help(path, table, out);
    return cf::ok;
  }
  for (const auto &c : table)
    if (c.name == words[0]) return c.run(words.subspan(1), out);
  return cf::fail(cf::errc::invalid_argument, fmt::format("{}: unknown command '{}' (try --help)", path, words[0]));
}

std::vector<std::filesystem::path> program_data_dirs() {
  std::vector<std::filesystem::path> dirs;
  if (const char *env = std::getenv("CASEFLOW_DATA_DIR"); env && *env) dirs.emplace_back(env);
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) dirs.push_back(self.parent_path().parent_path() / "share" / "caseflow");
  return dirs;
}

cf::calendar_options calendar_options_of(const arguments &args) {
  return args.has("--strict") ? cf::calendar_options::strict() : cf::calendar_options{};
}

cf::result<cf::work_calendar> load_calendar(const arguments &args) {
  std::vector<std::filesystem::path> files;
  for (const auto &f : args.all("--calendar"))
    files.emplace_back(f);
  if (files.empty()) {
    auto bundled = cf::find_data_file(cf::national_calendar_file, program_data_dirs());
    if (!bundled) return cf::failure{bundled.error()};
    files.push_back(*bundled);
  }
  return load_calendar_files(files, args);
}

cf::result<cf::work_calendar> load_calendar_files(std::span<const std::filesystem::path> files, const arguments &args) {
  auto cal = cf::work_calendar::load(files, calendar_options_of(args));
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

cf::result<cf::date> date_argument(std::string_view name, std::string_view text) {
  auto d = cf::parse_date(text);
  if (!d) return cf::fail(cf::errc::parse_error, fmt::format("{}: {}", name, d.error().message));
  return d;
}

cf::result<int> int_argument(std::string_view name, std::string_view text) {
  int n = 0;
  const char *first = text.data();
  if (!text.empty() && text.front() == '+') ++first;
  const auto [end, ec] = std::from_chars(first, text.data() + text.size(), n);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size())
    return cf::fail(cf::errc::parse_error, fmt::format("{}: '{}' is not a whole number", name, text));
  return n;
}

cf::status<> expect_positionals(const arguments &args, std::size_t count, std::string_view usage) {
  if (args.positional.size() == count) return cf::ok;
  return cf::fail(cf::errc::invalid_argument, fmt::format("expected {} argument{}, got {}: usage: {}", count,
                                                          count == 1 ? "" : "s", args.positional.size(), usage));
}

} // namespace casectl
