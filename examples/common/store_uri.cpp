#include "store_uri.hpp"

#include <caseflow/postgres_event_store.hpp>
#include <caseflow/sqlite_event_store.hpp>

#include <fmt/format.h>

namespace caseflow::tools {

std::string store_location::uri() const {
  if (scheme != kind::postgres) return fmt::format("{}:{}", scheme == kind::file ? "file" : "sqlite", path.string());
  const auto scheme_end = connection.find("://");
  const auto at = connection.find('@');
  const auto colon = connection.find(':', scheme_end + 3);
  if (scheme_end == std::string::npos || at == std::string::npos || colon == std::string::npos || colon > at) return connection;
  return connection.substr(0, colon + 1) + "***" + connection.substr(at);
}

std::string store_location::display() const { return scheme == kind::postgres ? uri() : path.string(); }

result<store_location> parse_store_uri(std::string_view uri, std::string_view option) {
  struct scheme_row {
    std::string_view prefix;
    store_location::kind kind;
    bool keeps_prefix; // the whole URI is the connection string
  };
  constexpr scheme_row schemes[] = {{"file:", store_location::kind::file, false},
                                    {"sqlite:", store_location::kind::sqlite, false},
                                    {"postgresql://", store_location::kind::postgres, true},
                                    {"postgres://", store_location::kind::postgres, true}};
  for (const auto &row : schemes) {
    if (!uri.starts_with(row.prefix) || uri.size() == row.prefix.size()) continue;
    if (row.keeps_prefix) return store_location{row.kind, {}, std::string(uri)};
    return store_location{row.kind, std::filesystem::path(uri.substr(row.prefix.size())), {}};
  }
  return fail(errc::invalid_argument,
              fmt::format("{}: '{}' is not a store this tool opens (file:PATH, sqlite:PATH or postgresql://...)", option, uri));
}

result<std::unique_ptr<event_store>> open_store(const store_location &where, bool read_only, bool must_exist) {
  const auto missing = [&] {
    return fail(errc::not_found,
                fmt::format("{}: no such journal (casectl init --store {} creates one)", where.display(), where.uri()));
  };
  if (must_exist && where.scheme != store_location::kind::postgres && !std::filesystem::exists(where.path)) return missing();
  const store_options options{flush_policy::every_event, true, 1, read_only};
  if (where.scheme == store_location::kind::postgres) {
    auto s = postgres_event_store::open(where.connection, options);
    if (!s) return failure{s.error()};
    if (must_exist) {
      auto held = s->size();
      if (!held) return failure{held.error()};
      if (*held == 0) return missing();
    }
    return std::unique_ptr<event_store>(std::make_unique<postgres_event_store>(std::move(*s)));
  }
  if (where.scheme == store_location::kind::sqlite) {
    auto s = sqlite_event_store::open(where.path, options);
    if (!s) return failure{s.error()};
    return std::unique_ptr<event_store>(std::make_unique<sqlite_event_store>(std::move(*s)));
  }
  auto f = file_event_store::open(where.path, options);
  if (!f) return failure{f.error()};
  return std::unique_ptr<event_store>(std::make_unique<file_event_store>(std::move(*f)));
}

} // namespace caseflow::tools
