// Internals shared by the reports: which clock is a unit's obligation in an item, how late it is on a
// day, the point-of-view rules of report.hpp, and plain tables rendered as text, Markdown or CSV.
#pragma once

#include <caseflow/report.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace caseflow::detail {

/// A reply or opinion clock, open or finished.
struct obligation {
  clock_key key;
  date due;
  std::optional<stop_record> met; ///< how it was met; empty while open or when it ended unmet
  bool ended = false;             ///< finished without being met (its case concluded, its unit left)
};

/// Every reply, re-handling reply and opinion clock of a book, by case id text. Taken once per report.
class obligation_index {
public:
  explicit obligation_index(const case_book &book);
  /// The latest (highest cycle) obligation of `unit` in the case: its reply clocks when it replies,
  /// its opinion clock when it is a co-handler.
  std::optional<obligation> latest(const std::string &case_text, const std::string &unit, assignment_role role) const;

private:
  std::map<std::string, std::vector<obligation>, std::less<>> by_case_;
};

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

/// A table: a header and rows of cells (UTF-8).
struct table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};
/// Columns padded to their display width (CJK characters count 2), a rule under the header.
std::string render_text(const table &t);
/// A GitHub-flavoured Markdown table ('|' in cells escaped).
std::string render_markdown(const table &t);
/// CSV rows (RFC 4180, CRLF line ends), without the byte order mark.
std::string render_csv(const table &t);

} // namespace caseflow::detail
