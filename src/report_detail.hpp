// Internals shared by the reports: which clock is a unit's obligation in an item, how late it is on a
// day, the point-of-view rules of report.hpp, and tables rendered as text, Markdown, CSV or HTML.
#pragma once

#include <caseflow/report.hpp>

#include <fmt/format.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace caseflow::detail {

/// A reply or opinion clock as it stood on the report's day.
struct obligation {
  clock_key key;
  date started;
  date due;                       ///< the due date on the report's day (an extension approved later not counted)
  std::optional<stop_record> met; ///< how it was met by the report's day; empty while open or when it ended unmet
  bool ended = false;             ///< finished unmet by the report's day (its case concluded, its unit left)
};

/// The book as it stood at the end of a day (report_as_of.cpp): the records rebuilt from their histories
/// (workflow.hpp as_of), and every reply, re-handling reply and opinion clock as it stood. Items without
/// an event by that day are left out: the book held nothing dated about them yet. Taken once per report.
class book_on_day {
public:
  /// errc::out_of_range naming the day when the book's calendar does not cover it; `report` names the
  /// report in the message.
  static result<book_on_day> take(const case_book &book, date day, std::string_view report);

  date day() const noexcept { return day_; }
  const work_calendar &calendar() const noexcept { return calendar_; }
  /// The items as they stood, by case id; with a unit, those it took part in on the day (not returned).
  std::vector<const case_record *> items(std::string_view unit = {}) const;
  /// The latest (highest cycle) obligation of `unit` in the case: its reply clocks when it replies,
  /// its opinion clock when it is a co-handler.
  std::optional<obligation> latest(const std::string &case_text, const std::string &unit, assignment_role role) const;
  /// Notices issued for the case by the day.
  std::vector<notice> notices_of(const case_id &id) const;

private:
  book_on_day(const case_book &book, date day);
  const case_book *book_;
  date day_;
  work_calendar calendar_;
  std::vector<case_record> records_; // by case id
  std::map<std::string, std::vector<obligation>, std::less<>> by_case_;
};

/// The summary of report.hpp from a book already taken on its day: several units' summaries from one take.
summary summary_on(const book_on_day &day, std::string_view unit);

/// Working days late on `as_of` of an obligation due on `due`: 0 when not past due, else at least 1,
/// a rest day counting as the next working day.
int workdays_late(const work_calendar &cal, date due, date as_of);

/// True for the roles that reply (lead, separate).
constexpr bool replies(assignment_role r) noexcept { return r != assignment_role::co_handler; }

/// The role of `unit` in the case (its non-returned assignment), or, for an empty unit, the handling
/// mode: lead, separate, or none before assignment.
std::optional<assignment_role> role_in(const case_record &c, std::string_view unit);

/// The units handling the case (returned ones left out), in assignment order.
std::vector<unit_assignment_spec> active_units(const case_record &c);

/// "YYYY-MM-DD", or "" for a date not set.
std::string day_text(date d);
/// True when `d` is set and on or before `limit`.
inline bool by(date d, date limit) { return !d.is_special() && d <= limit; }

/// Columns padded to their display width (CJK characters count 2), a rule under the header.
std::string render_text(const report_table &t);
/// A GitHub-flavoured Markdown table ('|' in cells escaped).
std::string render_markdown(const report_table &t);
/// CSV rows (RFC 4180, CRLF line ends), without the byte order mark.
std::string render_csv(const report_table &t);
/// A self-contained HTML page of a document (html_escape on every text).
std::string render_html_page(const report_document &d, language lang);
/// Text safe inside HTML elements and double-quoted attributes: & < > " ' escaped.
std::string html_escape(std::string_view text);

/// The HTML report's style sheet and script (report_html_assets.cpp).
extern const std::string_view html_style;
extern const std::string_view html_script;

/// A phrase of the label table with its arguments put in: phrase("ledger.title", lang, day, view).
template <class... Args> std::string phrase(std::string_view key, language lang, const Args &...args) {
  return fmt::format(fmt::runtime(label(key, lang)), args...);
}
/// An enum value's label: the stable name in English, the DOMAIN term in Chinese.
template <class E> std::string term(std::string_view group, E value, language lang) {
  return std::string(enum_label(group, to_string(value), lang));
}

} // namespace caseflow::detail
