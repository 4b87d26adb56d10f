// casectl's exit codes: what a failure means to a script, one code for each kind of caseflow::errc.
// The table in exit_codes.cpp is the only place they are defined: `casectl --help` prints it, and
// every failure's code is looked up in it.
#pragma once

#include <caseflow/error.hpp>

#include <string>

namespace casectl {

/// The codes a script can switch on.
enum class exit_code : int {
  ok = 0,
  refused = 1,   ///< the rules refused it: the workflow, a sender's permission, an event the book cannot take
  usage = 2,     ///< the command line: unknown command or option, wrong arguments, a value that does not parse
  not_found = 3, ///< an id or name that names nothing known
  conflict = 4,  ///< the input contradicts what is already held
  data = 5,      ///< a file, journal or store that cannot be read or written, or holds what it must not
};

/// The code of a failure the library reports.
exit_code exit_code_of(caseflow::errc code);

/// The table for `casectl --help`: one line a code.
std::string exit_code_help();

} // namespace casectl
