// casectl: caseflow on the command line, for integrators and scripts. Answers go to stdout bare; every
// error is one line on stderr, with the exit code of its kind (exit_codes.hpp, `casectl --help`).
#include "commands.hpp"

#include <iostream>

int main(int argc, char **argv) {
  casectl::command_line cli;
  casectl::add_calendar_commands(cli);
  casectl::add_policy_commands(cli);
  casectl::add_org_commands(cli);
  casectl::add_workflow_commands(cli);
  casectl::add_book_commands(cli);
  casectl::add_report_command(cli);
  return cli.run(argc, argv, std::cout, std::cerr);
}
