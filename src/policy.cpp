// deadline_policy: the names of its enums and the checks on its figures.
//
// The checks live here, on the struct, rather than in the JSON reader, so that a policy built in code
// is held to the same rules as one read from a file, with the same messages: every message names the
// JSON path the field has in the file format, because that is where a reader of the message will look.
#include <caseflow/policy.hpp>

#include "enum_names.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace caseflow {

namespace {

// clang-format off
constexpr std::array<std::string_view, clock_kind_count> clock_kind_names = {
    "return_request", "co_handler_opinion", "reply", "feedback", "rehandling_reply", "publication_decision",
    "escalation_office", "escalation_supervising_leader", "escalation_principal_leader", "progress_report"};
constexpr std::array<std::string_view, escalation_trigger_count> trigger_names = {
    "marked_difficult", "dispute", "opinion_overdue", "reply_last_warning", "reply_overdue", "dissatisfied_after_rehandling"};
constexpr std::array<std::string_view, 2> scheme_names = {"three_class", "four_class"};
constexpr std::array<std::string_view, 2> cycle_names  = {"new_cycle", "continue_cycle"};
// clang-format on

// A std::array fills missing names with empty ones: a kind added to an enum without its name here
// must not compile.
template <std::size_t N> constexpr bool all_named(const std::array<std::string_view, N> &names) {
  return std::none_of(names.begin(), names.end(), [](std::string_view n) { return n.empty(); });
}
static_assert(all_named(clock_kind_names) && static_cast<std::size_t>(clock_kind::progress_report) + 1 == clock_kind_count);
static_assert(all_named(trigger_names) &&
              static_cast<std::size_t>(escalation_trigger::dissatisfied_after_rehandling) + 1 == escalation_trigger_count);
static_assert(all_named(scheme_names) && all_named(cycle_names));

// How long a period can run, in calendar days from the day after the start to the due date before any
// move to the next working day, over every possible calendar. Used to compare periods of different
// units without a calendar, conservatively: a check refuses figures only when no calendar could make
// them consistent. A month has 28 to 31 days; a working day takes at least one calendar day and, with
// holidays of unknown length, at most an unbounded number of them.
struct span_bounds {
  long long min_days;
  std::optional<long long> max_days; // none: unbounded
  long long max_workdays;            // working days the span can hold at most
};

span_bounds bounds(const period &p) {
  const long long n = p.count();
  switch (p.unit()) {
  case period_unit::calendar_days: return {n, n, n};
  case period_unit::workdays: return {n, std::nullopt, n};
  case period_unit::months: return {28 * n, 31 * n, 31 * n};
  }
  return {n, n, n};
}

// True if `a` ends before `b` whatever the calendar: same unit compares counts, different units
// compare the longest `a` with the shortest `b`.
bool certainly_shorter(const period &a, const period &b) {
  if (a.unit() == b.unit()) return a.count() < b.count();
  const auto ba = bounds(a);
  return ba.max_days && *ba.max_days < bounds(b).min_days;
}

// True if `a` ends on or after `b` whatever the calendar.
bool certainly_not_shorter(const period &a, const period &b) {
  if (a.unit() == b.unit()) return a.count() >= b.count();
  const auto bb = bounds(b);
  return bb.max_days && bounds(a).min_days >= *bb.max_days;
}

failure problem(errc code, std::string_view source, std::string_view path, std::string_view text) {
  return fail(code, fmt::format("{}: {}: {}", source, path, text));
}

std::optional<failure> check_length(const period &p, std::string_view source, std::string_view path) {
  if (p.count() > 0) return std::nullopt;
  return problem(errc::parse_error, source, path, fmt::format("'{}' is not a positive length", p.to_string()));
}

template <class Check>
std::optional<failure> check_points(const std::vector<int> &points, std::string_view source, std::string_view path,
                                    Check check_one) {
  for (std::size_t i = 0; i < points.size(); ++i) {
    const std::string at = fmt::format("{}/{}", path, i);
    if (auto bad = check_one(points[i], at)) return bad;
    if (std::find(points.begin(), points.begin() + static_cast<std::ptrdiff_t>(i), points[i]) !=
        points.begin() + static_cast<std::ptrdiff_t>(i))
      return problem(errc::parse_error, source, at, fmt::format("{} is listed twice", points[i]));
  }
  return std::nullopt;
}

std::optional<failure> check_clock(clock_kind k, const clock_rule &rule, std::string_view source) {
  const std::string base = fmt::format("/clocks/{}", to_string(k));
  if (auto bad = check_length(rule.length, source, base + "/period")) return bad;

  const auto most = bounds(rule.length).max_workdays;
  const bool exact = rule.length.unit() == period_unit::workdays;
  auto workdays_point = [&](int w, const std::string &at) -> std::optional<failure> {
    if (w <= 0) return problem(errc::parse_error, source, at, fmt::format("{} is not a positive number of working days", w));
    // n working days before the due date is the start day itself when n equals the length: no warning
    // there can be of use, so the point must fall strictly inside the clock.
    if (w >= most)
      return problem(errc::invalid_argument, source, at,
                     fmt::format("{} working days before the due date is not after the start of a {} clock{}", w,
                                 rule.length.to_string(), exact ? "" : fmt::format(" (it spans at most {} working days)", most)));
    return std::nullopt;
  };
  if (auto bad = check_points(rule.warnings.workdays_before, source, base + "/warn_workdays_before", workdays_point)) return bad;

  auto percent_point = [&](int p, const std::string &at) -> std::optional<failure> {
    if (p < 1 || p > 99) return problem(errc::parse_error, source, at, fmt::format("{} is not a percentage between 1 and 99", p));
    return std::nullopt;
  };
  return check_points(rule.warnings.elapsed_percent, source, base + "/warn_elapsed_percent", percent_point);
}

} // namespace

std::string_view to_string(clock_kind k) noexcept { return detail::name_of(clock_kind_names, k); }
std::string_view to_string(escalation_trigger t) noexcept { return detail::name_of(trigger_names, t); }
std::string_view to_string(result_scheme s) noexcept { return detail::name_of(scheme_names, s); }
std::string_view to_string(rehandling_cycle c) noexcept { return detail::name_of(cycle_names, c); }

result<clock_kind> parse_clock_kind(std::string_view name) {
  return detail::parse_name<clock_kind>(clock_kind_names, "clock kind", name);
}
result<escalation_trigger> parse_escalation_trigger(std::string_view name) {
  return detail::parse_name<escalation_trigger>(trigger_names, "escalation trigger", name);
}
result<result_scheme> parse_result_scheme(std::string_view name) {
  return detail::parse_name<result_scheme>(scheme_names, "result scheme", name);
}
result<rehandling_cycle> parse_rehandling_cycle(std::string_view name) {
  return detail::parse_name<rehandling_cycle>(cycle_names, "re-handling cycle", name);
}

std::string policy_preset_file(std::string_view preset_name) { return fmt::format("policies/{}.json", preset_name); }

status<> validate(const deadline_policy &policy, std::string_view source) {
  if (policy.name.empty()) return problem(errc::parse_error, source, "/name", "the name is empty");
  for (const clock_kind k : all_clock_kinds)
    if (k != clock_kind::progress_report || policy.progress_reports)
      if (auto bad = check_clock(k, policy.rule(k), source)) return *bad;

  const period &reply = policy.rule(clock_kind::reply).length;
  if (auto bad = check_length(policy.extension_cap, source, "/extension/max_total")) return *bad;
  if (certainly_shorter(policy.extension_cap, reply))
    return problem(
        errc::invalid_argument, source, "/extension/max_total",
        fmt::format("the cap {} is shorter than the reply period {}", policy.extension_cap.to_string(), reply.to_string()));

  // A child item's deadlines end this much before the parent's: a margin as long as the reply would
  // leave the child no time at all.
  if (auto bad = check_length(policy.child_margin, source, "/linkage/child_margin")) return *bad;
  if (certainly_not_shorter(policy.child_margin, reply))
    return problem(
        errc::invalid_argument, source, "/linkage/child_margin",
        fmt::format("the margin {} is not shorter than the reply period {}", policy.child_margin.to_string(), reply.to_string()));
  return ok;
}

} // namespace caseflow
