// identity: whether the sender of an event is who it may be, read off the organisation chart and the
// proposer registry. The case book asks it in front of the workflow, whose role rules (workflow.hpp: a
// co-handler may not reply, a unit may not approve a return) stay as they are.
//
// Trusting mode. A book without an organisation chart takes senders as given: an actor is a role and a
// free-text id, and only the role is checked (by the workflow). That is how books ran before the chart
// checked identities, and what a host embedding caseflow behind its own authentication may want.
//
// With a chart, every sender is looked up by id (hashed) and must be a node of the kind its role names:
//   assigning office    an office of the chart, and the item's office: the office that registered it
//                       (case_info::registered_by), or for items registered without naming a sender the
//                       office that sent register_case (the first office to act); every office event on the
//                       item after that must come from it (a chart has one office per government, so this
//                       is also "its government's office");
//   unit                a unit of the chart that is on the item (assigned and not returned); the workflow
//                       then checks that its role there permits the event;
//   supervising leader  a supervising leader of the chart who supervises a unit on the item;
//   principal leader    a principal leader of the chart whose government a unit on the item belongs to, or
//                       is (a district's mayor on a city item the district handles);
//   proposer side       with a registry: one of the item's proposers or one of their liaisons; without a
//                       registry the proposer side is trusted (the chart knows no proposers).
// Units an office decision names (assign, approve_return's new unit, the unit of refuse_return,
// waive_opinion, approve_extension) must be units of the chart. A registration that names its sender
// must name an office of the chart; one that names none (the trusting default, as journals written
// before registrations carried their sender) is accepted, and its item's office is fixed by register_case.
//
// With a registry, feedback is the proposer's: record_feedback carrying a rating is accepted only from the
// proposer side sent as one of the item's proposers or their liaison; the office may still record
// no_feedback when the window has passed, and a registration's proposers must be in the registry with a
// kind that makes items of its kind (deputies suggestions, members and groups CPPCC proposals).
//
// Every refusal is errc::not_permitted (errc::not_found for a named unit the chart does not know) with a
// message naming the case, the event and the sender:
//     "case 16-2/0581: acknowledge by unit 'mh-jw': unit is not on the item".
// Cost: lookups by id, plus a walk over the item's units (at most limits::units_per_item).
#pragma once

#include <caseflow/model.hpp>
#include <caseflow/org.hpp>
#include <caseflow/registry.hpp>
#include <caseflow/workflow.hpp>

#include <optional>
#include <string_view>

namespace caseflow {

/// What identities are checked against: a chart, and optionally a registry (both borrowed).
struct identity_context {
  const org_chart &chart;
  const registry *proposers = nullptr;
};

/// Why `e` may not be sent by `e.by` on `c`, or empty when the sender is who it may be.
std::optional<rejection> identity_refusal(const case_record &c, const event &e, const identity_context &ctx);

/// Why a registration may not be made as given: a named sender that is not an office of the chart, or
/// (with a registry) a proposer the registry does not know or of the wrong kind. Empty when it may.
std::optional<rejection> registration_refusal(const case_info &info, const identity_context &ctx);

/// The id of the office an item belongs to: the office that registered it, else the office that sent its
/// first office event; empty when no office has acted on it yet.
std::string_view item_office(const case_record &c) noexcept;

} // namespace caseflow
