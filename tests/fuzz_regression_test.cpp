// Inputs the fuzz targets (tests/fuzz/) found that cross more than one header, kept as ordinary tests.
// Finds in a single loader live with that loader's tests (policy_test, org_test, workflow_test).
#include <caseflow/casebook.hpp>
#include <caseflow/event_json.hpp>

#include "support/book_driver.hpp"
#include "support/test_policy.hpp"

#include <gtest/gtest.h>

namespace cf = caseflow;
using namespace cf::testing;

// Found by tests/fuzz/book_ops_fuzz.cpp: a register_case event that also named a unit (a field only
// office decisions use) was accepted and recorded with the unit, but the journal writes only the fields
// of its type, so the replayed book's history lacked the unit. The book now refuses it, naming the field,
// and writes nothing.
TEST(fuzz_regression, an_event_with_a_field_its_type_does_not_use_is_refused_and_replays_equal) {
  cf::memory_event_store journal;
  cf::case_book book(shanghai_policy(), national_calendar(), minhang_chart());
  book.attach_journal(journal);
  must(book.open(sample_info()));
  cf::event e = cf::events::register_case(office(), at(2024, 2, 16));
  e.unit = "city-science";
  const auto before = journal.bytes();
  const auto applied = book.apply(id_0581, e);
  ASSERT_FALSE(applied);
  EXPECT_EQ(applied.error().message, "case 16-2/0581: field 'unit': does not belong to a register_case event");
  EXPECT_EQ(journal.bytes(), before);
  auto replayed = cf::case_book::replay(journal, shanghai_policy(), national_calendar(), minhang_chart());
  ASSERT_TRUE(replayed) << replayed.error().message;
  EXPECT_EQ(replayed->snapshot(), book.snapshot()) << (applied ? "accepted" : "refused");
}
