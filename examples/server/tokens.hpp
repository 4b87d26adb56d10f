// Who calls the server: bearer tokens, each standing for one actor (an office, a unit, a leader, a
// proposer's liaison), read from a JSON file the operator keeps:
//   {"tokens": [{"token": "…", "actor": "office:sh-office"}, {"token": "…", "actor": "unit:minhang"}]}
// Actors are written as in events ("office", "unit:ID", "supervising_leader:ID", ...).
#pragma once

#include <caseflow/model.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace caseflow::server {

class token_table {
public:
  /// Reads the file; errc::parse_error naming the file and the entry, errc::io_error if unreadable.
  static result<token_table> load(const std::filesystem::path &file);
  static result<token_table> parse(std::string_view text, std::string_view source_name);

  /// The actor a token stands for, or nothing.
  std::optional<actor> find(std::string_view token) const;
  std::size_t size() const noexcept { return actors_.size(); }

private:
  std::map<std::string, actor, std::less<>> actors_;
};

} // namespace caseflow::server
