// The workflow's named guards, shared by the tables (workflow_table.cpp) and nothing else.
// Internal to the library's sources.
#pragma once

#include <caseflow/workflow.hpp>

namespace caseflow::detail {

// clang-format off
extern const guard not_before_last_event;        // events arrive in time order
extern const guard within_return_window;         // a return request inside the policy's window from assignment
extern const guard first_return_request;         // one return request per assignment
extern const guard new_unit_not_assigned;        // a return is reassigned to a unit not already on the case
extern const guard all_opinions_in;              // every co-handler's opinion is in or waived
extern const guard leader_consultation_held;     // when the policy asks, a leader-led consultation came first
extern const guard leader_consultation_since_still_dissatisfied; // when the policy asks, one after a second dissatisfied rating
extern const guard class_in_scheme;              // D only under the four-class scheme
extern const guard last_outstanding_reply;       // this reply completes the case
extern const guard other_replies_outstanding;    // other units still have to reply
extern const guard extension_reason_given;       // when the policy asks, an extension has a reason
extern const guard extension_requested;          // the office approves only what a unit asked for
extern const guard within_extension_cap;         // an extension ends within the policy's cap from assignment
extern const guard rating_dissatisfied;          // a dissatisfied rating orders re-handling
extern const guard rating_not_dissatisfied;      // any other rating ends the feedback stage
extern const guard feedback_window_passed;       // "no feedback" only once the feedback window has run out
extern const guard publication_undecided;        // the disclosure is decided once
extern const guard publication_decided;          // closure needs the disclosure decision
extern const guard follow_up_due;                // some reply promised work still to do
extern const guard no_follow_up_due;             // nothing promised is open
extern const guard follow_up_solved;             // the second reply reports it solved (class A)
extern const guard last_outstanding_follow_up;   // this second reply ends follow-up
extern const guard other_follow_ups_outstanding; // other units still owe a second reply
extern const guard not_merged;                   // an item is merged into one lead item only
extern const guard not_itself;                   // an item cannot lead itself
extern const guard subject_is_co_handler;        // only co-handlers send (or are spared) opinions
extern const guard own_reply_needs_follow_up;    // the unit's own reply promised work still to do
extern const guard return_pending;               // the unit asked to return the item and the office has not decided
extern const guard not_yet_acknowledged;         // receipt is confirmed once
extern const guard progress_tracked;             // progress reports: key or leader-supervised items, when the policy asks
// clang-format on

/// True when a reply of class `c` must be followed up under `p` (B; also C in the four-class scheme).
bool needs_follow_up(reply_class c, const deadline_policy &p) noexcept;

} // namespace caseflow::detail
