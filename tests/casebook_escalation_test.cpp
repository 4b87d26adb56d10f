// The case book with an organisation chart: a difficult item climbs the coordination ladder on the
// book's own ticks, is decided by the routed leader and goes on in handling; triggers the book derives
// from events; the journal replays to the same book.
#include <caseflow/casebook.hpp>

#include "support/book_driver.hpp"
#include "support/journal_tools.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace cf = caseflow;
using namespace cf::testing;
namespace ev = cf::events;
using cf::assignment_role;
using trig = cf::escalation_trigger;

namespace {

// Registered 2024-09-02, assigned Wednesday 2024-09-04 to 区建设管理委 (mh-jsw) alone, acknowledged.
void open_and_assign(cf::case_book &book, std::vector<cf::unit_assignment_spec> units = {{"mh-jsw", assignment_role::lead}}) {
  must(book.open(sample_info()));
  must(book.apply(id_0581, ev::register_case(office(), at(2024, 9, 2))));
  must(book.apply(id_0581, ev::assign(office(), at(2024, 9, 4), std::move(units))));
  const cf::case_record assigned = book.find(id_0581).value();
  for (const auto &u : assigned.units)
    must(book.apply(id_0581, ev::acknowledge(unit(u.unit), at(2024, 9, 5))));
}

} // namespace

TEST(case_book_escalation, difficult_item_climbs_three_levels_across_national_day_to_a_decision_and_a_reply) {
  cf::memory_event_store store;
  cf::case_book book(shanghai_policy(), national_calendar(), minhang_chart());
  book.attach_journal(store);
  std::vector<std::string> said;
  book.on_notice([&](const cf::notice &n) { said.push_back(cf::to_string(n)); });
  book.on_escalation([&](const cf::escalation_notice &n) { said.push_back(cf::to_string(n)); });
  open_and_assign(book);
  tick_days(book, day(2024, 9, 5), day(2024, 9, 25));

  // Thursday 2024-09-26: the lead unit marks the item difficult. Office window 5wd across National Day
  // (09-29 is a make-up Sunday) -> due 10-09; the supervising leader's 10wd from 10-09 -> 10-22; the
  // principal leader's 10wd from 10-22 -> 11-05.
  must(book.escalate(id_0581, cf::escalation_input::raise(trig::marked_difficult, day(2024, 9, 26), {"mh-jsw"})));
  EXPECT_EQ(book.escalated(), std::vector<cf::case_id>{id_0581});
  tick_days(book, day(2024, 9, 26), day(2024, 10, 31));
  EXPECT_EQ(book.escalation_of(id_0581)->level, cf::escalation_level::principal_leader);

  // A supervising leader no longer decides: refused, and the book is as it was.
  const std::string before = book.snapshot();
  const auto wrong =
      book.escalate(id_0581, cf::escalation_input::resolve(cf::actor::supervising_leader("mh-vm-build"), day(2024, 11, 1), "x"));
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, cf::errc::not_permitted);
  EXPECT_NE(wrong.error().message.find("16-2/0581"), std::string::npos) << wrong.error().message;
  EXPECT_EQ(book.snapshot(), before);

  // Friday 11-01: the district mayor decides; the unit replies and the case goes on.
  const std::string decision = "区建设管理委牵头，区交通委、梅陇镇配合，年底前完成改造";
  must(
      book.escalate(id_0581, cf::escalation_input::resolve(cf::actor::principal_leader("mh-mayor"), day(2024, 11, 1), decision)));
  EXPECT_TRUE(book.escalated().empty());
  must(book.apply(id_0581, ev::record_consultation(unit("mh-jsw"), at(2024, 11, 5), true)));
  must(book.apply(id_0581, ev::reply(unit("mh-jsw"), at(2024, 11, 8), cf::reply_class::a)));
  tick_days(book, day(2024, 11, 1), day(2024, 11, 15));
  EXPECT_EQ(book.find(id_0581)->state, cf::case_state::replied);

  EXPECT_EQ(said,
            (std::vector<std::string>{
                "2024-09-06 reminder: case 16-2/0581 unit mh-jsw return_request cycle 1 due 2024-09-11: 3 working days left "
                "(point: 3 working days before due, 2024-09-06)",
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
                "'mh-mayor': " +
                    decision,
            }));
  EXPECT_EQ(book.escalation_notices_of(id_0581).size(), 4U);
  const auto track = book.escalation_of(id_0581).value();
  EXPECT_EQ(track.level, cf::escalation_level::resolved);
  ASSERT_EQ(track.episodes.size(), 1U);
  ASSERT_TRUE(track.episodes[0].decision);
  EXPECT_EQ(track.episodes[0].decision->text, decision);
  for (const auto &c : book.clocks_of(id_0581))
    EXPECT_FALSE(cf::level_of(c.key().kind)) << "no window runs once decided: " << cf::to_string(c.key().kind);

  auto again = cf::case_book::replay(store, shanghai_policy(), national_calendar(), minhang_chart());
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->snapshot(), book.snapshot());
}

TEST(case_book_escalation, one_tick_across_the_whole_ladder_says_what_daily_ticks_say) {
  cf::case_book book(shanghai_policy(), national_calendar(), minhang_chart());
  std::vector<std::string> said;
  book.on_notice([&](const cf::notice &n) { said.push_back(cf::to_string(n)); });
  book.on_escalation([&](const cf::escalation_notice &n) { said.push_back(cf::to_string(n)); });
  open_and_assign(book);
  ASSERT_TRUE(book.tick(day(2024, 9, 25)));
  must(book.escalate(id_0581, cf::escalation_input::raise(trig::marked_difficult, day(2024, 9, 26), {"mh-jsw"})));
  said.clear();
  // One tick seven weeks later: both climbs, every window's reminder, and the principal leader's window
  // going late on 11-06 - each on its own day, 1 working day late as a daily tick says, not 8.
  const auto issued = book.tick(day(2024, 11, 15));
  ASSERT_TRUE(issued) << issued.error().message;
  EXPECT_EQ(said, (std::vector<std::string>{
                      "2024-09-29 reminder: case 16-2/0581 escalation_office cycle 1 due 2024-10-09: 3 working days left "
                      "(point: 3 working days before due, 2024-09-29)",
                      "2024-10-17 reminder: case 16-2/0581 escalation_supervising_leader cycle 1 due 2024-10-22: 3 working days "
                      "left (point: 3 working days before due, 2024-10-17)",
                      "2024-10-31 reminder: case 16-2/0581 escalation_principal_leader cycle 1 due 2024-11-05: 3 working days "
                      "left (point: 3 working days before due, 2024-10-31)",
                      "2024-11-06 overdue: case 16-2/0581 escalation_principal_leader cycle 1 due 2024-11-05: 1 working day late",
                      "2024-10-10 escalation: case 16-2/0581 cycle 1 office -> supervising_leader: window of office ran out "
                      "(due 2024-10-09); supervising leader 'mh-vm-build' acts, window due 2024-10-22",
                      "2024-10-23 escalation: case 16-2/0581 cycle 1 supervising_leader -> principal_leader: window of "
                      "supervising_leader ran out (due 2024-10-22); principal leader 'mh-mayor' acts, window due 2024-11-05",
                  }));
  EXPECT_EQ(book.escalation_of(id_0581)->level, cf::escalation_level::principal_leader);
}

TEST(case_book_escalation, without_a_chart_escalation_is_refused_and_nothing_changes) {
  cf::case_book book(shanghai_policy(), national_calendar());
  open_and_assign(book);
  const std::string before = book.snapshot();
  const auto r = book.escalate(id_0581, cf::escalation_input::raise(trig::marked_difficult, day(2024, 9, 26), {"mh-jsw"}));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, cf::errc::invalid_state);
  EXPECT_EQ(r.error().message, "case 16-2/0581: no organisation chart: escalation needs one");
  EXPECT_EQ(book.snapshot(), before);
  EXPECT_TRUE(book.escalated().empty());

  cf::case_book charted(shanghai_policy(), national_calendar(), minhang_chart());
  const auto unknown = charted.escalate(id_0581, cf::escalation_input::raise(trig::marked_difficult, day(2024, 9, 26)));
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, cf::errc::not_found);
}

TEST(case_book_escalation, a_recorded_dispute_opens_an_episode_routed_for_both_units) {
  cf::memory_event_store store;
  cf::case_book book(shanghai_policy(), national_calendar(), minhang_chart());
  book.attach_journal(store);
  open_and_assign(book, {{"mh-jsw", assignment_role::lead}, {"mh-jtw", assignment_role::co_handler}});
  must(book.apply(id_0581, ev::record_dispute(unit("mh-jtw"), at(2024, 9, 26), "谁负责接驳站建设")));
  const auto notices = book.escalation_notices_of(id_0581);
  ASSERT_EQ(notices.size(), 1U);
  EXPECT_EQ(notices[0].why, cf::escalation_reason::trigger);
  EXPECT_EQ(notices[0].trigger, trig::dispute);
  EXPECT_EQ(notices[0].to, cf::escalation_level::office);
  EXPECT_EQ(book.escalated(), std::vector<cf::case_id>{id_0581});

  auto again = cf::case_book::replay(store, shanghai_policy(), national_calendar(), minhang_chart());
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->snapshot(), book.snapshot());
}

TEST(case_book_escalation, replay_checks_the_escalation_notices_it_gives_again) {
  cf::memory_event_store store;
  cf::case_book book(shanghai_policy(), national_calendar(), minhang_chart());
  book.attach_journal(store);
  open_and_assign(book);
  must(book.escalate(id_0581, cf::escalation_input::raise(trig::marked_difficult, day(2024, 9, 26), {"mh-jsw"})));

  // Without the chart the journal cannot be replayed: the escalation record is refused, naming its line.
  const auto no_chart = cf::case_book::replay(store, shanghai_policy(), national_calendar());
  ASSERT_FALSE(no_chart);
  EXPECT_EQ(no_chart.error().code, cf::errc::invalid_state);
  EXPECT_NE(no_chart.error().message.find("no organisation chart"), std::string::npos) << no_chart.error().message;

  // A notice line that is not what the record gives again is a conflict.
  cf::memory_event_store tampered;
  tampered.bytes() = store.bytes();
  const auto type = tampered.bytes().find("\"escalation_notice\"");
  ASSERT_NE(type, std::string::npos);
  const auto line = tampered.bytes().rfind('\n', type); // the record's fields come before its type
  ASSERT_NE(line, std::string::npos);
  const auto due = tampered.bytes().find("2024-10-09", line);
  ASSERT_NE(due, std::string::npos);
  tampered.bytes().replace(due, 10, "2024-10-10");
  const auto broken = cf::case_book::replay(tampered, shanghai_policy(), national_calendar(), minhang_chart());
  ASSERT_FALSE(broken);
  EXPECT_NE(broken.error().message.find("the hash chain breaks here"), std::string::npos) << broken.error().message;
  // Written again with a valid chain, as another policy would have written it: replay's own check.
  const auto bad = cf::case_book::replay(rechained(tampered), shanghai_policy(), national_calendar(), minhang_chart());
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, cf::errc::conflict);
  EXPECT_NE(bad.error().message.find("escalation notice differs"), std::string::npos) << bad.error().message;
}

TEST(case_book_escalation, the_reply_at_its_last_warning_point_raises_a_trigger_on_that_day) {
  cf::memory_event_store store;
  cf::case_book book(shanghai_policy(), national_calendar(), minhang_chart());
  book.attach_journal(store);
  open_and_assign(book);
  tick_days(book, day(2024, 11, 20), day(2024, 12, 3));
  const auto clock_notices = book.notices_of(id_0581);
  const auto last_warning = std::find_if(clock_notices.begin(), clock_notices.end(), [](const cf::notice &n) {
    return n.kind == cf::notice_kind::reminder && n.clock.kind == cf::clock_kind::reply && n.point == 3;
  });
  ASSERT_NE(last_warning, clock_notices.end());
  const auto notices = book.escalation_notices_of(id_0581);
  ASSERT_EQ(notices.size(), 1U);
  EXPECT_EQ(notices[0].trigger, trig::reply_last_warning);
  EXPECT_EQ(notices[0].on, last_warning->on);
  EXPECT_EQ(notices[0].who, "mh-office");
  EXPECT_EQ(book.escalated(), std::vector<cf::case_id>{id_0581});

  auto again = cf::case_book::replay(store, shanghai_policy(), national_calendar(), minhang_chart());
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->snapshot(), book.snapshot());
}

TEST(case_book_escalation, the_whole_history_puts_events_notices_and_climbs_in_order_by_day) {
  cf::case_book book(shanghai_policy(), national_calendar(), minhang_chart());
  open_and_assign(book);
  tick_days(book, day(2024, 9, 5), day(2024, 9, 25));
  must(book.escalate(id_0581, cf::escalation_input::raise(trig::marked_difficult, day(2024, 9, 26), {"mh-jsw"})));
  tick_days(book, day(2024, 9, 26), day(2024, 10, 10));
  std::vector<std::string> lines;
  for (const auto &line : book.history_of(id_0581))
    lines.push_back(cf::to_string(line));
  EXPECT_EQ(lines, (std::vector<std::string>{
                       "2024-09-02 09:00:00 assigning office 'sh-office' register_case -> registered",
                       "2024-09-04 09:00:00 assigning office 'sh-office' assign -> handling",
                       "2024-09-05 09:00:00 unit 'mh-jsw' acknowledge -> handling",
                       "2024-09-06 reminder: case 16-2/0581 unit mh-jsw return_request cycle 1 due 2024-09-11: 3 working days "
                       "left (point: 3 working days before due, 2024-09-06)",
                       "2024-09-26 escalation: case 16-2/0581 cycle 1 none -> office: trigger marked_difficult; office "
                       "'mh-office' acts, window due 2024-10-09",
                       "2024-09-29 reminder: case 16-2/0581 escalation_office cycle 1 due 2024-10-09: 3 working days left "
                       "(point: 3 working days before due, 2024-09-29)",
                       "2024-10-10 escalation: case 16-2/0581 cycle 1 office -> supervising_leader: window of office ran out "
                       "(due 2024-10-09); supervising leader 'mh-vm-build' acts, window due 2024-10-22",
                   }));
  EXPECT_TRUE(book.history_of(cf::case_id{"16-2", "9999"}).empty());
}
