// Rules the case book checks across cases or with the chart: merges name a lead item that can carry the
// item; only a unit handling an item (or the office) marks it difficult, and only while it is handled.
// Every refusal leaves the book and its journal as they were.
#include <caseflow/casebook.hpp>

#include "support/book_driver.hpp"

#include <gtest/gtest.h>

#include <string>

namespace cf = caseflow;
using namespace cf::testing;
namespace ev = cf::events;
using cf::assignment_role;
using trig = cf::escalation_trigger;

namespace {

const cf::case_id id_a{"16-2", "0001"};
const cf::case_id id_b{"16-2", "0002"};
const cf::case_id id_c{"16-2", "0003"};

void open_registered(cf::case_book &book, const cf::case_id &id) {
  must(book.open(sample_info(id.item)));
  must(book.apply(id, ev::register_case(office(), at(2024, 9, 2))));
}

// Refused with `code`, naming the case; the book and the journal unchanged.
std::string refused(cf::case_book &book, cf::memory_event_store &store, const cf::case_id &id, const cf::event &e,
                    cf::errc code) {
  const std::string before = book.snapshot();
  const auto lines = store.bytes().size();
  const auto r = book.apply(id, e);
  EXPECT_FALSE(r) << "accepted " << cf::to_string(e.type);
  if (r) return {};
  EXPECT_EQ(r.error().code, code) << r.error().message;
  EXPECT_NE(r.error().message.find(id.to_string()), std::string::npos) << r.error().message;
  EXPECT_EQ(book.snapshot(), before);
  EXPECT_EQ(store.bytes().size(), lines);
  return r.error().message;
}

} // namespace

TEST(case_book_rules, a_merge_needs_a_lead_item_in_the_book) {
  cf::memory_event_store store;
  cf::case_book book(shanghai_policy(), national_calendar());
  book.attach_journal(store);
  open_registered(book, id_a);
  EXPECT_EQ(refused(book, store, id_a, ev::merge(office(), at(2024, 9, 3), cf::case_id{"16-2", "9999"}), cf::errc::not_found),
            "case 16-2/0001: assigning office 'sh-office' may not merge: lead_item_in_book: lead item 16-2/9999 is not "
            "in the book");
}

TEST(case_book_rules, merges_form_no_cycle_and_no_chain) {
  cf::memory_event_store store;
  cf::case_book book(shanghai_policy(), national_calendar());
  book.attach_journal(store);
  open_registered(book, id_a);
  open_registered(book, id_b);
  open_registered(book, id_c);
  must(book.apply(id_a, ev::merge(office(), at(2024, 9, 3), id_b)));
  EXPECT_EQ(book.find(id_a)->merged_into, id_b);

  // B into A would close a cycle: A is merged itself.
  EXPECT_EQ(refused(book, store, id_b, ev::merge(office(), at(2024, 9, 4), id_a), cf::errc::guard_failed),
            "case 16-2/0002: assigning office 'sh-office' may not merge: lead_item_not_merged: lead item 16-2/0001 is "
            "itself merged into 16-2/0002");
  // C into A would hang C below a merged item.
  refused(book, store, id_c, ev::merge(office(), at(2024, 9, 4), id_a), cf::errc::guard_failed);
  // B carries A: merging B into C would make a chain.
  EXPECT_EQ(refused(book, store, id_b, ev::merge(office(), at(2024, 9, 4), id_c), cf::errc::guard_failed),
            "case 16-2/0002: assigning office 'sh-office' may not merge: carries_no_merged_items: other items are merged "
            "into 16-2/0002: it stays their lead item");
  // C into B is fine: B is a lead item that is not merged.
  must(book.apply(id_c, ev::merge(office(), at(2024, 9, 4), id_b)));
}

TEST(case_book_rules, a_lead_item_past_handling_takes_no_merged_item) {
  cf::memory_event_store store;
  cf::case_book book(shanghai_policy(), national_calendar());
  book.attach_journal(store);
  open_registered(book, id_a);
  must(book.open(sample_info(id_b.item))); // received, not yet registered
  EXPECT_NE(refused(book, store, id_a, ev::merge(office(), at(2024, 9, 3), id_b), cf::errc::guard_failed)
                .find("lead_item_can_carry: lead item 16-2/0002 is received"),
            std::string::npos);

  must(book.apply(id_b, ev::register_case(office(), at(2024, 9, 3))));
  must(book.apply(id_b, ev::assign(office(), at(2024, 9, 4), {{"minhang", assignment_role::lead}})));
  must(book.apply(id_a, ev::merge(office(), at(2024, 9, 4), id_b))); // in handling: it carries A
  open_registered(book, id_c);
  must(book.apply(id_b, ev::acknowledge(unit("minhang"), at(2024, 9, 5))));
  must(book.apply(id_b, ev::record_consultation(unit("minhang"), at(2024, 9, 10), true)));
  must(book.apply(id_b, ev::reply(unit("minhang"), at(2024, 9, 20), cf::reply_class::a)));
  EXPECT_EQ(refused(book, store, id_c, ev::merge(office(), at(2024, 9, 21), id_b), cf::errc::guard_failed),
            "case 16-2/0003: assigning office 'sh-office' may not merge: lead_item_can_carry: lead item 16-2/0002 is "
            "replied: only a registered item or one in handling takes merged items");
}

TEST(case_book_rules, only_a_unit_handling_the_item_marks_it_difficult_while_it_is_handled) {
  cf::memory_event_store store;
  cf::case_book book(shanghai_policy(), national_calendar(), minhang_chart());
  book.attach_journal(store);
  must(book.open(sample_info()));
  must(book.apply(id_0581, ev::register_case(office(), at(2024, 9, 2))));

  const auto refused_mark = [&](const std::vector<std::string> &units, cf::errc code) {
    const std::string before = book.snapshot();
    const auto lines = store.bytes().size();
    const auto r = book.escalate(id_0581, cf::escalation_input::raise(trig::marked_difficult, day(2024, 9, 20), units));
    EXPECT_FALSE(r);
    if (r) return std::string();
    EXPECT_EQ(r.error().code, code) << r.error().message;
    EXPECT_EQ(book.snapshot(), before);
    EXPECT_EQ(store.bytes().size(), lines);
    return r.error().message;
  };
  // Not yet assigned: nobody handles it.
  EXPECT_EQ(refused_mark({"mh-jsw"}, cf::errc::invalid_state),
            "case 16-2/0581: the item may not be marked difficult in state registered: only while it is being handled");

  must(book.apply(id_0581, ev::assign(office(), at(2024, 9, 4),
                                      {{"mh-jsw", assignment_role::lead}, {"mh-jtw", assignment_role::co_handler}})));
  // A unit on no chart and not on the case, and a unit of the chart that does not handle the item.
  EXPECT_EQ(refused_mark({"nobody"}, cf::errc::not_permitted),
            "case 16-2/0581: unit 'nobody' may not mark the item difficult: it does not handle the item");
  refused_mark({"meilong"}, cf::errc::not_permitted);
  EXPECT_TRUE(book.escalated().empty());

  // A co-handler on the case may; so may the office (a mark naming no unit).
  must(book.escalate(id_0581, cf::escalation_input::raise(trig::marked_difficult, day(2024, 9, 20), {"mh-jtw"})));
  EXPECT_EQ(book.escalation_of(id_0581)->level, cf::escalation_level::office);
  must(book.escalate(id_0581, cf::escalation_input::raise(trig::marked_difficult, day(2024, 9, 23), {})));
  EXPECT_EQ(book.escalation_of(id_0581)->episodes.back().triggers.size(), 2u);

  // Replayed, the journal gives the same book.
  auto again = cf::case_book::replay(store, shanghai_policy(), national_calendar(), minhang_chart());
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->snapshot(), book.snapshot());
}
