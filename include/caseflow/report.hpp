// report: what supervisors read - the ledger (台账), the summary by kind, role, category and state, the
// bimonthly bulletin per unit (双月通报) and the yearly evaluation figures (KPIs).
//
// Every report is built in two steps. First a plain value (rows, counts, rates) is taken from a
// `const case_book &` and an `as_of` day: nothing reads a clock, so the same book and day always give
// the same report. Then a format function renders the value as text, Markdown, CSV (UTF-8 with a byte
// order mark and RFC 4180 quoting, so that spreadsheets open it as UTF-8) or JSON. Hosts that want
// their own layout use the values and skip the formats.
//
// Dates. Every report answers "as of D" from the history: each record is rebuilt from its events up to
// the end of D (workflow.hpp as_of), so states, dates, classes, ratings and disclosure are the ones that
// were true on D; an obligation is met only if it was met by D, is due on the date it had on D (an
// extension approved later does not count) and is late by the working days up to D; notices count when
// issued by D. Items without any event by D are left out. Nothing after D counts, so a report for a past
// day can be made from today's book. A D the book's calendar does not cover is an error
// (errc::out_of_range naming the day), never a guess.
//
// Threads. A report makes several queries on the book; each is consistent, but a write made between
// two of them by another thread may show in part. Take reports between writes for exact figures.
//
// Point of view. Most reports can be taken for one unit (the district, say) or for the whole book:
//   * with a unit: only the items the unit takes part in (returned units excluded); the role is the
//     unit's role in each item; the obligation of a unit is its reply (lead, separate) or its written
//     opinion (co-handler); replies, ratings, disclosure and follow-up count the items the unit replies
//     to (lead or separate), because only those are the unit's to answer for;
//   * without a unit: every item; the role is the item's handling mode (`lead` when one unit leads,
//     `separate` when units handle separately, none before assignment); obligations are the replies.
//
// Reminders sent (催办) count every notice a tick issued: reminders, warnings and overdue notices.
// Working days late: for an obligation met late, the figure its clock recorded; for one still open and
// past due on `as_of`, the working days from the due date to `as_of` (a rest day counting as the next
// working day, so at least 1), as the overdue notices count them.
#pragma once

#include <caseflow/casebook.hpp>
#include <caseflow/language.hpp>
#include <caseflow/model.hpp>
#include <caseflow/workflow.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace caseflow {

// ---- Ledger (台账) --------------------------------------------------------------------------------

/// One item of the ledger.
struct ledger_row {
  case_id id;
  case_kind kind{};
  std::string category;
  std::string title;
  std::string lead_proposer;
  std::vector<unit_assignment_spec> units; ///< the units handling it (returned ones left out), in order
  std::optional<assignment_role> role;     ///< the point-of-view unit's role, or the handling mode
  case_state state{};
  date assigned_on;                        ///< not_a_date_time before assignment
  date reply_due;                          ///< of the latest reply clock (open or finished), if any
  bool reply_due_provisional = false;      ///< reply_due lies in a provisional year of the calendar
  date replied_on;                         ///< the latest reply, if any
  std::optional<reply_class> result_class; ///< of the latest reply
  std::optional<satisfaction> rating;
  std::optional<disclosure> publication;
  int workdays_late = 0;          ///< of the reply (see the file comment); 0 when not late
  int reminders = 0;              ///< notices issued (for the point-of-view unit's clocks only)
  bool key_item = false;          ///< 重点办理: tracked more closely
  bool leader_supervised = false; ///< 领导督办: tracked more closely, by the leader named below
  std::string supervising_leader; ///< leader-supervised items, with a chart: the leader's org id
  friend bool operator==(const ledger_row &, const ledger_row &) = default;
};

struct ledger {
  date as_of;
  std::string unit;             ///< the point of view; empty for the whole book
  std::vector<ledger_row> rows; ///< by case id
};

/// The ledger of the book on `as_of`, for every item or from `unit`'s point of view.
result<ledger> make_ledger(const case_book &book, date as_of, std::string_view unit = {});

// ---- Summary ------------------------------------------------------------------------------------

/// The number of items with one kind, role, category and state.
struct summary_cell {
  case_kind kind{};
  std::optional<assignment_role> role;
  std::string category;
  case_state state{};
  int items = 0;
  friend bool operator==(const summary_cell &, const summary_cell &) = default;
};

/// Items of one kind, split by role.
struct kind_total {
  case_kind kind{};
  int items = 0;
  int lead = 0;       ///< role lead
  int co_handled = 0; ///< role co_handler
  int separate = 0;   ///< role separate
  int unassigned = 0; ///< no role yet (whole book only)
  friend bool operator==(const kind_total &, const kind_total &) = default;
};

struct summary {
  date as_of;
  std::string unit;
  int items = 0;
  std::vector<summary_cell> cells;                      ///< non-empty combinations, in kind, role, category, state order
  std::array<kind_total, 2> by_kind{};                  ///< deputy suggestions, CPPCC proposals
  std::vector<std::pair<std::string, int>> by_category; ///< in category_list::defaults() order (others after), non-zero only
  std::array<int, case_state_count> by_state{};         ///< indexed by case_state
  int replying = 0; ///< items the unit replies to (lead or separate; every assigned item without a unit)
  int replied = 0;  ///< of those, replied by `as_of`
  std::array<std::vector<case_id>, 4> disclosed; ///< of those, by disclosure (indexed by disclosure)
};

/// The summary of the book on `as_of`, for every item or from `unit`'s point of view.
result<summary> make_summary(const case_book &book, date as_of, std::string_view unit = {});

/// The seed's one-line figures: "34 items: 24 deputy suggestions (5 lead, 19 co-handled), 10 CPPCC
/// proposals (3 lead, 7 co-handled); 8 lead items replied; 6 published, 2 on request (16-2/0581,
/// 16-2/0605)". Roles with no items are left out; "published" counts full text and summary.
std::string headline(const summary &s);
/// The same in `lang` ("共34件：人大代表建议24件（主办5件、会办19件），..." in Chinese).
std::string headline(const summary &s, language lang);

// ---- Bimonthly bulletin (双月通报) ------------------------------------------------------------------

/// An item a bulletin names: overdue, or its obligation met late.
struct bulletin_item {
  case_id id;
  std::string title;
  assignment_role role{};
  date due;
  date done_on;          ///< not_a_date_time while still open
  int workdays_late = 0; ///< as of the bulletin's end day when still open
  friend bool operator==(const bulletin_item &, const bulletin_item &) = default;
};

/// One unit's figures for [from, to]. Counts are as they stood on `to` (or on the day asked, for a period
/// still running), from the history, so a bulletin for an earlier period can be made from today's book.
struct bulletin {
  std::string unit;
  date from;
  date to;
  int held = 0;                         ///< items assigned to the unit by `to`
  int done = 0;                         ///< of those, the unit's obligation met (reply or opinion) by `to`
  int done_in_period = 0;               ///< of those, met within [from, to]
  int on_time = 0;                      ///< of `done`, met by the due date
  std::vector<bulletin_item> overdue;   ///< open and past due on `to`, by id
  std::vector<bulletin_item> late;      ///< met after the due date, by id
  std::array<int, 4> ratings{};         ///< of the items the unit replies to, rated by `to` (indexed by satisfaction)
  int reminders = 0;                    ///< notices for the unit's clocks issued within [from, to]
  std::vector<bulletin_item> key_items; ///< key and leader-supervised items held, each with its obligation, by id
  int key_done = 0;                     ///< of those, the obligation met by `to`
  int key_on_time = 0;                  ///< of those, met by the due date
  friend bool operator==(const bulletin &, const bulletin &) = default;
};

/// The bulletin of `unit` for [from, to], as it stood on `to`. errc::invalid_argument when `to` is before
/// `from` or the unit is empty; errc::out_of_range when the calendar does not cover the day counted to.
result<bulletin> make_bulletin(const case_book &book, std::string_view unit, date from, date to);
/// The same for a period still running on `as_of`: counted to min(to, as_of), since nothing later is
/// known (an item not yet due on `as_of` is not overdue). errc::invalid_argument when `as_of` is before
/// `from`.
result<bulletin> make_bulletin(const case_book &book, std::string_view unit, date from, date to, date as_of);

/// The six bimonthly periods of a year: January-February, March-April, ... November-December.
std::vector<std::pair<date, date>> bimonthly_periods(int year);

// ---- KPIs ---------------------------------------------------------------------------------------

/// A rate with its numerator and denominator; undefined ("n/a") when the denominator is 0.
struct rate {
  int numerator = 0;
  int denominator = 0;
  /// numerator / denominator, or nothing when the denominator is 0.
  std::optional<double> value() const noexcept;
  /// "87.5% (7/8)", or "n/a (0/0)".
  std::string to_string() const;
  friend bool operator==(const rate &, const rate &) = default;
};

/// The yearly evaluation figures.
struct kpi_set {
  date as_of;
  std::string unit;
  rate closure;      ///< 办结率: items concluded (closed or in follow-up) by `as_of` / items assigned
  rate on_time;      ///< obligations met on time / obligations met + open ones past due on `as_of`
  rate contact;      ///< items with a consultation / items assigned
  rate face_to_face; ///< 见面率: items with a leader-led consultation / items assigned
  rate satisfaction; ///< 满意率: satisfied + basically satisfied / rated (no feedback left out)
  rate follow_up;    ///< 落实率: followed-up items with their second reply / items that went into follow-up
  rate key_on_time;  ///< on_time over key and leader-supervised items only
  friend bool operator==(const kpi_set &, const kpi_set &) = default;
};

/// The KPIs of the book on `as_of`, for every item or from `unit`'s point of view.
result<kpi_set> make_kpis(const case_book &book, date as_of, std::string_view unit = {});

// ---- Formats ------------------------------------------------------------------------------------
//
// Each report is first laid out as a report_document: a title, free lines and tables whose cells are
// text in the language asked, each column typed (text, number, date, percent) so that a spreadsheet can
// hold real numbers and dates. Text, Markdown, CSV and HTML are rendered from that one layout, so they
// cannot disagree; so is the Excel workbook (caseflow::xlsx, report_xlsx.hpp). JSON is built from the
// values directly and keeps the stable names whatever the language (it is read by programs); only its
// free text (the summary's headline) follows the language.

enum class report_format { text, markdown, csv, json, html };
/// "text", "markdown", "csv", "json", "html".
std::string_view to_string(report_format f) noexcept;
/// The format named `name` (errc::parse_error naming it and the accepted names).
result<report_format> parse_report_format(std::string_view name);

/// How a report is worded.
struct report_options {
  language lang = language::en; ///< labels, enum values and sentences; English by default
};

/// What a column holds, for formats that keep types (a spreadsheet): the text shown is the same.
enum class column_type : std::uint8_t {
  text,
  number,  ///< an integer
  day,     ///< a date, "YYYY-MM-DD" (a cell with more, such as a provisional mark, stays text)
  percent, ///< "87.5%" or the language's n/a
};

/// One table of a report.
struct report_table {
  std::string name;    ///< stable short name ("ledger", "tracked"): sheet names and HTML ids
  std::string caption; ///< shown above the table; may be empty
  std::vector<std::string> header;
  std::vector<column_type> types; ///< one per column
  std::vector<std::vector<std::string>> rows;
  bool in_text = true; ///< false: for spreadsheets, CSV and HTML only; text and Markdown say it in lines
};

/// A report laid out for reading.
struct report_document {
  std::string name;  ///< "ledger", "summary", "bulletin", "kpis", "brief"
  std::string title; ///< in the report's language
  std::vector<std::string> lines;
  std::vector<report_table> tables; ///< CSV holds the first only
};

/// The layout of each report.
report_document layout(const ledger &l, const report_options &o = {});
report_document layout(const summary &s, const report_options &o = {});
report_document layout(const bulletin &b, const report_options &o = {});
report_document layout(const kpi_set &k, const report_options &o = {});

/// A document in a format: JSON as {"report", "title", "lines", "tables": [{"name", "caption", "header",
/// "rows"}]}; HTML as one self-contained page (styles inline, no script, nothing fetched) in `lang`.
std::string render(const report_document &d, report_format f, language lang = language::en);

/// The UTF-8 byte order mark every CSV report starts with.
inline constexpr std::string_view csv_bom = "\xEF\xBB\xBF";
/// One CSV field quoted as RFC 4180 says: in double quotes, doubled inside, when it holds a comma, a
/// quote, a line break or leading/trailing blanks; as is otherwise. A field a spreadsheet would take for
/// a formula (beginning with = + - @, a tab or a carriage return; not a lone "-" or a number such as
/// "-3") gets a leading single quote first, so that a title like "=HYPERLINK(...)" stays text.
std::string csv_field(std::string_view text);

/// Columns of display width: East Asian wide and fullwidth characters take two columns, combining marks
/// none (Unicode's East Asian Width, through utf8proc). Used to align text tables.
std::size_t display_width(std::string_view utf8);

/// The report in the format asked. JSON is an object with the report's fields, dates as
/// "YYYY-MM-DD" (null when not set), enums by their stable names, rates as {"numerator",
/// "denominator", "value"} with a null value when undefined.
std::string format(const ledger &l, report_format f, const report_options &o = {});
std::string format(const summary &s, report_format f, const report_options &o = {});
std::string format(const bulletin &b, report_format f, const report_options &o = {});
std::string format(const kpi_set &k, report_format f, const report_options &o = {});

} // namespace caseflow
