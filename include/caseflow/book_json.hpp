// book_json: JSON views of what a case book holds, with one stable schema each, for the tools and
// services built on the book (casectl --format json, caseflow-server). Field names are English and do
// not follow a report language; dates are "YYYY-MM-DD", timestamps "YYYY-MM-DD HH:MM:SS" (China time).
#pragma once

#include <caseflow/casebook.hpp>

#include <nlohmann/json.hpp>

#include <vector>

namespace caseflow {

/// An item in a list: {"id", "kind", "category", "title", "state", "key_item", "leader_supervised",
/// "units": [{"unit", "role", "state"}]}.
nlohmann::json item_json(const case_record &c);

/// One item in full: item_json plus "proposers" {"lead", "co_signers"}, "history" (each event as in the
/// journal, with "after": the state it led to), "clocks" (deadline_clock JSON), "notices", "escalation"
/// (the track, when the item has climbed the ladder) and "children" (items passed down).
nlohmann::json item_detail_json(const case_book &book, const case_record &c);

/// Clocks due: [{"due", "clock": {"case", "unit", "clock", "cycle"}}].
nlohmann::json due_json(const std::vector<due_item> &items);

/// Notices: [notice JSON, as the journal writes them].
nlohmann::json notices_json(const std::vector<notice> &notices);

} // namespace caseflow
