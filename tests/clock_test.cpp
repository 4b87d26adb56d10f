// deadline_clock and notice: due dates, warning points, pauses, extensions, stops and re-handling on
// hand-checked dates of the 2024-2025 calendar (Spring Festival, Qingming, Labour Day, Mid-Autumn and
// National Day, with their make-up working days).
#include <caseflow/clock.hpp>
#include <caseflow/notice.hpp>

#include <boost/date_time/gregorian/gregorian.hpp> // operator<< for readable failures

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace cf = caseflow;

namespace {

cf::date d(int y, int m, int dd) {
  return cf::date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(dd));
}

const cf::work_calendar &national() {
  static const cf::work_calendar cal =
      cf::work_calendar::load(std::filesystem::path(CASEFLOW_TEST_DATA_DIR) / "calendars/cn-mainland.txt",
                              cf::calendar_options::strict())
          .value();
  return cal;
}

cf::clock_key key(cf::clock_kind kind, std::string unit = "minhang", int cycle = 1) {
  return cf::clock_key{"16-2/0581", std::move(unit), kind, cycle};
}

cf::clock_rule rule(cf::period length, std::vector<int> before = {}, std::vector<int> percent = {}) {
  return cf::clock_rule{length, cf::warning_points{std::move(before), std::move(percent)}};
}

cf::deadline_clock start(cf::clock_kind kind, cf::clock_rule r, cf::date on) {
  return cf::deadline_clock::start(key(kind), r, on, national()).value();
}

std::vector<cf::schedule_point> points(const cf::deadline_clock &c) { return {c.schedule().begin(), c.schedule().end()}; }

using nk = cf::notice_kind;
using ck = cf::clock_kind;

} // namespace

// ---- due dates of every clock kind -------------------------------------------------------------------

struct due_case {
  const char *why;
  ck kind;
  cf::period length;
  cf::date start, due;
};

TEST(deadline_clock, due_date_of_each_clock_kind_on_hand_checked_dates) {
  // clang-format off
  const due_case cases[] = {
      // 5 working days after Thu 02-08: 02-09 Fri, (02-10..02-17 off), 02-18 make-up Sun, 02-19, 02-20, 02-21.
      {"return window across the Spring Festival",   ck::return_request,                cf::workdays{5},  d(2024, 2, 8),   d(2024, 2, 21)},
      // 01-10 + 1 month = Sat 02-10, a day off; 02-11..02-17 off too; 02-18 is a make-up Sunday.
      {"opinion due on a make-up Sunday",            ck::co_handler_opinion,            cf::months{1},    d(2024, 1, 10),  d(2024, 2, 18)},
      // 07-01 + 3 months = Tue 10-01, National Day; 10-01..10-07 off; Tue 10-08 is the next working day.
      {"reply across National Day",                  ck::reply,                         cf::months{3},    d(2024, 7, 1),   d(2024, 10, 8)},
      // 08-29 + 1 month = Sun 09-29, a make-up working day: the period ends on it.
      {"feedback window ends on a make-up Sunday",   ck::feedback,                      cf::months{1},    d(2024, 8, 29),  d(2024, 9, 29)},
      // 2024-12-31 + 1 month = Fri 2025-01-31, inside the 2025 Spring Festival (01-28..02-04); Wed 02-05.
      {"re-handling reply across Spring Festival",  ck::rehandling_reply,              cf::months{1},    d(2024, 12, 31), d(2025, 2, 5)},
      // 20 working days after Fri 09-20: 09-23..09-27 (5), Sun 09-29 (6), 09-30 (7), (10-01..10-07 off),
      // 10-08..10-11 (11), Sat 10-12 (12), 10-14..10-18 (17), 10-21, 10-22, 10-23 (20).
      {"publication decision across National Day",   ck::publication_decision,          cf::workdays{20}, d(2024, 9, 20),  d(2024, 10, 23)},
      // 5 working days after Thu 09-12: 09-13, Sat 09-14 (make-up), (09-15..09-17 off), 09-18, 09-19, 09-20.
      {"office level across Mid-Autumn",             ck::escalation_office,             cf::workdays{5},  d(2024, 9, 12),  d(2024, 9, 20)},
      // 10 working days after Mon 04-01: 04-02, 04-03, (04-04..04-06 off), Sun 04-07, 04-08..04-12 (8), 04-15, 04-16.
      {"supervising leader across Qingming",         ck::escalation_supervising_leader, cf::workdays{10}, d(2024, 4, 1),   d(2024, 4, 16)},
      // Started on make-up Sun 04-28: 04-29, 04-30, (05-01..05-05 off), 05-06, 05-07, 05-08.
      {"principal leader across Labour Day",         ck::escalation_principal_leader,   cf::workdays{5},  d(2024, 4, 28),  d(2024, 5, 8)},
      // DOMAIN.md: 2024-11-30 + 3 months -> 2025-02-28 (no 30 February; a Friday, working).
      {"DOMAIN.md: no 30 February",                  ck::reply,                         cf::months{3},    d(2024, 11, 30), d(2025, 2, 28)},
      // DOMAIN.md: 2024-03-15 + 3 months -> Sat 06-15 -> Mon 06-17.
      {"DOMAIN.md: ends on a Saturday",              ck::reply,                         cf::months{3},    d(2024, 3, 15),  d(2024, 6, 17)},
  };
  // clang-format on
  for (const auto &c : cases) {
    const auto clock = start(c.kind, rule(c.length), c.start);
    EXPECT_EQ(clock.due(), c.due) << c.why;
    EXPECT_EQ(clock.started(), c.start) << c.why;
    EXPECT_FALSE(clock.paused()) << c.why;
    EXPECT_FALSE(clock.stopped()) << c.why;
  }
}

TEST(deadline_clock, start_rejects_bad_rules_and_keys) {
  const auto bad_length = cf::deadline_clock::start(key(ck::reply), rule(cf::workdays{0}), d(2024, 3, 1), national());
  ASSERT_FALSE(bad_length);
  EXPECT_EQ(bad_length.error().code, cf::errc::invalid_argument);
  EXPECT_EQ(bad_length.error().message, "case 16-2/0581 unit minhang reply cycle 1: period '0wd' is not 1 or more");

  const auto bad_before = cf::deadline_clock::start(key(ck::reply), rule(cf::months{3}, {10, 0}), d(2024, 3, 1), national());
  ASSERT_FALSE(bad_before);
  EXPECT_EQ(bad_before.error().message,
            "case 16-2/0581 unit minhang reply cycle 1: reminder 0 working days before due is not 1 or more");

  const auto bad_percent = cf::deadline_clock::start(key(ck::reply), rule(cf::months{3}, {}, {101}), d(2024, 3, 1), national());
  ASSERT_FALSE(bad_percent);
  EXPECT_EQ(bad_percent.error().message,
            "case 16-2/0581 unit minhang reply cycle 1: warning at 101% elapsed is not within 1..100");

  const auto no_case =
      cf::deadline_clock::start(cf::clock_key{"", "", ck::reply, 1}, rule(cf::months{3}), d(2024, 3, 1), national());
  ASSERT_FALSE(no_case);
  EXPECT_EQ(no_case.error().code, cf::errc::invalid_argument);

  // 2026-11-01 + 3 months leaves the calendar, which ends 2026-12-31.
  const auto outside = cf::deadline_clock::start(key(ck::reply), rule(cf::months{3}), d(2026, 11, 1), national());
  ASSERT_FALSE(outside);
  EXPECT_EQ(outside.error().code, cf::errc::out_of_range);
}

// ---- warning points ----------------------------------------------------------------------------------

TEST(deadline_clock, warning_points_of_a_three_month_reply) {
  // Reply 3m from Mon 2024-07-01, due Tue 10-08. Working days after 07-01: July 22, August 22,
  // September 21 (21 weekdays, less 09-16 and 09-17, plus make-up 09-14 and 09-29), and 10-08: N = 66.
  //   50 %: ceil(33.0) = 33rd working day: 22 in July, then 08-01 .. 08-15 is the 11th -> 08-15.
  //   75 %: ceil(49.5) = 50th: 44 to the end of August, then 09-02..09-06 (5), 09-09 (6) -> 09-09.
  //   10 before due: 09-30, Sun 09-29, 09-27, 09-26, 09-25, 09-24, 09-23, 09-20, 09-19, 09-18 -> 09-18.
  //   3 before due: 09-30, 09-29, 09-27 -> 09-27.     overdue: the calendar day after, 10-09.
  const auto clock = start(ck::reply, rule(cf::months{3}, {10, 3}, {50, 75}), d(2024, 7, 1));
  EXPECT_EQ(clock.length(), 66);
  const std::vector<cf::schedule_point> expected = {
      {d(2024, 8, 15), nk::warning, 50, false},  {d(2024, 9, 9), nk::warning, 75, false},
      {d(2024, 9, 18), nk::reminder, 10, false}, {d(2024, 9, 27), nk::reminder, 3, false},
      {d(2024, 10, 9), nk::overdue, 0, false},
  };
  EXPECT_EQ(points(clock), expected);
  EXPECT_EQ(clock.next_notice(), d(2024, 8, 15));
}

TEST(deadline_clock, percentages_round_up_points_merge_and_points_on_the_start_day_are_dropped) {
  // Return window 5wd from Thu 2024-02-08: 02-09 (1), 02-18 (2), 02-19 (3), 02-20 (4), 02-21 (5); N = 5.
  //   10 %: ceil(0.5) = 1 -> 02-09.   50 %: ceil(2.5) = 3 -> 02-19 (rounding down would give 02-18).
  //   100 %: 5 -> the due date 02-21.
  //   2 before due: 02-20, 02-19 -> 02-19, the same day as 50 %: merged, the reminder wins.
  //   5 and 7 before due: on or before the start day -> dropped.
  const auto clock = start(ck::return_request, rule(cf::workdays{5}, {2, 5, 7}, {10, 50, 100}), d(2024, 2, 8));
  const std::vector<cf::schedule_point> expected = {
      {d(2024, 2, 9), nk::warning, 10, false},
      {d(2024, 2, 19), nk::reminder, 2, false},
      {d(2024, 2, 21), nk::warning, 100, false},
      {d(2024, 2, 22), nk::overdue, 0, false},
  };
  EXPECT_EQ(points(clock), expected);
}

// ---- notices -----------------------------------------------------------------------------------------

TEST(deadline_clock, notices_count_working_days_on_the_day_of_issue) {
  // Due 02-21; reminder 3 before due -> 02-09, 02-18 make-up Sunday -> 02-18; 50 % -> 02-19.
  auto clock = start(ck::return_request, rule(cf::workdays{5}, {3}, {50}), d(2024, 2, 8));
  const auto first = clock.notices_due(d(2024, 2, 18), national()).value();
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0], (cf::notice{nk::reminder, key(ck::return_request), d(2024, 2, 21), d(2024, 2, 18), d(2024, 2, 18), 3, 3}));
  EXPECT_EQ(cf::to_string(first[0]), "2024-02-18 reminder: case 16-2/0581 unit minhang return_request cycle 1 due 2024-02-21: "
                                     "3 working days left (point: 3 working days before due, 2024-02-18)");
  clock.mark_issued_through(d(2024, 2, 18));
  EXPECT_TRUE(clock.notices_due(d(2024, 2, 18), national()).value().empty());

  // Issued late, on Thu 02-22: the warning says 0 left (the due date has passed); the overdue notice
  // (point 02-22) says 1 late.
  const auto late = clock.notices_due(d(2024, 2, 22), national()).value();
  ASSERT_EQ(late.size(), 2u);
  EXPECT_EQ(late[0], (cf::notice{nk::warning, key(ck::return_request), d(2024, 2, 21), d(2024, 2, 19), d(2024, 2, 22), 50, 0}));
  EXPECT_EQ(late[1], (cf::notice{nk::overdue, key(ck::return_request), d(2024, 2, 21), d(2024, 2, 22), d(2024, 2, 22), 0, 1}));
  EXPECT_EQ(cf::to_string(late[0]), "2024-02-22 warning: case 16-2/0581 unit minhang return_request cycle 1 due 2024-02-21: "
                                    "0 working days left (point: 50% of the time elapsed, 2024-02-19)");
  EXPECT_EQ(cf::to_string(late[1]),
            "2024-02-22 overdue: case 16-2/0581 unit minhang return_request cycle 1 due 2024-02-21: 1 working day late");
}

TEST(deadline_clock, overdue_notice_falls_on_the_calendar_day_after_even_a_rest_day) {
  // 5wd from make-up Sun 2024-02-18: 02-19..02-23 -> due Fri 02-23. Overdue point: Sat 02-24 (calendar
  // day after). Issued on Saturday it counts 1 working day late: nothing can be handed in before Mon 02-26.
  const auto clock = cf::deadline_clock::start(cf::clock_key{"16-2/0605", "", ck::return_request, 1}, rule(cf::workdays{5}),
                                               d(2024, 2, 18), national())
                         .value();
  EXPECT_EQ(clock.due(), d(2024, 2, 23));
  EXPECT_EQ(clock.next_notice(), d(2024, 2, 24));
  EXPECT_TRUE(clock.notices_due(d(2024, 2, 23), national()).value().empty());
  const auto n = clock.notices_due(d(2024, 2, 24), national()).value();
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0].workdays, 1);
  EXPECT_EQ(cf::to_string(n[0]), "2024-02-24 overdue: case 16-2/0605 return_request cycle 1 due 2024-02-23: 1 working day late");
  // A week later, on Sat 03-02: 02-26..03-01 have passed, and Monday 03-04 is the earliest hand-in: 6.
  EXPECT_EQ(clock.notices_due(d(2024, 3, 2), national()).value()[0].workdays, 6);
}

// ---- pause and resume --------------------------------------------------------------------------------

TEST(deadline_clock, pause_across_the_spring_festival_moves_due_and_pending_points) {
  // 10wd from Thu 2024-02-01: 02-02, Sun 02-04 (make-up), 02-05..02-09 (7), Sun 02-18, 02-19, 02-20 -> due 02-20.
  // 50 % -> 5th working day 02-07; 3 before due -> 02-09; overdue 02-21.
  auto clock = start(ck::reply, rule(cf::workdays{10}, {3}, {50}), d(2024, 2, 1));
  ASSERT_EQ(clock.due(), d(2024, 2, 20));
  ASSERT_EQ(points(clock), (std::vector<cf::schedule_point>{{d(2024, 2, 7), nk::warning, 50, false},
                                                            {d(2024, 2, 9), nk::reminder, 3, false},
                                                            {d(2024, 2, 21), nk::overdue, 0, false}}));
  ASSERT_TRUE(clock.pause(d(2024, 2, 8), national()));
  EXPECT_TRUE(clock.paused());
  // While paused, points after the pause day are held: only the 02-07 warning can still be issued.
  EXPECT_EQ(clock.next_notice(), d(2024, 2, 7));
  clock.mark_issued_through(d(2024, 2, 12));
  EXPECT_EQ(clock.next_notice(), std::nullopt);
  EXPECT_TRUE(clock.notices_due(d(2024, 2, 12), national()).value().empty());

  // Resumed Mon 02-19: paused working days 02-09, Sun 02-18, 02-19 = 3. Due 02-20 + 3 working days:
  // 02-21, 02-22, 02-23. The reminder (after the pause day) moves 3 too: 02-09 -> 02-18, 02-19, 02-20, which
  // is again 3 working days before the new due date. The warning of 02-07 (before the pause) stays, issued.
  ASSERT_TRUE(clock.resume(d(2024, 2, 19), national()));
  EXPECT_FALSE(clock.paused());
  EXPECT_EQ(clock.due(), d(2024, 2, 23));
  EXPECT_EQ(points(clock), (std::vector<cf::schedule_point>{{d(2024, 2, 7), nk::warning, 50, true},
                                                            {d(2024, 2, 20), nk::reminder, 3, false},
                                                            {d(2024, 2, 24), nk::overdue, 0, false}}));
  EXPECT_EQ(clock.history(), (std::vector<cf::clock_event>{cf::pause_span{d(2024, 2, 8), d(2024, 2, 19)}}));
}

TEST(deadline_clock, pause_and_resume_errors_leave_the_clock_unchanged) {
  auto clock = start(ck::reply, rule(cf::months{3}, {10, 3}), d(2024, 3, 15));
  const auto before = clock;

  auto resume_unpaused = clock.resume(d(2024, 4, 1), national());
  ASSERT_FALSE(resume_unpaused);
  EXPECT_EQ(resume_unpaused.error().code, cf::errc::invalid_state);
  EXPECT_EQ(resume_unpaused.error().message,
            "case 16-2/0581 unit minhang reply cycle 1: cannot resume on 2024-04-01: the clock is not paused");
  EXPECT_EQ(clock, before);

  auto before_start = clock.pause(d(2024, 3, 14), national());
  ASSERT_FALSE(before_start);
  EXPECT_EQ(before_start.error().code, cf::errc::invalid_argument);
  EXPECT_EQ(
      before_start.error().message,
      "case 16-2/0581 unit minhang reply cycle 1: pause on 2024-03-14 is before the clock's latest recorded day 2024-03-15");
  EXPECT_EQ(clock, before);

  ASSERT_TRUE(clock.pause(d(2024, 4, 1), national()));
  const auto paused = clock;
  auto twice = clock.pause(d(2024, 4, 2), national());
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, cf::errc::invalid_state);
  EXPECT_EQ(twice.error().message,
            "case 16-2/0581 unit minhang reply cycle 1: cannot pause on 2024-04-02: paused since 2024-04-01");
  EXPECT_EQ(clock, paused);

  auto early_resume = clock.resume(d(2024, 3, 29), national());
  ASSERT_FALSE(early_resume);
  EXPECT_EQ(early_resume.error().code, cf::errc::invalid_argument);
  EXPECT_EQ(clock, paused);

  auto outside = clock.resume(d(2027, 1, 4), national());
  ASSERT_FALSE(outside);
  EXPECT_EQ(outside.error().code, cf::errc::out_of_range);
  EXPECT_EQ(clock, paused);
}

TEST(deadline_clock, a_pause_after_the_due_date_does_not_move_it) {
  // Due 02-21 (see above); paused from Thu 02-22 to Mon 02-26: the time had already run out.
  auto clock = start(ck::return_request, rule(cf::workdays{5}), d(2024, 2, 8));
  ASSERT_TRUE(clock.pause(d(2024, 2, 22), national()));
  ASSERT_TRUE(clock.resume(d(2024, 2, 26), national()));
  EXPECT_EQ(clock.due(), d(2024, 2, 21));
  EXPECT_EQ(clock.next_notice(), d(2024, 2, 22)); // the overdue notice stays on the day after the due date
}

// ---- extension ---------------------------------------------------------------------------------------

struct extension_fixture : ::testing::Test {
  // Reply 3m from 2024-03-15: due Mon 06-17. Cap 6m: 09-15 is a Sunday and a day off (09-15..09-17),
  // so the cap is Wed 2024-09-18.
  cf::deadline_policy policy() const {
    cf::deadline_policy p;
    p.clocks[static_cast<std::size_t>(ck::reply)] = rule(cf::months{3}, {10, 3});
    p.extension_cap = cf::months{6};
    p.extension_reason_required = true;
    return p;
  }
  cf::extension_limits limits = cf::extension_limits_for(policy(), d(2024, 3, 15), national()).value();
  cf::deadline_clock clock = start(ck::reply, policy().rule(ck::reply), d(2024, 3, 15));
};

TEST_F(extension_fixture, cap_comes_from_the_policy) {
  EXPECT_EQ(limits.cap, d(2024, 9, 18));
  EXPECT_TRUE(limits.reason_required);
  EXPECT_EQ(clock.due(), d(2024, 6, 17));
}

TEST_F(extension_fixture, extension_to_the_cap_recomputes_reminders) {
  // Asked for Sun 09-15 (a day off): the period ends on the next working day, Wed 09-18, the cap itself.
  ASSERT_TRUE(clock.extend({d(2024, 6, 3), d(2024, 9, 15), "survey of the riverside needs the summer"}, limits, national()));
  EXPECT_EQ(clock.due(), d(2024, 9, 18));
  // 10 before 09-18: Sat 09-14 (make-up), 09-13 .. 09-09 (6), 09-06 .. 09-03 (10) -> 09-03.
  // 3 before: 09-14, 09-13, 09-12 -> 09-12.
  EXPECT_EQ(points(clock), (std::vector<cf::schedule_point>{{d(2024, 9, 3), nk::reminder, 10, false},
                                                            {d(2024, 9, 12), nk::reminder, 3, false},
                                                            {d(2024, 9, 19), nk::overdue, 0, false}}));
}

TEST_F(extension_fixture, extension_by_a_period_adds_it_to_the_current_due_date) {
  // 06-17 + 3 months = 09-17, a day off -> 09-18, within the cap.
  ASSERT_TRUE(clock.extend({d(2024, 6, 3), cf::months{3}, "more time"}, limits, national()));
  EXPECT_EQ(clock.due(), d(2024, 9, 18));
}

TEST_F(extension_fixture, refused_extensions_leave_the_clock_unchanged) {
  const auto before = clock;
  struct refused {
    cf::extension_request request;
    cf::errc code;
    const char *message;
  };
  // clang-format off
  const refused rows[] = {
      {{d(2024, 6, 3), d(2024, 9, 19), "x"},   cf::errc::invalid_argument, "case 16-2/0581 unit minhang reply cycle 1: extension to 2024-09-19 is past the cap 2024-09-18"},
      {{d(2024, 6, 3), cf::months{4}, "x"},    cf::errc::invalid_argument, "case 16-2/0581 unit minhang reply cycle 1: extension to 2024-10-17 is past the cap 2024-09-18"},
      {{d(2024, 6, 3), d(2024, 8, 1), "  "},   cf::errc::invalid_argument, "case 16-2/0581 unit minhang reply cycle 1: an extension needs a reason"},
      {{d(2024, 6, 3), d(2024, 6, 7), "x"},    cf::errc::invalid_argument, "case 16-2/0581 unit minhang reply cycle 1: extension to 2024-06-07 does not move the due date 2024-06-17 later"},
      {{d(2024, 6, 3), d(2024, 6, 15), "x"},   cf::errc::invalid_argument, "case 16-2/0581 unit minhang reply cycle 1: extension to 2024-06-17 does not move the due date 2024-06-17 later"},
      {{d(2024, 3, 1), d(2024, 8, 1), "x"},    cf::errc::invalid_argument, "case 16-2/0581 unit minhang reply cycle 1: extension on 2024-03-01 is before the clock's latest recorded day 2024-03-15"},
  };
  // clang-format on
  for (const auto &row : rows) {
    auto r = clock.extend(row.request, limits, national());
    ASSERT_FALSE(r) << row.message;
    EXPECT_EQ(r.error().code, row.code);
    EXPECT_EQ(r.error().message, row.message);
    EXPECT_EQ(clock, before);
  }
  ASSERT_TRUE(clock.pause(d(2024, 6, 3), national()));
  auto paused = clock.extend({d(2024, 6, 4), d(2024, 8, 1), "x"}, limits, national());
  ASSERT_FALSE(paused);
  EXPECT_EQ(paused.error().code, cf::errc::invalid_state);
  // Without a required reason, an empty reason is fine.
  ASSERT_TRUE(clock.resume(d(2024, 6, 4), national()));
  EXPECT_TRUE(clock.extend({d(2024, 6, 4), d(2024, 8, 1), ""}, cf::extension_limits{limits.cap, false}, national()));
  EXPECT_EQ(clock.due(), d(2024, 8, 1));
}

// ---- stop --------------------------------------------------------------------------------------------

TEST(deadline_clock, stop_records_on_time_or_working_days_late) {
  auto on_time = start(ck::reply, rule(cf::months{3}), d(2024, 3, 15)); // due 06-17
  EXPECT_EQ(on_time.stop(d(2024, 6, 17), national()).value(), (cf::stop_record{d(2024, 6, 17), true, 0}));
  EXPECT_TRUE(on_time.stopped());
  EXPECT_EQ(on_time.next_notice(), std::nullopt);
  auto twice = on_time.stop(d(2024, 6, 18), national());
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, cf::errc::invalid_state);
  EXPECT_EQ(twice.error().message, "case 16-2/0581 unit minhang reply cycle 1: cannot stop on 2024-06-18: stopped on 2024-06-17");

  // Met on Sat 06-22: counts as Mon 06-24; 06-18..06-21 and 06-24 are 5 working days after the due date.
  auto late = start(ck::reply, rule(cf::months{3}), d(2024, 3, 15));
  EXPECT_EQ(late.stop(d(2024, 6, 22), national()).value(), (cf::stop_record{d(2024, 6, 22), false, 5}));

  // Stopped while paused: resumed on the stop day first (paused from 06-03 to 06-07: 06-04..06-07, 4
  // working days), so the due date becomes 06-17 + 4 working days = 06-21.
  auto paused = start(ck::reply, rule(cf::months{3}), d(2024, 3, 15));
  ASSERT_TRUE(paused.pause(d(2024, 6, 3), national()));
  EXPECT_EQ(paused.stop(d(2024, 6, 7), national()).value(), (cf::stop_record{d(2024, 6, 7), true, 0}));
  EXPECT_EQ(paused.due(), d(2024, 6, 21));
}

// ---- re-handling -------------------------------------------------------------------------------------

TEST(deadline_clock, rehandling_as_a_new_cycle_starts_a_fresh_clock) {
  auto reply = start(ck::rehandling_reply, rule(cf::months{1}, {3}), d(2024, 4, 10)); // due 05-10
  ASSERT_TRUE(reply.stop(d(2024, 5, 6), national()));
  const auto again = reply.restart(d(2024, 6, 3), cf::rehandling_cycle::new_cycle, rule(cf::months{1}, {3}), national()).value();
  EXPECT_EQ(again.key(), key(ck::rehandling_reply, "minhang", 2));
  EXPECT_EQ(again.started(), d(2024, 6, 3));
  EXPECT_EQ(again.due(), d(2024, 7, 3)); // 06-03 + 1 month = Wed 07-03
  EXPECT_FALSE(again.stopped());
  EXPECT_TRUE(reply.stopped()); // the old cycle is left as it was
  EXPECT_EQ(cf::to_string(again.key()), "case 16-2/0581 unit minhang rehandling_reply cycle 2");
}

TEST(deadline_clock, rehandling_continuing_the_cycle_keeps_the_time_that_was_left) {
  // Reply due 06-17, met Fri 05-17; re-handling ordered Mon 05-27: 05-20..05-24 and 05-27 (6 working days)
  // did not count, so the due date moves 6 working days: 06-18..06-21, 06-24, 06-25.
  auto reply = start(ck::reply, rule(cf::months{3}, {3}, {50}), d(2024, 3, 15));
  ASSERT_TRUE(reply.stop(d(2024, 5, 17), national()));
  const auto continued =
      reply.restart(d(2024, 5, 27), cf::rehandling_cycle::continue_cycle, rule(cf::months{1}), national()).value();
  EXPECT_EQ(continued.key(), key(ck::reply));
  EXPECT_FALSE(continued.stopped());
  EXPECT_EQ(continued.due(), d(2024, 6, 25));
  // The 50 % warning fell before the stop (it is moot now); the reminder 3 before due is 06-20.
  EXPECT_EQ(continued.next_notice(), d(2024, 6, 20));
  ASSERT_EQ(continued.schedule().front().kind, nk::warning);
  EXPECT_TRUE(continued.schedule().front().issued);

  auto running = start(ck::reply, rule(cf::months{3}), d(2024, 3, 15));
  auto not_stopped = running.reopen(d(2024, 5, 27), national());
  ASSERT_FALSE(not_stopped);
  EXPECT_EQ(not_stopped.error().code, cf::errc::invalid_state);
}

// ---- another calendar --------------------------------------------------------------------------------

TEST(deadline_clock, recomputed_on_a_calendar_with_another_day_off) {
  std::ifstream in(std::filesystem::path(CASEFLOW_TEST_DATA_DIR) / "calendars/cn-mainland.txt");
  const std::string national_text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const cf::work_calendar::source layers[] = {{"cn-mainland.txt", national_text}, {"local.txt", "year 2024\noff 2024-10-08\n"}};
  const auto local = cf::work_calendar::parse(layers, cf::calendar_options::strict()).value();

  // Reply from 07-01, paused 07-01 .. 07-03 (2 working days): due 10-08 + 2 = 10-10 on the national
  // calendar. On the local one the base due date is 10-09 (10-08 is off), + 2 paused days (07-02, 07-03)
  // -> 10-11.
  auto clock = start(ck::reply, rule(cf::months{3}, {3}), d(2024, 7, 1));
  ASSERT_TRUE(clock.pause(d(2024, 7, 1), national()));
  ASSERT_TRUE(clock.resume(d(2024, 7, 3), national()));
  ASSERT_EQ(clock.due(), d(2024, 10, 10));
  const auto moved = clock.recomputed(local).value();
  EXPECT_EQ(moved.due(), d(2024, 10, 11));
  EXPECT_EQ(clock.due(), d(2024, 10, 10)); // recomputed() leaves the original alone
}
