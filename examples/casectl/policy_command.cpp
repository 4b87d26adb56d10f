// casectl policy ...: checking deadline policy files and listing the bundled presets.
//
// `check` prints the policy as the library read it (every figure, in the file format), so that what a
// host will run with can be read before it runs; a file that does not pass gives the library's own
// one-line error.
#include "bundled_data.hpp"
#include "commands.hpp"

#include <caseflow/data_files.hpp>
#include <caseflow/policy.hpp>

#include <fmt/format.h>

#include <map>
#include <memory>
#include <ostream>

namespace casectl {

namespace cf = caseflow;

namespace {

cf::status<> check(const std::string &word, std::ostream &out) {
  auto policy = policy_argument(word);
  if (!policy) return cf::failure{policy.error()};
  out << cf::to_json_text(*policy) << '\n';
  return cf::ok;
}

cf::status<> list(std::ostream &out) {
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

} // namespace

void add_policy_commands(command_line &cli) {
  CLI::App &policy = cli.group("policy", "deadline policies: check a policy file or preset, list the bundled presets");
  auto word = std::make_shared<std::string>();
  cli.command(policy, "check", "validate a policy and print every figure of it as JSON",
              [word](std::ostream &out) { return check(*word, out); })
      .add_option("POLICY", *word,
                  "a bundled preset by name (shanghai-municipal), or a policy file: a path, or a name ending in .json")
      ->type_name("FILE|PRESET")
      ->required();
  cli.command(policy, "list", "the bundled policy presets, with their descriptions", list);
}

} // namespace casectl
