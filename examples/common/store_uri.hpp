// Where a book's journal is kept, as the tools name it: `file:PATH`, `sqlite:PATH` or
// `postgresql://...` (a libpq connection URI). Shared by casectl and caseflow-server.
#pragma once

#include <caseflow/event_store.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace caseflow::tools {

struct store_location {
  enum class kind { file, sqlite, postgres } scheme = kind::file;
  std::filesystem::path path; // file and sqlite
  std::string connection;     // postgres
  /// For messages: a password in the connection URI is not repeated.
  std::string uri() const;
  /// The file, or the database's URI.
  std::string display() const;
};

/// Parses a store URI; `option` (such as "--store") starts the error message.
result<store_location> parse_store_uri(std::string_view uri, std::string_view option);

/// Opens the store; `must_exist` refuses one that is not there yet (errc::not_found: only init creates a
/// journal). Appends are acknowledged once on the disk (fsync).
result<std::unique_ptr<event_store>> open_store(const store_location &where, bool read_only, bool must_exist);

} // namespace caseflow::tools
