// data_files: where caseflow's bundled data (calendars, policy presets, examples) can be found.
//
// The data directory is installed to <prefix>/share/caseflow and found relative to the installed
// program or shared library, so an install may be moved (and the package config names it as
// caseflow_DATA_DIR); a program of the build tree reads the source tree's data/. CASEFLOW_DATA_DIR in the
// environment comes first. Hosts that ship their own data pass their own paths and never need this.
#pragma once

#include <caseflow/error.hpp>

#include <filesystem>
#include <string_view>
#include <vector>

namespace caseflow {

/// The directories holding bundled data, most specific first: $CASEFLOW_DATA_DIR, the install's next to
/// this program or library, the prefix it was built for, then (for programs of the build tree only) the
/// source tree's. Only existing directories are listed.
std::vector<std::filesystem::path> bundled_data_dirs();

/// The first `dir / relative` that exists, trying `first_dirs` before bundled_data_dirs().
/// errc::not_found naming the file and every place tried.
result<std::filesystem::path> find_data_file(std::string_view relative,
                                             const std::vector<std::filesystem::path> &first_dirs = {});

/// The bundled national calendar, "calendars/cn-mainland.txt".
inline constexpr std::string_view national_calendar_file = "calendars/cn-mainland.txt";

} // namespace caseflow
