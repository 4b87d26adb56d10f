// escalation: the coordination track of a case (levels, triggers, windows, decisions), its routing on
// the org chart, and a scenario that drives the track with real window clocks the way a case book does.
#include <caseflow/due_index.hpp>
#include <caseflow/escalation.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace cf = caseflow;
using json = nlohmann::json;
using lvl = cf::escalation_level;
using trig = cf::escalation_trigger;

namespace {

cf::date d(int y, int m, int dd) {
  return cf::date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(dd));
}

const std::filesystem::path data_dir(CASEFLOW_TEST_DATA_DIR);

const cf::work_calendar &national() {
  static const cf::work_calendar cal = cf::work_calendar::load(data_dir / "calendars/cn-mainland.txt").value();
  return cal;
}

const cf::deadline_policy &shanghai() {
  static const cf::deadline_policy p = cf::load_policy(data_dir / "policies/shanghai-municipal.json").value();
  return p;
}

const cf::org_chart &minhang() {
  static const cf::org_chart chart = cf::load_org_chart(data_dir / "examples/minhang-org.json").value();
  return chart;
}

// A city with one bureau of its own and two districts, both supervised by the same vice mayor: a dispute
// between bureaus of the two districts meets below the mayor, at that vice mayor.
const cf::org_chart &two_districts() {
  static const cf::org_chart chart = cf::parse_org_chart(R"({"format": 1, "name": "两区", "nodes": [
    {"id": "city",      "kind": "unit",   "name": "市政府", "level": "city", "government": true},
    {"id": "c-office",  "kind": "office", "name": "市府办", "of": "city"},
    {"id": "c-mayor",   "kind": "leader", "role": "principal",   "name": "市长",     "of": "city"},
    {"id": "c-vm-a",    "kind": "leader", "role": "supervising", "name": "副市长甲", "of": "city"},
    {"id": "c-vm-b",    "kind": "leader", "role": "supervising", "name": "副市长乙", "of": "city"},
    {"id": "c-bureau",  "kind": "unit",   "name": "市某局", "level": "city", "reports_to": "city", "supervised_by": "c-vm-b"},
    {"id": "east",      "kind": "unit",   "name": "东区", "level": "district", "government": true, "reports_to": "city", "supervised_by": "c-vm-a"},
    {"id": "e-office",  "kind": "office", "name": "东区府办", "of": "east"},
    {"id": "e-mayor",   "kind": "leader", "role": "principal",   "name": "东区区长",   "of": "east"},
    {"id": "e-vm",      "kind": "leader", "role": "supervising", "name": "东区副区长", "of": "east"},
    {"id": "e-bureau",  "kind": "unit",   "name": "东区某局", "level": "district", "reports_to": "east", "supervised_by": "e-vm"},
    {"id": "west",      "kind": "unit",   "name": "西区", "level": "district", "government": true, "reports_to": "city", "supervised_by": "c-vm-a"},
    {"id": "w-office",  "kind": "office", "name": "西区府办", "of": "west"},
    {"id": "w-mayor",   "kind": "leader", "role": "principal",   "name": "西区区长",   "of": "west"},
    {"id": "w-vm",      "kind": "leader", "role": "supervising", "name": "西区副区长", "of": "west"},
    {"id": "w-bureau",  "kind": "unit",   "name": "西区某局", "level": "district", "reports_to": "west", "supervised_by": "w-vm"}
  ]})",
                                                         "two-districts.json")
                                         .value();
  return chart;
}

const std::string case_no = "16-2/0581";

cf::escalation_context ctx(const cf::deadline_policy &policy = shanghai(), std::string_view lead = "mh-jsw",
                           const cf::org_chart &chart = minhang()) {
  return cf::escalation_context{policy, national(), chart, lead};
}

// Applies an input that must be accepted.
cf::escalation_step step(const cf::escalation_track &t, const cf::escalation_input &in, const cf::escalation_context &c = ctx()) {
  auto r = cf::apply_escalation(t, in, c);
  if (!r) ADD_FAILURE() << r.error().message;
  return std::move(r).value();
}

// A track marked difficult on 2024-09-26 (lead mh-jsw), at the office.
cf::escalation_track at_office() {
  return step(cf::escalation_track::for_case(case_no), cf::escalation_input::raise(trig::marked_difficult, d(2024, 9, 26))).track;
}
cf::escalation_track at_supervising() {
  return step(at_office(), cf::escalation_input::window_ran_out(lvl::office, d(2024, 10, 10))).track;
}
cf::escalation_track at_principal() {
  return step(at_supervising(), cf::escalation_input::window_ran_out(lvl::supervising_leader, d(2024, 10, 23))).track;
}

std::vector<std::string> lines(const std::vector<cf::escalation_notice> &ns) {
  std::vector<std::string> out;
  for (const auto &n : ns)
    out.push_back(cf::to_string(n));
  return out;
}

std::vector<std::string> lines(const std::vector<cf::clock_change> &cs) {
  std::vector<std::string> out;
  for (const auto &c : cs)
    out.push_back(cf::to_string(c));
  return out;
}

} // namespace

// ---- Routing ------------------------------------------------------------------------------------

TEST(escalation_routing, lead_unit_alone_goes_to_its_supervising_leader) {
  const auto r = cf::route_escalation(minhang(), "mh-jsw").value();
  EXPECT_EQ(r, (cf::escalation_route{"mh-office", "mh-vm-build", "mh-mayor", {"mh-jsw"}, ""}));
}

TEST(escalation_routing, dispute_under_one_supervising_leader_stays_with_that_leader) {
  // 区建设管理委 and 区交通委 are both under 副区长（城建交通）; the town of Meilong too.
  const std::vector<std::string> units{"meilong", "mh-jtw"};
  const auto r = cf::route_escalation(minhang(), "mh-jsw", units).value();
  EXPECT_EQ(r, (cf::escalation_route{"mh-office", "mh-vm-build", "mh-mayor", {"mh-jsw", "meilong", "mh-jtw"}, ""}));
}

TEST(escalation_routing, dispute_across_supervising_leaders_skips_level_two_at_the_principal) {
  // 区建设管理委 (副区长 城建交通) and 区发展改革委 (常务副区长) meet at the district mayor.
  const std::vector<std::string> units{"mh-fgw"};
  const auto r = cf::route_escalation(minhang(), "mh-jsw", units).value();
  EXPECT_EQ(r, (cf::escalation_route{"mh-office",
                                     "",
                                     "mh-mayor",
                                     {"mh-jsw", "mh-fgw"},
                                     "the lowest common superior of units 'mh-jsw', 'mh-fgw' is principal leader 'mh-mayor'"}));
}

TEST(escalation_routing, dispute_across_districts_goes_to_their_common_city_leader) {
  // Both district governments are supervised by 副市长甲: level 2 is that city leader, level 3 the mayor.
  const std::vector<std::string> units{"w-bureau"};
  const auto r = cf::route_escalation(two_districts(), "e-bureau", units).value();
  EXPECT_EQ(r, (cf::escalation_route{"e-office", "c-vm-a", "c-mayor", {"e-bureau", "w-bureau"}, ""}));
  // A district bureau against a city bureau under another vice mayor meets at the mayor.
  const std::vector<std::string> city{"c-bureau"};
  const auto skip = cf::route_escalation(two_districts(), "e-bureau", city).value();
  EXPECT_EQ(skip.supervising, "");
  EXPECT_EQ(skip.principal, "c-mayor");
  EXPECT_EQ(skip.skip_reason, "the lowest common superior of units 'e-bureau', 'c-bureau' is principal leader 'c-mayor'");
}

TEST(escalation_routing, separate_handling_routes_for_the_first_unit_involved) {
  const std::vector<std::string> units{"qibao"};
  const auto r = cf::route_escalation(minhang(), "", units).value();
  EXPECT_EQ(r, (cf::escalation_route{"mh-office", "mh-vm-econ", "mh-mayor", {"qibao"}, ""}));
}

TEST(escalation_routing, unknown_units_and_no_units_are_errors) {
  const auto none = cf::route_escalation(minhang(), "");
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, cf::errc::invalid_argument);
  const std::vector<std::string> units{"mh-nowhere"};
  const auto unknown = cf::route_escalation(minhang(), "mh-jsw", units);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, cf::errc::not_found);
  EXPECT_NE(unknown.error().message.find("routing units 'mh-jsw', 'mh-nowhere': "), std::string::npos) << unknown.error().message;
  EXPECT_NE(unknown.error().message.find("mh-nowhere"), unknown.error().message.rfind("mh-nowhere")) << unknown.error().message;
}

// ---- The table ----------------------------------------------------------------------------------

TEST(escalation_table, rows_read_as_the_policy) {
  std::vector<std::string> rows;
  for (const auto &row : cf::escalation_transitions())
    rows.push_back(cf::to_string(row));
  const std::vector<std::string> expected = {
      "none + trigger [policy_escalates] (book) / open_episode = office",
      "resolved + trigger [policy_escalates] (book) / open_episode = office",
      "office + trigger [policy_escalates] (book) / note_trigger = office",
      "supervising_leader + trigger [policy_escalates] (book) / note_trigger = supervising_leader",
      "principal_leader + trigger [policy_escalates] (book) / note_trigger = principal_leader",
      "office + window_ran_out [window_has_run_out, level_two_routed] (calendar) / climb = supervising_leader",
      "office + window_ran_out [window_has_run_out, level_two_skipped] (calendar) / skip_level_two = principal_leader",
      "supervising_leader + window_ran_out [window_has_run_out] (calendar) / climb = principal_leader",
      "office + resolve (routed) / record_decision = resolved",
      "supervising_leader + resolve (routed) / record_decision = resolved",
      "principal_leader + resolve (routed) / record_decision = resolved",
  };
  EXPECT_EQ(rows, expected);
}

TEST(escalation_table, names_round_trip_and_windows_map_to_levels) {
  for (auto l : {lvl::none, lvl::office, lvl::supervising_leader, lvl::principal_leader, lvl::resolved})
    EXPECT_EQ(cf::parse_escalation_level(cf::to_string(l)).value(), l);
  EXPECT_FALSE(cf::parse_escalation_level("mayor"));
  EXPECT_EQ(cf::window_clock(lvl::supervising_leader), cf::clock_kind::escalation_supervising_leader);
  EXPECT_EQ(cf::window_clock(lvl::resolved), std::nullopt);
  EXPECT_EQ(cf::level_of(cf::clock_kind::escalation_principal_leader), lvl::principal_leader);
  EXPECT_EQ(cf::level_of(cf::clock_kind::reply), std::nullopt);
}

// ---- Triggers -----------------------------------------------------------------------------------

TEST(escalation_trigger_input, opens_an_episode_at_the_office_with_its_window) {
  const auto t0 = cf::escalation_track::for_case(case_no);
  const auto s = step(t0, cf::escalation_input::raise(trig::marked_difficult, d(2024, 9, 26), {"mh-jsw"}));
  EXPECT_EQ(s.outcome, cf::escalation_outcome::moved);
  EXPECT_EQ(s.track.level, lvl::office);
  EXPECT_EQ(s.track.cycle(), 1);
  // 5 working days after Thursday 09-26: 09-27, 09-29 (make-up Sunday), 09-30, [National Day 10-01..10-07],
  // 10-08, 10-09.
  ASSERT_NE(s.track.current_stage(), nullptr);
  EXPECT_EQ(*s.track.current_stage(), (cf::escalation_stage{lvl::office, "mh-office", "office 'mh-office'", d(2024, 9, 26),
                                                            d(2024, 9, 26), d(2024, 10, 9)}));
  EXPECT_EQ(lines(s.clocks), (std::vector<std::string>{"start case 16-2/0581 escalation_office cycle 1 on 2024-09-26"}));
  EXPECT_EQ(lines(s.notices), (std::vector<std::string>{"2024-09-26 escalation: case 16-2/0581 cycle 1 none -> office: trigger "
                                                        "marked_difficult; office 'mh-office' acts, window due 2024-10-09"}));
  EXPECT_EQ(s.track.window_key(), (cf::clock_key{case_no, "", cf::clock_kind::escalation_office, 1}));
}

TEST(escalation_trigger_input, triggers_the_policy_switches_off_are_ignored) {
  cf::deadline_policy quiet = shanghai();
  quiet.escalate_on[static_cast<std::size_t>(trig::marked_difficult)] = false;
  quiet.escalate_on[static_cast<std::size_t>(trig::reply_overdue)] = false;
  const auto t0 = cf::escalation_track::for_case(case_no);
  const auto s = step(t0, cf::escalation_input::raise(trig::marked_difficult, d(2024, 9, 26)), ctx(quiet));
  EXPECT_EQ(s, (cf::escalation_step{t0, cf::escalation_outcome::ignored, {}, {}}));
  // Also on a track already escalated: nothing is recorded.
  const auto office = at_office();
  const auto s2 = step(office, cf::escalation_input::raise(trig::reply_overdue, d(2024, 9, 30)), ctx(quiet));
  EXPECT_EQ(s2, (cf::escalation_step{office, cf::escalation_outcome::ignored, {}, {}}));
  // A trigger still switched on acts under the same policy.
  EXPECT_EQ(step(t0, cf::escalation_input::raise(trig::dispute, d(2024, 9, 26), {"mh-jtw"}), ctx(quiet)).outcome,
            cf::escalation_outcome::moved);
}

TEST(escalation_trigger_input, a_second_trigger_is_recorded_without_restarting) {
  const auto office = at_office();
  const auto s = step(office, cf::escalation_input::raise(trig::reply_last_warning, d(2024, 10, 8)));
  EXPECT_EQ(s.outcome, cf::escalation_outcome::recorded);
  EXPECT_TRUE(s.notices.empty());
  EXPECT_TRUE(s.clocks.empty());
  EXPECT_EQ(s.track.level, lvl::office);
  EXPECT_EQ(s.track.current_stage()->window_due, d(2024, 10, 9)); // not restarted
  ASSERT_EQ(s.track.episodes.back().triggers.size(), 2U);
  EXPECT_EQ(s.track.episodes.back().triggers[1], (cf::escalation_raise{trig::reply_last_warning, d(2024, 10, 8), {}, false}));
}

TEST(escalation_trigger_input, a_dispute_recorded_at_the_office_routes_level_two) {
  // Marked difficult, then a dispute with 区发展改革委 (another supervising leader): when the office's
  // window runs out, level 2 is skipped and the notice says why.
  const auto disputed = step(at_office(), cf::escalation_input::raise(trig::dispute, d(2024, 10, 8), {"mh-fgw"})).track;
  const auto s = step(disputed, cf::escalation_input::window_ran_out(lvl::office, d(2024, 10, 10)));
  EXPECT_EQ(s.track.level, lvl::principal_leader);
  EXPECT_EQ(lines(s.notices),
            (std::vector<std::string>{
                "2024-10-10 escalation: case 16-2/0581 cycle 1 office -> principal_leader: window of office ran out (due "
                "2024-10-09), level 2 skipped: the lowest common superior of units 'mh-jsw', 'mh-fgw' is principal leader "
                "'mh-mayor'; principal leader 'mh-mayor' acts, window due 2024-10-22"}));
  EXPECT_EQ(s.notices.front().why, cf::escalation_reason::level_skipped);
  EXPECT_EQ(lines(s.clocks), (std::vector<std::string>{
                                 "end case 16-2/0581 escalation_office cycle 1 on 2024-10-10",
                                 "start case 16-2/0581 escalation_principal_leader cycle 1 on 2024-10-09",
                             }));
}

TEST(escalation_trigger_input, a_resolved_track_opens_a_new_episode) {
  const auto resolved =
      step(at_office(), cf::escalation_input::resolve(cf::actor::office("mh-office"), d(2024, 9, 30), "区建设管理委牵头")).track;
  EXPECT_EQ(resolved.level, lvl::resolved);
  EXPECT_EQ(resolved.window_key(), std::nullopt);
  const auto s = step(resolved, cf::escalation_input::raise(trig::reply_overdue, d(2024, 12, 27)));
  EXPECT_EQ(s.track.level, lvl::office);
  EXPECT_EQ(s.track.cycle(), 2);
  EXPECT_EQ(lines(s.clocks), (std::vector<std::string>{"start case 16-2/0581 escalation_office cycle 2 on 2024-12-27"}));
  ASSERT_EQ(s.track.episodes.size(), 2U);
  EXPECT_TRUE(s.track.episodes[0].decision.has_value());
}

TEST(escalation_trigger_input, separate_handling_routes_for_the_units_the_triggers_name) {
  // No lead unit: 七宝镇 marks its part difficult; its own supervising leader is level 2.
  const auto c = ctx(shanghai(), "");
  const auto office = step(cf::escalation_track::for_case(case_no),
                           cf::escalation_input::raise(trig::marked_difficult, d(2024, 9, 26), {"qibao"}), c)
                          .track;
  const auto sup = step(office, cf::escalation_input::window_ran_out(lvl::office, d(2024, 10, 10)), c).track;
  EXPECT_EQ(sup.current_stage()->who, "mh-vm-econ");
  // A dispute between separate units must name two of them.
  const auto one = cf::apply_escalation(cf::escalation_track::for_case(case_no),
                                        cf::escalation_input::raise(trig::dispute, d(2024, 9, 26), {"qibao"}), c);
  ASSERT_FALSE(one);
  EXPECT_EQ(one.error().code, cf::errc::malformed_event);
  const auto two = step(cf::escalation_track::for_case(case_no),
                        cf::escalation_input::raise(trig::dispute, d(2024, 9, 26), {"qibao", "huacao"}), c);
  EXPECT_EQ(step(two.track, cf::escalation_input::window_ran_out(lvl::office, d(2024, 10, 10)), c).track.current_stage()->who,
            "mh-vm-econ"); // both towns are under 副区长（经济科技）
}

TEST(escalation_trigger_input, malformed_triggers_are_refused) {
  const auto t0 = cf::escalation_track::for_case(case_no);
  const auto no_units = cf::apply_escalation(t0, cf::escalation_input::raise(trig::dispute, d(2024, 9, 26), {"mh-jsw"}), ctx());
  ASSERT_FALSE(no_units);
  EXPECT_EQ(no_units.error(),
            (cf::error{cf::errc::malformed_event, "case 16-2/0581: escalation at none: trigger dispute on "
                                                  "2024-09-26: a dispute names no unit besides the lead unit"}));
  const auto no_date = cf::apply_escalation(t0, cf::escalation_input::raise(trig::marked_difficult, cf::date()), ctx());
  ASSERT_FALSE(no_date);
  EXPECT_EQ(no_date.error().code, cf::errc::malformed_event);
  const auto unknown =
      cf::apply_escalation(t0, cf::escalation_input::raise(trig::dispute, d(2024, 9, 26), {"mh-nowhere"}), ctx());
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, cf::errc::not_found);
  EXPECT_EQ(unknown.error().message.rfind("case 16-2/0581: escalation at none: trigger dispute on 2024-09-26: routing units", 0),
            0U)
      << unknown.error().message;
}

// ---- Windows ------------------------------------------------------------------------------------

TEST(escalation_window, climbs_only_once_the_window_ran_out) {
  const auto office = at_office();
  EXPECT_EQ(cf::due_escalation(office, d(2024, 10, 9)), std::nullopt);
  EXPECT_EQ(cf::due_escalation(office, d(2024, 10, 10)), cf::escalation_input::window_ran_out(lvl::office, d(2024, 10, 10), 1));
  // A late question gets the day the window ran out; after that climb the next window may be due too.
  const auto late = cf::due_escalation(office, d(2024, 10, 25));
  EXPECT_EQ(late, cf::escalation_input::window_ran_out(lvl::office, d(2024, 10, 10), 1));
  const auto sup = step(office, *late).track;
  EXPECT_EQ(cf::due_escalation(sup, d(2024, 10, 25)),
            cf::escalation_input::window_ran_out(lvl::supervising_leader, d(2024, 10, 23), 1));
  const auto early = cf::apply_escalation(office, cf::escalation_input::window_ran_out(lvl::office, d(2024, 10, 9)), ctx());
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error(), (cf::error{cf::errc::guard_failed, "case 16-2/0581: escalation at office: window_ran_out of office "
                                                              "(cycle 0) on 2024-10-09: window_has_run_out: the window due "
                                                              "2024-10-09 has not run out on 2024-10-09"}));
}

TEST(escalation_window, stale_or_foreign_windows_are_refused) {
  const auto sup = at_supervising();
  const auto stale = cf::apply_escalation(sup, cf::escalation_input::window_ran_out(lvl::office, d(2024, 10, 24)), ctx());
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, cf::errc::invalid_state);
  const auto other_cycle = cf::apply_escalation(
      sup,
      cf::escalation_input::window_ran_out_of({case_no, "", cf::clock_kind::escalation_supervising_leader, 2}, d(2024, 10, 24)),
      ctx());
  ASSERT_FALSE(other_cycle);
  EXPECT_EQ(other_cycle.error().code, cf::errc::invalid_state);
  const auto foreign = cf::apply_escalation(
      sup, cf::escalation_input::window_ran_out_of({case_no, "mh-jsw", cf::clock_kind::reply, 1}, d(2024, 10, 24)), ctx());
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().code, cf::errc::malformed_event);
  const auto backwards = cf::apply_escalation(sup, cf::escalation_input::raise(trig::reply_overdue, d(2024, 10, 1)), ctx());
  ASSERT_FALSE(backwards);
  EXPECT_EQ(backwards.error().code, cf::errc::invalid_argument);
  EXPECT_NE(backwards.error().message.find("latest recorded day 2024-10-10"), std::string::npos) << backwards.error().message;
}

TEST(escalation_window, nothing_climbs_above_the_principal_leader) {
  const auto top = at_principal();
  EXPECT_EQ(cf::due_escalation(top, d(2025, 1, 6)), std::nullopt);
  const auto r = cf::apply_escalation(top, cf::escalation_input::window_ran_out(lvl::principal_leader, d(2024, 11, 6)), ctx());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), (cf::error{cf::errc::invalid_state, "case 16-2/0581: escalation at principal_leader: window_ran_out of "
                                                           "principal_leader (cycle 0) on 2024-11-06: no level above the "
                                                           "principal leader"}));
}

// ---- Resolution ---------------------------------------------------------------------------------

TEST(escalation_resolve, only_the_routed_leader_may_decide_and_a_refusal_changes_nothing) {
  const auto sup = at_supervising();
  const auto before = sup;
  // The district mayor is not the one routed to level 2.
  const auto mayor = cf::apply_escalation(
      sup, cf::escalation_input::resolve(cf::actor::principal_leader("mh-mayor"), d(2024, 10, 15), "由区长协调"), ctx());
  ASSERT_FALSE(mayor);
  EXPECT_EQ(mayor.error(),
            (cf::error{cf::errc::not_permitted,
                       "case 16-2/0581: escalation at supervising_leader: resolve by principal leader 'mh-mayor' on "
                       "2024-10-15: not permitted: the level is routed to supervising leader 'mh-vm-build'"}));
  // Another supervising leader, and the right id in the wrong role, are refused too.
  const auto other = cf::apply_escalation(
      sup, cf::escalation_input::resolve(cf::actor::supervising_leader("mh-vm-exec"), d(2024, 10, 15), "x"), ctx());
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, cf::errc::not_permitted);
  const auto role = cf::apply_escalation(
      sup, cf::escalation_input::resolve(cf::actor::principal_leader("mh-vm-build"), d(2024, 10, 15), "x"), ctx());
  ASSERT_FALSE(role);
  EXPECT_EQ(role.error().code, cf::errc::not_permitted);
  EXPECT_EQ(sup, before);
  // The routed leader decides.
  const auto s = step(sup, cf::escalation_input::resolve(cf::actor::supervising_leader("mh-vm-build"), d(2024, 10, 15),
                                                         "由区建设管理委牵头，区交通委配合"));
  EXPECT_EQ(s.track.level, lvl::resolved);
  EXPECT_EQ(s.track.episodes.back().decision,
            (cf::escalation_decision{lvl::supervising_leader, cf::actor::supervising_leader("mh-vm-build"), d(2024, 10, 15),
                                     "由区建设管理委牵头，区交通委配合"}));
  EXPECT_EQ(lines(s.clocks),
            (std::vector<std::string>{"stop case 16-2/0581 escalation_supervising_leader cycle 1 on 2024-10-15"}));
}

TEST(escalation_resolve, a_decision_needs_text_and_a_level) {
  const auto blank = cf::apply_escalation(
      at_office(), cf::escalation_input::resolve(cf::actor::office("mh-office"), d(2024, 9, 27), "  "), ctx());
  ASSERT_FALSE(blank);
  EXPECT_EQ(blank.error().code, cf::errc::malformed_event);
  const auto none =
      cf::apply_escalation(cf::escalation_track::for_case(case_no),
                           cf::escalation_input::resolve(cf::actor::office("mh-office"), d(2024, 9, 27), "x"), ctx());
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error(), (cf::error{cf::errc::invalid_state, "case 16-2/0581: escalation at none: resolve by assigning office "
                                                              "'mh-office' on 2024-09-27: no move for resolve at none"}));
}

// ---- JSON ---------------------------------------------------------------------------------------

TEST(escalation_json, track_inputs_and_notices_round_trip) {
  const auto disputed = step(at_supervising(), cf::escalation_input::raise(trig::dispute, d(2024, 10, 11), {"mh-jtw"}));
  const auto resolved = step(
      disputed.track, cf::escalation_input::resolve(cf::actor::supervising_leader("mh-vm-build"), d(2024, 10, 15), "协调意见"));
  const json j = resolved.track;
  EXPECT_EQ(cf::escalation_track_from_json(j, "snapshot").value(), resolved.track);
  EXPECT_EQ(j.at("episodes").at(0).at("decision").at("by"), "supervising_leader:mh-vm-build");
  for (const auto &in : {cf::escalation_input::raise(trig::dispute, d(2024, 10, 11), {"mh-jtw"}),
                         cf::escalation_input::window_ran_out(lvl::office, d(2024, 10, 10), 1),
                         cf::escalation_input::resolve(cf::actor::principal_leader("mh-mayor"), d(2024, 11, 1), "决定")})
    EXPECT_EQ(cf::escalation_input_from_json(json(in), "journal:3").value(), in);
  const json n = resolved.notices.front();
  EXPECT_EQ(n.get<cf::escalation_notice>(), resolved.notices.front());
}

TEST(escalation_json, bad_json_is_an_error_naming_where) {
  json j = at_office();
  j["level"] = "mayor";
  const auto r = cf::escalation_track_from_json(j, "snapshot.json");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, cf::errc::parse_error);
  EXPECT_EQ(r.error().message.rfind("snapshot.json: field 'level': unknown escalation level 'mayor'", 0), 0U)
      << r.error().message;
  const auto in = cf::escalation_input_from_json(json{{"input", "climb"}, {"on", "2024-10-10"}}, "journal:7");
  ASSERT_FALSE(in);
  EXPECT_EQ(in.error().message.rfind("journal:7: field 'input': unknown escalation input 'climb'", 0), 0U) << in.error().message;
  const auto missing = cf::escalation_input_from_json(json{{"input", "trigger"}}, "journal:8");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, cf::errc::parse_error);
}

// ---- Scenario -----------------------------------------------------------------------------------

// A difficult item walked up all three levels to a decision, driven as a case book drives it: the track's
// clock changes go into a due_index, every day is ticked, and the overdue notice of an office or
// supervising-leader window becomes a window_ran_out input (its escalation notice says what the overdue
// notice would). Reminders of the windows come from the policy (3 working days before).
TEST(escalation_scenario, difficult_item_climbs_three_levels_across_national_day_to_a_decision) {
  cf::due_index clocks;
  cf::escalation_track track = cf::escalation_track::for_case(case_no);
  std::vector<std::string> said;
  const auto take = [&](const cf::escalation_step &s) {
    for (const auto &c : s.clocks) {
      switch (c.kind) {
      case cf::clock_change_kind::start:
        ASSERT_TRUE(clocks.add(cf::deadline_clock::start(c.key, shanghai().rule(c.key.kind), c.on, national()).value()));
        break;
      case cf::clock_change_kind::stop: ASSERT_TRUE(clocks.stop(c.key, c.on, national())); break;
      default: ASSERT_TRUE(clocks.remove(c.key)); break;
      }
    }
    for (const auto &n : s.notices)
      said.push_back(cf::to_string(n));
    track = s.track;
  };
  const auto tick_through = [&](cf::date last) {
    for (cf::date day = clocks.last_tick() ? *clocks.last_tick() + boost::gregorian::days(1) : d(2024, 9, 26); day <= last;
         day += boost::gregorian::days(1)) {
      const std::vector<cf::notice> notices = clocks.tick(day, national()).value();
      for (const auto &n : notices) {
        const auto level = cf::level_of(n.clock.kind);
        if (n.kind == cf::notice_kind::overdue && level && *level != lvl::principal_leader)
          take(step(track, cf::escalation_input::window_ran_out_of(n.clock, n.on)));
        else
          said.push_back(cf::to_string(n));
      }
    }
  };

  // Thursday 2024-09-26: 区建设管理委 marks the item difficult. Office window 5wd: 09-27 (1), 09-29 make-up
  // Sunday (2), 09-30 (3), National Day 10-01..10-07 off, 10-08 (4), 10-09 (5) -> due Wednesday 10-09.
  // Its reminder 3 working days before: 10-08 (1), 09-30 (2), 09-29 (3) -> on the make-up Sunday 09-29.
  take(step(track, cf::escalation_input::raise(trig::marked_difficult, d(2024, 9, 26), {"mh-jsw"})));
  tick_through(d(2024, 10, 8));
  // 10-08: the reply reaches its last warning point; recorded, the ladder is not restarted.
  take(step(track, cf::escalation_input::raise(trig::reply_last_warning, d(2024, 10, 8))));
  // 10-10: the office's window ran out on 10-09. The supervising leader's 10wd window counts from 10-09:
  // 10-10, 10-11, 10-12 (make-up Saturday), 10-14, 15, 16, 17, 18, 21, 22 -> due Tuesday 10-22; reminder
  // 3 working days before: 10-21, 10-18, 10-17 -> 10-17.
  // 10-23: that window ran out; the principal leader's 10wd window counts from 10-22: 10-23, 24, 25, 28,
  // 29, 30, 31, 11-01, 11-04, 11-05 -> due Tuesday 11-05; reminder 11-04, 11-01, 10-31 -> 10-31.
  tick_through(d(2024, 10, 31));
  // A supervising leader is no longer the one to decide.
  const auto wrong = cf::apply_escalation(
      track, cf::escalation_input::resolve(cf::actor::supervising_leader("mh-vm-build"), d(2024, 11, 1), "x"), ctx());
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, cf::errc::not_permitted);
  // Friday 11-01: the district mayor decides; the window is met and the item goes on in handling.
  take(step(track, cf::escalation_input::resolve(cf::actor::principal_leader("mh-mayor"), d(2024, 11, 1),
                                                 "区建设管理委牵头，区交通委、梅陇镇配合，年底前完成改造")));
  tick_through(d(2024, 11, 30));

  EXPECT_EQ(said,
            (std::vector<std::string>{
                "2024-09-26 escalation: case 16-2/0581 cycle 1 none -> office: trigger marked_difficult; office 'mh-office' "
                "acts, window due 2024-10-09",
                "2024-09-29 reminder: case 16-2/0581 escalation_office cycle 1 due 2024-10-09: 3 working days left (point: 3 "
                "working days before due, 2024-09-29)",
                "2024-10-10 escalation: case 16-2/0581 cycle 1 office -> supervising_leader: window of office ran out (due "
                "2024-10-09); supervising leader 'mh-vm-build' acts, window due 2024-10-22",
                "2024-10-17 reminder: case 16-2/0581 escalation_supervising_leader cycle 1 due 2024-10-22: 3 working days "
                "left (point: 3 working days before due, 2024-10-17)",
                "2024-10-23 escalation: case 16-2/0581 cycle 1 supervising_leader -> principal_leader: window of "
                "supervising_leader ran out (due 2024-10-22); principal leader 'mh-mayor' acts, window due 2024-11-05",
                "2024-10-31 reminder: case 16-2/0581 escalation_principal_leader cycle 1 due 2024-11-05: 3 working days left "
                "(point: 3 working days before due, 2024-10-31)",
                "2024-11-01 escalation: case 16-2/0581 cycle 1 principal_leader -> resolved: decided by principal leader "
                "'mh-mayor': 区建设管理委牵头，区交通委、梅陇镇配合，年底前完成改造",
            }));
  EXPECT_EQ(track.level, lvl::resolved);
  EXPECT_EQ(clocks.size(), 0U);
  ASSERT_EQ(track.episodes.size(), 1U);
  const auto &e = track.episodes.front();
  EXPECT_EQ(e.triggers.size(), 2U);
  ASSERT_EQ(e.stages.size(), 3U);
  EXPECT_EQ(e.stages[2], (cf::escalation_stage{lvl::principal_leader, "mh-mayor", "principal leader 'mh-mayor'", d(2024, 10, 23),
                                               d(2024, 10, 22), d(2024, 11, 5)}));
}
