// The transition tables of the case machine and of each unit's assignment machine. One row per line:
// from + event [guards] (who may send it) = to. Read them as the policy they implement; workflow.cpp
// only looks rows up and applies the event's effects, and workflow_graph.cpp draws and checks them.
#include "workflow_guards.hpp"

namespace caseflow {

namespace {

using cs = case_state;
using us = unit_state;
using ev = event_type;

constexpr sender_set O = sender::office;
constexpr sender_set L = sender::lead_unit;
constexpr sender_set C = sender::co_handler_unit;
constexpr sender_set S = sender::separate_unit;
constexpr sender_set SL = sender::supervising_leader;
constexpr sender_set PL = sender::principal_leader;
constexpr sender_set P = sender::proposer_side;

namespace g = detail;

// Guards every row of the same (from, event) shares are listed on each, so that each row reads alone.
// clang-format off
const case_transition case_rows[] = {
  // from                  event                     who                 guards                                                                          to
  {cs::received,          ev::register_case,        O,                  {},                                                                             cs::registered},
  {cs::registered,        ev::assign,               O,                  {},                                                                             cs::handling},
  {cs::registered,        ev::merge,                O,                  {&g::not_merged, &g::not_itself},                                               cs::registered},
  {cs::handling,          ev::acknowledge,          L | C | S,          {},                                                                             cs::handling},
  {cs::handling,          ev::request_return,       L | C | S,          {&g::within_return_window, &g::first_return_request},                           cs::handling},
  {cs::handling,          ev::approve_return,       O,                  {&g::new_unit_not_assigned},                                                    cs::handling},
  {cs::handling,          ev::refuse_return,        O,                  {},                                                                             cs::handling},
  {cs::handling,          ev::submit_opinion,       C,                  {},                                                                             cs::handling},
  {cs::handling,          ev::waive_opinion,        O,                  {},                                                                             cs::handling},
  {cs::handling,          ev::record_dispute,       O | L | C,          {},                                                                             cs::handling},
  {cs::handling,          ev::record_consultation,  O | L | S | SL | PL, {},                                                                            cs::handling},
  {cs::handling,          ev::request_extension,    L | S,              {&g::extension_reason_given},                                                   cs::handling},
  {cs::handling,          ev::approve_extension,    O,                  {&g::extension_requested, &g::within_extension_cap},                            cs::handling},
  {cs::handling,          ev::reply,                L,                  {&g::all_opinions_in, &g::leader_consultation_held, &g::class_in_scheme},       cs::replied},
  {cs::handling,          ev::reply,                S,                  {&g::leader_consultation_held, &g::class_in_scheme, &g::last_outstanding_reply}, cs::replied},
  {cs::handling,          ev::reply,                S,                  {&g::leader_consultation_held, &g::class_in_scheme, &g::other_replies_outstanding}, cs::handling},
  {cs::handling,          ev::merge,                O,                  {&g::not_merged, &g::not_itself},                                               cs::handling},
  {cs::handling,          ev::report_progress,      L | S,              {&g::progress_tracked},                                                         cs::handling},
  {cs::replied,           ev::record_feedback,      O | P,              {&g::rating_not_dissatisfied, &g::feedback_window_passed},                      cs::feedback_received},
  {cs::replied,           ev::record_feedback,      O | P,              {&g::rating_dissatisfied},                                                      cs::rehandling},
  {cs::replied,           ev::decide_publication,   O | L | S,          {&g::publication_undecided},                                                    cs::replied},
  {cs::replied,           ev::record_consultation,  O | L | S | SL | PL, {},                                                                            cs::replied},
  {cs::rehandling,        ev::record_consultation,  O | L | S | SL | PL, {},                                                                            cs::rehandling},
  {cs::rehandling,        ev::reply,                L,                  {&g::leader_consultation_since_still_dissatisfied, &g::class_in_scheme},       cs::replied},
  {cs::rehandling,        ev::reply,                S,                  {&g::leader_consultation_since_still_dissatisfied, &g::class_in_scheme, &g::last_outstanding_reply}, cs::replied},
  {cs::rehandling,        ev::reply,                S,                  {&g::leader_consultation_since_still_dissatisfied, &g::class_in_scheme, &g::other_replies_outstanding}, cs::rehandling},
  {cs::rehandling,        ev::decide_publication,   O | L | S,          {&g::publication_undecided},                                                    cs::rehandling},
  {cs::feedback_received, ev::decide_publication,   O | L | S,          {&g::publication_undecided},                                                    cs::feedback_received},
  {cs::feedback_received, ev::close,                O,                  {&g::publication_decided, &g::no_follow_up_due},                                cs::closed},
  {cs::feedback_received, ev::close,                O,                  {&g::publication_decided, &g::follow_up_due},                                   cs::following_up},
  {cs::following_up,      ev::record_consultation,  O | L | S | SL | PL, {},                                                                            cs::following_up},
  {cs::following_up,      ev::follow_up_reply,      L | S,              {&g::follow_up_solved, &g::last_outstanding_follow_up},                         cs::closed},
  {cs::following_up,      ev::follow_up_reply,      L | S,              {&g::follow_up_solved, &g::other_follow_ups_outstanding},                       cs::following_up},
};

const unit_transition unit_rows[] = {
  // from                  event                   guards                                                    to                     by_case
  {us::pending,           ev::acknowledge,        {},                                                       us::acknowledged,      false},
  {us::pending,           ev::request_return,     {},                                                       us::return_requested,  false},
  {us::pending,           ev::waive_opinion,      {&g::subject_is_co_handler},                              us::opinion_waived,    false},
  {us::acknowledged,      ev::request_return,     {},                                                       us::return_requested,  false},
  {us::acknowledged,      ev::submit_opinion,     {},                                                       us::opinion_submitted, false},
  {us::acknowledged,      ev::waive_opinion,      {&g::subject_is_co_handler},                              us::opinion_waived,    false},
  {us::acknowledged,      ev::request_extension,  {},                                                       us::acknowledged,      false},
  {us::acknowledged,      ev::approve_extension,  {},                                                       us::acknowledged,      false},
  {us::acknowledged,      ev::reply,              {},                                                       us::replied,           false},
  // While the office decides on a return, the unit goes on handling (DOMAIN §2). What it did stays if the
  // return is approved; its obligations go to the new unit, which starts its own clocks.
  {us::return_requested,  ev::approve_return,     {},                                                       us::returned,          false},
  {us::return_requested,  ev::refuse_return,      {},                                                       us::acknowledged,      false},
  {us::return_requested,  ev::acknowledge,        {&g::not_yet_acknowledged},                               us::return_requested,  false},
  {us::return_requested,  ev::submit_opinion,     {},                                                       us::opinion_submitted, false},
  {us::return_requested,  ev::request_extension,  {},                                                       us::return_requested,  false},
  {us::return_requested,  ev::approve_extension,  {},                                                       us::return_requested,  false},
  {us::return_requested,  ev::reply,              {},                                                       us::replied,           false},
  {us::return_requested,  ev::report_progress,    {},                                                       us::return_requested,  false},
  {us::acknowledged,      ev::report_progress,    {},                                                       us::acknowledged,      false},
  {us::opinion_submitted, ev::approve_return,     {&g::return_pending},                                     us::returned,          false},
  {us::opinion_submitted, ev::refuse_return,      {&g::return_pending},                                     us::opinion_submitted, false},
  {us::replied,           ev::approve_return,     {&g::return_pending},                                     us::returned,          false},
  {us::replied,           ev::refuse_return,      {&g::return_pending},                                     us::replied,           false},
  {us::replied,           ev::record_feedback,    {},                                                       us::rehandling,        true},
  {us::rehandling,        ev::reply,              {},                                                       us::replied,           false},
  {us::replied,           ev::follow_up_reply,    {&g::own_reply_needs_follow_up},                          us::follow_up_replied, false},
};
// clang-format on

} // namespace

std::span<const case_transition> case_transitions() noexcept { return case_rows; }
std::span<const unit_transition> unit_transitions() noexcept { return unit_rows; }

} // namespace caseflow
