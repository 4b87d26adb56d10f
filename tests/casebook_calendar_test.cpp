// A case book moved onto a new calendar: due dates and escalation windows follow, the dry run changes
// nothing, a calendar that cannot hold the clocks is refused, and the journal replays the change.
#include <caseflow/casebook.hpp>

#include "support/book_driver.hpp"
#include "support/journal_tools.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace cf = caseflow;
using namespace cf::testing;
namespace ev = cf::events;
using ck = cf::clock_kind;

namespace {

// Assigned Wednesday 2024-09-04 to mh-jsw (lead) and mh-jtw (co-handler), marked difficult on Thursday
// 09-26 and ticked to 09-30. Running then: the co-handler's opinion (1m from 09-04 -> 10-04, off ->
// 10-08), the reply (3m -> 12-04) and the office's window (5wd from 09-26 across National Day -> 10-09).
struct difficult_item : ::testing::Test {
  cf::memory_event_store store;
  cf::case_book book{shanghai_policy(), national_calendar(), minhang_chart()};

  void SetUp() override {
    book.attach_journal(store);
    must(book.open(sample_info()));
    must(book.apply(id_0581, ev::register_case(office(), at(2024, 9, 2))));
    must(book.apply(id_0581, ev::assign(office(), at(2024, 9, 4),
                                        {{"mh-jsw", cf::assignment_role::lead}, {"mh-jtw", cf::assignment_role::co_handler}})));
    must(book.apply(id_0581, ev::acknowledge(unit("mh-jsw"), at(2024, 9, 5))));
    must(book.apply(id_0581, ev::acknowledge(unit("mh-jtw"), at(2024, 9, 5))));
    tick_days(book, day(2024, 9, 5), day(2024, 9, 25));
    must(book.escalate(id_0581,
                       cf::escalation_input::raise(cf::escalation_trigger::marked_difficult, day(2024, 9, 26), {"mh-jsw"})));
    tick_days(book, day(2024, 9, 26), day(2024, 9, 30));
  }
};

const cf::clock_key opinion{"16-2/0581", "mh-jtw", ck::co_handler_opinion, 1};
const cf::clock_key office_window{"16-2/0581", "", ck::escalation_office, 1};

// Tuesday 2024-10-08 made a local day off: the office's window due 10-09 moves to 10-10, the opinion due
// that day to 10-09; the reply (12-04) does not move. Listed by clock key (the case-level window first).
const std::vector<cf::due_change> moved_by_local_day_off = {
    {office_window, day(2024, 10, 9), day(2024, 10, 10)},
    {opinion, day(2024, 10, 8), day(2024, 10, 9)},
};

} // namespace

TEST_F(difficult_item, dry_run_lists_the_moves_and_changes_nothing) {
  const auto local = national_calendar_with("year 2024\noff 10-08\n");
  const std::string before = book.snapshot();
  const auto journal_before = store.read().value().lines.size();
  EXPECT_EQ(book.recompute_preview(local).value(), moved_by_local_day_off);
  EXPECT_EQ(book.snapshot(), before);
  EXPECT_EQ(store.read().value().lines.size(), journal_before);
  EXPECT_EQ(book.calendar(), national_calendar());
}

TEST_F(difficult_item, recompute_moves_due_dates_windows_and_the_climb) {
  const auto local = national_calendar_with("year 2024\noff 10-08\n");
  EXPECT_EQ(book.recompute(local).value(), moved_by_local_day_off);
  EXPECT_EQ(book.calendar(), local);
  EXPECT_TRUE(book.recompute_preview(local).value().empty()) << "a second recompute moves nothing";

  const auto track = book.escalation_of(id_0581).value();
  const auto *stage = track.current_stage();
  ASSERT_NE(stage, nullptr);
  EXPECT_EQ(stage->window_due, day(2024, 10, 10));
  const auto due = book.due_within(day(2024, 10, 9), 1).value();
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[0], (cf::due_item{opinion, day(2024, 10, 9)}));
  EXPECT_EQ(due[1], (cf::due_item{office_window, day(2024, 10, 10)}));

  // The item climbs the day after the new window's due date, not the old one's.
  tick_days(book, day(2024, 10, 1), day(2024, 10, 10));
  EXPECT_EQ(book.escalation_of(id_0581)->level, cf::escalation_level::office);
  tick_days(book, day(2024, 10, 11), day(2024, 10, 11));
  EXPECT_EQ(book.escalation_of(id_0581)->level, cf::escalation_level::supervising_leader);
  const auto climbs = book.escalation_notices_of(id_0581);
  ASSERT_EQ(climbs.size(), 2u);
  EXPECT_EQ(climbs[1].on, day(2024, 10, 11));

  // The journal holds the new calendar: a replay started on the national one gives the same book.
  auto again = cf::case_book::replay(store, shanghai_policy(), national_calendar(), minhang_chart());
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->snapshot(), book.snapshot());
  EXPECT_EQ(again->calendar(), local);
}

TEST_F(difficult_item, a_calendar_that_cannot_hold_the_clocks_is_refused_with_nothing_changed) {
  const std::string before = book.snapshot();
  const auto journal_before = store.read().value().lines.size();
  const auto only_2023 = cf::work_calendar::parse("year 2023\n", "only-2023.txt", cf::calendar_options::strict()).value();
  EXPECT_FALSE(book.recompute_preview(only_2023));
  const auto failed = book.recompute(only_2023);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, cf::errc::out_of_range);
  EXPECT_EQ(book.snapshot(), before);
  EXPECT_EQ(store.read().value().lines.size(), journal_before);
  EXPECT_EQ(book.calendar(), national_calendar());
}

TEST_F(difficult_item, replay_refuses_a_calendar_record_that_moves_a_different_number_of_dates) {
  ASSERT_TRUE(book.recompute(national_calendar_with("year 2024\noff 10-08\n")));
  auto lines = store.read().value().lines;
  cf::memory_event_store altered;
  for (auto line : lines) {
    if (const auto at_changes = line.find("\"changes\":2"); at_changes != std::string::npos)
      line.replace(at_changes, 11, "\"changes\":3");
    ASSERT_TRUE(altered.append(line));
  }
  auto again = cf::case_book::replay(rechained(altered), shanghai_policy(), national_calendar(), minhang_chart());
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, cf::errc::conflict);
  EXPECT_NE(again.error().message.find("moved 3 due dates when written, 2 again"), std::string::npos) << again.error().message;
}
