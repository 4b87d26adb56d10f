// Rules the case book checks because one case's workflow cannot: a merge looks at the lead item, and a
// unit marking an item difficult must be one handling it. Each rule is a named check with the reason it
// refuses; the first failure is the answer and nothing is changed.
#include "casebook_state.hpp"

#include <algorithm>

namespace caseflow {

namespace {

struct merge_input {
  const case_record &item;
  const event &e;
  const std::map<case_id, case_record> &cases;
  const case_record *lead; // nullptr when the lead item is not in the book
};

struct merge_rule {
  std::string_view name;
  errc code;
  bool (*check)(const merge_input &);
  std::string (*explain)(const merge_input &);
};

// A lead item can take a merged item only while it is still handled together with it: before its reply.
bool can_carry(case_state s) { return s == case_state::registered || s == case_state::handling; }

bool carries_others(const merge_input &in) {
  return std::any_of(in.cases.begin(), in.cases.end(),
                     [&](const auto &entry) { return entry.second.merged_into == in.item.info.id; });
}

// clang-format off
const merge_rule merge_rules[] = {
  {"lead_item_in_book", errc::not_found,
   [](const merge_input &in) { return in.lead != nullptr; },
   [](const merge_input &in) { return fmt::format("lead item {} is not in the book", in.e.lead_item.to_string()); }},
  {"lead_item_not_merged", errc::guard_failed,
   [](const merge_input &in) { return !in.lead->merged_into.has_value(); },
   [](const merge_input &in) { return fmt::format("lead item {} is itself merged into {}", in.e.lead_item.to_string(),
                                                  in.lead->merged_into->to_string()); }},
  {"lead_item_can_carry", errc::guard_failed,
   [](const merge_input &in) { return can_carry(in.lead->state); },
   [](const merge_input &in) { return fmt::format("lead item {} is {}: only a registered item or one in handling takes merged items",
                                                  in.e.lead_item.to_string(), to_string(in.lead->state)); }},
  {"carries_no_merged_items", errc::guard_failed,
   [](const merge_input &in) { return !carries_others(in); },
   [](const merge_input &in) { return fmt::format("other items are merged into {}: it stays their lead item",
                                                  in.item.info.id.to_string()); }},
};
// clang-format on

// The states in which an item is being handled, and so may be marked difficult.
bool being_handled(case_state s) { return s == case_state::handling || s == case_state::rehandling; }

} // namespace

std::optional<rejection> book_detail::merge_refusal(const case_record &item, const event &e,
                                                    const std::map<case_id, case_record> &cases) {
  if (e.type != event_type::merge) return std::nullopt;
  const auto it = cases.find(e.lead_item);
  const merge_input in{item, e, cases, it == cases.end() ? nullptr : &it->second};
  for (const auto &rule : merge_rules)
    if (!rule.check(in))
      return rejection{rule.code, rule.code == errc::guard_failed ? std::string(rule.name) : std::string(),
                       fmt::format("case {}: {} may not merge: {}: {}", item.info.id.to_string(), e.by.describe(), rule.name,
                                   rule.explain(in))};
  return std::nullopt;
}

std::optional<rejection> book_detail::mark_refusal(const case_record &item, const escalation_input &in) {
  if (in.kind != escalation_input_kind::trigger || in.trigger != escalation_trigger::marked_difficult) return std::nullopt;
  const std::string id = item.info.id.to_string();
  if (!being_handled(item.state))
    return rejection{errc::invalid_state,
                     {},
                     fmt::format("case {}: the item may not be marked difficult in state {}: only while it is being handled", id,
                                 to_string(item.state))};
  for (const auto &unit : in.units)
    if (!item.find_unit(unit))
      return rejection{errc::not_permitted,
                       {},
                       fmt::format("case {}: unit '{}' may not mark the item difficult: it does not handle the item", id, unit)};
  return std::nullopt;
}

} // namespace caseflow
