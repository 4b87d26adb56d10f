// The command groups of casectl; each lives in its own <group>_command.cpp and declares its commands,
// with their arguments and help, on the command line.
#pragma once

#include "cli.hpp"

namespace casectl {

void add_calendar_commands(command_line &cli);
void add_policy_commands(command_line &cli);
void add_org_commands(command_line &cli);
void add_workflow_commands(command_line &cli);
/// The commands on a case book kept in a journal (book_command.cpp), and its reports (report_command.cpp).
void add_book_commands(command_line &cli);
void add_report_command(command_line &cli);

} // namespace casectl
