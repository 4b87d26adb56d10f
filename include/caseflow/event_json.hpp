// event_json: events and case registrations as compact JSON, the form the journal and imports use.
//
// An event is written with its type, sender and time, and only the fields its type uses:
//     {"type":"reply","by":"unit:minhang","at":"2024-04-20 10:00:00","result_class":"A"}
//     {"type":"assign","by":"office","at":"2024-01-26 09:00:00",
//      "units":[{"unit":"minhang","role":"lead"},{"unit":"jtw","role":"co_handler"}]}
// The sender is "<role>" or "<role>:<id>" with the roles of model.hpp (assigning_office may be written
// "office"). Times are "YYYY-MM-DD HH:MM:SS" (local time), or a bare date meaning its midnight.
// Reading is strict: a field the type does not use, a missing type, sender or time, or a bad value is
// an error naming where it is and the field. Reply classes are written upper case ("A".."D") and read
// in either case.
#pragma once

#include <caseflow/model.hpp>
#include <caseflow/workflow.hpp>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace caseflow {

/// The compact JSON of an event (see the file comment).
nlohmann::json to_json(const event &e);
/// Reads an event; errors (errc::parse_error) start with `where`, then the field:
/// "import.jsonl:12: field 'result_class': unknown reply class 'E' (expected A, B, C, D)".
result<event> event_from_json(const nlohmann::json &j, std::string_view where);
/// The first field `e` sets that its type does not use ("unit" on a register_case, say), which the
/// journal would not keep; empty when there is none. The case book refuses such an event, so that what
/// it records is what a replay records.
std::optional<std::string_view> stray_field(const event &e);
/// The first text of `e` that limits.hpp refuses - the sender's id, a unit, the reason - or more units
/// than limits::units_per_item, as "field 'reason': is not valid UTF-8 (byte 3)"; empty when there is
/// none. The case book refuses such an event where it enters (errc::invalid_argument).
std::optional<std::string> text_problem(const event &e);

/// The JSON of a case registration: id, kind, category, title, proposers, flags.
nlohmann::json to_json(const case_info &info);
/// Reads a registration (fields checked as for events; "key_item", "leader_supervised" and
/// "proposers.co_signers" may be left out).
result<case_info> case_info_from_json(const nlohmann::json &j, std::string_view where);

/// "unit:minhang", "office": the compact form of an actor.
std::string to_compact_string(const actor &a);
/// Parses the compact form of an actor.
result<actor> parse_actor(std::string_view text);

} // namespace caseflow
