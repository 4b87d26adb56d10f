// casectl: caseflow on the command line, for integrators and scripts.
// Answers go to stdout bare; every error is one line on stderr and exit code 2.
#include "commands.hpp"

#include <iostream>
#include <string>
#include <vector>

namespace {

// clang-format off
constexpr casectl::command groups[] = {
    {"calendar", "<command> ...", "working-day calendar: is-workday, next-workday, add-workdays, between, add", casectl::calendar_command},
    {"policy",   "<command> ...", "deadline policies: check a policy file or preset, list the bundled presets", casectl::policy_command},
    {"org",      "<command> ...", "organisation chart: dot, check",                                             casectl::org_command},
    {"workflow", "<command> ...", "the handling workflow: dot, states",                                         casectl::workflow_command},
    {"init",     "--journal FILE", "create an empty journal (a case book kept in a file)",                     casectl::init_command},
    {"import",   "FILE --journal FILE", "register items and apply events from JSONL or CSV, all or nothing",   casectl::import_command},
    {"apply",    "JSON|- --journal FILE", "apply one registration or event",                                    casectl::apply_command},
    {"tick",     "--date DATE --journal FILE", "issue the notices due by DATE",                                 casectl::tick_command},
    {"recompute", "--new-calendar FILE [--dry-run] --journal FILE", "move every open due date onto a new calendar", casectl::recompute_command},
    {"escalate", "CASE mark|resolve --by ROLE:ID --date DATE --journal FILE", "mark an item difficult, or record a leader's decision", casectl::escalate_command},
    {"pass-down", "CASE --by unit:ID --child ID --unit UNIT --task TEXT --date DATE --journal FILE", "pass an item down to a bureau or town", casectl::pass_down_command},
    {"answer-child", "CHILD --by unit:ID --text TEXT --date DATE --journal FILE", "a bureau or town answers the item passed down", casectl::answer_child_command},
    {"children", "CASE [--unit UNIT] [--date DATE] --journal FILE", "the items passed down from an item, and their progress", casectl::children_command},
    {"list",     "[--state S] [--unit U] --journal FILE", "list items",                                         casectl::list_command},
    {"show",     "CASE --journal FILE", "one item: history, clocks, notices",                                   casectl::show_command},
    {"clocks",   "CASE --journal FILE", "an item's running clocks and due dates",                               casectl::clocks_command},
    {"due",      "--date DATE [--within N] --journal FILE", "clocks due within N working days",                 casectl::due_command},
    {"overdue",  "--date DATE --journal FILE", "clocks overdue on DATE",                                        casectl::overdue_command},
    {"snapshot", "[--out FILE] --journal FILE", "write the book's snapshot, for a fast start with --snapshot FILE", casectl::snapshot_command},
    {"repair",   "--journal FILE", "cut off a torn last line",                                                   casectl::repair_command},
    {"verify",   "--journal FILE", "check every line and the hash chain; print the head hash",                   casectl::verify_command},
    {"upgrade",  "--journal FILE --out FILE", "write a journal again in the current format",                      casectl::upgrade_command},
    {"migrate",  "--from URI --to URI", "copy a journal into an empty store (file:, sqlite:, postgresql://), chain checked", casectl::migrate_command},
    {"report",   "ledger|summary|bulletin|kpi --journal FILE", "reports as text, markdown, csv or json",       casectl::report_command},
};
// clang-format on

} // namespace

int main(int argc, char **argv) {
  const std::vector<std::string> words(argv + 1, argv + argc);
  if (words.size() == 1 && words[0] == "--version") {
    std::cout << "casectl " << CASEFLOW_VERSION << '\n';
    return 0;
  }
  try {
    auto done = casectl::dispatch("casectl", groups, words, std::cout);
    std::cout.flush();
    if (!done) {
      std::cerr << "casectl: " << done.error().message << '\n';
      return 2;
    }
    return std::cout ? 0 : 2;
  } catch (const std::exception &e) {
    std::cerr << "casectl: " << e.what() << '\n';
    return 2;
  }
}
