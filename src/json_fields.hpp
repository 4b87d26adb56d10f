// Readers for the fields of JSON records (nlohmann from_json functions): a date ("" for none) and a
// value parsed by a caseflow parse_* function. They throw caseflow::exception naming the field, which
// the *_from_json wrappers turn into an error. Internal to the library's sources.
#pragma once

#include <caseflow/calendar.hpp>
#include <caseflow/error.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <string>

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

} // namespace caseflow::detail
