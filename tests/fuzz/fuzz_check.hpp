// What every fuzz target shares: a check that stops the run with a message (libFuzzer then saves the
// input), and the bundled data the targets start from.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace caseflow::fuzz {

/// Aborts with `what` when `ok` is false: a property the input broke.
inline void check(bool ok, std::string_view what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz check failed: %.*s\n", static_cast<int>(what.size()), what.data());
  std::abort();
}

/// A file under data/, read whole (aborts when it is missing: the target cannot run without it).
inline std::string data_file(std::string_view relative) {
  const auto path = std::filesystem::path(CASEFLOW_FUZZ_DATA_DIR) / relative;
  std::ifstream in(path, std::ios::binary);
  check(static_cast<bool>(in), path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

} // namespace caseflow::fuzz
