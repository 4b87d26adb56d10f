// The case model's names, ids and category lists.
#include <caseflow/model.hpp>

#include <caseflow/limits.hpp>

#include "enum_names.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace caseflow {

namespace {

// clang-format off
constexpr std::array<std::string_view, 2> kind_names         = {"deputy_suggestion", "cppcc_proposal"};
constexpr std::array<std::string_view, 3> role_names         = {"lead", "co_handler", "separate"};
constexpr std::array<std::string_view, 4> class_names        = {"A", "B", "C", "D"};
constexpr std::array<std::string_view, 4> satisfaction_names = {"satisfied", "basically_satisfied", "dissatisfied", "no_feedback"};
constexpr std::array<std::string_view, 4> disclosure_names   = {"public_full_text", "public_summary", "on_request", "not_public"};
constexpr std::array<std::string_view, 5> actor_role_names   = {"assigning_office", "unit", "supervising_leader", "principal_leader", "proposer_side"};
// clang-format on

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

} // namespace

std::string_view to_string(case_kind v) noexcept { return detail::name_of(kind_names, v); }
std::string_view to_string(assignment_role v) noexcept { return detail::name_of(role_names, v); }
std::string_view to_string(reply_class v) noexcept { return detail::name_of(class_names, v); }
std::string_view to_string(satisfaction v) noexcept { return detail::name_of(satisfaction_names, v); }
std::string_view to_string(disclosure v) noexcept { return detail::name_of(disclosure_names, v); }
std::string_view to_string(actor_role v) noexcept { return detail::name_of(actor_role_names, v); }

result<case_kind> parse_case_kind(std::string_view t) { return detail::parse_name<case_kind>(kind_names, "case kind", t); }
result<assignment_role> parse_assignment_role(std::string_view t) {
  return detail::parse_name<assignment_role>(role_names, "assignment role", t);
}
result<reply_class> parse_reply_class(std::string_view t) {
  // Written upper case; read in either case, as forms and older documentation write "a".
  if (t.size() == 1 && t[0] >= 'a' && t[0] <= 'd') return static_cast<reply_class>(t[0] - 'a');
  return detail::parse_name<reply_class>(class_names, "reply class", t);
}
result<satisfaction> parse_satisfaction(std::string_view t) {
  return detail::parse_name<satisfaction>(satisfaction_names, "satisfaction", t);
}
result<disclosure> parse_disclosure(std::string_view t) {
  return detail::parse_name<disclosure>(disclosure_names, "disclosure", t);
}
result<actor_role> parse_actor_role(std::string_view t) {
  return detail::parse_name<actor_role>(actor_role_names, "actor role", t);
}

result<case_id> case_id::parse(std::string_view text) {
  // Checked before the text is echoed in a message: a message must itself be printable UTF-8.
  if (auto problem = text_problem(text, text_kind::id)) return fail(errc::parse_error, fmt::format("the case id {}", *problem));
  const auto slash = text.find('/');
  const bool shape_ok = slash != std::string_view::npos && slash > 0 && slash + 1 < text.size() &&
                        text.find('/', slash + 1) == std::string_view::npos && std::none_of(text.begin(), text.end(), is_blank);
  if (!shape_ok)
    return fail(errc::parse_error, fmt::format("'{}' is not a case id (expected SESSION/ITEM, e.g. 16-2/0581)", text));
  return case_id{std::string(text.substr(0, slash)), std::string(text.substr(slash + 1))};
}

std::string case_id::to_string() const { return session + '/' + item; }

std::string actor::describe() const {
  switch (role) {
  case actor_role::assigning_office: return id.empty() ? "assigning office" : fmt::format("assigning office '{}'", id);
  case actor_role::unit: return fmt::format("unit '{}'", id);
  case actor_role::supervising_leader: return id.empty() ? "supervising leader" : fmt::format("supervising leader '{}'", id);
  case actor_role::principal_leader: return id.empty() ? "principal leader" : fmt::format("principal leader '{}'", id);
  case actor_role::proposer_side: return id.empty() ? "proposer side" : fmt::format("proposer side '{}'", id);
  }
  return "unknown actor";
}

category_list category_list::defaults() {
  category_list l;
  l.names_ = {"城建交通", "经济财农", "教科文卫体", "政治法律", "社会事务", "城市管理", "生态环境", "综合"};
  return l;
}

result<category_list> category_list::make(std::vector<std::string> names) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i].empty()) return fail(errc::invalid_argument, fmt::format("category {} is empty", i + 1));
    if (std::find(names.begin(), names.begin() + static_cast<std::ptrdiff_t>(i), names[i]) !=
        names.begin() + static_cast<std::ptrdiff_t>(i))
      return fail(errc::invalid_argument, fmt::format("category '{}' is listed twice", names[i]));
  }
  category_list l;
  l.names_ = std::move(names);
  return l;
}

bool category_list::contains(std::string_view name) const noexcept {
  return std::find(names_.begin(), names_.end(), name) != names_.end();
}

result<std::string> category_list::validate(std::string_view name) const {
  if (contains(name)) return std::string(name);
  return fail(errc::invalid_argument, fmt::format("unknown category '{}' (known: {})", name, fmt::join(names_, ", ")));
}

status<> case_info::validate(const category_list &categories) const {
  const std::string who = id.session.empty() || id.item.empty() ? std::string("case <no id>") : "case " + id.to_string();
  if (auto parsed = case_id::parse(id.to_string()); !parsed)
    return fail(errc::invalid_argument, who + ": " + parsed.error().message);
  const auto bad_text = [&](std::string_view field, std::string_view text, text_kind as) -> std::optional<std::string> {
    if (auto problem = text_problem(text, as)) return fmt::format("{}: field '{}': {}", who, field, *problem);
    return std::nullopt;
  };
  if (auto p = bad_text("title", title, text_kind::title)) return fail(errc::invalid_argument, *p);
  if (title.empty()) return fail(errc::invalid_argument, who + ": the title is empty");
  if (auto p = bad_text("category", category, text_kind::name)) return fail(errc::invalid_argument, *p);
  if (auto p = bad_text("proposers.lead", proposers.lead, text_kind::name)) return fail(errc::invalid_argument, *p);
  if (proposers.lead.empty()) return fail(errc::invalid_argument, who + ": the lead proposer is empty");
  if (proposers.co_signers.size() + 1 > limits::proposers_per_item)
    return fail(errc::invalid_argument,
                fmt::format("{}: field 'proposers': {} proposers, more than limits::proposers_per_item ({})", who,
                            proposers.co_signers.size() + 1, limits::proposers_per_item));
  for (std::size_t i = 0; i < proposers.co_signers.size(); ++i)
    if (auto p = bad_text(fmt::format("proposers.co_signers/{}", i), proposers.co_signers[i], text_kind::name))
      return fail(errc::invalid_argument, *p);
  if (auto p = bad_text("by", registered_by.id, text_kind::id)) return fail(errc::invalid_argument, *p);
  if (!categories.contains(category))
    return fail(errc::invalid_argument, who + ": " + categories.validate(category).error().message);
  return ok;
}

} // namespace caseflow
