// report_xlsx: reports as an Excel workbook (target caseflow::xlsx, over Debian's libxlsxwriter), so that
// supervisors who work from the ledger in Excel get real numbers and dates, not text.
//
// Each table of the documents (report.hpp layout) becomes a sheet named after the table in the report's
// language ("台账", "Ledger"): the header row bold and frozen, an autofilter over the header, column widths
// from the cells' display widths (a Chinese character counts two), and each cell typed by its column:
// numbers as numbers, dates as Excel dates (yyyy-mm-dd), percentages as fractions shown as "87.5%". A
// cell that is not what its column holds (a provisional mark after a date, "n/a") stays text. Tables of
// the same name and header stack into one sheet, so that many units' bulletins make one list. The cells
// read back are the CSV report's (tests/xlsx/).
#pragma once

#include <caseflow/error.hpp>
#include <caseflow/report.hpp>

#include <filesystem>
#include <span>

namespace caseflow {

/// Writes the documents' tables to a workbook at `file` (replaced if it exists), sheet names in `lang`.
/// errc::invalid_argument when there is no table; errc::io_error naming the file and libxlsxwriter's
/// reason when it cannot be written.
status<> write_xlsx(std::span<const report_document> documents, const std::filesystem::path &file, language lang = language::en);

} // namespace caseflow
