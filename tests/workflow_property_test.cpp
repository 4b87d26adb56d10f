// Random lives: long runs of random events (fixed seed, so failures replay) thrown at cases. Whatever
// comes, apply never crashes, a refused event leaves the case exactly as it was, and the invariants of
// handling hold after every accepted event.
#include <caseflow/workflow.hpp>

#include "support/case_driver.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <random>
#include <set>

namespace cf = caseflow;
using namespace cf::testing;
using cf::case_state;
using cf::unit_state;

namespace {

const std::vector<std::string> unit_pool = {"minhang", "xuhui", "pudong", "fengxian", "changning", "jingan"};

class generator {
public:
  explicit generator(std::uint32_t seed) : rng_(seed) {}

  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  const std::string &any_unit() { return unit_pool[static_cast<std::size_t>(pick(static_cast<int>(unit_pool.size())))]; }

  // An actor that some row of the case's state allows, most of the time; anyone otherwise.
  cf::actor actor_for(const cf::case_record &c, cf::sender_set who) {
    if (chance(0.15) || who == 0) {
      switch (pick(6)) {
      case 0: return office();
      case 1: return actor_leader();
      case 2: return cf::actor::principal_leader("mayor");
      case 3: return actor_proposer();
      case 4: return cf::actor::unit(chance(0.05) ? std::string() : any_unit());
      default:
        return c.units.empty() ? office()
                               : cf::actor::unit(c.units[static_cast<std::size_t>(pick(static_cast<int>(c.units.size())))].unit);
      }
    }
    std::vector<cf::actor> options;
    if (who & cf::sender::office) options.push_back(office());
    if (who & cf::sender::supervising_leader) options.push_back(actor_leader());
    if (who & cf::sender::principal_leader) options.push_back(cf::actor::principal_leader("mayor"));
    if (who & cf::sender::proposer_side) options.push_back(actor_proposer());
    for (const auto &u : c.units) {
      const cf::sender_set bit = u.role == cf::assignment_role::lead         ? cf::sender::lead_unit
                                 : u.role == cf::assignment_role::co_handler ? cf::sender::co_handler_unit
                                                                             : cf::sender::separate_unit;
      if ((who & bit) && u.state != unit_state::returned) options.push_back(cf::actor::unit(u.unit));
    }
    if (options.empty()) return office();
    return options[static_cast<std::size_t>(pick(static_cast<int>(options.size())))];
  }

  std::vector<cf::unit_assignment_spec> assignment() {
    std::vector<cf::unit_assignment_spec> units;
    const int n = 1 + pick(3);
    const bool separate = chance(0.3);
    for (int i = 0; i < n; ++i) {
      cf::assignment_role role = separate ? cf::assignment_role::separate
                                 : i == 0 ? cf::assignment_role::lead
                                          : cf::assignment_role::co_handler;
      if (chance(0.05)) role = static_cast<cf::assignment_role>(pick(3)); // sometimes an invalid mix
      units.push_back({unit_pool[static_cast<std::size_t>(i)], role});
    }
    if (chance(0.03)) units.push_back(units.front()); // a duplicate
    return units;
  }

  cf::event next(const cf::case_record &c, cf::timestamp &clock) {
    // Mostly forward in time, by up to a few days; now and then backwards.
    clock += boost::posix_time::hours(chance(0.02) ? -48 : pick(80));
    cf::event_type type;
    cf::sender_set who = 0;
    if (chance(0.8)) {
      std::vector<const cf::case_transition *> rows;
      for (const auto &r : cf::case_transitions())
        if (r.from == c.state) rows.push_back(&r);
      if (rows.empty()) {
        type = static_cast<cf::event_type>(pick(static_cast<int>(cf::event_type_count)));
      } else {
        const auto *r = rows[static_cast<std::size_t>(pick(static_cast<int>(rows.size())))];
        type = r->on;
        who = r->who;
      }
    } else {
      type = static_cast<cf::event_type>(pick(static_cast<int>(cf::event_type_count)));
    }
    cf::event e;
    e.type = type;
    e.by = actor_for(c, who);
    e.at = chance(0.005) ? cf::timestamp() : clock;
    if (type == cf::event_type::assign) e.units = assignment();
    e.unit = chance(0.7) && !c.units.empty() ? c.units[static_cast<std::size_t>(pick(static_cast<int>(c.units.size())))].unit
                                             : any_unit();
    if (chance(0.05)) e.unit.clear();
    e.new_unit = chance(0.1) ? std::string() : any_unit();
    e.reason = chance(0.1) ? std::string() : "reason";
    e.result_class = static_cast<cf::reply_class>(pick(4));
    e.rating = static_cast<cf::satisfaction>(pick(4));
    e.decision = static_cast<cf::disclosure>(pick(4));
    e.leader_led = chance(0.6);
    e.until = chance(0.1) ? cf::date() : clock.date() + boost::gregorian::days(pick(240));
    e.lead_item = chance(0.1) ? cf::case_id{} : cf::case_id{"16-2", chance(0.1) ? "0581" : "0001"};
    return e;
  }

private:
  std::mt19937 rng_;
};

bool past_handling(case_state s) { return s != case_state::received && s != case_state::registered && s != case_state::handling; }

// The invariants of a case, as a list of what is wrong (empty when all hold).
std::vector<std::string> broken_invariants(const cf::case_record &c, const cf::deadline_policy &policy) {
  std::vector<std::string> broken;
  int leads = 0, separate = 0, live = 0;
  for (const auto &u : c.units) {
    if (u.state == unit_state::returned) continue;
    ++live;
    leads += u.role == cf::assignment_role::lead;
    separate += u.role == cf::assignment_role::separate;
  }
  if (c.state != case_state::received && c.state != case_state::registered) {
    if (live == 0) broken.push_back("no unit handles an assigned case");
    if (separate == 0 && leads != 1) broken.push_back("lead handling without exactly one lead");
    if (separate > 0 && leads > 0) broken.push_back("separate and lead handling mixed");
  } else if (!c.units.empty()) {
    broken.push_back("units before assignment");
  }
  if (past_handling(c.state)) {
    for (const auto &u : c.units) {
      if (u.state == unit_state::returned) continue;
      if (u.role == cf::assignment_role::co_handler && u.state != unit_state::opinion_submitted &&
          u.state != unit_state::opinion_waived)
        broken.push_back("replied before co-handler '" + u.unit + "' gave its opinion");
      if (u.role != cf::assignment_role::co_handler && u.replies == 0) broken.push_back("unit '" + u.unit + "' never replied");
      if (u.result_class == cf::reply_class::d && policy.results == cf::result_scheme::three_class)
        broken.push_back("class D in three classes");
    }
    if (policy.leader_consultation_required && c.leader_consultations == 0)
      broken.push_back("replied without a leader consultation");
    if (c.replied_on.is_special()) broken.push_back("no reply date");
  }
  if (cf::is_concluded(c.state) && !c.publication) broken.push_back("closed without a disclosure decision");
  if (c.state == case_state::rehandling && c.cycle < 2) broken.push_back("re-handling in the first cycle");
  if (!c.history.empty() && c.history.back().after != c.state) broken.push_back("history does not end in the case's state");
  for (std::size_t i = 1; i < c.history.size(); ++i)
    if (c.history[i].event.at < c.history[i - 1].event.at) broken.push_back("history out of time order");
  return broken;
}

TEST(random_lives, never_crash_refusals_change_nothing_and_invariants_hold) {
  generator gen(20240315);
  cf::deadline_policy policy = shanghai_policy();
  const cf::step_context context{policy, national_calendar()};
  constexpr int total_events = 150000;
  std::set<case_state> reached;
  std::set<std::pair<int, int>> accepted_kinds; // (state before, event type)
  int accepted = 0, cases = 0, events_in_case = 0;
  cf::case_record c = open_case(sample_info()).value();
  cf::timestamp clock = at(2024, 1, 2);
  // The record as it stood at the end of an earlier day, to check as_of against.
  std::optional<std::pair<cf::date, cf::case_record>> checkpoint;
  for (int i = 0; i < total_events; ++i) {
    if (c.state == case_state::closed || events_in_case > 250) {
      // A fresh case; every fourth runs under the four-class scheme without the consultation rule.
      ++cases;
      policy.results = cases % 4 == 3 ? cf::result_scheme::four_class : cf::result_scheme::three_class;
      policy.leader_consultation_required = cases % 4 != 3;
      auto info = sample_info();
      info.key_item = cases % 3 == 0; // key items report progress
      c = open_case(std::move(info)).value();
      checkpoint.reset();
      clock = at(2024, 1, 2) + boost::gregorian::days(gen.pick(200));
      events_in_case = 0;
    }
    ++events_in_case;
    const cf::event e = gen.next(c, clock);
    const cf::case_record before = c;
    const case_state from = c.state;
    const auto r = cf::apply(c, e, context);
    if (!r) {
      ASSERT_EQ(c, before) << "refused " << cf::to_string(e.type) << " changed the case: " << r.error().message;
      if (i % 997 == 0) {
        ASSERT_EQ(cf::snapshot(c), cf::snapshot(before));
      }
      ASSERT_FALSE(r.error().message.empty());
      ASSERT_EQ(r.error().guard.empty(), r.error().code != cf::errc::guard_failed) << r.error().message;
      continue;
    }
    ++accepted;
    if (!before.history.empty() && e.at.date() > before.history.back().event.at.date())
      checkpoint.emplace(before.history.back().event.at.date(), before);
    if (accepted % 97 == 0) {
      ASSERT_EQ(cf::as_of(c, e.at.date()), c) << cf::format_history(c);
      if (checkpoint) {
        ASSERT_EQ(cf::as_of(c, checkpoint->first), checkpoint->second) << cf::format_history(c);
      }
    }
    reached.insert(c.state);
    accepted_kinds.insert({static_cast<int>(from), static_cast<int>(e.type)});
    ASSERT_EQ(c.history.size(), before.history.size() + 1);
    ASSERT_EQ(c.history.back().event, e);
    const auto broken = broken_invariants(c, policy);
    ASSERT_TRUE(broken.empty()) << broken.front() << " after " << cf::to_string(e.type) << "\n" << cf::format_history(c);
    if (accepted % 1000 == 0) {
      auto back = cf::restore(cf::snapshot(c));
      ASSERT_TRUE(back) << back.error().message;
      ASSERT_EQ(*back, c);
    }
  }
  // The run must have explored the machine, or it proves little.
  EXPECT_EQ(reached.size(), cf::case_state_count - 1); // every state but the initial one
  std::set<std::pair<int, int>> rows;
  for (const auto &r : cf::case_transitions())
    rows.insert({static_cast<int>(r.from), static_cast<int>(r.on)});
  EXPECT_EQ(accepted_kinds, rows) << "some (state, event) rows were never taken";
  EXPECT_GT(accepted, total_events / 10);
  EXPECT_GT(cases, 100);
}

} // namespace
