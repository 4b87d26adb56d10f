// The command groups of casectl; each lives in its own <group>_command.cpp.
#pragma once

#include "cli.hpp"

namespace casectl {

caseflow::status<> calendar_command(std::span<const std::string> words, std::ostream &out);
caseflow::status<> policy_command(std::span<const std::string> words, std::ostream &out);
caseflow::status<> org_command(std::span<const std::string> words, std::ostream &out);
caseflow::status<> workflow_command(std::span<const std::string> words, std::ostream &out);

// The book commands (book_command.cpp): a case book kept in a journal file.
caseflow::status<> init_command(std::span<const std::string> words, std::ostream &out);
caseflow::status<> import_command(std::span<const std::string> words, std::ostream &out);
caseflow::status<> apply_command(std::span<const std::string> words, std::ostream &out);
caseflow::status<> tick_command(std::span<const std::string> words, std::ostream &out);
caseflow::status<> pass_down_command(std::span<const std::string> words, std::ostream &out);
caseflow::status<> answer_child_command(std::span<const std::string> words, std::ostream &out);
caseflow::status<> children_command(std::span<const std::string> words, std::ostream &out);
caseflow::status<> snapshot_command(std::span<const std::string> words, std::ostream &out);
caseflow::status<> recompute_command(std::span<const std::string> words, std::ostream &out);
caseflow::status<> escalate_command(std::span<const std::string> words, std::ostream &out);
caseflow::status<> list_command(std::span<const std::string> words, std::ostream &out);
caseflow::status<> show_command(std::span<const std::string> words, std::ostream &out);
caseflow::status<> clocks_command(std::span<const std::string> words, std::ostream &out);
caseflow::status<> due_command(std::span<const std::string> words, std::ostream &out);
caseflow::status<> overdue_command(std::span<const std::string> words, std::ostream &out);
caseflow::status<> repair_command(std::span<const std::string> words, std::ostream &out);
caseflow::status<> verify_command(std::span<const std::string> words, std::ostream &out);
caseflow::status<> upgrade_command(std::span<const std::string> words, std::ostream &out);
caseflow::status<> migrate_command(std::span<const std::string> words, std::ostream &out);
caseflow::status<> report_command(std::span<const std::string> words, std::ostream &out);

} // namespace casectl
