// Whole lives of cases, one scenario per stage of DOMAIN.md section 2. Each drives a case through the
// public API and compares its whole recorded history with the expected trace in one assertion, so a
// change anywhere shows as a readable diff.
#include <caseflow/workflow.hpp>

#include "support/case_driver.hpp"

#include <gtest/gtest.h>

namespace cf = caseflow;
using namespace cf::testing;
namespace ev = cf::events;
using cf::assignment_role;
using cf::reply_class;

namespace {

// Office, registered 2024-03-01 and assigned 2024-03-15 (a Friday), to the units given.
void register_and_assign(case_driver &d, std::vector<cf::unit_assignment_spec> units) {
  d.pass(ev::register_case(office(), at(2024, 3, 1)));
  d.pass(ev::assign(office(), at(2024, 3, 15), std::move(units)));
}

TEST(scenario, lead_with_two_co_handlers_one_late_opinion_and_one_waiver) {
  case_driver d;
  register_and_assign(
      d, {{"minhang", assignment_role::lead}, {"xuhui", assignment_role::co_handler}, {"pudong", assignment_role::co_handler}});
  d.pass(ev::acknowledge(unit("minhang"), at(2024, 3, 18)));
  d.pass(ev::acknowledge(unit("xuhui"), at(2024, 3, 18, 10)));
  d.pass(ev::acknowledge(unit("pudong"), at(2024, 3, 19)));
  d.pass(ev::record_consultation(unit("minhang"), at(2024, 4, 10), true));
  EXPECT_EQ(d.refuse(ev::reply(unit("minhang"), at(2024, 4, 12), reply_class::a)).guard, "all_opinions_in");
  d.pass(ev::submit_opinion(unit("xuhui"), at(2024, 4, 22))); // due 2024-04-15: late, but still taken
  d.pass(ev::waive_opinion(office(), at(2024, 4, 23), "pudong", "no opinion after two reminders"));
  d.pass(ev::reply(unit("minhang"), at(2024, 5, 20), reply_class::a));
  d.pass(ev::decide_publication(unit("minhang"), at(2024, 5, 28), cf::disclosure::public_full_text));
  d.pass(ev::record_feedback(office(), at(2024, 6, 11), cf::satisfaction::satisfied));
  d.pass(ev::close(office(), at(2024, 6, 12)));
  EXPECT_EQ(cf::format_history(d.record),
            "2024-03-01 09:00:00 assigning office 'sh-office' register_case -> registered\n"
            "2024-03-15 09:00:00 assigning office 'sh-office' assign units=minhang:lead,xuhui:co_handler,pudong:co_handler "
            "-> handling\n"
            "2024-03-18 09:00:00 unit 'minhang' acknowledge -> handling\n"
            "2024-03-18 10:00:00 unit 'xuhui' acknowledge -> handling\n"
            "2024-03-19 09:00:00 unit 'pudong' acknowledge -> handling\n"
            "2024-04-10 09:00:00 unit 'minhang' record_consultation leader_led -> handling\n"
            "2024-04-22 09:00:00 unit 'xuhui' submit_opinion -> handling\n"
            "2024-04-23 09:00:00 assigning office 'sh-office' waive_opinion unit=pudong reason=\"no opinion after two "
            "reminders\" -> handling\n"
            "2024-05-20 09:00:00 unit 'minhang' reply class=A -> replied\n"
            "2024-05-28 09:00:00 unit 'minhang' decide_publication decision=public_full_text -> replied\n"
            "2024-06-11 09:00:00 assigning office 'sh-office' record_feedback rating=satisfied -> feedback_received\n"
            "2024-06-12 09:00:00 assigning office 'sh-office' close -> closed\n");
}

TEST(scenario, separate_handling_by_two_units_replies_when_both_have) {
  case_driver d;
  register_and_assign(d, {{"minhang", assignment_role::separate}, {"xuhui", assignment_role::separate}});
  d.pass(ev::acknowledge(unit("minhang"), at(2024, 3, 18)));
  d.pass(ev::acknowledge(unit("xuhui"), at(2024, 3, 18)));
  d.pass(ev::record_consultation(unit("xuhui"), at(2024, 4, 2), true));
  d.pass(ev::reply(unit("minhang"), at(2024, 5, 8), reply_class::a));
  EXPECT_EQ(d.record.state, cf::case_state::handling);
  d.pass(ev::reply(unit("xuhui"), at(2024, 5, 30), reply_class::c));
  d.pass(ev::record_feedback(office(), at(2024, 6, 20), cf::satisfaction::basically_satisfied));
  d.pass(ev::decide_publication(office(), at(2024, 6, 21), cf::disclosure::public_summary));
  d.pass(ev::close(office(), at(2024, 6, 24)));
  EXPECT_EQ(cf::format_history(d.record),
            "2024-03-01 09:00:00 assigning office 'sh-office' register_case -> registered\n"
            "2024-03-15 09:00:00 assigning office 'sh-office' assign units=minhang:separate,xuhui:separate -> handling\n"
            "2024-03-18 09:00:00 unit 'minhang' acknowledge -> handling\n"
            "2024-03-18 09:00:00 unit 'xuhui' acknowledge -> handling\n"
            "2024-04-02 09:00:00 unit 'xuhui' record_consultation leader_led -> handling\n"
            "2024-05-08 09:00:00 unit 'minhang' reply class=A -> handling\n"
            "2024-05-30 09:00:00 unit 'xuhui' reply class=C -> replied\n"
            "2024-06-20 09:00:00 assigning office 'sh-office' record_feedback rating=basically_satisfied -> feedback_received\n"
            "2024-06-21 09:00:00 assigning office 'sh-office' decide_publication decision=public_summary -> feedback_received\n"
            "2024-06-24 09:00:00 assigning office 'sh-office' close -> closed\n");
}

TEST(scenario, dissatisfied_leads_to_rehandling_then_satisfied) {
  case_driver d;
  register_and_assign(d, {{"minhang", assignment_role::lead}});
  d.pass(ev::acknowledge(unit("minhang"), at(2024, 3, 18)));
  d.pass(ev::record_consultation(unit("minhang"), at(2024, 4, 8), true));
  d.pass(ev::reply(unit("minhang"), at(2024, 5, 15), reply_class::c));
  d.pass(ev::record_feedback(actor_proposer(), at(2024, 6, 3), cf::satisfaction::dissatisfied));
  EXPECT_EQ(d.record.units[0].state, cf::unit_state::rehandling);
  d.pass(ev::record_consultation(actor_leader(), at(2024, 6, 12), true));
  d.pass(ev::reply(unit("minhang"), at(2024, 6, 28), reply_class::a));
  d.pass(ev::record_feedback(office(), at(2024, 7, 8), cf::satisfaction::satisfied));
  d.pass(ev::decide_publication(unit("minhang"), at(2024, 7, 9), cf::disclosure::public_full_text));
  d.pass(ev::close(office(), at(2024, 7, 10)));
  EXPECT_EQ(d.record.cycle, 2);
  EXPECT_EQ(d.record.units[0].replies, 2);
  EXPECT_EQ(cf::format_history(d.record),
            "2024-03-01 09:00:00 assigning office 'sh-office' register_case -> registered\n"
            "2024-03-15 09:00:00 assigning office 'sh-office' assign units=minhang:lead -> handling\n"
            "2024-03-18 09:00:00 unit 'minhang' acknowledge -> handling\n"
            "2024-04-08 09:00:00 unit 'minhang' record_consultation leader_led -> handling\n"
            "2024-05-15 09:00:00 unit 'minhang' reply class=C -> replied\n"
            "2024-06-03 09:00:00 proposer side '张明' record_feedback rating=dissatisfied -> rehandling\n"
            "2024-06-12 09:00:00 supervising leader 'minhang-deputy-head' record_consultation leader_led -> rehandling\n"
            "2024-06-28 09:00:00 unit 'minhang' reply class=A -> replied\n"
            "2024-07-08 09:00:00 assigning office 'sh-office' record_feedback rating=satisfied -> feedback_received\n"
            "2024-07-09 09:00:00 unit 'minhang' decide_publication decision=public_full_text -> feedback_received\n"
            "2024-07-10 09:00:00 assigning office 'sh-office' close -> closed\n");
}

TEST(scenario, still_dissatisfied_after_rehandling_needs_a_leader_led_consultation_before_the_next_reply) {
  case_driver d;
  register_and_assign(d, {{"minhang", assignment_role::lead}});
  d.pass(ev::acknowledge(unit("minhang"), at(2024, 3, 18)));
  d.pass(ev::record_consultation(unit("minhang"), at(2024, 4, 8), true));
  d.pass(ev::reply(unit("minhang"), at(2024, 5, 15), reply_class::c));
  d.pass(ev::record_feedback(actor_proposer(), at(2024, 6, 3), cf::satisfaction::dissatisfied));
  d.pass(ev::reply(unit("minhang"), at(2024, 6, 28), reply_class::c)); // the first re-handling needs none
  d.pass(ev::record_feedback(actor_proposer(), at(2024, 7, 8), cf::satisfaction::dissatisfied));
  // Still dissatisfied: the leader-led consultations before this rating do not count.
  const auto refused = d.refuse(ev::reply(unit("minhang"), at(2024, 7, 20), reply_class::a));
  EXPECT_EQ(refused, (cf::rejection{cf::errc::guard_failed, "leader_consultation_since_still_dissatisfied",
                                    "case 16-2/0581: unit 'minhang' may not reply: leader_consultation_since_still_dissatisfied: "
                                    "the proposer was still dissatisfied after re-handling (rating on 2024-07-08): the policy "
                                    "requires a leader-led face-to-face consultation since then before the reply"}));
  d.pass(ev::record_consultation(unit("minhang"), at(2024, 7, 15), false)); // not led by a leader: not enough
  EXPECT_EQ(d.refuse(ev::reply(unit("minhang"), at(2024, 7, 20), reply_class::a)).guard,
            "leader_consultation_since_still_dissatisfied");
  d.pass(ev::record_consultation(actor_leader(), at(2024, 7, 18), true));
  d.pass(ev::reply(unit("minhang"), at(2024, 7, 20), reply_class::a));
  EXPECT_EQ(d.record.cycle, 3);

  // Where the policy leaves the rule out, the reply goes without it.
  case_driver off;
  off.policy.leader_consultation_when_still_dissatisfied = false;
  register_and_assign(off, {{"minhang", assignment_role::lead}});
  off.pass(ev::acknowledge(unit("minhang"), at(2024, 3, 18)));
  off.pass(ev::record_consultation(unit("minhang"), at(2024, 4, 8), true));
  off.pass(ev::reply(unit("minhang"), at(2024, 5, 15), reply_class::c));
  off.pass(ev::record_feedback(actor_proposer(), at(2024, 6, 3), cf::satisfaction::dissatisfied));
  off.pass(ev::reply(unit("minhang"), at(2024, 6, 28), reply_class::c));
  off.pass(ev::record_feedback(actor_proposer(), at(2024, 7, 8), cf::satisfaction::dissatisfied));
  off.pass(ev::reply(unit("minhang"), at(2024, 7, 20), reply_class::a));
}

TEST(scenario, b_item_is_followed_up_until_a_second_reply) {
  case_driver d;
  register_and_assign(d, {{"minhang", assignment_role::lead}});
  d.pass(ev::acknowledge(unit("minhang"), at(2024, 3, 18)));
  d.pass(ev::record_consultation(unit("minhang"), at(2024, 4, 8), true));
  d.pass(ev::reply(unit("minhang"), at(2024, 5, 15), reply_class::b));
  d.pass(ev::decide_publication(unit("minhang"), at(2024, 5, 20), cf::disclosure::public_full_text));
  d.pass(ev::record_feedback(office(), at(2024, 6, 3), cf::satisfaction::basically_satisfied));
  d.pass(ev::close(office(), at(2024, 6, 4)));
  EXPECT_TRUE(cf::is_concluded(d.record.state));
  EXPECT_EQ(d.refuse(ev::follow_up_reply(unit("minhang"), at(2024, 9, 2), reply_class::b)).guard, "follow_up_solved");
  d.pass(ev::follow_up_reply(unit("minhang"), at(2024, 11, 18), reply_class::a));
  EXPECT_EQ(cf::format_history(d.record),
            "2024-03-01 09:00:00 assigning office 'sh-office' register_case -> registered\n"
            "2024-03-15 09:00:00 assigning office 'sh-office' assign units=minhang:lead -> handling\n"
            "2024-03-18 09:00:00 unit 'minhang' acknowledge -> handling\n"
            "2024-04-08 09:00:00 unit 'minhang' record_consultation leader_led -> handling\n"
            "2024-05-15 09:00:00 unit 'minhang' reply class=B -> replied\n"
            "2024-05-20 09:00:00 unit 'minhang' decide_publication decision=public_full_text -> replied\n"
            "2024-06-03 09:00:00 assigning office 'sh-office' record_feedback rating=basically_satisfied -> feedback_received\n"
            "2024-06-04 09:00:00 assigning office 'sh-office' close -> following_up\n"
            "2024-11-18 09:00:00 unit 'minhang' follow_up_reply class=A -> closed\n");
}

TEST(scenario, return_approved_and_reassigned_to_a_new_unit) {
  case_driver d;
  register_and_assign(d, {{"minhang", assignment_role::lead}, {"xuhui", assignment_role::co_handler}});
  d.pass(ev::acknowledge(unit("minhang"), at(2024, 3, 18)));
  d.pass(ev::request_return(unit("minhang"), at(2024, 3, 20), "bus routes are the city transport commission's remit"));
  // A unit cannot pass the item on by itself.
  EXPECT_EQ(d.refuse(ev::approve_return(unit("minhang"), at(2024, 3, 21), "minhang", "jiaotongwei")).code,
            cf::errc::not_permitted);
  d.pass(ev::approve_return(office(), at(2024, 3, 22), "minhang", "jiaotongwei"));
  EXPECT_EQ(d.refuse(ev::acknowledge(unit("minhang"), at(2024, 3, 25))).code, cf::errc::not_permitted);
  d.pass(ev::acknowledge(unit("jiaotongwei"), at(2024, 3, 25)));
  d.pass(ev::acknowledge(unit("xuhui"), at(2024, 3, 25)));
  d.pass(ev::submit_opinion(unit("xuhui"), at(2024, 4, 12)));
  d.pass(ev::record_consultation(unit("jiaotongwei"), at(2024, 5, 6), true));
  d.pass(ev::reply(unit("jiaotongwei"), at(2024, 6, 14), reply_class::a));
  EXPECT_EQ(d.record.lead()->unit, "jiaotongwei");
  EXPECT_EQ(d.record.lead()->assigned_on, cf::date(2024, 3, 22)); // its clocks start at the reassignment
  EXPECT_EQ(
      cf::format_history(d.record),
      "2024-03-01 09:00:00 assigning office 'sh-office' register_case -> registered\n"
      "2024-03-15 09:00:00 assigning office 'sh-office' assign units=minhang:lead,xuhui:co_handler -> handling\n"
      "2024-03-18 09:00:00 unit 'minhang' acknowledge -> handling\n"
      "2024-03-20 09:00:00 unit 'minhang' request_return reason=\"bus routes are the city transport commission's remit\" -> "
      "handling\n"
      "2024-03-22 09:00:00 assigning office 'sh-office' approve_return unit=minhang new_unit=jiaotongwei -> handling\n"
      "2024-03-25 09:00:00 unit 'jiaotongwei' acknowledge -> handling\n"
      "2024-03-25 09:00:00 unit 'xuhui' acknowledge -> handling\n"
      "2024-04-12 09:00:00 unit 'xuhui' submit_opinion -> handling\n"
      "2024-05-06 09:00:00 unit 'jiaotongwei' record_consultation leader_led -> handling\n"
      "2024-06-14 09:00:00 unit 'jiaotongwei' reply class=A -> replied\n");
}

TEST(scenario, a_co_handler_sends_its_opinion_while_its_return_is_pending_and_the_return_is_refused) {
  case_driver d;
  register_and_assign(d, {{"minhang", assignment_role::lead}, {"xuhui", assignment_role::co_handler}});
  d.pass(ev::request_return(unit("xuhui"), at(2024, 3, 19), "not our remit"));
  d.pass(ev::acknowledge(unit("xuhui"), at(2024, 3, 19, 10)));
  d.pass(ev::submit_opinion(unit("xuhui"), at(2024, 3, 20))); // the unit goes on handling
  EXPECT_EQ(d.record.units[1].state, cf::unit_state::opinion_submitted);
  d.pass(ev::refuse_return(office(), at(2024, 3, 21), "xuhui", "parks along the line are the district's"));
  EXPECT_EQ(d.record.units[1].state, cf::unit_state::opinion_submitted);
  EXPECT_EQ(d.refuse(ev::refuse_return(office(), at(2024, 3, 22), "xuhui")).guard, "return_pending");
  EXPECT_EQ(cf::format_history(d.record),
            "2024-03-01 09:00:00 assigning office 'sh-office' register_case -> registered\n"
            "2024-03-15 09:00:00 assigning office 'sh-office' assign units=minhang:lead,xuhui:co_handler -> handling\n"
            "2024-03-19 09:00:00 unit 'xuhui' request_return reason=\"not our remit\" -> handling\n"
            "2024-03-19 10:00:00 unit 'xuhui' acknowledge -> handling\n"
            "2024-03-20 09:00:00 unit 'xuhui' submit_opinion -> handling\n"
            "2024-03-21 09:00:00 assigning office 'sh-office' refuse_return unit=xuhui reason=\"parks along the line are "
            "the district's\" -> handling\n");
}

TEST(scenario, a_lead_asks_for_an_extension_while_its_return_is_pending_and_asks_to_return_once) {
  case_driver d;
  register_and_assign(d, {{"minhang", assignment_role::lead}});
  d.pass(ev::acknowledge(unit("minhang"), at(2024, 3, 18)));
  d.pass(ev::request_return(unit("minhang"), at(2024, 3, 19), "not our remit"));
  d.pass(ev::request_extension(unit("minhang"), at(2024, 3, 20), cf::date(2024, 7, 15), "budget"));
  d.pass(ev::approve_extension(office(), at(2024, 3, 21), "minhang", cf::date(2024, 7, 15)));
  d.pass(ev::refuse_return(office(), at(2024, 3, 22), "minhang", "roads are the district's"));
  EXPECT_EQ(d.record.units[0].state, cf::unit_state::acknowledged);
  EXPECT_EQ(d.record.units[0].extended_until, cf::date(2024, 7, 15));
  EXPECT_EQ(d.refuse(ev::request_return(unit("minhang"), at(2024, 3, 22, 10), "still not our remit")).guard,
            "first_return_request");
}

TEST(scenario, an_approved_return_keeps_the_opinion_in_the_history_and_the_new_unit_owes_its_own) {
  case_driver d;
  register_and_assign(d, {{"minhang", assignment_role::lead}, {"xuhui", assignment_role::co_handler}});
  d.pass(ev::acknowledge(unit("minhang"), at(2024, 3, 18)));
  d.pass(ev::request_return(unit("xuhui"), at(2024, 3, 19), "not our remit"));
  d.pass(ev::submit_opinion(unit("xuhui"), at(2024, 3, 20)));
  d.pass(ev::approve_return(office(), at(2024, 3, 22), "xuhui", "changning"));
  EXPECT_EQ(d.record.units[1].state, cf::unit_state::returned);
  EXPECT_EQ(d.record.units[1].opinion_on, cf::date(2024, 3, 20));
  EXPECT_EQ(d.record.units[2].unit, "changning");
  EXPECT_EQ(d.record.units[2].role, assignment_role::co_handler);
  EXPECT_EQ(d.record.units[2].state, cf::unit_state::pending);
  d.pass(ev::record_consultation(unit("minhang"), at(2024, 4, 8), true));
  const auto early = d.refuse(ev::reply(unit("minhang"), at(2024, 4, 10), reply_class::a));
  EXPECT_EQ(early.message, "case 16-2/0581: unit 'minhang' may not reply: all_opinions_in: no opinion yet from co-handler "
                           "'changning'");
  d.pass(ev::acknowledge(unit("changning"), at(2024, 4, 11)));
  d.pass(ev::submit_opinion(unit("changning"), at(2024, 4, 12)));
  d.pass(ev::reply(unit("minhang"), at(2024, 4, 15), reply_class::a));
}

TEST(scenario, return_after_the_window_is_rejected) {
  case_driver d;
  register_and_assign(d, {{"minhang", assignment_role::lead}});
  d.pass(ev::acknowledge(unit("minhang"), at(2024, 3, 18)));
  // Assigned Friday 2024-03-15; 5 working days end on Friday 2024-03-22.
  const auto late = d.refuse(ev::request_return(unit("minhang"), at(2024, 3, 25), "not our remit"));
  EXPECT_EQ(late, (cf::rejection{cf::errc::guard_failed, "within_return_window",
                                 "case 16-2/0581: unit 'minhang' may not request_return: within_return_window: the return window "
                                 "of 5wd from assignment on 2024-03-15 ended on 2024-03-22"}));
  d.pass(ev::request_return(unit("minhang"), at(2024, 3, 22, 17), "not our remit"));
  EXPECT_EQ(cf::format_history(d.record),
            "2024-03-01 09:00:00 assigning office 'sh-office' register_case -> registered\n"
            "2024-03-15 09:00:00 assigning office 'sh-office' assign units=minhang:lead -> handling\n"
            "2024-03-18 09:00:00 unit 'minhang' acknowledge -> handling\n"
            "2024-03-22 17:00:00 unit 'minhang' request_return reason=\"not our remit\" -> handling\n");
}

TEST(scenario, disclosure_on_request_and_not_public_needs_a_reason) {
  case_driver d;
  register_and_assign(d, {{"minhang", assignment_role::lead}});
  d.pass(ev::acknowledge(unit("minhang"), at(2024, 3, 18)));
  d.pass(ev::record_consultation(unit("minhang"), at(2024, 4, 8), true));
  d.pass(ev::reply(unit("minhang"), at(2024, 5, 15), reply_class::a));
  EXPECT_EQ(d.refuse(ev::decide_publication(unit("minhang"), at(2024, 5, 16), cf::disclosure::not_public)).message,
            "case 16-2/0581: decide_publication from unit 'minhang' is malformed: not_public needs a reason");
  d.pass(ev::decide_publication(unit("minhang"), at(2024, 5, 17), cf::disclosure::on_request, "names private residents"));
  EXPECT_EQ(d.refuse(ev::decide_publication(unit("minhang"), at(2024, 5, 18), cf::disclosure::public_full_text)).guard,
            "publication_undecided");
  d.pass(ev::record_feedback(office(), at(2024, 6, 3), cf::satisfaction::satisfied));
  d.pass(ev::close(office(), at(2024, 6, 4)));
  EXPECT_EQ(d.record.publication, cf::disclosure::on_request);
  EXPECT_EQ(
      cf::format_history(d.record),
      "2024-03-01 09:00:00 assigning office 'sh-office' register_case -> registered\n"
      "2024-03-15 09:00:00 assigning office 'sh-office' assign units=minhang:lead -> handling\n"
      "2024-03-18 09:00:00 unit 'minhang' acknowledge -> handling\n"
      "2024-04-08 09:00:00 unit 'minhang' record_consultation leader_led -> handling\n"
      "2024-05-15 09:00:00 unit 'minhang' reply class=A -> replied\n"
      "2024-05-17 09:00:00 unit 'minhang' decide_publication decision=on_request reason=\"names private residents\" -> replied\n"
      "2024-06-03 09:00:00 assigning office 'sh-office' record_feedback rating=satisfied -> feedback_received\n"
      "2024-06-04 09:00:00 assigning office 'sh-office' close -> closed\n");
}

TEST(scenario, merged_items_are_handled_together_and_replied_separately) {
  case_driver lead_item(sample_info("0581"));
  case_driver merged(sample_info("0605"));
  for (case_driver *d : {&lead_item, &merged})
    register_and_assign(*d, {{"minhang", assignment_role::lead}});
  merged.pass(ev::merge(office(), at(2024, 3, 15, 10), cf::case_id{"16-2", "0581"}));
  EXPECT_EQ(merged.refuse(ev::merge(office(), at(2024, 3, 15, 11), cf::case_id{"16-2", "0700"})).guard, "not_merged");
  EXPECT_EQ(lead_item.refuse(ev::merge(office(), at(2024, 3, 15, 11), cf::case_id{"16-2", "0581"})).guard, "not_itself");
  for (case_driver *d : {&lead_item, &merged}) {
    d->pass(ev::acknowledge(unit("minhang"), at(2024, 3, 18)));
    d->pass(ev::record_consultation(unit("minhang"), at(2024, 4, 8), true)); // one meeting, recorded on both
  }
  lead_item.pass(ev::reply(unit("minhang"), at(2024, 5, 15), reply_class::a));
  merged.pass(ev::reply(unit("minhang"), at(2024, 5, 15, 11), reply_class::b));
  EXPECT_EQ(cf::format_history(lead_item.record) + "--\n" + cf::format_history(merged.record),
            "2024-03-01 09:00:00 assigning office 'sh-office' register_case -> registered\n"
            "2024-03-15 09:00:00 assigning office 'sh-office' assign units=minhang:lead -> handling\n"
            "2024-03-18 09:00:00 unit 'minhang' acknowledge -> handling\n"
            "2024-04-08 09:00:00 unit 'minhang' record_consultation leader_led -> handling\n"
            "2024-05-15 09:00:00 unit 'minhang' reply class=A -> replied\n"
            "--\n"
            "2024-03-01 09:00:00 assigning office 'sh-office' register_case -> registered\n"
            "2024-03-15 09:00:00 assigning office 'sh-office' assign units=minhang:lead -> handling\n"
            "2024-03-15 10:00:00 assigning office 'sh-office' merge lead_item=16-2/0581 -> handling\n"
            "2024-03-18 09:00:00 unit 'minhang' acknowledge -> handling\n"
            "2024-04-08 09:00:00 unit 'minhang' record_consultation leader_led -> handling\n"
            "2024-05-15 11:00:00 unit 'minhang' reply class=B -> replied\n");
}

TEST(scenario, extension_within_the_cap_dispute_and_no_feedback_after_the_window) {
  case_driver d;
  register_and_assign(d, {{"minhang", assignment_role::lead}, {"xuhui", assignment_role::co_handler}});
  d.pass(ev::acknowledge(unit("minhang"), at(2024, 3, 18)));
  d.pass(ev::acknowledge(unit("xuhui"), at(2024, 3, 18)));
  d.pass(ev::record_dispute(unit("xuhui"), at(2024, 4, 1), "who pays for the new shelters"));
  d.pass(ev::submit_opinion(unit("xuhui"), at(2024, 4, 2)));
  d.pass(ev::request_extension(unit("minhang"), at(2024, 6, 3), cf::date(2024, 8, 15), "budget decision pending"));
  // The cap is 6 months from 2024-03-15: 2024-09-15 is a day off, so 2024-09-18.
  EXPECT_EQ(d.refuse(ev::approve_extension(office(), at(2024, 6, 4), "minhang", cf::date(2024, 9, 19))).message,
            "case 16-2/0581: assigning office 'sh-office' may not approve_extension: within_extension_cap: 2024-09-19 is "
            "past the cap of 6m from assignment on 2024-03-15 (2024-09-18)");
  d.pass(ev::approve_extension(office(), at(2024, 6, 4), "minhang", cf::date(2024, 8, 15)));
  d.pass(ev::record_consultation(unit("minhang"), at(2024, 7, 1), true));
  d.pass(ev::reply(unit("minhang"), at(2024, 8, 12), reply_class::a));
  // Feedback window: one month from 2024-08-12 ends 2024-09-12.
  EXPECT_EQ(d.refuse(ev::record_feedback(office(), at(2024, 9, 12), cf::satisfaction::no_feedback)).guard,
            "feedback_window_passed");
  d.pass(ev::record_feedback(office(), at(2024, 9, 13), cf::satisfaction::no_feedback));
  EXPECT_TRUE(d.record.disputed);
  EXPECT_EQ(d.record.lead()->extended_until, cf::date(2024, 8, 15));
  EXPECT_EQ(
      cf::format_history(d.record),
      "2024-03-01 09:00:00 assigning office 'sh-office' register_case -> registered\n"
      "2024-03-15 09:00:00 assigning office 'sh-office' assign units=minhang:lead,xuhui:co_handler -> handling\n"
      "2024-03-18 09:00:00 unit 'minhang' acknowledge -> handling\n"
      "2024-03-18 09:00:00 unit 'xuhui' acknowledge -> handling\n"
      "2024-04-01 09:00:00 unit 'xuhui' record_dispute reason=\"who pays for the new shelters\" -> handling\n"
      "2024-04-02 09:00:00 unit 'xuhui' submit_opinion -> handling\n"
      "2024-06-03 09:00:00 unit 'minhang' request_extension until=2024-08-15 reason=\"budget decision pending\" -> handling\n"
      "2024-06-04 09:00:00 assigning office 'sh-office' approve_extension unit=minhang until=2024-08-15 -> handling\n"
      "2024-07-01 09:00:00 unit 'minhang' record_consultation leader_led -> handling\n"
      "2024-08-12 09:00:00 unit 'minhang' reply class=A -> replied\n"
      "2024-09-13 09:00:00 assigning office 'sh-office' record_feedback rating=no_feedback -> feedback_received\n");
}

TEST(scenario, four_class_scheme_follows_up_c_and_accepts_d) {
  case_driver d;
  d.policy.results = cf::result_scheme::four_class;
  d.policy.leader_consultation_required = false;
  register_and_assign(d, {{"minhang", assignment_role::separate}, {"xuhui", assignment_role::separate}});
  d.pass(ev::acknowledge(unit("minhang"), at(2024, 3, 18)));
  d.pass(ev::acknowledge(unit("xuhui"), at(2024, 3, 18)));
  d.pass(ev::reply(unit("minhang"), at(2024, 5, 6), reply_class::c));
  d.pass(ev::reply(unit("xuhui"), at(2024, 5, 7), reply_class::d));
  d.pass(ev::decide_publication(office(), at(2024, 5, 8), cf::disclosure::public_full_text));
  d.pass(ev::record_feedback(office(), at(2024, 5, 27), cf::satisfaction::satisfied));
  d.pass(ev::close(office(), at(2024, 5, 28)));
  EXPECT_EQ(d.refuse(ev::follow_up_reply(unit("xuhui"), at(2024, 9, 2))).guard, "own_reply_needs_follow_up");
  d.pass(ev::follow_up_reply(unit("minhang"), at(2024, 10, 8)));
  EXPECT_EQ(cf::format_history(d.record),
            "2024-03-01 09:00:00 assigning office 'sh-office' register_case -> registered\n"
            "2024-03-15 09:00:00 assigning office 'sh-office' assign units=minhang:separate,xuhui:separate -> handling\n"
            "2024-03-18 09:00:00 unit 'minhang' acknowledge -> handling\n"
            "2024-03-18 09:00:00 unit 'xuhui' acknowledge -> handling\n"
            "2024-05-06 09:00:00 unit 'minhang' reply class=C -> handling\n"
            "2024-05-07 09:00:00 unit 'xuhui' reply class=D -> replied\n"
            "2024-05-08 09:00:00 assigning office 'sh-office' decide_publication decision=public_full_text -> replied\n"
            "2024-05-27 09:00:00 assigning office 'sh-office' record_feedback rating=satisfied -> feedback_received\n"
            "2024-05-28 09:00:00 assigning office 'sh-office' close -> following_up\n"
            "2024-10-08 09:00:00 unit 'minhang' follow_up_reply class=A -> closed\n");
}

TEST(scenario, snapshot_of_a_whole_life_restores_equal) {
  case_driver d;
  register_and_assign(d, {{"minhang", assignment_role::lead}, {"xuhui", assignment_role::co_handler}});
  d.pass(ev::acknowledge(unit("minhang"), at(2024, 3, 18)));
  d.pass(ev::waive_opinion(office(), at(2024, 4, 20), "xuhui", "merged into the district plan"));
  d.pass(ev::record_consultation(unit("minhang"), at(2024, 4, 22), true));
  d.pass(ev::reply(unit("minhang"), at(2024, 5, 15), reply_class::b));
  d.pass(ev::decide_publication(unit("minhang"), at(2024, 5, 16), cf::disclosure::not_public, "涉及个人信息"));
  const auto text = cf::snapshot(d.record);
  auto back = cf::restore(text);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(*back, d.record);
  // The restored case carries on exactly like the original.
  auto next = ev::record_feedback(office(), at(2024, 6, 3), cf::satisfaction::satisfied);
  d.pass(next);
  ASSERT_TRUE(cf::apply(*back, next, d.context()));
  EXPECT_EQ(*back, d.record);
}

} // namespace
