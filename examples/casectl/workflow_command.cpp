// casectl workflow ...: the handling workflow's machines, for documentation and review.
//   casectl workflow dot [--units]      Graphviz DOT of the case machine (or of a unit's assignment machine)
//   casectl workflow states [--units]   the transition table, one row per line
#include "commands.hpp"

#include <caseflow/workflow.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <memory>
#include <ostream>

namespace casectl {

namespace cf = caseflow;

namespace {

template <std::size_t N> std::string guards_of(const std::array<const cf::guard *, N> &guards) {
  std::vector<std::string_view> names;
  for (const cf::guard *g : guards)
    if (g) names.push_back(g->name);
  return fmt::format("{}", fmt::join(names, ", "));
}

cf::status<> dot(cf::machine m, std::ostream &out) {
  out << cf::workflow_dot(m);
  return cf::ok;
}

cf::status<> states(cf::machine m, std::ostream &out) {
  // Read like the table: from + event [guards] (who) = to.
  const auto guards = [](const auto &g) { return g.empty() ? std::string() : " [" + g + "]"; };
  if (m == cf::machine::case_level) {
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

// A command on the case machine, or with --units on a unit's assignment machine.
void machine_command(command_line &cli, CLI::App &workflow, std::string name, std::string summary,
                     cf::status<> (*run)(cf::machine, std::ostream &)) {
  auto units = std::make_shared<bool>(false);
  cli.command(workflow, std::move(name), std::move(summary),
              [units, run](std::ostream &out) { return run(*units ? cf::machine::unit_level : cf::machine::case_level, out); })
      .add_flag("--units", *units, "the machine of one unit's assignment instead of the case's");
}

} // namespace

void add_workflow_commands(command_line &cli) {
  CLI::App &workflow = cli.group("workflow", "the handling workflow: dot, states");
  machine_command(cli, workflow, "dot", "Graphviz DOT of the case machine (--units: a unit's assignment machine)", dot);
  machine_command(cli, workflow, "states", "the transition table: from, event, guards, who may send it, to", states);
}

} // namespace casectl
