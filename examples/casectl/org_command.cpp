// casectl org ...: the organisation chart (who answers to whom) as DOT, or checked.
#include "bundled_data.hpp"
#include "commands.hpp"

#include <caseflow/data_files.hpp>
#include <caseflow/org.hpp>

#include <fmt/format.h>

#include <memory>
#include <ostream>

namespace casectl {

namespace cf = caseflow;

namespace {

// The chart named by the optional FILE, or the bundled example.
cf::result<cf::org_chart> load_chart(const std::string &file) {
  if (!file.empty()) return cf::load_org_chart(file);
  auto bundled = cf::find_data_file(bundled_org_chart, program_data_dirs());
  if (!bundled) return cf::failure{bundled.error()};
  return cf::load_org_chart(*bundled);
}

cf::status<> dot(const std::string &file, std::ostream &out) {
  auto chart = load_chart(file);
  if (!chart) return cf::failure{chart.error()};
  chart->write_dot(out);
  return cf::ok;
}

cf::status<> check(const std::string &file, std::ostream &out) {
  auto chart = load_chart(file);
  if (!chart) return cf::failure{chart.error()};
  std::size_t units = 0, governments = 0, offices = 0, leaders = 0;
  const auto &g = chart->graph();
  for (const auto v : boost::make_iterator_range(boost::vertices(g))) {
    units += g[v].is_unit();
    governments += g[v].is_unit() && g[v].government;
    offices += g[v].kind == cf::org_node_kind::office;
    leaders += g[v].kind == cf::org_node_kind::leader;
  }
  out << fmt::format("{}: ok: {} units ({} governments), {} offices, {} leaders, {} edges\n", chart->source_name(), units,
                     governments, offices, leaders, boost::num_edges(g));
  return cf::ok;
}

// A command on the chart in the optional FILE.
void chart_command(command_line &cli, CLI::App &org, std::string name, std::string summary,
                   cf::status<> (*run)(const std::string &, std::ostream &)) {
  auto file = std::make_shared<std::string>();
  cli.command(org, std::move(name), std::move(summary), [file, run](std::ostream &out) { return run(*file, out); })
      .add_option("FILE", *file, fmt::format("org chart JSON file (default: the bundled {})", bundled_org_chart));
}

} // namespace

void add_org_commands(command_line &cli) {
  CLI::App &org = cli.group("org", "organisation chart: dot, check");
  chart_command(cli, org, "dot", "Graphviz DOT of the org chart (default: the bundled Minhang example)", dot);
  chart_command(cli, org, "check", "validate an org chart and print a one-line summary", check);
}

} // namespace casectl
