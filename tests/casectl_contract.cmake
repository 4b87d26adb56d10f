# The exact command-line contract of `casectl calendar`: bare answers on stdout, exit 0; errors as one
# line on stderr, nothing on stdout, with the exit code of their kind.
include(${CMAKE_CURRENT_LIST_DIR}/casectl_expect.cmake)
expect_answer(true calendar is-workday 2024-02-04)
expect_answer(false calendar is-workday 2024-02-12)
expect_answer(2024-02-19 calendar add-workdays 2024-02-08 3)
expect_answer(2024-02-08 calendar add-workdays 2024-02-19 -3)
expect_answer(3 calendar between 2024-02-08 2024-02-19)
expect_answer(-3 calendar between 2024-02-19 2024-02-08)
expect_answer(2024-06-17 calendar add 2024-03-15 3m)
expect_answer(2025-02-28 calendar add 2024-11-30 3M)
expect_answer(2024-02-18 calendar next-workday 2024-02-10)
expect_answer(true calendar is-workday 2024-02-04 --calendar ${DATA_DIR}/calendars/cn-mainland.txt)

expect_error(usage "'2024-02-30' is not a date" calendar is-workday 2024-02-30)
expect_error(data "outside the working-day calendar" calendar is-workday 2028-10-01)
expect_error(data "outside the working-day calendar" calendar is-workday 2027-10-01 --strict)
expect_error(data "2026-12-01 + 3m falls outside the calendar, which covers 2024-01-01 to 2026-12-31" calendar add 2026-12-01 3m --strict)

# A year whose notice is not in the data yet: the bare answer on stdout, the provisional year on stderr.
expect_answer_noting(2027-03-01 "2027 is provisional" calendar add 2026-12-01 3m)
expect_answer_noting(false "2027 is provisional" calendar is-workday 2027-02-08)
expect_answer_noting(true "2027 is provisional" calendar is-workday 2027-02-10)
expect_answer_noting(61 "2027 is provisional" calendar between 2026-12-01 2027-03-01)
expect_answer_noting(2027-02-09 "2027 is provisional" calendar next-workday 2027-02-05)
expect_answer_noting(2026-12-31 "2027 is provisional" calendar add-workdays 2027-01-04 -1)
expect_answer(2026-12-31 calendar add-workdays 2026-12-30 1)

# A host's calendar file is layered on the bundled national one: a local day off (Monday 2024-05-06)
# moves the answers that cross it, while the State Council's days still hold (the make-up working
# Saturday 2024-05-11, the Spring Festival days off); no warning, as the national days are all there.
set(local ${CMAKE_CURRENT_BINARY_DIR}/casectl_local_calendar.txt)
file(WRITE ${local} "year 2024\noff 2024-05-06\n")
expect_answer(true calendar is-workday 2024-05-06)
expect_answer(false calendar is-workday 2024-05-06 --calendar ${local})
expect_answer(true calendar is-workday 2024-05-11 --calendar ${local})
expect_answer(false calendar is-workday 2024-02-12 --calendar ${local})
expect_answer(2024-05-08 calendar add-workdays 2024-04-30 3)
expect_answer(2024-05-09 calendar add-workdays 2024-04-30 3 --calendar ${local})
expect_answer(2024-05-07 calendar next-workday 2024-05-06 --calendar ${local})
expect_answer(2 calendar between 2024-05-05 2024-05-08 --calendar ${local})
# With --no-national-calendar the files alone are the calendar: this one has no days off but its own,
# so the May Day holiday is a run of working days (and the statutory days' absence is warned about).
run_casectl(calendar add-workdays 2024-04-30 3 --no-national-calendar --calendar ${local})
if(NOT rc EQUAL 0 OR NOT out STREQUAL "2024-05-03\n" OR NOT err MATCHES "2024-05-01 \\(Labour Day\\) is a statutory day off")
  message(FATAL_ERROR "casectl --no-national-calendar: expected 2024-05-03 and the rule's warnings, got '${out}' exit ${rc}, stderr '${err}'")
endif()
expect_error(usage "--no-national-calendar leaves no calendar" calendar is-workday 2024-05-06 --no-national-calendar)

# A notice that contradicts the statutory rule is loaded, with a warning. On the national calendar its
# days off would be layered on the State Council's, which hold every statutory day: the notice alone
# (--no-national-calendar) is what contradicts the rule.
set(contrary ${CMAKE_CURRENT_BINARY_DIR}/casectl_contrary_calendar.txt)
file(WRITE ${contrary} "year 2026\noff 01-01\noff 02-15..02-23\noff 04-04..04-06\noff 05-01..05-05\noff 06-19..06-21\noff 09-25..09-27\noff 10-01..10-02\n")
expect_answer_noting(true "2026-10-03 (National Day) is a statutory day off, but the 2026 data make it an ordinary weekend day" calendar is-workday 2026-07-01 --no-national-calendar --calendar ${contrary})
expect_error(usage "'x' is not a whole number" calendar add-workdays 2024-02-08 x)
expect_error(usage "has no unit" calendar add 2024-03-15 3)
expect_error(usage "expected 2 arguments, got 1" calendar between 2024-02-08)
expect_error(usage "unknown command 'frobnicate'" calendar frobnicate)
expect_error(usage "unknown command 'nope'" nope)
expect_error(data "cannot open calendar file" calendar is-workday 2024-02-04 --calendar /nonexistent.txt)
expect_error(usage "unknown option '--bogus'" calendar is-workday 2024-02-04 --bogus)

# A bad calendar file is named with its line.
set(bad ${CMAKE_CURRENT_BINARY_DIR}/casectl_bad_calendar.txt)
file(WRITE ${bad} "year 2024\noff 2024-02-30\n")
expect_error(data "casectl_bad_calendar.txt:2: '2024-02-30' is not a date" calendar is-workday 2024-02-04 --calendar ${bad})
