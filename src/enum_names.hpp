// Stable snake_case names of the library's small enums, kept as one array per enum so that to_string
// and parse cannot drift apart. Internal to the library's sources.
#pragma once

#include <caseflow/error.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace caseflow::detail {

template <class E, std::size_t N> constexpr std::string_view name_of(const std::array<std::string_view, N> &names, E v) noexcept {
  const auto i = static_cast<std::size_t>(v);
  return i < N ? names[i] : std::string_view("unknown");
}

/// The enum value named `text`, or errc::parse_error: "unknown <what> 'text' (expected a, b, c)".
template <class E, std::size_t N>
result<E> parse_name(const std::array<std::string_view, N> &names, std::string_view what, std::string_view text) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == text) return static_cast<E>(i);
  std::string known;
  for (std::size_t i = 0; i < N; ++i) {
    if (i) known += ", ";
    known += names[i];
  }
  return fail(errc::parse_error, "unknown " + std::string(what) + " '" + std::string(text) + "' (expected " + known + ")");
}

} // namespace caseflow::detail
