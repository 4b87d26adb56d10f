// Journals edited on purpose in tests: a unit's records changed and the chain written again, as a
// journal written with another policy or calendar would be (so that replay's own checks are reached,
// not the chain's).
#pragma once

#include <caseflow/journal.hpp>

#include <gtest/gtest.h>

#include <functional>

namespace caseflow::testing {

/// Every line of `from` written again as a unit of its records, in a fresh chain; `edit` may change
/// the records of a line (1-based line number) first.
inline memory_event_store rechained(const event_store &from,
                                    const std::function<void(std::size_t line, std::vector<journal_entry> &)> &edit = {}) {
  memory_event_store out;
  journal_writer writer(out);
  const auto raw = from.read().value();
  for (std::size_t i = 0; i < raw.lines.size(); ++i) {
    auto records = parse_journal_line(raw.lines[i], "rechained");
    EXPECT_TRUE(records) << records.error().message;
    std::vector<journal_entry> entries;
    for (auto &r : *records)
      entries.push_back({r.type, r.data});
    if (edit) edit(i + 1, entries);
    EXPECT_TRUE(writer.append_unit(entries));
  }
  return out;
}

} // namespace caseflow::testing
