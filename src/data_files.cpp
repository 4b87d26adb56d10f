#include <caseflow/data_files.hpp>

#include <fmt/format.h>

namespace caseflow {

std::vector<std::filesystem::path> bundled_data_dirs() {
  std::vector<std::filesystem::path> dirs;
  std::error_code ec;
  for (const char *dir : {CASEFLOW_INSTALL_DATA_DIR, CASEFLOW_SOURCE_DATA_DIR})
    if (std::filesystem::is_directory(dir, ec)) dirs.emplace_back(dir);
  return dirs;
}

result<std::filesystem::path> find_data_file(std::string_view relative, const std::vector<std::filesystem::path> &first_dirs) {
  std::vector<std::filesystem::path> dirs = first_dirs;
  for (auto &dir : bundled_data_dirs())
    dirs.push_back(std::move(dir));
  std::string tried;
  std::error_code ec;
  for (const auto &dir : dirs) {
    auto candidate = dir / relative;
    if (std::filesystem::is_regular_file(candidate, ec)) return candidate;
    tried += fmt::format("{}{}", tried.empty() ? "" : ", ", candidate.string());
  }
  return fail(errc::not_found,
              fmt::format("data file '{}' not found (tried: {})", relative, tried.empty() ? "no data directory" : tried));
}

} // namespace caseflow
