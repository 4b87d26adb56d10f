// The workflow's rules, exhaustively: every (case state, event, actor) against the expected outcome,
// plus the exact rejection messages, malformed events, names, snapshots and the graph checks.
#include <caseflow/workflow.hpp>

#include "support/case_driver.hpp"

#include <gtest/gtest.h>

#include <map>

namespace cf = caseflow;
using namespace cf::testing;
namespace ev = cf::events;
using cf::assignment_role;
using cf::case_state;
using cf::event_type;
using cf::reply_class;

namespace {

// A case in `s`, lead handling: minhang leads, xuhui co-handles; both acknowledged and a leader-led
// consultation held; the reply (when there is one) is class `cls`.
case_driver lead_case_in(case_state s, reply_class cls = reply_class::a) {
  case_driver d;
  const auto step_to = [&](case_state target) { return d.record.state == target; };
  if (step_to(s)) return d;
  d.pass(ev::register_case(office(), at(2024, 3, 1)));
  if (step_to(s)) return d;
  d.pass(ev::assign(office(), at(2024, 3, 15), {{"minhang", assignment_role::lead}, {"xuhui", assignment_role::co_handler}}));
  d.pass(ev::acknowledge(unit("minhang"), at(2024, 3, 18)));
  d.pass(ev::acknowledge(unit("xuhui"), at(2024, 3, 18)));
  d.pass(ev::record_consultation(unit("minhang"), at(2024, 3, 19), true));
  if (step_to(s)) return d;
  d.pass(ev::submit_opinion(unit("xuhui"), at(2024, 3, 19)));
  d.pass(ev::reply(unit("minhang"), at(2024, 3, 19), cls));
  if (step_to(s)) return d;
  if (s == case_state::rehandling) {
    d.pass(ev::record_feedback(office(), at(2024, 4, 1), cf::satisfaction::dissatisfied));
    return d;
  }
  d.pass(ev::record_feedback(office(), at(2024, 4, 1), cf::satisfaction::satisfied));
  if (step_to(s)) return d;
  d.pass(ev::decide_publication(office(), at(2024, 4, 2), cf::disclosure::public_full_text));
  d.pass(ev::close(office(), at(2024, 4, 3)));
  EXPECT_EQ(d.record.state, s);
  return d;
}

// One well-formed event of each type, sent by `by` at `t`.
cf::event sample_event(event_type type, const cf::actor &by, cf::timestamp t) {
  switch (type) {
  case event_type::register_case: return ev::register_case(by, t);
  case event_type::assign: return ev::assign(by, t, {{"minhang", assignment_role::lead}});
  case event_type::acknowledge: return ev::acknowledge(by, t);
  case event_type::request_return: return ev::request_return(by, t, "not our remit");
  case event_type::approve_return: return ev::approve_return(by, t, "xuhui", "changning");
  case event_type::refuse_return: return ev::refuse_return(by, t, "xuhui");
  case event_type::submit_opinion: return ev::submit_opinion(by, t);
  case event_type::waive_opinion: return ev::waive_opinion(by, t, "xuhui", "late");
  case event_type::record_dispute: return ev::record_dispute(by, t, "who pays");
  case event_type::record_consultation: return ev::record_consultation(by, t, true);
  case event_type::reply: return ev::reply(by, t, reply_class::a);
  case event_type::request_extension: return ev::request_extension(by, t, cf::date(2024, 7, 1), "budget");
  case event_type::approve_extension: return ev::approve_extension(by, t, "minhang", cf::date(2024, 7, 1));
  case event_type::record_feedback: return ev::record_feedback(by, t, cf::satisfaction::satisfied);
  case event_type::follow_up_reply: return ev::follow_up_reply(by, t, reply_class::a);
  case event_type::decide_publication: return ev::decide_publication(by, t, cf::disclosure::public_full_text);
  case event_type::merge: return ev::merge(by, t, cf::case_id{"16-2", "0001"});
  case event_type::close: return ev::close(by, t);
  case event_type::report_progress: return ev::report_progress(by, t);
  }
  return {};
}

char outcome(const cf::status<cf::rejection> &r) {
  if (r) return 'A';
  switch (r.error().code) {
  case cf::errc::not_permitted: return 'P';
  case cf::errc::invalid_state: return 'S';
  case cf::errc::guard_failed: return 'G';
  case cf::errc::malformed_event: return 'M';
  default: return '?';
  }
}

// Columns: office, lead unit (minhang), co-handler (xuhui), a unit not on the case (fengxian),
// supervising leader, principal leader, proposer side.
const std::vector<cf::actor> &columns() {
  static const std::vector<cf::actor> actors = {office(),         unit("minhang"), unit("xuhui"),
                                                unit("fengxian"), actor_leader(),  cf::actor::principal_leader("mayor"),
                                                actor_proposer()};
  return actors;
}

struct expectation {
  case_state state;
  event_type event;
  const char *outcomes; // one letter per column: Accepted, not Permitted, invalid State, Guard failed, Malformed
};

using st = case_state;
using et = event_type;

// The policy, read as a matrix. The B follow-up case replies class B; every other case class A.
// clang-format off
const expectation expected[] = {
  // state               event                        O L C X SL PL P
  {st::received,          et::register_case,          "APPPPPP"},
  {st::received,          et::assign,                 "SSSSSSS"},
  {st::received,          et::acknowledge,            "SSSSSSS"},
  {st::received,          et::request_return,         "SSSSSSS"},
  {st::received,          et::approve_return,         "SSSSSSS"},
  {st::received,          et::refuse_return,          "SSSSSSS"},
  {st::received,          et::submit_opinion,         "SSSSSSS"},
  {st::received,          et::waive_opinion,          "SSSSSSS"},
  {st::received,          et::record_dispute,         "SSSSSSS"},
  {st::received,          et::record_consultation,    "SSSSSSS"},
  {st::received,          et::reply,                  "SSSSSSS"},
  {st::received,          et::request_extension,      "SSSSSSS"},
  {st::received,          et::approve_extension,      "SSSSSSS"},
  {st::received,          et::record_feedback,        "SSSSSSS"},
  {st::received,          et::follow_up_reply,        "SSSSSSS"},
  {st::received,          et::decide_publication,     "SSSSSSS"},
  {st::received,          et::merge,                  "SSSSSSS"},
  {st::received,          et::close,                  "SSSSSSS"},
  {st::received,           et::report_progress,        "SSSSSSS"},

  {st::registered,        et::register_case,          "SSSSSSS"},
  {st::registered,        et::assign,                 "APPPPPP"},
  {st::registered,        et::acknowledge,            "SSSSSSS"},
  {st::registered,        et::request_return,         "SSSSSSS"},
  {st::registered,        et::approve_return,         "SSSSSSS"},
  {st::registered,        et::refuse_return,          "SSSSSSS"},
  {st::registered,        et::submit_opinion,         "SSSSSSS"},
  {st::registered,        et::waive_opinion,          "SSSSSSS"},
  {st::registered,        et::record_dispute,         "SSSSSSS"},
  {st::registered,        et::record_consultation,    "SSSSSSS"},
  {st::registered,        et::reply,                  "SSSSSSS"},
  {st::registered,        et::request_extension,      "SSSSSSS"},
  {st::registered,        et::approve_extension,      "SSSSSSS"},
  {st::registered,        et::record_feedback,        "SSSSSSS"},
  {st::registered,        et::follow_up_reply,        "SSSSSSS"},
  {st::registered,        et::decide_publication,     "SSSSSSS"},
  {st::registered,        et::merge,                  "APPPPPP"},
  {st::registered,        et::close,                  "SSSSSSS"},
  {st::registered,         et::report_progress,        "SSSSSSS"},

  {st::handling,          et::register_case,          "SSSSSSS"},
  {st::handling,          et::assign,                 "SSSSSSS"},
  {st::handling,          et::acknowledge,            "PSSPPPP"}, // both already acknowledged
  {st::handling,          et::request_return,         "PAAPPPP"}, // inside the window
  {st::handling,          et::approve_return,         "SPPPPPP"}, // xuhui asked for nothing
  {st::handling,          et::refuse_return,          "SPPPPPP"},
  {st::handling,          et::submit_opinion,         "PPAPPPP"},
  {st::handling,          et::waive_opinion,          "APPPPPP"},
  {st::handling,          et::record_dispute,         "AAAPPPP"},
  {st::handling,          et::record_consultation,    "AAPPAAP"},
  {st::handling,          et::reply,                  "PGPPPPP"}, // xuhui's opinion is not in
  {st::handling,          et::request_extension,      "PAPPPPP"},
  {st::handling,          et::approve_extension,      "GPPPPPP"}, // nothing was requested
  {st::handling,          et::record_feedback,        "SSSSSSS"},
  {st::handling,          et::follow_up_reply,        "SSSSSSS"},
  {st::handling,          et::decide_publication,     "SSSSSSS"},
  {st::handling,          et::merge,                  "APPPPPP"},
  {st::handling,          et::close,                  "SSSSSSS"},
  {st::handling,           et::report_progress,        "PGPPPPP"},

  {st::replied,           et::register_case,          "SSSSSSS"},
  {st::replied,           et::assign,                 "SSSSSSS"},
  {st::replied,           et::acknowledge,            "SSSSSSS"},
  {st::replied,           et::request_return,         "SSSSSSS"},
  {st::replied,           et::approve_return,         "SSSSSSS"},
  {st::replied,           et::refuse_return,          "SSSSSSS"},
  {st::replied,           et::submit_opinion,         "SSSSSSS"},
  {st::replied,           et::waive_opinion,          "SSSSSSS"},
  {st::replied,           et::record_dispute,         "SSSSSSS"},
  {st::replied,           et::record_consultation,    "AAPPAAP"},
  {st::replied,           et::reply,                  "SSSSSSS"},
  {st::replied,           et::request_extension,      "SSSSSSS"},
  {st::replied,           et::approve_extension,      "SSSSSSS"},
  {st::replied,           et::record_feedback,        "APPPPPA"},
  {st::replied,           et::follow_up_reply,        "SSSSSSS"},
  {st::replied,           et::decide_publication,     "AAPPPPP"},
  {st::replied,           et::merge,                  "SSSSSSS"},
  {st::replied,           et::close,                  "SSSSSSS"},
  {st::replied,            et::report_progress,        "SSSSSSS"},

  {st::rehandling,        et::register_case,          "SSSSSSS"},
  {st::rehandling,        et::assign,                 "SSSSSSS"},
  {st::rehandling,        et::acknowledge,            "SSSSSSS"},
  {st::rehandling,        et::request_return,         "SSSSSSS"},
  {st::rehandling,        et::approve_return,         "SSSSSSS"},
  {st::rehandling,        et::refuse_return,          "SSSSSSS"},
  {st::rehandling,        et::submit_opinion,         "SSSSSSS"},
  {st::rehandling,        et::waive_opinion,          "SSSSSSS"},
  {st::rehandling,        et::record_dispute,         "SSSSSSS"},
  {st::rehandling,        et::record_consultation,    "AAPPAAP"},
  {st::rehandling,        et::reply,                  "PAPPPPP"},
  {st::rehandling,        et::request_extension,      "SSSSSSS"},
  {st::rehandling,        et::approve_extension,      "SSSSSSS"},
  {st::rehandling,        et::record_feedback,        "SSSSSSS"},
  {st::rehandling,        et::follow_up_reply,        "SSSSSSS"},
  {st::rehandling,        et::decide_publication,     "AAPPPPP"},
  {st::rehandling,        et::merge,                  "SSSSSSS"},
  {st::rehandling,        et::close,                  "SSSSSSS"},
  {st::rehandling,         et::report_progress,        "SSSSSSS"},

  {st::feedback_received, et::register_case,          "SSSSSSS"},
  {st::feedback_received, et::assign,                 "SSSSSSS"},
  {st::feedback_received, et::acknowledge,            "SSSSSSS"},
  {st::feedback_received, et::request_return,         "SSSSSSS"},
  {st::feedback_received, et::approve_return,         "SSSSSSS"},
  {st::feedback_received, et::refuse_return,          "SSSSSSS"},
  {st::feedback_received, et::submit_opinion,         "SSSSSSS"},
  {st::feedback_received, et::waive_opinion,          "SSSSSSS"},
  {st::feedback_received, et::record_dispute,         "SSSSSSS"},
  {st::feedback_received, et::record_consultation,    "SSSSSSS"},
  {st::feedback_received, et::reply,                  "SSSSSSS"},
  {st::feedback_received, et::request_extension,      "SSSSSSS"},
  {st::feedback_received, et::approve_extension,      "SSSSSSS"},
  {st::feedback_received, et::record_feedback,        "SSSSSSS"},
  {st::feedback_received, et::follow_up_reply,        "SSSSSSS"},
  {st::feedback_received, et::decide_publication,     "AAPPPPP"},
  {st::feedback_received, et::merge,                  "SSSSSSS"},
  {st::feedback_received, et::close,                  "GPPPPPP"}, // the disclosure is not decided
  {st::feedback_received,  et::report_progress,        "SSSSSSS"},

  {st::following_up,      et::register_case,          "SSSSSSS"},
  {st::following_up,      et::assign,                 "SSSSSSS"},
  {st::following_up,      et::acknowledge,            "SSSSSSS"},
  {st::following_up,      et::request_return,         "SSSSSSS"},
  {st::following_up,      et::approve_return,         "SSSSSSS"},
  {st::following_up,      et::refuse_return,          "SSSSSSS"},
  {st::following_up,      et::submit_opinion,         "SSSSSSS"},
  {st::following_up,      et::waive_opinion,          "SSSSSSS"},
  {st::following_up,      et::record_dispute,         "SSSSSSS"},
  {st::following_up,      et::record_consultation,    "AAPPAAP"},
  {st::following_up,      et::reply,                  "SSSSSSS"},
  {st::following_up,      et::request_extension,      "SSSSSSS"},
  {st::following_up,      et::approve_extension,      "SSSSSSS"},
  {st::following_up,      et::record_feedback,        "SSSSSSS"},
  {st::following_up,      et::follow_up_reply,        "PAPPPPP"},
  {st::following_up,      et::decide_publication,     "SSSSSSS"},
  {st::following_up,      et::merge,                  "SSSSSSS"},
  {st::following_up,      et::close,                  "SSSSSSS"},
  {st::following_up,       et::report_progress,        "SSSSSSS"},

  {st::closed,            et::register_case,          "SSSSSSS"},
  {st::closed,            et::assign,                 "SSSSSSS"},
  {st::closed,            et::acknowledge,            "SSSSSSS"},
  {st::closed,            et::request_return,         "SSSSSSS"},
  {st::closed,            et::approve_return,         "SSSSSSS"},
  {st::closed,            et::refuse_return,          "SSSSSSS"},
  {st::closed,            et::submit_opinion,         "SSSSSSS"},
  {st::closed,            et::waive_opinion,          "SSSSSSS"},
  {st::closed,            et::record_dispute,         "SSSSSSS"},
  {st::closed,            et::record_consultation,    "SSSSSSS"},
  {st::closed,            et::reply,                  "SSSSSSS"},
  {st::closed,            et::request_extension,      "SSSSSSS"},
  {st::closed,            et::approve_extension,      "SSSSSSS"},
  {st::closed,            et::record_feedback,        "SSSSSSS"},
  {st::closed,            et::follow_up_reply,        "SSSSSSS"},
  {st::closed,            et::decide_publication,     "SSSSSSS"},
  {st::closed,            et::merge,                  "SSSSSSS"},
  {st::closed,            et::close,                  "SSSSSSS"},
  {st::closed,             et::report_progress,        "SSSSSSS"},
};
// clang-format on

TEST(transition_matrix, covers_every_state_and_event) {
  std::map<std::pair<case_state, event_type>, int> seen;
  for (const auto &x : expected)
    ++seen[{x.state, x.event}];
  EXPECT_EQ(seen.size(), cf::case_state_count * cf::event_type_count);
  for (const auto &[key, n] : seen)
    EXPECT_EQ(n, 1) << cf::to_string(key.first) << " " << cf::to_string(key.second);
}

TEST(transition_matrix, every_state_event_and_actor_gives_the_expected_outcome) {
  for (const auto &x : expected) {
    const case_driver base = lead_case_in(x.state, x.state == case_state::following_up ? reply_class::b : reply_class::a);
    ASSERT_EQ(base.record.state, x.state);
    // Inside the return window while handling; well after everything otherwise.
    const cf::timestamp t = x.state == case_state::handling ? at(2024, 3, 20) : at(2024, 6, 20);
    std::string got;
    for (const auto &who : columns()) {
      cf::case_record c = base.record;
      const auto r = cf::apply(c, sample_event(x.event, who, t), base.context());
      got += outcome(r);
      if (!r) {
        EXPECT_EQ(c, base.record) << "a refused event changed the case";
      }
    }
    EXPECT_EQ(got, x.outcomes) << "state " << cf::to_string(x.state) << ", event " << cf::to_string(x.event);
  }
}

// Separate handling: minhang and xuhui each handle a part, both acknowledged, consultation held.
TEST(transition_matrix, separate_units_reply_each_and_send_no_opinions) {
  case_driver d;
  d.pass(ev::register_case(office(), at(2024, 3, 1)));
  d.pass(ev::assign(office(), at(2024, 3, 15), {{"minhang", assignment_role::separate}, {"xuhui", assignment_role::separate}}));
  d.pass(ev::acknowledge(unit("minhang"), at(2024, 3, 18)));
  d.pass(ev::acknowledge(unit("xuhui"), at(2024, 3, 18)));
  d.pass(ev::record_consultation(unit("xuhui"), at(2024, 3, 19), true));
  // clang-format off
  const std::pair<event_type, const char *> rows[] = {
    // event                     O S X   (office, separate unit minhang, unit not on the case)
    {et::acknowledge,            "PSP"},
    {et::request_return,         "PAP"},
    {et::submit_opinion,         "PPP"},
    {et::waive_opinion,          "GPP"}, // xuhui is not a co-handler
    {et::record_dispute,         "APP"},
    {et::record_consultation,    "AAP"},
    {et::reply,                  "PAP"},
    {et::request_extension,      "PAP"},
    {et::decide_publication,     "SSS"},
  };
  // clang-format on
  for (const auto &[type, want] : rows) {
    std::string got;
    for (const auto &who : {office(), unit("minhang"), unit("fengxian")}) {
      cf::case_record c = d.record;
      got += outcome(cf::apply(c, sample_event(type, who, at(2024, 3, 20)), d.context()));
    }
    EXPECT_EQ(got, want) << cf::to_string(type);
  }
}

TEST(rejection, names_case_event_actor_and_why) {
  auto d = lead_case_in(case_state::handling);
  d.pass(ev::submit_opinion(unit("xuhui"), at(2024, 3, 20)));
  EXPECT_EQ(d.refuse(ev::reply(unit("xuhui"), at(2024, 3, 21), reply_class::a)),
            (cf::rejection{cf::errc::not_permitted, "", "case 16-2/0581: unit 'xuhui' may not reply: it is a co-handler"}));
  EXPECT_EQ(d.refuse(ev::reply(unit("fengxian"), at(2024, 3, 21), reply_class::a)).message,
            "case 16-2/0581: unit 'fengxian' may not reply: it does not handle the item");
  EXPECT_EQ(d.refuse(ev::approve_return(unit("minhang"), at(2024, 3, 21), "minhang", "changning")).message,
            "case 16-2/0581: unit 'minhang' may not approve_return: only the assigning office may");
  EXPECT_EQ(d.refuse(ev::submit_opinion(unit("minhang"), at(2024, 3, 21))).message,
            "case 16-2/0581: unit 'minhang' may not submit_opinion: it is the lead unit");
  EXPECT_EQ(d.refuse(ev::close(office(), at(2024, 3, 21))).message,
            "case 16-2/0581: assigning office 'sh-office' may not close in state handling");
  EXPECT_EQ(d.refuse(ev::submit_opinion(unit("xuhui"), at(2024, 3, 21))).message,
            "case 16-2/0581: unit 'xuhui' may not submit_opinion: its assignment is opinion_submitted");
  EXPECT_EQ(d.refuse(ev::refuse_return(office(), at(2024, 3, 21), "minhang")).message,
            "case 16-2/0581: assigning office 'sh-office' may not refuse_return: unit 'minhang' is acknowledged");
  EXPECT_EQ(d.refuse(ev::reply(unit("minhang"), at(2024, 3, 21), reply_class::d)),
            (cf::rejection{
                cf::errc::guard_failed, "class_in_scheme",
                "case 16-2/0581: unit 'minhang' may not reply: class_in_scheme: class D exists only in the four-class scheme"}));
  EXPECT_EQ(d.refuse(ev::acknowledge(unit("minhang"), at(2024, 3, 1))).code, cf::errc::invalid_state);
  EXPECT_EQ(d.refuse(ev::record_dispute(unit("minhang"), at(2024, 3, 1), "x")),
            (cf::rejection{cf::errc::guard_failed, "not_before_last_event",
                           "case 16-2/0581: unit 'minhang' may not record_dispute: not_before_last_event: it is dated "
                           "2024-03-01 09:00:00, before the case's last event at 2024-03-20 09:00:00"}));
}

TEST(rejection, lead_needs_opinions_and_a_leader_consultation) {
  case_driver d;
  d.pass(ev::register_case(office(), at(2024, 3, 1)));
  d.pass(ev::assign(
      office(), at(2024, 3, 15),
      {{"minhang", assignment_role::lead}, {"xuhui", assignment_role::co_handler}, {"pudong", assignment_role::co_handler}}));
  d.pass(ev::acknowledge(unit("minhang"), at(2024, 3, 18)));
  EXPECT_EQ(d.refuse(ev::reply(unit("minhang"), at(2024, 4, 1), reply_class::a)).message,
            "case 16-2/0581: unit 'minhang' may not reply: all_opinions_in: no opinion yet from co-handler 'xuhui', 'pudong'");
  d.pass(ev::waive_opinion(office(), at(2024, 4, 2), "xuhui", "late"));
  d.pass(ev::waive_opinion(office(), at(2024, 4, 2), "pudong", "late"));
  d.pass(ev::record_consultation(unit("minhang"), at(2024, 4, 3), false)); // not leader-led
  EXPECT_EQ(d.refuse(ev::reply(unit("minhang"), at(2024, 4, 4), reply_class::a)).guard, "leader_consultation_held");
  d.policy.leader_consultation_required = false;
  d.pass(ev::reply(unit("minhang"), at(2024, 4, 4), reply_class::a));
}

TEST(malformed, events_missing_what_they_need_are_refused_with_the_reason) {
  auto d = lead_case_in(case_state::handling);
  const auto t = at(2024, 3, 20);
  const auto why = [&](const cf::event &e) {
    auto r = d.refuse(e);
    EXPECT_EQ(r.code, cf::errc::malformed_event) << r.message;
    return r.message;
  };
  EXPECT_EQ(why(ev::request_return(unit("minhang"), t, "")),
            "case 16-2/0581: request_return from unit 'minhang' is malformed: it gives no reason");
  EXPECT_EQ(why(ev::waive_opinion(office(), t, "", "x")).substr(16),
            "waive_opinion from assigning office 'sh-office' is malformed: it names no unit");
  EXPECT_EQ(why(ev::waive_opinion(office(), t, "jingan", "x")).substr(16),
            "waive_opinion from assigning office 'sh-office' is malformed: it names unit 'jingan', which does not handle "
            "the item");
  EXPECT_EQ(why(ev::approve_return(office(), t, "xuhui", "")).substr(16),
            "approve_return from assigning office 'sh-office' is malformed: it names no unit to reassign the item to");
  EXPECT_EQ(why(ev::approve_return(office(), t, "xuhui", "xuhui")).substr(16),
            "approve_return from assigning office 'sh-office' is malformed: it reassigns the item to the returning unit 'xuhui'");
  EXPECT_EQ(why(ev::request_extension(unit("minhang"), t, cf::date(), "x")).substr(16),
            "request_extension from unit 'minhang' is malformed: it gives no date to extend to");
  EXPECT_EQ(why(ev::acknowledge(cf::actor::unit(""), t)).substr(16),
            "acknowledge from unit '' is malformed: the sending unit has no id");
  EXPECT_EQ(why(ev::acknowledge(unit("minhang"), cf::timestamp())).substr(16),
            "acknowledge from unit 'minhang' is malformed: it has no timestamp");
  auto bad_type = ev::close(office(), t);
  bad_type.type = static_cast<event_type>(99);
  EXPECT_EQ(why(bad_type).substr(16), "unknown from assigning office 'sh-office' is malformed: its type is unknown");
}

TEST(malformed, assignments_need_one_lead_or_only_separate_units) {
  auto d = lead_case_in(case_state::registered);
  const auto t = at(2024, 3, 15);
  const auto why = [&](std::vector<cf::unit_assignment_spec> units) {
    return d.refuse(ev::assign(office(), t, std::move(units))).message.substr(16);
  };
  EXPECT_EQ(why({}), "assign from assigning office 'sh-office' is malformed: it assigns no unit");
  EXPECT_EQ(why({{"a", assignment_role::co_handler}}),
            "assign from assigning office 'sh-office' is malformed: lead handling needs exactly one lead unit, not 0");
  EXPECT_EQ(why({{"a", assignment_role::lead}, {"b", assignment_role::lead}}),
            "assign from assigning office 'sh-office' is malformed: lead handling needs exactly one lead unit, not 2");
  EXPECT_EQ(why({{"a", assignment_role::lead}, {"b", assignment_role::separate}}),
            "assign from assigning office 'sh-office' is malformed: it mixes separate handling with lead handling");
  EXPECT_EQ(why({{"a", assignment_role::lead}, {"a", assignment_role::co_handler}}),
            "assign from assigning office 'sh-office' is malformed: unit 'a' is assigned twice");
  EXPECT_EQ(why({{"", assignment_role::lead}}), "assign from assigning office 'sh-office' is malformed: unit 1 has no id");
}

TEST(step, is_pure_and_returns_the_new_case) {
  const auto d = lead_case_in(case_state::handling);
  const cf::case_record before = d.record;
  auto next = cf::step(d.record, ev::submit_opinion(unit("xuhui"), at(2024, 3, 20)), d.context());
  ASSERT_TRUE(next);
  EXPECT_EQ(d.record, before);
  EXPECT_EQ(next->units[1].state, cf::unit_state::opinion_submitted);
  EXPECT_EQ(next->units[1].opinion_on, cf::date(2024, 3, 20));
  EXPECT_EQ(next->history.size(), before.history.size() + 1);
  auto refused = cf::step(d.record, ev::submit_opinion(unit("minhang"), at(2024, 3, 20)), d.context());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, cf::errc::not_permitted);
}

TEST(open_case, checks_the_info) {
  auto info = sample_info();
  info.category = "航天";
  auto c = cf::open_case(info);
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().message.rfind("case 16-2/0581: unknown category '航天'", 0), 0u) << c.error().message;
  auto fresh = cf::open_case(sample_info());
  ASSERT_TRUE(fresh);
  EXPECT_EQ(fresh->state, case_state::received);
  EXPECT_TRUE(fresh->history.empty());
}

TEST(names, states_and_events_round_trip) {
  for (std::size_t i = 0; i < cf::case_state_count; ++i) {
    const auto s = static_cast<case_state>(i);
    EXPECT_EQ(cf::parse_case_state(cf::to_string(s)).value(), s);
  }
  for (std::size_t i = 0; i < cf::unit_state_count; ++i) {
    const auto s = static_cast<cf::unit_state>(i);
    EXPECT_EQ(cf::parse_unit_state(cf::to_string(s)).value(), s);
  }
  for (std::size_t i = 0; i < cf::event_type_count; ++i) {
    const auto t = static_cast<event_type>(i);
    EXPECT_EQ(cf::parse_event_type(cf::to_string(t)).value(), t);
  }
  EXPECT_EQ(cf::to_string(event_type::decide_publication), "decide_publication");
  EXPECT_EQ(cf::parse_event_type("answer").error().message.rfind("unknown event type 'answer' (expected register_case, ", 0), 0u);
}

TEST(timestamps, print_and_parse) {
  EXPECT_EQ(cf::to_string(at(2024, 6, 3, 9, 30)), "2024-06-03 09:30:00");
  EXPECT_EQ(cf::parse_timestamp("2024-06-03 09:30:00").value(), at(2024, 6, 3, 9, 30));
  for (const char *bad : {"", "2024-06-03", "2024-06-03X09:30:00", "2024-02-30 09:00:00", "2024-06-03 25:00:00",
                          "2024-06-03 09:3x:00", "2024-06-03T09:30:00+8", "2024-06-03T09:30:00+15:00",
                          "2024-06-03T09:30:00+08:60", "2024-06-03T09:30:00z", "2024-06-03T09:30:00+08:00:00"}) {
    auto t = cf::parse_timestamp(bad);
    ASSERT_FALSE(t) << bad;
    EXPECT_EQ(t.error().message,
              std::string("'") + bad +
                  "' is not a timestamp (expected YYYY-MM-DD HH:MM:SS, or ISO 8601 with T and an offset such as +08:00 or Z)");
  }
}

// ISO 8601 as other systems write it: 'T', and an offset taken to China time (UTC+8), the day moving with it.
TEST(timestamps, iso_8601_with_an_offset_is_taken_to_china_time) {
  EXPECT_EQ(cf::parse_timestamp("2026-01-07T09:00:00+08:00").value(), at(2026, 1, 7, 9, 0));
  EXPECT_EQ(cf::parse_timestamp("2026-01-07T09:00:00").value(), at(2026, 1, 7, 9, 0)) << "no offset: China time";
  EXPECT_EQ(cf::parse_timestamp("2026-01-07T01:00:00Z").value(), at(2026, 1, 7, 9, 0));
  EXPECT_EQ(cf::parse_timestamp("2026-01-06T20:30:00-0430").value(), at(2026, 1, 7, 9, 0));
  EXPECT_EQ(cf::parse_timestamp("2026-01-07T00:00:00+09").value(), at(2026, 1, 6, 23, 0)) << "Tokyo's midnight is the day before";
  EXPECT_EQ(cf::parse_timestamp("2026-01-07T01:00:00.5Z").value(), at(2026, 1, 7, 9, 0) + boost::posix_time::milliseconds(500));
  EXPECT_EQ(cf::to_string(cf::parse_timestamp("2026-01-07T01:00:00Z").value()), "2026-01-07 09:00:00")
      << "written without the zone";
}

// Found by fuzzing (tests/fuzz/journal_line_fuzz.cpp): a long run of digits after the seconds made
// Boost's time parser overflow a signed int (undefined behaviour) before it refused the text.
TEST(timestamps, only_a_fraction_of_a_second_may_follow_the_seconds) {
  for (const char *bad : {"2024-03-13 15:00:008888888888888888888888888888888888888888222", "2024-03-13 15:00:00 ",
                          "2024-03-13 15:00:00.", "2024-03-13 15:00:00.5x", "2024-03-13 15:00:00:00"}) {
    auto t = cf::parse_timestamp(bad);
    ASSERT_FALSE(t) << bad;
    EXPECT_EQ(t.error().message,
              std::string("'") + bad +
                  "' is not a timestamp (expected YYYY-MM-DD HH:MM:SS, or ISO 8601 with T and an offset such as +08:00 or Z)");
  }
  EXPECT_EQ(cf::parse_timestamp("2024-06-03 09:30:00.250000").value(),
            at(2024, 6, 3, 9, 30) + boost::posix_time::milliseconds(250));
}

TEST(snapshot, restores_every_state_equal) {
  for (std::size_t i = 0; i < cf::case_state_count; ++i) {
    const auto s = static_cast<case_state>(i);
    const auto d = lead_case_in(s, s == case_state::following_up ? reply_class::b : reply_class::a);
    auto back = cf::restore(cf::snapshot(d.record));
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(*back, d.record) << cf::to_string(d.record.state);
  }
}

TEST(snapshot, bad_snapshots_name_the_json_path) {
  const auto d = lead_case_in(case_state::handling);
  std::string text = cf::snapshot(d.record);
  EXPECT_EQ(cf::restore("{").error().message, "snapshot: not valid JSON");
  auto replace = [&](std::string from, std::string to) {
    std::string t = text;
    const auto at_ = t.find(from);
    EXPECT_NE(at_, std::string::npos) << from;
    return t.replace(at_, from.size(), to);
  };
  auto r = cf::restore(replace("\"state\":\"acknowledged\"", "\"state\":\"asleep\""));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, cf::errc::parse_error);
  EXPECT_EQ(r.error().message.rfind("snapshot: /units/0/state: unknown unit state 'asleep' (expected pending, ", 0), 0u)
      << r.error().message;
  auto no_cycle = cf::restore(replace("\"cycle\":1,", ""));
  ASSERT_FALSE(no_cycle);
  EXPECT_EQ(no_cycle.error().message, "snapshot: /cycle: is missing");
  auto bad_time = cf::restore(replace("\"at\":\"2024-03-01 09:00:00\"", "\"at\":\"yesterday\""));
  ASSERT_FALSE(bad_time);
  EXPECT_EQ(bad_time.error().message.rfind("snapshot: /history/0/event/at: 'yesterday' is not a timestamp", 0), 0u)
      << bad_time.error().message;
}

TEST(graph, every_state_is_reachable_and_every_open_state_reaches_an_end) {
  EXPECT_EQ(cf::unreachable_states(cf::machine::case_level), std::vector<std::string>{});
  EXPECT_EQ(cf::states_without_way_out(cf::machine::case_level), std::vector<std::string>{});
  EXPECT_EQ(cf::unreachable_states(cf::machine::unit_level), std::vector<std::string>{});
  EXPECT_EQ(cf::states_without_way_out(cf::machine::unit_level), std::vector<std::string>{});
}

TEST(graph, dot_has_a_node_per_state_and_an_edge_per_row) {
  const std::string dot = cf::workflow_dot(cf::machine::case_level);
  EXPECT_EQ(dot.rfind("digraph G {", 0), 0u) << dot.substr(0, 40);
  for (std::size_t i = 0; i < cf::case_state_count; ++i)
    EXPECT_NE(dot.find("label=\"" + std::string(cf::to_string(static_cast<case_state>(i))) + "\""), std::string::npos);
  std::size_t edges = 0;
  for (std::size_t p = dot.find("->"); p != std::string::npos; p = dot.find("->", p + 2))
    ++edges;
  EXPECT_EQ(edges, cf::case_transitions().size());
  EXPECT_NE(dot.find("reply [all_opinions_in, leader_consultation_held, class_in_scheme] (lead)"), std::string::npos);
  const std::string units = cf::workflow_dot(cf::machine::unit_level);
  EXPECT_NE(units.find("record_feedback (by case)"), std::string::npos);
}

TEST(graph, describe_names_the_senders) {
  EXPECT_EQ(cf::describe(cf::sender::lead_unit | cf::sender::separate_unit), "the lead unit or a separate unit");
  EXPECT_EQ(cf::describe(0), "nobody");
}

} // namespace
