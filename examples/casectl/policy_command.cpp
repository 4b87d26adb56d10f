// casectl policy ...: checking deadline policy files and listing the bundled presets.
//
// `check` prints the policy as the library read it (every figure, in the file format), so that what a
// host will run with can be read before it runs; a file that does not pass gives the library's own
// one-line error.
#include "commands.hpp"

#include <caseflow/data_files.hpp>
#include <caseflow/policy.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <ostream>

namespace casectl {

namespace cf = caseflow;

namespace {

bool wants_help(std::span<const std::string> words) {
  return std::find(words.begin(), words.end(), "--help") != words.end() ||
         std::find(words.begin(), words.end(), "-h") != words.end();
}

cf::status<> check(std::span<const std::string> words, std::ostream &out) {
  constexpr std::string_view usage = "casectl policy check FILE|PRESET";
  if (wants_help(words)) {
    out << "usage: " << usage << "\n  FILE     a policy file (a path, or a name ending in .json)\n"
        << "  PRESET   a bundled preset by name, e.g. shanghai-municipal\n";
    return cf::ok;
  }
  auto args = parse_arguments(words, {});
  if (!args) return cf::failure{args.error()};
  if (auto n = expect_positionals(*args, 1, usage); !n) return cf::failure{n.error()};
  auto policy = policy_argument(args->positional[0]);
  if (!policy) return cf::failure{policy.error()};
  out << cf::to_json_text(*policy) << '\n';
  return cf::ok;
}

cf::status<> list(std::span<const std::string> words, std::ostream &out) {
  constexpr std::string_view usage = "casectl policy list";
  if (wants_help(words)) {
    out << "usage: " << usage << "\n  prints each bundled preset's name and description\n";
    return cf::ok;
  }
  auto args = parse_arguments(words, {});
  if (!args) return cf::failure{args.error()};
  if (auto n = expect_positionals(*args, 0, usage); !n) return cf::failure{n.error()};

  // Most specific directory first, as find_data_file searches: a preset shadows those after it.
  auto dirs = program_data_dirs();
  for (auto &dir : cf::bundled_data_dirs())
    dirs.push_back(std::move(dir));
  std::map<std::string, cf::deadline_policy> presets;
  for (const auto &dir : dirs) {
    std::error_code ec;
    for (const auto &entry : std::filesystem::directory_iterator(dir / "policies", ec)) {
      const auto &path = entry.path();
      if (path.extension() != ".json" || presets.contains(path.stem().string())) continue;
      auto policy = cf::load_policy(path);
      if (!policy) return cf::failure{policy.error()};
      presets.emplace(path.stem().string(), std::move(*policy));
    }
  }
  for (const auto &[name, policy] : presets)
    out << fmt::format("{:<24} {}\n", name, policy.description);
  return cf::ok;
}

// clang-format off
constexpr command policy_commands[] = {
    {"check", "FILE|PRESET", "validate a policy and print every figure of it as JSON", check},
    {"list",  "",            "the bundled policy presets, with their descriptions",  list},
};
// clang-format on

} // namespace

cf::status<> policy_command(std::span<const std::string> words, std::ostream &out) {
  return dispatch("casectl policy", policy_commands, words, out);
}

} // namespace casectl
