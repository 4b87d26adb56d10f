#include <caseflow/data_files.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <dlfcn.h>

namespace caseflow {

namespace {

// The file of the program or shared library this code is linked into.
std::filesystem::path own_module() {
  std::error_code ec;
  Dl_info info{};
  // A shared library is named by its path; the program itself by argv[0], which may be a bare name
  // found on PATH: then the kernel says where the program is.
  if (::dladdr(reinterpret_cast<void *>(&bundled_data_dirs), &info) != 0 && info.dli_fname &&
      std::string_view(info.dli_fname).find('/') != std::string_view::npos) {
    auto path = std::filesystem::canonical(info.dli_fname, ec);
    if (!ec) return path;
  }
  auto self = std::filesystem::canonical("/proc/self/exe", ec);
  return ec ? std::filesystem::path() : self;
}

bool inside(const std::filesystem::path &file, const std::filesystem::path &dir) {
  const auto rel = file.lexically_relative(dir);
  return !rel.empty() && *rel.begin() != "..";
}

} // namespace

std::vector<std::filesystem::path> bundled_data_dirs() {
  std::vector<std::filesystem::path> candidates;
  if (const char *env = std::getenv("CASEFLOW_DATA_DIR"); env && *env) candidates.emplace_back(env);
  const auto module = own_module();
  if (!module.empty()) {
    // Installed: <prefix>/bin/program or <prefix>/lib/libcaseflow.so, the data in <prefix>/share/caseflow.
    candidates.push_back((module.parent_path() / CASEFLOW_DATA_FROM_BIN).lexically_normal());
    candidates.push_back((module.parent_path() / CASEFLOW_DATA_FROM_LIB).lexically_normal());
  }
  candidates.emplace_back(CASEFLOW_INSTALL_DATA_DIR);
  // A program of the build tree reads the source tree's data; an installed one never does.
  std::error_code ec;
  const auto build = std::filesystem::weakly_canonical(CASEFLOW_BUILD_DIR, ec);
  if (!module.empty() && !ec && inside(module, build)) candidates.emplace_back(CASEFLOW_SOURCE_DATA_DIR);

  std::vector<std::filesystem::path> dirs;
  for (auto &dir : candidates)
    if (std::filesystem::is_directory(dir, ec) && std::find(dirs.begin(), dirs.end(), dir) == dirs.end())
      dirs.push_back(std::move(dir));
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
