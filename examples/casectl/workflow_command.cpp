// casectl workflow ...: the handling workflow's machines, for documentation and review.
//   casectl workflow dot [--units]      Graphviz DOT of the case machine (or of a unit's assignment machine)
//   casectl workflow states [--units]   the transition table, one row per line
#include "commands.hpp"

#include <caseflow/workflow.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <ostream>

namespace casectl {

namespace cf = caseflow;

namespace {

constexpr std::string_view machine_flags[] = {"--units"};

// The machine the words ask for, after checking there are no positionals; nullopt with help printed.
cf::result<cf::machine> machine_argument(std::span<const std::string> words, std::string_view usage) {
  auto args = parse_arguments(words, {}, machine_flags);
  if (!args) return cf::failure{args.error()};
  if (auto n = expect_positionals(*args, 0, usage); !n) return cf::failure{n.error()};
  return args->has("--units") ? cf::machine::unit_level : cf::machine::case_level;
}

bool wants_help(std::span<const std::string> words, std::string_view usage, std::ostream &out) {
  if (std::find(words.begin(), words.end(), "--help") == words.end()) return false;
  out << "usage: " << usage << "\n  --units   the machine of one unit's assignment instead of the case's\n";
  return true;
}

template <std::size_t N> std::string guards_of(const std::array<const cf::guard *, N> &guards) {
  std::vector<std::string_view> names;
  for (const cf::guard *g : guards)
    if (g) names.push_back(g->name);
  return fmt::format("{}", fmt::join(names, ", "));
}

cf::status<> dot(std::span<const std::string> words, std::ostream &out) {
  constexpr std::string_view usage = "casectl workflow dot [--units]";
  if (wants_help(words, usage, out)) return cf::ok;
  auto m = machine_argument(words, usage);
  if (!m) return cf::failure{m.error()};
  out << cf::workflow_dot(*m);
  return cf::ok;
}

cf::status<> states(std::span<const std::string> words, std::ostream &out) {
  constexpr std::string_view usage = "casectl workflow states [--units]";
  if (wants_help(words, usage, out)) return cf::ok;
  auto m = machine_argument(words, usage);
  if (!m) return cf::failure{m.error()};
  // Read like the table: from + event [guards] (who) = to.
  const auto guards = [](const auto &g) { return g.empty() ? std::string() : " [" + g + "]"; };
  if (*m == cf::machine::case_level) {
    for (const auto &r : cf::case_transitions())
      out << fmt::format("{:<17} + {:<19}{} ({}) = {}\n", cf::to_string(r.from), cf::to_string(r.on), guards(guards_of(r.guards)),
                         cf::describe(r.who), cf::to_string(r.to));
  } else {
    for (const auto &r : cf::unit_transitions())
      out << fmt::format("{:<17} + {:<19}{} = {}{}\n", cf::to_string(r.from), cf::to_string(r.on), guards(guards_of(r.guards)),
                         cf::to_string(r.to), r.by_case ? " (moved by the case)" : "");
  }
  return cf::ok;
}

// clang-format off
constexpr command workflow_commands[] = {
    {"dot",    "[--units]", "Graphviz DOT of the case machine (--units: a unit's assignment machine)", dot},
    {"states", "[--units]", "the transition table: from, event, guards, who may send it, to",          states},
};
// clang-format on

} // namespace

cf::status<> workflow_command(std::span<const std::string> words, std::ostream &out) {
  return dispatch("casectl workflow", workflow_commands, words, out);
}

} // namespace casectl
