// report_html: the book as one web page for supervisors, as of a day.
//
// One self-contained file: styles and a small script inline, nothing fetched (no network, no CDN), so it
// can be mailed, opened from a shared folder or printed (A4 landscape print styles). It holds
//   * KPI tiles (make_kpis), each with data-kpi, data-numerator and data-denominator attributes;
//   * the leaders' brief (brief.hpp): what is stuck and who acts next;
//   * without a unit, each unit's headline from its own point of view (a district's year as it reports it);
//   * the ledger (make_ledger) as a table that sorts by clicking a column header and filters by unit,
//     role, state, category and key item; each row carries its values as data-* attributes;
//   * a timeline per item: its events (assignment, opinions, consultations, reply, feedback,
//     re-handling, publication, closure), reminders, warnings and overdue notices, the coordination
//     ladder's moves with their levels, and the obligations' due dates with overdue marks;
//   * the bimonthly bulletins: with a unit, the unit's periods of the year up to the day; without one,
//     every unit's bulletin of the period holding the day;
//   * both languages: every text is written in English and in Chinese and the page shows one (a switch
//     at the top; `lang` picks the first one shown). The label table is embedded for the script.
// The page reads its URL fragment on load and writes it back as the reader sorts and filters, so a view
// can be linked: "#sort=due&dir=desc&filter=role:lead,key:key&lang=zh". After each change the body's
// data-rows-shown attribute holds the number of ledger rows shown (what a test reads).
// Every text from the book (titles, names, decisions) is escaped: a title may hold <, & or quotes.
#pragma once

#include <caseflow/casebook.hpp>
#include <caseflow/language.hpp>

#include <string>

namespace caseflow {

struct html_options {
  language lang = language::en; ///< the language shown first
  std::string unit;             ///< the point of view (report.hpp); empty for the whole book
};

/// The page as of `as_of`. Errors as the reports' (errc::out_of_range for a day outside the calendar).
result<std::string> render_html(const case_book &book, date as_of, const html_options &options = {});

} // namespace caseflow
