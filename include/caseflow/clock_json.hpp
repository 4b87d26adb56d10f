// JSON for deadline clocks, their keys and notices, with every field: a case book's snapshot is read
// back into the very same clocks (case_book::restore) without counting anything again, so a restored
// book answers and ticks exactly as the one that wrote it.
//
// Reading is strict: a missing field, a wrong type or an unknown name is errc::parse_error naming
// `where` and the field ("snapshot: /clocks/3: field 'due': ...").
#pragma once

#include <caseflow/clock.hpp>
#include <caseflow/notice.hpp>

#include <nlohmann/json.hpp>

#include <string_view>

namespace caseflow {

nlohmann::json to_json(const clock_key &k);
result<clock_key> clock_key_from_json(const nlohmann::json &j, std::string_view where);

nlohmann::json to_json(const notice &n);
result<notice> notice_from_json(const nlohmann::json &j, std::string_view where);

/// Every field of the clock: rule, start, due, length, pauses and extensions, schedule points with
/// their issued marks, stop, and the days of its last tick and change.
nlohmann::json to_json(const deadline_clock &c);
/// The clock to_json wrote; deadline_clock_from_json(to_json(c)) == c.
result<deadline_clock> deadline_clock_from_json(const nlohmann::json &j, std::string_view where);

} // namespace caseflow
