// The command groups of casectl; each lives in its own <group>_command.cpp.
#pragma once

#include "cli.hpp"

namespace casectl {

caseflow::status<> calendar_command(std::span<const std::string> words, std::ostream &out);
caseflow::status<> policy_command(std::span<const std::string> words, std::ostream &out);
caseflow::status<> org_command(std::span<const std::string> words, std::ostream &out);
caseflow::status<> workflow_command(std::span<const std::string> words, std::ostream &out);


} // namespace casectl
