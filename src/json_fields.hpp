// Readers for JSON records: inside nlohmann from_json functions, a date field ("" for none) and a value
// parsed by a caseflow parse_* function, which throw caseflow::exception naming the field; and
// read_record, which turns a from_json into a result naming where the record came from. Internal to the library's sources.
#pragma once

#include <caseflow/calendar.hpp>
#include <caseflow/error.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace caseflow::detail {

inline date date_field(const nlohmann::json &j, const char *field) {
  const std::string text = j.at(field).get<std::string>();
  if (text.empty()) return date(boost::gregorian::not_a_date_time);
  auto d = parse_date(text);
  if (!d) throw exception(error{errc::parse_error, fmt::format("field '{}': {}", field, d.error().message)});
  return *d;
}

template <class T> T field_value(result<T> r, const char *field) {
  if (!r) throw exception(error{errc::parse_error, fmt::format("field '{}': {}", field, r.error().message)});
  return std::move(*r);
}

/// A record read with its from_json, or the error (caseflow::exception or nlohmann's) prefixed by `where`.
template <class T> result<T> read_record(const nlohmann::json &j, std::string_view where) {
  try {
    return j.get<T>();
  } catch (const exception &e) {
    return fail(errc::parse_error, fmt::format("{}: {}", where, e.what()));
  } catch (const nlohmann::json::exception &e) {
    return fail(errc::parse_error, fmt::format("{}: {}", where, e.what()));
  }
}

} // namespace caseflow::detail
