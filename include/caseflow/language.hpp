// language: the words people read in reports, notices and history lines, in English or Simplified
// Chinese (DOMAIN.md section 1's terms: 主办, 会办, 答复, 满意, 依申请公开, 催办, 逾期 ...).
//
// Every translatable word or phrase is one row of one table (src/labels.cpp): a key, its English and its
// Chinese text. Enum values are keyed by group and stable name ("state.replied", "role.lead"); their
// English text is the stable name itself, so English output reads as it always did. Phrases are keyed by
// where they appear ("ledger.title") and may hold fmt placeholders ("{0}", "{1}"), numbered so that a
// language can put them in its own order. Machine formats (JSON, the journal) keep the stable names.
#pragma once

#include <caseflow/error.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace caseflow {

/// The language of a report or a line of text.
enum class language : std::uint8_t { en, zh };

/// "en", "zh".
std::string_view to_string(language l) noexcept;
/// The language named `name` ("en" or "zh"; errc::parse_error naming it otherwise).
result<language> parse_language(std::string_view name);

/// One row of the translation table.
struct label_row {
  std::string_view key;
  std::string_view en;
  std::string_view zh;
};

/// Every row, sorted by key (hosts embed them, e.g. the HTML report's language switch).
std::span<const label_row> label_table() noexcept;

/// The text of `key` in `lang`; the key itself when the table has no such row (the label tests check
/// that every key the library uses is there).
std::string_view label(std::string_view key, language lang) noexcept;

/// The text of an enum value: label("<group>.<name>"), e.g. enum_label("state", "replied", zh) is "已答复".
std::string_view enum_label(std::string_view group, std::string_view name, language lang);

} // namespace caseflow
