// Which clocks each transition starts, stops or extends, over whole lives: one trace per life.
#include <caseflow/case_clocks.hpp>

#include "support/case_driver.hpp"

#include <gtest/gtest.h>

namespace cf = caseflow;
using namespace cf::testing;
namespace ev = cf::events;
using cf::assignment_role;

namespace {

// Drives a case and records the clock changes of every accepted event.
struct tracer {
  case_driver d;
  std::string trace;
  void pass(const cf::event &e) {
    const cf::case_record before = d.record;
    if (!d.pass(e)) return;
    for (const auto &c : cf::clock_changes(before, d.record))
      trace += cf::to_string(c) + "\n";
  }
};

} // namespace

TEST(case_clocks, lead_and_co_handler_life_with_extension) {
  tracer t;
  t.pass(ev::register_case(office(), at(2024, 3, 1)));
  t.pass(ev::assign(office(), at(2024, 3, 15), {{"minhang", assignment_role::lead}, {"xuhui", assignment_role::co_handler}}));
  t.pass(ev::acknowledge(unit("minhang"), at(2024, 3, 18)));
  t.pass(ev::acknowledge(unit("xuhui"), at(2024, 3, 18)));
  t.pass(ev::submit_opinion(unit("xuhui"), at(2024, 4, 8)));
  t.pass(ev::request_extension(unit("minhang"), at(2024, 5, 20), cf::date(2024, 7, 31), "site survey"));
  t.pass(ev::approve_extension(office(), at(2024, 5, 21), "minhang", cf::date(2024, 7, 31)));
  t.pass(ev::record_consultation(unit("minhang"), at(2024, 6, 3), true));
  t.pass(ev::reply(unit("minhang"), at(2024, 7, 15), cf::reply_class::a));
  t.pass(ev::decide_publication(unit("minhang"), at(2024, 7, 20), cf::disclosure::public_full_text));
  t.pass(ev::record_feedback(office(), at(2024, 8, 1), cf::satisfaction::satisfied));
  t.pass(ev::close(office(), at(2024, 8, 2)));
  EXPECT_EQ(t.trace, "start case 16-2/0581 unit minhang return_request cycle 1 on 2024-03-15\n"
                     "start case 16-2/0581 unit minhang reply cycle 1 on 2024-03-15\n"
                     "start case 16-2/0581 unit xuhui return_request cycle 1 on 2024-03-15\n"
                     "start case 16-2/0581 unit xuhui co_handler_opinion cycle 1 on 2024-03-15\n"
                     "stop case 16-2/0581 unit xuhui co_handler_opinion cycle 1 on 2024-04-08\n"
                     "extend case 16-2/0581 unit minhang reply cycle 1 to 2024-07-31 on 2024-05-21\n"
                     "stop case 16-2/0581 unit minhang reply cycle 1 on 2024-07-15\n"
                     "start case 16-2/0581 feedback cycle 1 on 2024-07-15\n"
                     "start case 16-2/0581 publication_decision cycle 1 on 2024-07-15\n"
                     "stop case 16-2/0581 publication_decision cycle 1 on 2024-07-20\n"
                     "stop case 16-2/0581 feedback cycle 1 on 2024-08-01\n"
                     "end every clock of case 16-2/0581 on 2024-08-02\n");
}

TEST(case_clocks, return_and_reassignment_then_rehandling) {
  tracer t;
  t.pass(ev::register_case(office(), at(2024, 3, 1)));
  t.pass(ev::assign(office(), at(2024, 3, 15), {{"xuhui", assignment_role::lead}}));
  t.pass(ev::acknowledge(unit("xuhui"), at(2024, 3, 18)));
  t.pass(ev::request_return(unit("xuhui"), at(2024, 3, 19), "not our remit"));
  t.pass(ev::approve_return(office(), at(2024, 3, 20), "xuhui", "minhang"));
  t.pass(ev::acknowledge(unit("minhang"), at(2024, 3, 21)));
  t.pass(ev::record_consultation(unit("minhang"), at(2024, 4, 8), true));
  t.pass(ev::reply(unit("minhang"), at(2024, 5, 15), cf::reply_class::c));
  t.pass(ev::record_feedback(actor_proposer(), at(2024, 6, 3), cf::satisfaction::dissatisfied));
  t.pass(ev::reply(unit("minhang"), at(2024, 6, 28), cf::reply_class::a));
  EXPECT_EQ(t.trace, "start case 16-2/0581 unit xuhui return_request cycle 1 on 2024-03-15\n"
                     "start case 16-2/0581 unit xuhui reply cycle 1 on 2024-03-15\n"
                     "stop case 16-2/0581 unit xuhui return_request cycle 1 on 2024-03-19\n"
                     "end case 16-2/0581 unit xuhui reply cycle 1 on 2024-03-20\n"
                     "start case 16-2/0581 unit minhang return_request cycle 1 on 2024-03-20\n"
                     "start case 16-2/0581 unit minhang reply cycle 1 on 2024-03-20\n"
                     "stop case 16-2/0581 unit minhang reply cycle 1 on 2024-05-15\n"
                     "start case 16-2/0581 feedback cycle 1 on 2024-05-15\n"
                     "start case 16-2/0581 publication_decision cycle 1 on 2024-05-15\n"
                     "stop case 16-2/0581 feedback cycle 1 on 2024-06-03\n"
                     "start case 16-2/0581 unit minhang rehandling_reply cycle 2 on 2024-06-03\n"
                     "stop case 16-2/0581 unit minhang rehandling_reply cycle 2 on 2024-06-28\n"
                     "start case 16-2/0581 feedback cycle 2 on 2024-06-28\n");
}
