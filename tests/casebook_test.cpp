// The case book: clocks and notices following a case's life, queries, journal and replay, failure
// atomicity and the reader-writer contract.
#include <caseflow/casebook.hpp>

#include "support/book_driver.hpp"
#include "support/journal_tools.hpp"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <thread>

namespace cf = caseflow;
using namespace cf::testing;
namespace ev = cf::events;
using cf::assignment_role;
using cf::reply_class;

namespace {

cf::case_book new_book() { return cf::case_book(shanghai_policy(), national_calendar()); }

std::string lines(const std::vector<cf::notice> &notices) {
  std::string out;
  for (const auto &n : notices)
    out += cf::to_string(n) + "\n";
  return out;
}

// Registered 2024-03-01, assigned Friday 2024-03-15 to minhang (lead) and xuhui (co-handler).
void open_and_assign(cf::case_book &book) {
  must(book.open(sample_info()));
  must(book.apply(id_0581, ev::register_case(office(), at(2024, 3, 1))));
  must(book.apply(id_0581, ev::assign(office(), at(2024, 3, 15),
                                      {{"minhang", assignment_role::lead}, {"xuhui", assignment_role::co_handler}})));
  must(book.apply(id_0581, ev::acknowledge(unit("minhang"), at(2024, 3, 18))));
  must(book.apply(id_0581, ev::acknowledge(unit("xuhui"), at(2024, 3, 18))));
}

// A store whose writes fail once told to, to check that nothing unjournaled takes effect.
class failing_store final : public cf::event_store {
public:
  bool fail_writes = false;
  cf::status<> append(std::string_view line) override {
    if (fail_writes) return cf::fail(cf::errc::io_error, "disk full");
    return inner.append(line);
  }
  cf::status<> append_if(std::string_view line, std::uint64_t expected) override {
    if (fail_writes) return cf::fail(cf::errc::io_error, "disk full");
    return inner.append_if(line, expected);
  }
  cf::result<std::uint64_t> size() const override { return inner.size(); }
  cf::result<cf::writer_lock> lock_writers() override { return inner.lock_writers(); }
  cf::status<> flush() override { return cf::ok; }
  cf::status<> sync() override { return cf::ok; }
  cf::result<cf::store_contents> read() const override { return inner.read(); }
  cf::result<bool> truncate_torn_tail() override { return inner.truncate_torn_tail(); }
  std::string name() const override { return "failing"; }
  cf::memory_event_store inner;
};

} // namespace

TEST(case_book, clocks_follow_the_case_and_ticks_issue_each_notice_once) {
  auto book = new_book();
  open_and_assign(book);
  std::vector<cf::notice> all;
  for (const cf::date d : {day(2024, 3, 19), day(2024, 3, 25), day(2024, 4, 10), day(2024, 4, 17)}) {
    auto n = book.tick(d);
    ASSERT_TRUE(n) << n.error().message;
    all.insert(all.end(), n->begin(), n->end());
  }
  EXPECT_TRUE(book.tick(day(2024, 4, 17)).value().empty()) << "a second tick on the same day issues nothing";
  must(book.apply(id_0581, ev::submit_opinion(unit("xuhui"), at(2024, 4, 22))));
  must(book.apply(id_0581, ev::record_consultation(unit("minhang"), at(2024, 5, 6), true)));
  for (const cf::date d : {day(2024, 5, 31), day(2024, 6, 12), day(2024, 6, 18)}) {
    auto n = book.tick(d);
    ASSERT_TRUE(n) << n.error().message;
    all.insert(all.end(), n->begin(), n->end());
  }
  must(book.apply(id_0581, ev::reply(unit("minhang"), at(2024, 6, 20), reply_class::a)));
  // Return windows close without a notice; opinion and reply are chased before and after their due dates.
  // The ticks of 04-10 and 04-17 cover several days: each notice is issued on its own day, as daily ticks
  // would have, and counted on that day.
  EXPECT_EQ(lines(all),
            "2024-03-19 reminder: case 16-2/0581 unit minhang return_request cycle 1 due 2024-03-22: 3 working days left (point: "
            "3 working days before due, 2024-03-19)\n"
            "2024-03-19 reminder: case 16-2/0581 unit xuhui return_request cycle 1 due 2024-03-22: 3 working days left (point: 3 "
            "working days before due, 2024-03-19)\n"
            "2024-03-29 reminder: case 16-2/0581 unit xuhui co_handler_opinion cycle 1 due 2024-04-15: 10 working days left "
            "(point: 10 working days before due, 2024-03-29)\n"
            "2024-04-10 reminder: case 16-2/0581 unit xuhui co_handler_opinion cycle 1 due 2024-04-15: 3 working days left "
            "(point: 3 working days before due, 2024-04-10)\n"
            "2024-04-16 overdue: case 16-2/0581 unit xuhui co_handler_opinion cycle 1 due 2024-04-15: 1 working day late\n"
            "2024-05-31 reminder: case 16-2/0581 unit minhang reply cycle 1 due 2024-06-17: 10 working days left (point: 10 "
            "working days before due, 2024-05-31)\n"
            "2024-06-12 reminder: case 16-2/0581 unit minhang reply cycle 1 due 2024-06-17: 3 working days left (point: 3 "
            "working days before due, 2024-06-12)\n"
            "2024-06-18 overdue: case 16-2/0581 unit minhang reply cycle 1 due 2024-06-17: 1 working day late\n");
  EXPECT_EQ(book.notices_of(id_0581), all);

  // The reply met its clock 3 working days late (06-18, 06-19, 06-20); the opinion 5 late.
  std::vector<std::string> finished;
  for (const auto &f : book.finished_clocks())
    finished.push_back(cf::to_string(f.clock) +
                       (f.met ? (f.met->on_time ? " on time" : " late " + std::to_string(f.met->workdays_late)) : " ended"));
  EXPECT_EQ(finished, (std::vector<std::string>{"case 16-2/0581 unit minhang return_request cycle 1 ended",
                                                "case 16-2/0581 unit minhang reply cycle 1 late 3",
                                                "case 16-2/0581 unit xuhui return_request cycle 1 ended",
                                                "case 16-2/0581 unit xuhui co_handler_opinion cycle 1 late 5"}));
  // Replied: the feedback window (1 month) and the publication decision (20 working days) run.
  std::vector<std::string> open;
  for (const auto &c : book.clocks_of(id_0581))
    open.push_back(cf::to_string(c.key()) + " due " + cf::to_string(c.due()));
  EXPECT_EQ(open, (std::vector<std::string>{"case 16-2/0581 feedback cycle 1 due 2024-07-22",
                                            "case 16-2/0581 publication_decision cycle 1 due 2024-07-18"}));
}

TEST(case_book, queries_by_unit_state_and_due_date) {
  auto book = new_book();
  open_and_assign(book);
  cf::case_info other = sample_info("0605");
  must(book.open(other));
  EXPECT_EQ(book.size(), 2u);
  EXPECT_EQ(book.of_unit("minhang"), (std::vector<cf::case_id>{id_0581}));
  EXPECT_EQ(book.of_unit("xuhui", assignment_role::co_handler), (std::vector<cf::case_id>{id_0581}));
  EXPECT_TRUE(book.of_unit("xuhui", assignment_role::lead).empty());
  EXPECT_EQ(book.in_state(cf::case_state::handling), (std::vector<cf::case_id>{id_0581}));
  EXPECT_EQ(book.in_state(cf::case_state::received), (std::vector<cf::case_id>{other.id}));

  // Due within 5 working days of 2024-03-18: the two return windows (03-22).
  const auto due = book.due_within(day(2024, 3, 18), 5).value();
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[0].due, day(2024, 3, 22));
  // Overdue on 2024-04-16: the two return windows and the co-handler's opinion (due 04-15).
  const auto late = book.overdue_on(day(2024, 4, 16));
  ASSERT_EQ(late.size(), 3u);
  EXPECT_EQ(late.back().clock.kind, cf::clock_kind::co_handler_opinion);
  EXPECT_FALSE(book.due_within(day(2026, 12, 30), 5)) << "a question past the calendar is an error";
}

TEST(case_book, refused_changes_leave_the_book_and_journal_unchanged) {
  cf::memory_event_store store;
  auto book = new_book();
  book.attach_journal(store);
  open_and_assign(book);
  const std::string before = book.snapshot();
  const auto lines_before = store.read().value().lines.size();

  auto not_permitted = book.apply(id_0581, ev::reply(unit("xuhui"), at(2024, 4, 1), reply_class::a));
  ASSERT_FALSE(not_permitted);
  EXPECT_EQ(not_permitted.error().code, cf::errc::not_permitted);
  auto unknown = book.apply(cf::case_id{"16-2", "9999"}, ev::acknowledge(unit("minhang"), at(2024, 4, 1)));
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().message, "case 16-2/9999 is not in the book");
  auto twice = book.open(sample_info());
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, cf::errc::conflict);
  auto bad_category = sample_info("0700");
  bad_category.category = "no such category";
  EXPECT_FALSE(book.open(bad_category));
  ASSERT_TRUE(book.tick(day(2024, 3, 20)));
  const std::string after_tick = book.snapshot();
  auto backwards = book.tick(day(2024, 3, 19));
  ASSERT_FALSE(backwards);
  EXPECT_EQ(backwards.error().code, cf::errc::invalid_argument);

  EXPECT_NE(before, after_tick);
  EXPECT_EQ(book.snapshot(), after_tick);
  EXPECT_EQ(store.read().value().lines.size(), lines_before + 1) << "only the tick and its two notices were added, as one unit";
}

TEST(case_book, an_event_the_journal_cannot_take_does_not_take_effect) {
  failing_store store;
  auto book = new_book();
  book.attach_journal(store);
  open_and_assign(book);
  const std::string before = book.snapshot();
  store.fail_writes = true;
  auto r = book.apply(id_0581, ev::submit_opinion(unit("xuhui"), at(2024, 3, 28)));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, cf::errc::io_error);
  EXPECT_EQ(book.snapshot(), before);
  store.fail_writes = false;
  must(book.apply(id_0581, ev::submit_opinion(unit("xuhui"), at(2024, 3, 28))));
}

TEST(case_book, a_tick_the_journal_cannot_take_stops_writes_until_replay) {
  failing_store store;
  auto book = new_book();
  book.attach_journal(store);
  open_and_assign(book);
  store.fail_writes = true;
  ASSERT_FALSE(book.tick(day(2024, 3, 19)));
  store.fail_writes = false;
  auto refused = book.apply(id_0581, ev::submit_opinion(unit("xuhui"), at(2024, 3, 28)));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, cf::errc::io_error);
  // The journal holds what was acknowledged; replaying it gives a book that can go on.
  auto replayed = cf::case_book::replay(store, shanghai_policy(), national_calendar());
  ASSERT_TRUE(replayed) << replayed.error().message;
  EXPECT_EQ(replayed->tick(day(2024, 3, 19)).value().size(), 2u);
}

TEST(case_book, replay_rebuilds_an_equal_book_and_checks_every_notice) {
  cf::memory_event_store store;
  auto book = new_book();
  book.attach_journal(store);
  open_and_assign(book);
  ASSERT_TRUE(book.tick(day(2024, 4, 17)));
  must(book.apply(id_0581, ev::submit_opinion(unit("xuhui"), at(2024, 4, 22))));
  must(book.apply(id_0581, ev::record_consultation(unit("minhang"), at(2024, 5, 6), true)));
  must(book.apply(id_0581, ev::reply(unit("minhang"), at(2024, 6, 3), reply_class::b)));
  ASSERT_TRUE(book.tick(day(2024, 7, 19)));

  std::vector<std::size_t> progress;
  auto replayed = cf::case_book::replay(store, shanghai_policy(), national_calendar(), cf::category_list::defaults(), false,
                                        [&](std::size_t done, std::size_t) { progress.push_back(done); });
  ASSERT_TRUE(replayed) << replayed.error().message;
  EXPECT_EQ(replayed->snapshot(), book.snapshot());
  EXPECT_EQ(progress.back(), cf::read_journal(store).value().records.size());

  // A journal replayed with another policy gives other notices, and says so.
  auto other = shanghai_policy();
  other.clocks[static_cast<std::size_t>(cf::clock_kind::co_handler_opinion)].length = cf::months{2};
  auto mismatch = cf::case_book::replay(store, other, national_calendar());
  ASSERT_FALSE(mismatch);
  EXPECT_EQ(mismatch.error().message,
            "<memory>:6: the journal holds 5 notices after this tick, but the tick gives 2 again: was the "
            "journal written with another policy or calendar?");
  auto later = shanghai_policy();
  later.clocks[static_cast<std::size_t>(cf::clock_kind::co_handler_opinion)].length =
      cf::calendar_days{27}; // due 04-11 instead of 04-15
  auto differs = cf::case_book::replay(store, later, national_calendar());
  ASSERT_FALSE(differs);
  EXPECT_NE(differs.error().message.find("<memory>:6: notice differs from what the tick gives again"), std::string::npos)
      << differs.error().message;
}

TEST(case_book, replay_reports_torn_and_corrupt_lines_by_number) {
  cf::memory_event_store store;
  auto book = new_book();
  book.attach_journal(store);
  open_and_assign(book);
  store.bytes() += R"({"v":1,"seq":6,"type":"ev)";
  auto torn = cf::case_book::replay(store, shanghai_policy(), national_calendar());
  ASSERT_FALSE(torn);
  EXPECT_EQ(torn.error().message, "<memory>:6: the last line is torn (a write was cut short); truncate it to continue");
  auto tolerant = cf::case_book::replay(store, shanghai_policy(), national_calendar(), cf::category_list::defaults(), true);
  ASSERT_TRUE(tolerant) << tolerant.error().message;
  EXPECT_EQ(tolerant->snapshot(), book.snapshot());

  ASSERT_TRUE(store.truncate_torn_tail().value());
  const auto corrupt = rechained(store, [](std::size_t line, std::vector<cf::journal_entry> &records) {
    if (line == 2) records.front().data["x"] = 1;
  });
  auto bad = cf::case_book::replay(corrupt, shanghai_policy(), national_calendar());
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message, "<memory>:2: field 'x': is not a field of any event");
}

TEST(case_book, observers_see_changes_after_they_took_effect) {
  auto book = new_book();
  std::vector<std::string> seen;
  book.on_event([&](const cf::case_record &c, const cf::event &e) {
    seen.push_back(std::string(cf::to_string(e.type)) + " -> " + std::string(cf::to_string(c.state)));
    EXPECT_EQ(book.find(c.info.id)->state, c.state) << "observers may query the book";
  });
  book.on_notice([&](const cf::notice &n) { seen.push_back(std::string(cf::to_string(n.kind))); });
  open_and_assign(book);
  ASSERT_TRUE(book.tick(day(2024, 3, 19)));
  EXPECT_FALSE(book.apply(id_0581, ev::close(office(), at(2024, 3, 20))));
  EXPECT_EQ(seen, (std::vector<std::string>{"register_case -> registered", "assign -> handling", "acknowledge -> handling",
                                            "acknowledge -> handling", "reminder", "reminder"}));
}

TEST(case_book, one_writer_with_concurrent_readers) {
  auto book = new_book();
  std::atomic<bool> done{false};
  std::atomic<long> reads{0};
  std::vector<std::thread> readers;
  for (int r = 0; r < 3; ++r)
    readers.emplace_back([&] {
      while (!done) {
        const auto ids = book.ids();
        for (const auto &id : ids) {
          const auto c = book.find(id);
          ASSERT_TRUE(c.has_value());
          ASSERT_EQ(c->info.id, id);
        }
        (void)book.in_state(cf::case_state::handling);
        (void)book.overdue_on(day(2024, 6, 1));
        ++reads;
      }
    });
  while (reads.load() == 0) // the readers are running before the writes start
    std::this_thread::yield();
  for (int i = 0; i < 200; ++i) {
    auto info = sample_info(fmt::format("{:04}", i));
    const cf::case_id id = info.id;
    must(book.open(std::move(info)));
    must(book.apply(id, ev::register_case(office(), at(2024, 3, 1))));
    must(book.apply(id, ev::assign(office(), at(2024, 3, 15), {{"minhang", assignment_role::lead}})));
  }
  // On a busy machine the writer may finish before a reader had its turn.
  while (reads.load() == 0)
    std::this_thread::yield();
  done = true;
  for (auto &t : readers)
    t.join();
  EXPECT_EQ(book.size(), 200u);
  EXPECT_EQ(book.in_state(cf::case_state::handling).size(), 200u);
  EXPECT_GT(reads.load(), 0);
}

TEST(case_book, a_unit_with_a_pending_return_keeps_handling_and_an_approved_return_moves_its_clocks) {
  cf::case_book book(shanghai_policy(), national_calendar(), minhang_chart());
  must(book.open(sample_info()));
  must(book.apply(id_0581, ev::register_case(office(), at(2024, 3, 1))));
  must(book.apply(id_0581, ev::assign(office(), at(2024, 3, 15),
                                      {{"mh-jsw", assignment_role::lead}, {"mh-jtw", assignment_role::co_handler}})));
  must(book.apply(id_0581, ev::request_return(unit("mh-jtw"), at(2024, 3, 19), "not our remit")));
  // Its opinion, due 2024-04-15, is in while the office decides: that clock is met and never escalates.
  must(book.apply(id_0581, ev::submit_opinion(unit("mh-jtw"), at(2024, 4, 10))));
  tick_days(book, cf::date(2024, 3, 15), cf::date(2024, 4, 30));
  const cf::clock_key opinion{"16-2/0581", "mh-jtw", cf::clock_kind::co_handler_opinion, 1};
  const auto finished = book.finished_clocks();
  const auto met =
      std::find_if(finished.begin(), finished.end(), [&](const cf::finished_clock &f) { return f.clock == opinion; });
  ASSERT_NE(met, finished.end());
  ASSERT_TRUE(met->met.has_value());
  EXPECT_EQ(met->met->on, cf::date(2024, 4, 10));
  EXPECT_TRUE(book.escalated().empty());

  // Approved: mh-jtw's opinion stays in the history; mh-ghzyj owes one of its own, due a month from the approval.
  must(book.apply(id_0581, ev::approve_return(office(), at(2024, 5, 6), "mh-jtw", "mh-ghzyj")));
  const auto record = book.find(id_0581).value();
  EXPECT_EQ(std::count_if(record.history.begin(), record.history.end(),
                          [](const cf::history_entry &h) { return h.event.type == cf::event_type::submit_opinion; }),
            1);
  std::vector<std::string> running;
  for (const auto &c : book.clocks_of(id_0581))
    running.push_back(fmt::format("{} {} {}", c.key().unit_id, cf::to_string(c.key().kind), cf::to_string(c.due())));
  // 2024-05-11 is a make-up working Saturday.
  EXPECT_EQ(running, (std::vector<std::string>{"mh-ghzyj return_request 2024-05-11", "mh-ghzyj co_handler_opinion 2024-06-06",
                                               "mh-jsw reply 2024-06-17"}));
  EXPECT_EQ(book.of_unit("mh-jtw"), std::vector<cf::case_id>{});
}

// Key and leader-supervised items: the replying unit reports progress every 10 working days from
// assignment until its reply; each report starts the next period; other items report nothing.
TEST(case_book, key_items_report_progress_every_period_until_the_reply) {
  cf::memory_event_store store;
  auto book = new_book();
  book.attach_journal(store);
  auto key = sample_info();
  key.key_item = true;
  must(book.open(key));
  must(book.apply(id_0581, ev::register_case(office(), at(2024, 3, 1))));
  must(book.apply(id_0581, ev::assign(office(), at(2024, 3, 15),
                                      {{"minhang", assignment_role::lead}, {"xuhui", assignment_role::co_handler}})));
  const auto progress = [&](int n) { return cf::clock_key{"16-2/0581", "minhang", cf::clock_kind::progress_report, n}; };
  const auto due_of = [&](const cf::clock_key &k) -> std::optional<cf::date> {
    for (const auto &c : book.clocks_of(id_0581))
      if (c.key() == k) return c.due();
    return std::nullopt;
  };
  EXPECT_EQ(due_of(progress(1)), cf::date(2024, 3, 29)); // 10 working days from Friday 03-15
  EXPECT_FALSE(due_of({"16-2/0581", "xuhui", cf::clock_kind::progress_report, 1})) << "a co-handler does not report";
  must(book.apply(id_0581, ev::acknowledge(unit("minhang"), at(2024, 3, 18))));
  must(book.apply(id_0581, ev::report_progress(unit("minhang"), at(2024, 3, 27))));
  EXPECT_FALSE(due_of(progress(1)));
  EXPECT_EQ(due_of(progress(2)), cf::date(2024, 4, 11)); // 04-04 and 04-05 are days off
  const auto co = book.apply(id_0581, ev::report_progress(unit("xuhui"), at(2024, 3, 28)));
  ASSERT_FALSE(co);
  EXPECT_EQ(co.error().code, cf::errc::not_permitted);

  // Missed: reminded and chased like any clock.
  const auto notices = book.tick(cf::date(2024, 4, 12)).value();
  std::vector<std::string> about_progress;
  for (const auto &n : notices)
    if (n.clock.kind == cf::clock_kind::progress_report) about_progress.push_back(cf::to_string(n));
  EXPECT_EQ(about_progress, (std::vector<std::string>{
                                "2024-04-08 reminder: case 16-2/0581 unit minhang progress_report cycle 2 due 2024-04-11: 3 "
                                "working days left (point: 3 working days before due, 2024-04-08)",
                                "2024-04-12 overdue: case 16-2/0581 unit minhang progress_report cycle 2 due 2024-04-11: 1 "
                                "working day late",
                            }));
  must(book.apply(id_0581, ev::report_progress(unit("minhang"), at(2024, 4, 15))));
  must(book.apply(id_0581, ev::acknowledge(unit("xuhui"), at(2024, 4, 15))));
  must(book.apply(id_0581, ev::submit_opinion(unit("xuhui"), at(2024, 4, 15, 10))));
  must(book.apply(id_0581, ev::record_consultation(unit("minhang"), at(2024, 4, 16), true)));
  must(book.apply(id_0581, ev::reply(unit("minhang"), at(2024, 4, 19), reply_class::a)));
  for (const auto &c : book.clocks_of(id_0581))
    EXPECT_NE(c.key().kind, cf::clock_kind::progress_report) << "the reply ends the progress reports";
  const auto finished = book.finished_clocks();
  const auto second = std::find_if(finished.begin(), finished.end(), [&](const auto &f) { return f.clock == progress(2); });
  ASSERT_NE(second, finished.end());
  EXPECT_EQ(second->met->workdays_late, 2);
  EXPECT_EQ(book.find(id_0581)->units[0].progress_reports, 2);

  auto again = cf::case_book::replay(store, shanghai_policy(), national_calendar());
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->snapshot(), book.snapshot());
}

TEST(case_book, an_item_neither_key_nor_supervised_reports_no_progress) {
  auto book = new_book();
  open_and_assign(book);
  for (const auto &c : book.clocks_of(id_0581))
    EXPECT_NE(c.key().kind, cf::clock_kind::progress_report);
  const auto r = book.apply(id_0581, ev::report_progress(unit("minhang"), at(2024, 3, 20)));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().guard, "progress_tracked");
  EXPECT_EQ(r.error().message, "case 16-2/0581: unit 'minhang' may not report_progress: progress_tracked: the item is "
                               "neither a key item nor leader-supervised");
}

TEST(case_book, ticks_journaled_before_progress_reports_replay_without_them) {
  // A journal written before progress reports: a leader-supervised item, and a tick record that does not
  // say it ticks each day. Replayed with today's preset, the tick gives the notices it gave then.
  cf::memory_event_store store;
  store.bytes() =
      R"({"data":{"case":"16-2/0581","category":"城建交通","key_item":false,"kind":"deputy_suggestion","leader_supervised":true,"proposers":{"co_signers":[],"lead":"张明"},"title":"关于优化虹桥枢纽公交接驳的建议"},"seq":1,"type":"open","v":1})"
      "\n"
      R"({"data":{"at":"2024-03-01 09:00:00","by":"office","case":"16-2/0581","type":"register_case"},"seq":2,"type":"event","v":1})"
      "\n"
      R"({"data":{"at":"2024-03-15 09:00:00","by":"office","case":"16-2/0581","type":"assign","units":[{"role":"lead","unit":"minhang"}]},"seq":3,"type":"event","v":1})"
      "\n"
      R"({"data":{"date":"2024-04-12","notices":0},"seq":4,"type":"tick","v":1})"
      "\n";
  auto replayed = cf::case_book::replay(store, shanghai_policy(), national_calendar());
  ASSERT_TRUE(replayed) << replayed.error().message;
  EXPECT_TRUE(replayed->notices_of(id_0581).empty());
  // The same book ticked today says what was missed.
  auto today = cf::case_book(shanghai_policy(), national_calendar());
  auto info = sample_info();
  info.leader_supervised = true;
  must(today.open(info));
  must(today.apply(id_0581, ev::register_case(office(), at(2024, 3, 1))));
  must(today.apply(id_0581, ev::assign(office(), at(2024, 3, 15), {{"minhang", assignment_role::lead}})));
  const auto issued = today.tick(cf::date(2024, 4, 12)).value();
  EXPECT_TRUE(std::any_of(issued.begin(), issued.end(),
                          [](const cf::notice &n) { return n.clock.kind == cf::clock_kind::progress_report; }));
}
