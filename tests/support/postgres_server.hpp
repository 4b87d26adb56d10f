// Where the PostgreSQL tests find their server: CASEFLOW_PG_URI (a developer's own), or the throwaway
// cluster tests/support/pg_cluster.sh started for this build (its URI in CASEFLOW_PG_URI_FILE).
// Without one a test is skipped, with the reason shown - but under CI=true it fails: there the server
// must be there.
#pragma once

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>
#include <unistd.h>

namespace caseflow::testing {

inline std::optional<std::string> postgres_uri() {
  if (const char *uri = std::getenv("CASEFLOW_PG_URI"); uri && *uri) return std::string(uri);
  if (const char *file = std::getenv("CASEFLOW_PG_URI_FILE"); file && *file) {
    std::ifstream in(file);
    std::string uri;
    if (in && std::getline(in, uri) && !uri.empty()) return uri;
  }
  return std::nullopt;
}

inline bool running_in_ci() {
  const char *ci = std::getenv("CI");
  return ci && std::string(ci) == "true";
}

/// A table prefix no other test (or process) uses: each test gets a journal of its own.
inline std::string fresh_prefix(std::string_view what) {
  static std::atomic<int> counter{0};
  return "t" + std::to_string(::getpid()) + "_" + std::string(what) + "_" + std::to_string(counter++);
}

/// The server's URI with a fresh table prefix (and an application name, so a test can find its sessions).
inline std::string with_prefix(const std::string &uri, const std::string &prefix) {
  return uri + (uri.find('?') == std::string::npos ? "?" : "&") + "caseflow_prefix=" + prefix + "&application_name=" + prefix;
}

/// Removes a test's tables (a developer's own server keeps nothing of the tests).
inline void drop_tables(const std::string &uri, const std::string &prefix) {
  try {
    pqxx::connection c(uri);
    pqxx::work w(c);
    for (const char *table : {"journal", "snapshots", "meta"})
      w.exec0("DROP TABLE IF EXISTS " + prefix + "_" + table);
    w.commit();
  } catch (const std::exception &) {
    // The server went away: nothing to clean.
  }
}

/// Ends the sessions a test opened with `application_name` (a connection lost, as a network would).
inline int terminate_sessions(const std::string &uri, const std::string &application_name) {
  pqxx::connection c(uri);
  pqxx::work w(c);
  const auto r = w.exec_params("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1",
                               application_name);
  w.commit();
  return r[0][0].as<int>();
}

} // namespace caseflow::testing

/// In a test body or SetUp: skips (or, under CI=true, fails) when no PostgreSQL server is configured.
#define CASEFLOW_REQUIRE_POSTGRES()                                                                                              \
  do {                                                                                                                           \
    if (!::caseflow::testing::postgres_uri()) {                                                                                  \
      if (::caseflow::testing::running_in_ci())                                                                                  \
        FAIL() << "CI=true but no PostgreSQL server: tests/support/pg_cluster.sh did not start one";                             \
      GTEST_SKIP() << "no PostgreSQL server (set CASEFLOW_PG_URI, or install Debian's postgresql: setup.sh does)";               \
    }                                                                                                                            \
  } while (false)
