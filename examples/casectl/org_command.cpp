// casectl org ...: the organisation chart (who answers to whom) as DOT, or checked.
#include "commands.hpp"

#include <caseflow/data_files.hpp>
#include <caseflow/org.hpp>

#include <fmt/format.h>

#include <ostream>

namespace casectl {

namespace cf = caseflow;

namespace {

constexpr std::string_view bundled_org_chart = "examples/minhang-org.json";

// The chart named by the one optional positional argument, or the bundled example.
cf::result<cf::org_chart> load_chart(std::span<const std::string> words, std::string_view usage) {
  auto args = parse_arguments(words, {});
  if (!args) return cf::failure{args.error()};
  if (args->positional.size() > 1)
    return cf::fail(cf::errc::invalid_argument,
                    fmt::format("expected at most 1 argument, got {}: usage: {}", args->positional.size(), usage));
  if (!args->positional.empty()) return cf::load_org_chart(args->positional[0]);
  auto bundled = cf::find_data_file(bundled_org_chart, program_data_dirs());
  if (!bundled) return cf::failure{bundled.error()};
  return cf::load_org_chart(*bundled);
}

bool wants_help(std::span<const std::string> words, std::string_view usage, std::ostream &out) {
  for (const auto &w : words)
    if (w == "--help" || w == "-h") {
      out << "usage: " << usage << "\n  FILE   org chart JSON file (default: the bundled " << bundled_org_chart << ")\n";
      return true;
    }
  return false;
}

cf::status<> dot(std::span<const std::string> words, std::ostream &out) {
  constexpr std::string_view usage = "casectl org dot [FILE]";
  if (wants_help(words, usage, out)) return cf::ok;
  auto chart = load_chart(words, usage);
  if (!chart) return cf::failure{chart.error()};
  chart->write_dot(out);
  return cf::ok;
}

cf::status<> check(std::span<const std::string> words, std::ostream &out) {
  constexpr std::string_view usage = "casectl org check [FILE]";
  if (wants_help(words, usage, out)) return cf::ok;
  auto chart = load_chart(words, usage);
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

// clang-format off
constexpr command org_commands[] = {
    {"dot",   "[FILE]", "Graphviz DOT of the org chart (default: the bundled Minhang example)", dot},
    {"check", "[FILE]", "validate an org chart and print a one-line summary",                 check},
};
// clang-format on

} // namespace

cf::status<> org_command(std::span<const std::string> words, std::ostream &out) {
  return dispatch("casectl org", org_commands, words, out);
}

} // namespace casectl
