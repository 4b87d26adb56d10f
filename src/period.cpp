#include <caseflow/period.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string>

namespace caseflow {

namespace {

struct unit_suffix {
  std::string_view suffix;
  period_unit unit;
};

// Longest suffix first, so that "wd" is not read as "d".
constexpr unit_suffix unit_suffixes[] = {
    {"wd", period_unit::workdays},
    {"d", period_unit::calendar_days},
    {"m", period_unit::months},
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
    s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
    s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

} // namespace

result<period> period::parse(std::string_view text) {
  const std::string original(text);
  const std::string s = lower(trim(text));
  if (s.empty()) return fail(errc::parse_error, "empty period: expected e.g. '30d', '5wd' or '3m'");

  for (const auto &[suffix, unit] : unit_suffixes) {
    if (!s.ends_with(suffix)) continue;
    const std::string_view digits = std::string_view(s).substr(0, s.size() - suffix.size());
    if (digits.empty())
      return fail(errc::parse_error, fmt::format("period '{}' has no count: expected e.g. '30d', '5wd' or '3m'", original));
    if (!std::all_of(digits.begin(), digits.end(), [](unsigned char c) { return std::isdigit(c); }))
      return fail(errc::parse_error, fmt::format("period '{}': count '{}' is not a whole positive number", original, digits));
    long long n = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    if (ec != std::errc{} || end != digits.data() + digits.size() || n > max_count)
      return fail(errc::parse_error, fmt::format("period '{}': count is larger than {}", original, max_count));
    if (n == 0) return fail(errc::parse_error, fmt::format("period '{}' has zero length", original));
    const int count = static_cast<int>(n);
    switch (unit) {
    case period_unit::calendar_days: return period(calendar_days{count});
    case period_unit::workdays: return period(workdays{count});
    case period_unit::months: return period(months{count});
    }
  }
  return fail(errc::parse_error,
              fmt::format("period '{}' has no unit: expected 'd' (days), 'wd' (working days) or 'm' (months)", original));
}

std::string period::to_string() const {
  switch (unit_) {
  case period_unit::calendar_days: return fmt::format("{}d", count_);
  case period_unit::workdays: return fmt::format("{}wd", count_);
  case period_unit::months: return fmt::format("{}m", count_);
  }
  return {};
}

} // namespace caseflow
