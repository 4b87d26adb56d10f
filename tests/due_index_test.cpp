// due_index: holding clocks by key, the tick that issues each notice once, and moving every clock onto a
// new calendar (with its dry run). Dates are hand-checked against the 2024 calendar; see clock_test.cpp
// for the reasoning behind each clock's due date and points.
#include <caseflow/due_index.hpp>

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

// The national calendar with one more day off, Tue 2024-10-08, layered on top as a local file would be.
cf::work_calendar with_day_off_on_october_8() {
  std::ifstream in(std::filesystem::path(CASEFLOW_TEST_DATA_DIR) / "calendars/cn-mainland.txt");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const cf::work_calendar::source layers[] = {{"cn-mainland.txt", text},
                                              {"local.txt", "year 2024\noff 10-08  # local day off\n"}};
  return cf::work_calendar::parse(layers, cf::calendar_options::strict()).value();
}

cf::clock_rule rule(cf::period length, std::vector<int> before = {}, std::vector<int> percent = {}) {
  return cf::clock_rule{length, cf::warning_points{std::move(before), std::move(percent)}};
}

using ck = cf::clock_kind;
using nk = cf::notice_kind;

// Return window of 16-2/0581 at unit minhang from Thu 02-08: due 02-21; reminder 3 before due on make-up
// Sun 02-18, 50 % on 02-19, overdue 02-22.
const cf::clock_key a_key{"16-2/0581", "minhang", ck::return_request, 1};
// Case-level return window of 16-2/0605 from make-up Sun 02-18: due Fri 02-23, overdue Sat 02-24.
const cf::clock_key b_key{"16-2/0605", "", ck::return_request, 1};
// Reply of 24-001 from 07-01: due 10-08, first point (50 %) on 08-15.
const cf::clock_key c_key{"24-001", "xuhui", ck::reply, 1};

cf::due_index three_clocks() {
  cf::due_index index;
  EXPECT_TRUE(index.add(cf::deadline_clock::start(a_key, rule(cf::workdays{5}, {3}, {50}), d(2024, 2, 8), national()).value()));
  EXPECT_TRUE(index.add(cf::deadline_clock::start(b_key, rule(cf::workdays{5}), d(2024, 2, 18), national()).value()));
  EXPECT_TRUE(
      index.add(cf::deadline_clock::start(c_key, rule(cf::months{3}, {10, 3}, {50, 75}), d(2024, 7, 1), national()).value()));
  return index;
}

} // namespace

TEST(due_index, tick_issues_each_notice_once_in_day_then_key_order) {
  auto index = three_clocks();
  EXPECT_EQ(index.size(), 3u);
  EXPECT_EQ(index.next_notice(), d(2024, 2, 18));
  EXPECT_TRUE(index.tick(d(2024, 2, 17), national()).value().empty());

  // On Mon 02-19 two working days (02-20, 02-21) are left.
  const std::vector<cf::notice> first = {
      {nk::reminder, a_key, d(2024, 2, 21), d(2024, 2, 18), d(2024, 2, 19), 3, 2},
      {nk::warning, a_key, d(2024, 2, 21), d(2024, 2, 19), d(2024, 2, 19), 50, 2},
  };
  EXPECT_EQ(index.tick(d(2024, 2, 19), national()).value(), first);
  EXPECT_TRUE(index.tick(d(2024, 2, 19), national()).value().empty()) << "ticking again on the same day issues nothing";
  EXPECT_EQ(index.last_tick(), d(2024, 2, 19));

  // Sat 02-24: 0581 overdue since Thu 02-22 (02-22, 02-23 and Mon 02-26, the earliest hand-in: 3 late);
  // 0605 overdue from Saturday (Mon 02-26: 1 late).
  const std::vector<cf::notice> second = {
      {nk::overdue, a_key, d(2024, 2, 21), d(2024, 2, 22), d(2024, 2, 24), 0, 3},
      {nk::overdue, b_key, d(2024, 2, 23), d(2024, 2, 24), d(2024, 2, 24), 0, 1},
  };
  EXPECT_EQ(index.tick(d(2024, 2, 24), national()).value(), second);
  EXPECT_TRUE(index.tick(d(2024, 3, 1), national()).value().empty());
  EXPECT_EQ(index.next_notice(), d(2024, 8, 15));
  EXPECT_EQ(index.size(), 3u) << "overdue clocks stay held until stopped";
}

TEST(due_index, a_tick_before_the_last_one_is_refused_and_changes_nothing) {
  auto index = three_clocks();
  ASSERT_TRUE(index.tick(d(2024, 2, 18), national()));
  const auto before = index.clocks();
  const auto earlier = index.tick(d(2024, 2, 17), national());
  ASSERT_FALSE(earlier);
  EXPECT_EQ(earlier.error().code, cf::errc::invalid_argument);
  EXPECT_EQ(earlier.error().message, "tick on 2024-02-17 is before the last tick on 2024-02-18");
  EXPECT_EQ(index.clocks(), before);
  EXPECT_EQ(index.last_tick(), d(2024, 2, 18));
  // The 50 % warning of 02-19 is still to come, once.
  EXPECT_EQ(index.tick(d(2024, 2, 19), national()).value().size(), 1u);
}

TEST(due_index, a_tick_that_fails_half_way_changes_nothing) {
  auto index = three_clocks();
  const auto before = index.clocks();
  // Counting working days to a day after the calendar's end fails for the first due clock.
  const auto outside = index.tick(d(2027, 1, 4), national());
  ASSERT_FALSE(outside);
  EXPECT_EQ(outside.error().code, cf::errc::out_of_range);
  EXPECT_EQ(index.clocks(), before);
  EXPECT_EQ(index.last_tick(), std::nullopt);
  EXPECT_EQ(index.tick(d(2024, 2, 19), national()).value().size(), 2u);
}

TEST(due_index, clocks_are_added_found_and_removed_by_key) {
  auto index = three_clocks();
  const auto duplicate = index.add(cf::deadline_clock::start(a_key, rule(cf::workdays{5}), d(2024, 2, 8), national()).value());
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code, cf::errc::conflict);
  EXPECT_EQ(duplicate.error().message,
            "case 16-2/0581 unit minhang return_request cycle 1: a clock with this key is already held");

  auto stopped = cf::deadline_clock::start({"x", "", ck::feedback, 1}, rule(cf::months{1}), d(2024, 2, 8), national()).value();
  ASSERT_TRUE(stopped.stop(d(2024, 2, 9), national()));
  const auto refused = index.add(stopped);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, cf::errc::invalid_argument);
  EXPECT_EQ(index.size(), 3u);

  const cf::clock_key unknown{"16-2/9999", "", ck::reply, 1};
  const auto missing = index.remove(unknown);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, cf::errc::not_found);
  EXPECT_EQ(missing.error().message, "case 16-2/9999 reply cycle 1: no such clock is held");
  EXPECT_EQ(index.find(unknown), nullptr);

  ASSERT_NE(index.find(a_key), nullptr);
  const auto removed = index.remove(a_key).value();
  EXPECT_EQ(removed.key(), a_key);
  EXPECT_EQ(index.find(a_key), nullptr);
  EXPECT_EQ(index.size(), 2u);
  EXPECT_EQ(index.next_notice(), d(2024, 2, 24));
}

TEST(due_index, a_paused_clock_is_held_back_and_requeued_on_resume) {
  // 10wd from 02-01: due 02-20; 50 % on 02-07; reminder 3 before due on 02-09 (see clock_test.cpp).
  cf::due_index index;
  const cf::clock_key key{"16-2/0581", "minhang", ck::reply, 1};
  ASSERT_TRUE(index.add(cf::deadline_clock::start(key, rule(cf::workdays{10}, {3}, {50}), d(2024, 2, 1), national()).value()));
  ASSERT_TRUE(index.pause(key, d(2024, 2, 8), national()));
  const auto early = index.tick(d(2024, 2, 12), national()).value();
  ASSERT_EQ(early.size(), 1u);
  EXPECT_EQ(early[0].kind, nk::warning);
  EXPECT_EQ(index.next_notice(), std::nullopt);
  EXPECT_TRUE(index.tick(d(2024, 2, 19), national()).value().empty());

  // Resumed 02-19 (3 working days paused): due 02-23, reminder on Tue 02-20 with 3 working days left.
  ASSERT_TRUE(index.resume(key, d(2024, 2, 19), national()));
  EXPECT_EQ(index.next_notice(), d(2024, 2, 20));
  const std::vector<cf::notice> expected = {{nk::reminder, key, d(2024, 2, 23), d(2024, 2, 20), d(2024, 2, 20), 3, 3}};
  EXPECT_EQ(index.tick(d(2024, 2, 20), national()).value(), expected);

  // A refused change leaves the clock and its place in the queue as they were.
  const auto before = index.clocks();
  const auto not_paused = index.resume(key, d(2024, 2, 21), national());
  ASSERT_FALSE(not_paused);
  EXPECT_EQ(not_paused.error().code, cf::errc::invalid_state);
  EXPECT_EQ(index.clocks(), before);
  EXPECT_EQ(index.next_notice(), d(2024, 2, 24));
  EXPECT_EQ(index.pause({"nope", "", ck::reply, 1}, d(2024, 2, 21), national()).error().code, cf::errc::not_found);
}

TEST(due_index, a_stopped_clock_leaves_the_index) {
  auto index = three_clocks();
  const auto stopped = index.stop(a_key, d(2024, 2, 20), national()).value();
  EXPECT_EQ(stopped.stop_info(), (cf::stop_record{d(2024, 2, 20), true, 0}));
  EXPECT_EQ(index.find(a_key), nullptr);
  EXPECT_EQ(index.size(), 2u);
  const auto notices = index.tick(d(2024, 2, 24), national()).value();
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].clock, b_key);

  const auto again = index.stop(a_key, d(2024, 2, 26), national());
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, cf::errc::not_found);
}

TEST(due_index, an_extension_brings_new_reminders_for_the_new_due_date) {
  // Reply from 03-15, due 06-17: 10 before due is Fri 05-31 (06-10 is a day off), 3 before due is 06-12.
  cf::due_index index;
  const cf::clock_key key{"16-2/0581", "minhang", ck::reply, 1};
  ASSERT_TRUE(index.add(cf::deadline_clock::start(key, rule(cf::months{3}, {10, 3}), d(2024, 3, 15), national()).value()));
  const auto before = index.tick(d(2024, 6, 12), national()).value();
  ASSERT_EQ(before.size(), 2u);
  EXPECT_EQ(before[0].on, d(2024, 5, 31));
  EXPECT_EQ(before[1].on, d(2024, 6, 12));

  // Extended to the cap, Wed 09-18: new reminders on 09-03 and 09-12, each issued once.
  const cf::extension_limits limits{d(2024, 9, 18), true};
  ASSERT_TRUE(index.extend(key, {d(2024, 6, 13), d(2024, 9, 18), "survey needs the summer"}, limits, national()));
  EXPECT_EQ(index.next_notice(), d(2024, 9, 3));
  const std::vector<cf::notice> after = {
      {nk::reminder, key, d(2024, 9, 18), d(2024, 9, 3), d(2024, 9, 12), 10, 3},
      {nk::reminder, key, d(2024, 9, 18), d(2024, 9, 12), d(2024, 9, 12), 3, 3},
  };
  EXPECT_EQ(index.tick(d(2024, 9, 12), national()).value(), after);

  const auto past_cap = index.extend(key, {d(2024, 9, 12), d(2024, 9, 19), "x"}, limits, national());
  ASSERT_FALSE(past_cap);
  EXPECT_EQ(index.find(key)->due(), d(2024, 9, 18));
}

TEST(due_index, recompute_on_a_calendar_with_another_day_off_and_its_dry_run) {
  cf::due_index index;
  // 24-001 reply from 07-01: 3m -> 10-01 (off) -> 10-08; with 10-08 off too -> 10-09.
  const cf::clock_key reply{"24-001", "xuhui", ck::reply, 1};
  // 24-002 publication, 20wd from 09-20: 10-23 (see clock_test.cpp); one working day fewer in October
  // pushes it to 10-24.
  const cf::clock_key publication{"24-002", "xuhui", ck::publication_decision, 1};
  // 24-003 reply from 07-10: 3m -> Thu 10-10, a working day on both calendars: unchanged.
  const cf::clock_key untouched{"24-003", "xuhui", ck::reply, 1};
  ASSERT_TRUE(index.add(cf::deadline_clock::start(reply, rule(cf::months{3}, {3}), d(2024, 7, 1), national()).value()));
  ASSERT_TRUE(index.add(cf::deadline_clock::start(publication, rule(cf::workdays{20}), d(2024, 9, 20), national()).value()));
  ASSERT_TRUE(index.add(cf::deadline_clock::start(untouched, rule(cf::months{3}), d(2024, 7, 10), national()).value()));

  const auto local = with_day_off_on_october_8();
  const std::vector<cf::due_change> expected = {
      {reply, d(2024, 10, 8), d(2024, 10, 9)},
      {publication, d(2024, 10, 23), d(2024, 10, 24)},
  };
  const auto before = index.clocks();
  EXPECT_EQ(index.recompute_preview(local).value(), expected);
  EXPECT_EQ(index.clocks(), before) << "the dry run changes nothing";

  EXPECT_EQ(index.recompute(local).value(), expected);
  EXPECT_EQ(index.find(reply)->due(), d(2024, 10, 9));
  EXPECT_EQ(index.find(publication)->due(), d(2024, 10, 24));
  EXPECT_EQ(index.find(untouched)->due(), d(2024, 10, 10));
  // Reminder 3 before the new due date: 09-30, Sun 09-29, 09-27 (10-08 is off now) -> 09-27, as before.
  const auto notices = index.tick(d(2024, 10, 9), local).value();
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].on, d(2024, 9, 27));
  EXPECT_EQ(notices[0].due, d(2024, 10, 9));
  EXPECT_TRUE(index.recompute_preview(local).value().empty());
}

TEST(due_index, recompute_that_fails_for_one_clock_changes_none) {
  cf::due_index index;
  ASSERT_TRUE(index.add(cf::deadline_clock::start(a_key, rule(cf::workdays{5}), d(2024, 2, 8), national()).value()));
  // Due 2025-03-03 (2024-12-02 + 3 months), which a 2024-only calendar cannot place.
  ASSERT_TRUE(index.add(cf::deadline_clock::start(c_key, rule(cf::months{3}), d(2024, 12, 2), national()).value()));
  const auto only_2024 = cf::work_calendar::parse("year 2024\n", "only-2024.txt", cf::calendar_options::strict()).value();
  const auto before = index.clocks();
  const auto failed = index.recompute(only_2024);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, cf::errc::out_of_range);
  EXPECT_EQ(index.clocks(), before);
  EXPECT_FALSE(index.recompute_preview(only_2024));
}

TEST(due_index, a_copy_ticks_on_its_own) {
  auto index = three_clocks();
  auto copy = index;
  EXPECT_EQ(copy.tick(d(2024, 2, 19), national()).value().size(), 2u);
  EXPECT_EQ(index.next_notice(), d(2024, 2, 18));
  EXPECT_EQ(index.tick(d(2024, 2, 19), national()).value().size(), 2u);
  EXPECT_TRUE(copy.tick(d(2024, 2, 19), national()).value().empty());
}

// The index finds clocks by hash over the map's nodes: a copy finds its own, a moved index carries them,
// and a key taken out (removed or stopped) can be held again.
TEST(due_index, copies_and_moves_find_and_change_their_own_clocks) {
  auto index = three_clocks();
  auto copy = index;
  ASSERT_TRUE(copy.remove(a_key));
  EXPECT_EQ(copy.find(a_key), nullptr);
  ASSERT_NE(index.find(a_key), nullptr);
  EXPECT_EQ(index.find(a_key)->key(), a_key);
  ASSERT_TRUE(copy.stop(b_key, d(2024, 2, 19), national()));
  EXPECT_EQ(copy.find(b_key), nullptr);
  EXPECT_NE(index.find(b_key), nullptr);
  EXPECT_EQ(copy.size(), 1u);
  EXPECT_EQ(index.size(), 3u);

  auto moved = std::move(index);
  ASSERT_NE(moved.find(c_key), nullptr);
  EXPECT_EQ(moved.find(c_key)->key(), c_key);
  ASSERT_TRUE(moved.stop(c_key, d(2024, 7, 2), national()));
  EXPECT_EQ(moved.find(c_key), nullptr);
  ASSERT_TRUE(moved.add(cf::deadline_clock::start(c_key, rule(cf::months{3}), d(2024, 7, 3), national()).value()));
  ASSERT_NE(moved.find(c_key), nullptr);
  EXPECT_EQ(moved.find(c_key)->started(), d(2024, 7, 3));
  const auto again = moved.add(cf::deadline_clock::start(c_key, rule(cf::months{3}), d(2024, 7, 3), national()).value());
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, cf::errc::conflict);

  cf::due_index assigned;
  assigned = moved;
  ASSERT_TRUE(assigned.remove(a_key));
  EXPECT_NE(moved.find(a_key), nullptr);
  EXPECT_EQ(assigned.find(a_key), nullptr);
}
