#include "tokens.hpp"

#include <caseflow/event_json.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

namespace caseflow::server {

result<token_table> token_table::load(const std::filesystem::path &file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return fail(errc::io_error, fmt::format("{}: cannot read the token file", file.string()));
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str(), file.filename().string());
}

result<token_table> token_table::parse(std::string_view text, std::string_view source_name) {
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("tokens") || !j["tokens"].is_array())
    return fail(errc::parse_error,
                fmt::format("{}: expected {{\"tokens\": [{{\"token\": ..., \"actor\": ...}}, ...]}}", source_name));
  token_table out;
  for (std::size_t i = 0; i < j["tokens"].size(); ++i) {
    const auto &entry = j["tokens"][i];
    const auto where = fmt::format("{}: $.tokens[{}]", source_name, i);
    if (!entry.is_object() || !entry.contains("token") || !entry["token"].is_string() || !entry.contains("actor") ||
        !entry["actor"].is_string())
      return fail(errc::parse_error, fmt::format("{}: needs the strings 'token' and 'actor'", where));
    const auto token = entry["token"].get<std::string>();
    // Short tokens are guessable: the server is meant for a network.
    if (token.size() < 16) return fail(errc::parse_error, fmt::format("{}.token: at least 16 characters", where));
    auto who = parse_actor(entry["actor"].get<std::string>());
    if (!who) return fail(errc::parse_error, fmt::format("{}.actor: {}", where, who.error().message));
    if (!out.actors_.emplace(token, std::move(*who)).second)
      return fail(errc::conflict, fmt::format("{}.token: the same token is given twice", where));
  }
  return out;
}

std::optional<actor> token_table::find(std::string_view token) const {
  const auto it = actors_.find(token);
  if (it == actors_.end()) return std::nullopt;
  return it->second;
}

} // namespace caseflow::server
