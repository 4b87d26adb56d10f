// Small helpers for case book tests: a day, a change that must be accepted, daily ticks.
#pragma once

#include <caseflow/casebook.hpp>

#include "support/case_driver.hpp"

#include <gtest/gtest.h>

namespace caseflow::testing {

inline date day(int y, int m, int d) {
  return date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(d));
}

/// The item most scenarios follow.
inline const case_id id_0581{"16-2", "0581"};

/// Stops the test with the rejection's message when a change that should pass does not.
inline void must(const status<rejection> &r) { ASSERT_TRUE(r.has_value()) << r.error().message; }

/// Ticks the book every day in [from, to].
inline void tick_days(case_book &book, date from, date to) {
  for (date d = from; d <= to; d += boost::gregorian::days(1))
    ASSERT_TRUE(book.tick(d)) << to_string(d);
}

} // namespace caseflow::testing
