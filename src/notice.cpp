#include <caseflow/notice.hpp>

#include <fmt/format.h>

namespace caseflow {

namespace {

struct notice_kind_row {
  notice_kind kind;
  std::string_view name;
};
// clang-format off
constexpr notice_kind_row notice_kind_names[] = {
    {notice_kind::reminder, "reminder"},
    {notice_kind::warning,  "warning"},
    {notice_kind::overdue,  "overdue"},
};
// clang-format on

std::string_view plural(int n) { return n == 1 ? "working day" : "working days"; }

} // namespace

std::string_view to_string(notice_kind k) noexcept {
  for (const auto &row : notice_kind_names)
    if (row.kind == k) return row.name;
  return "unknown";
}

result<notice_kind> parse_notice_kind(std::string_view name) {
  for (const auto &row : notice_kind_names)
    if (row.name == name) return row.kind;
  return fail(errc::parse_error, fmt::format("unknown notice kind '{}' (expected reminder, warning, overdue)", name));
}

std::string to_string(const clock_key &key) {
  if (key.unit_id.empty()) return fmt::format("case {} {} cycle {}", key.case_id, to_string(key.kind), key.cycle);
  return fmt::format("case {} unit {} {} cycle {}", key.case_id, key.unit_id, to_string(key.kind), key.cycle);
}

std::string to_string(const notice &n) {
  std::string head =
      fmt::format("{} {}: {} due {}", to_string(n.issued), to_string(n.kind), to_string(n.clock), to_string(n.due));
  switch (n.kind) {
  case notice_kind::reminder:
    return fmt::format("{}: {} {} left (point: {} {} before due, {})", head, n.workdays, plural(n.workdays), n.point,
                       plural(n.point), to_string(n.on));
  case notice_kind::warning:
    return fmt::format("{}: {} {} left (point: {}% of the time elapsed, {})", head, n.workdays, plural(n.workdays), n.point,
                       to_string(n.on));
  case notice_kind::overdue: return fmt::format("{}: {} {} late", head, n.workdays, plural(n.workdays));
  }
  return head;
}

} // namespace caseflow
