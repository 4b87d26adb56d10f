// The identity rules of identity.hpp: one row per sender role - the kind of chart node it must be and
// the named rule that ties it to the item - and the checks of the units an office decision names.
#include <caseflow/identity.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <string>

namespace caseflow {

namespace {

struct identity_input {
  const case_record &record;
  const event &e;
  const identity_context &ctx;
  const org_node *node; // the sender's chart node (nullptr for the proposer side)
};

bool active(const unit_assignment &u) { return u.state != unit_state::returned; }

template <class F> bool any_unit(const case_record &c, F f) {
  return std::any_of(c.units.begin(), c.units.end(), [&](const unit_assignment &u) { return active(u) && f(u); });
}

// ---- The rules tying a sender to the item. Each says whether it holds and, if not, why.

bool is_item_office(const identity_input &in) {
  const std::string_view office = item_office(in.record);
  return office.empty() || office == in.node->id;
}
std::string not_item_office(const identity_input &in) {
  return fmt::format("the item belongs to office '{}'", item_office(in.record));
}

bool on_item(const identity_input &in) { return in.record.find_unit(in.node->id) != nullptr; }
std::string not_on_item(const identity_input &) { return "unit is not on the item"; }

bool supervises_a_unit(const identity_input &in) {
  return any_unit(in.record, [&](const unit_assignment &u) {
    auto leader = in.ctx.chart.supervising_leader(u.unit);
    return leader && *leader == in.node;
  });
}
std::string supervises_none(const identity_input &) { return "the leader supervises no unit on the item"; }

bool principal_of_item(const identity_input &in) {
  auto own = in.ctx.chart.government(in.node->id);
  if (!own) return false;
  return any_unit(in.record, [&](const unit_assignment &u) {
    if (u.unit == (*own)->id) return true; // the government itself handles the item
    auto gov = in.ctx.chart.government(u.unit);
    return gov && *gov == *own;
  });
}
std::string principal_elsewhere(const identity_input &in) {
  auto own = in.ctx.chart.government(in.node->id);
  return fmt::format("no unit on the item belongs to the leader's government{}",
                     own ? fmt::format(" '{}'", (*own)->id) : std::string());
}

struct role_rule {
  actor_role role;
  org_node_kind kind;
  bool principal; // leaders: which of the two leader roles
  std::string_view role_name;
  bool (*holds)(const identity_input &);
  std::string (*explain)(const identity_input &);
};

// clang-format off
const role_rule role_rules[] = {
  // role                            node kind                principal  the kind, in messages    rule
  {actor_role::assigning_office,    org_node_kind::office,   false,     "an office",             &is_item_office,    &not_item_office},
  {actor_role::unit,                org_node_kind::unit,     false,     "a unit",                &on_item,           &not_on_item},
  {actor_role::supervising_leader,  org_node_kind::leader,   false,     "a supervising leader",  &supervises_a_unit, &supervises_none},
  {actor_role::principal_leader,    org_node_kind::leader,   true,      "a principal leader",    &principal_of_item, &principal_elsewhere},
};
// clang-format on

std::string what_node_is(const org_node &n) {
  switch (n.kind) {
  case org_node_kind::office: return "an office";
  case org_node_kind::unit: return "a unit";
  case org_node_kind::leader: return n.is_principal() ? "a principal leader" : "a supervising leader";
  }
  return "a node";
}

rejection refused(const case_record &c, const event &e, errc code, std::string_view why) {
  return rejection{
      code, {}, fmt::format("case {}: {} by {}: {}", c.info.id.to_string(), to_string(e.type), e.by.describe(), why)};
}

// The units an office decision names, which must be units of the chart.
std::optional<rejection> named_unit_refusal(const case_record &c, const event &e, const org_chart &chart) {
  const auto check = [&](std::string_view field, const std::string &unit) -> std::optional<rejection> {
    if (unit.empty()) return std::nullopt; // the workflow says what is missing
    const org_node *n = chart.find(unit);
    if (!n)
      return refused(c, e, errc::not_found, fmt::format("field '{}': unit '{}' is not on the organisation chart", field, unit));
    if (!n->is_unit())
      return refused(c, e, errc::not_found,
                     fmt::format("field '{}': '{}' is {} on the organisation chart, not a unit", field, unit, what_node_is(*n)));
    return std::nullopt;
  };
  for (std::size_t i = 0; i < e.units.size(); ++i)
    if (auto r = check(fmt::format("units/{}", i), e.units[i].unit)) return r;
  if (auto r = check("unit", e.unit)) return r;
  if (auto r = check("new_unit", e.new_unit)) return r;
  return std::nullopt;
}

// With a registry: the proposer side is one of the item's proposers or their liaison.
bool speaks_for_item(const case_record &c, const registry &reg, std::string_view sender) {
  const auto speaks_for = [&](const std::string &name) {
    const proposer_entry *p = reg.find_proposer(name);
    return p && reg.may_record_for(*p, sender);
  };
  return speaks_for(c.info.proposers.lead) ||
         std::any_of(c.info.proposers.co_signers.begin(), c.info.proposers.co_signers.end(), speaks_for);
}

} // namespace

std::string_view item_office(const case_record &c) noexcept {
  if (c.info.registered_by.role == actor_role::assigning_office && !c.info.registered_by.id.empty())
    return c.info.registered_by.id;
  // A view into the history itself: its entries are values made on reading.
  for (std::size_t i = 0; i < c.history.size(); ++i)
    if (c.history.sender_role_code(i) == static_cast<std::uint8_t>(actor_role::assigning_office)) return c.history.sender_id(i);
  return {};
}

std::optional<rejection> identity_refusal(const case_record &c, const event &e, const identity_context &ctx) {
  if (e.by.role == actor_role::proposer_side) {
    if (!ctx.proposers) return std::nullopt; // the chart knows no proposers: trusted
    if (!speaks_for_item(c, *ctx.proposers, e.by.id))
      return refused(c, e, errc::not_permitted,
                     fmt::format("'{}' is neither a proposer of the item nor their liaison in registry '{}'", e.by.id,
                                 ctx.proposers->source_name()));
    return std::nullopt;
  }
  const auto rule =
      std::find_if(std::begin(role_rules), std::end(role_rules), [&](const role_rule &r) { return r.role == e.by.role; });
  if (rule == std::end(role_rules)) return refused(c, e, errc::not_permitted, "unknown sender role");
  if (e.by.id.empty())
    return refused(c, e, errc::not_permitted,
                   fmt::format("with an organisation chart a sender names its id ({} of chart '{}')", rule->role_name,
                               ctx.chart.name().empty() ? ctx.chart.source_name() : ctx.chart.name()));
  const org_node *node = ctx.chart.find(e.by.id);
  if (!node) return refused(c, e, errc::not_permitted, fmt::format("'{}' is not on the organisation chart", e.by.id));
  const bool right_kind =
      node->kind == rule->kind && (rule->kind != org_node_kind::leader || node->is_principal() == rule->principal);
  if (!right_kind)
    return refused(c, e, errc::not_permitted,
                   fmt::format("'{}' is {} on the organisation chart, not {}", e.by.id, what_node_is(*node), rule->role_name));
  const identity_input in{c, e, ctx, node};
  if (!rule->holds(in)) return refused(c, e, errc::not_permitted, rule->explain(in));
  // A rating is the proposer's to give (the office records only that none came).
  if (ctx.proposers && e.type == event_type::record_feedback && e.rating != satisfaction::no_feedback)
    return refused(c, e, errc::not_permitted,
                   fmt::format("a rating is recorded by the proposer or their liaison (registry '{}'); the office records "
                               "only no_feedback",
                               ctx.proposers->source_name()));
  if (e.by.role == actor_role::assigning_office) return named_unit_refusal(c, e, ctx.chart);
  return std::nullopt;
}

std::optional<rejection> registration_refusal(const case_info &info, const identity_context &ctx) {
  const std::string id = info.id.to_string();
  const actor &by = info.registered_by;
  const auto refuse = [&](std::string why) {
    return rejection{errc::not_permitted, {}, fmt::format("case {}: registration by {}: {}", id, by.describe(), why)};
  };
  if (!(by == actor{})) {
    if (by.role != actor_role::assigning_office) return refuse("items are registered by an office");
    const org_node *node = ctx.chart.find(by.id);
    if (!node) return refuse(fmt::format("'{}' is not on the organisation chart", by.id));
    if (node->kind != org_node_kind::office)
      return refuse(fmt::format("'{}' is {} on the organisation chart, not an office", by.id, what_node_is(*node)));
  }
  if (ctx.proposers) {
    const auto known = [&](std::string_view field, const std::string &name) -> std::optional<rejection> {
      const proposer_entry *p = ctx.proposers->find_proposer(name);
      if (!p)
        return refuse(fmt::format("field '{}': '{}' is not a proposer in registry '{}' (or the name is shared: give the id)",
                                  field, name, ctx.proposers->source_name()));
      if (!makes(p->kind, info.kind))
        return refuse(fmt::format("field '{}': '{}' is a {} and does not make a {}", field, name, to_string(p->kind),
                                  to_string(info.kind)));
      return std::nullopt;
    };
    if (auto r = known("proposers.lead", info.proposers.lead)) return r;
    for (std::size_t i = 0; i < info.proposers.co_signers.size(); ++i)
      if (auto r = known(fmt::format("proposers.co_signers/{}", i), info.proposers.co_signers[i])) return r;
  }
  return std::nullopt;
}

} // namespace caseflow
