#include "exit_codes.hpp"

#include <fmt/format.h>

#include <initializer_list>
#include <string_view>

namespace casectl {

namespace cf = caseflow;

namespace {

struct exit_row {
  exit_code code;
  std::string_view meaning; // the line of `casectl --help`
  std::initializer_list<cf::errc> errors;
};

// clang-format off
constexpr exit_row exit_table[] = {
    {exit_code::ok,        "ok", {}},
    {exit_code::refused,   "refused by the rules: a workflow refusal, a sender not permitted, an event the book cannot take",
     {cf::errc::not_permitted, cf::errc::invalid_state, cf::errc::guard_failed, cf::errc::malformed_event}},
    {exit_code::usage,     "usage: an unknown command or option, missing or extra arguments, a value that does not parse",
     {cf::errc::invalid_argument}},
    {exit_code::not_found, "not found: an unknown case id, journal or bundled policy preset",
     {cf::errc::not_found}},
    {exit_code::conflict,  "conflict with what is held: an id registered twice, a day ticked past, a lost race",
     {cf::errc::conflict}},
    {exit_code::data,      "I/O or data: a file or store that cannot be read or written, a bad line in one, a date "
                           "outside the calendar",
     {cf::errc::io_error, cf::errc::parse_error, cf::errc::out_of_range}},
};
// clang-format on

constexpr const exit_row *row_of(cf::errc code) {
  for (const auto &row : exit_table)
    for (const auto e : row.errors)
      if (e == code) return &row;
  return nullptr;
}

// Every code of caseflow::errc (conflict is its last) has its row.
constexpr bool every_errc_has_a_row() {
  for (int e = 0; e <= static_cast<int>(cf::errc::conflict); ++e)
    if (row_of(static_cast<cf::errc>(e)) == nullptr) return false;
  return true;
}
static_assert(every_errc_has_a_row());

} // namespace

exit_code exit_code_of(cf::errc code) {
  const auto *row = row_of(code);
  return row ? row->code : exit_code::data;
}

std::string exit_code_help() {
  std::string text = "Exit codes (errors are one line on stderr, nothing on stdout):\n";
  for (const auto &row : exit_table)
    text += fmt::format("  {}  {}\n", static_cast<int>(row.code), row.meaning);
  return text;
}

} // namespace casectl
