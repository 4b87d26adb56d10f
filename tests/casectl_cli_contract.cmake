# casectl's command line itself: help on stdout with exit 0 (the top level's listing the exit codes),
# --version, both forms of an option, and one real case of every exit code of exit_codes.hpp, each as
# one line on stderr with nothing on stdout.
include(${CMAKE_CURRENT_LIST_DIR}/casectl_expect.cmake)
set(dir ${WORK_DIR}/casectl_cli)
file(REMOVE_RECURSE ${dir})
file(MAKE_DIRECTORY ${dir})

# Help, generated from the declarations: on stdout, nothing on stderr, exit 0.
function(expect_help)
  run_casectl(${ARGN})
  if(NOT rc EQUAL 0 OR NOT err STREQUAL "")
    message(FATAL_ERROR "casectl ${ARGN}: expected help on stdout and exit 0, got exit ${rc}, stderr '${err}'")
  endif()
  set(help "${out}" PARENT_SCOPE)
endfunction()
function(expect_in text)
  foreach(fragment ${ARGN})
    string(FIND "${text}" "${fragment}" at)
    if(at EQUAL -1)
      message(FATAL_ERROR "expected '${fragment}' in:\n${text}")
    endif()
  endforeach()
endfunction()

expect_help(--help)
expect_in("${help}" "Usage: casectl" "calendar" "tick" "report" "Exit codes"
          "  0  ok" "  1  refused by the rules" "  2  usage" "  3  not found" "  4  conflict" "  5  I/O or data")
expect_help(calendar add-workdays --help)
expect_in("${help}" "Usage: casectl calendar add-workdays" "DATE" "--calendar FILE" "--no-national-calendar" "--strict")
string(FIND "${help}" "Exit codes" at)
if(NOT at EQUAL -1)
  message(FATAL_ERROR "the exit codes belong to the top level's help only:\n${help}")
endif()
expect_help(tick -h)
expect_in("${help}" "Usage: casectl tick" "--date YYYY-MM-DD" "--journal FILE" "--store URI" "--format text|json")
expect_help(calendar --help)
expect_in("${help}" "is-workday" "add-workdays")

run_casectl(--version)
if(NOT rc EQUAL 0 OR NOT out MATCHES "^casectl [0-9]+\\.[0-9]+\\.[0-9]+\n$" OR NOT err STREQUAL "")
  message(FATAL_ERROR "casectl --version: got '${out}' exit ${rc}, stderr '${err}'")
endif()

# --name=value is --name value.
set(local ${dir}/local.txt)
file(WRITE ${local} "year 2024\noff 2024-05-06\n")
expect_answer(false calendar is-workday 2024-05-06 --calendar=${local})
expect_answer(false calendar is-workday --calendar ${local} 2024-05-06)
# A repeatable option takes one value an occurrence: the words after it are arguments.
expect_answer(2024-05-09 calendar add-workdays --calendar ${local} 2024-04-30 3)
expect_answer(2024-05-09 calendar add-workdays --calendar ${local} --calendar ${local} 2024-04-30 3)

# A book to be refused on.
set(journal ${dir}/book.jsonl)
run_ok(created init --journal ${journal})
file(WRITE ${dir}/items.jsonl [=[
{"case":"16-2/0581","kind":"deputy_suggestion","category":"城建交通","title":"关于元江路路面修复的建议","proposers":{"lead":"代表甲","co_signers":[]}}
{"case":"16-2/0581","type":"register_case","by":"office:sh-office","at":"2024-03-01"}
{"case":"16-2/0581","type":"assign","by":"office:sh-office","at":"2024-03-04","units":[{"unit":"minhang","role":"lead"}]}
]=])
run_ok(imported import ${dir}/items.jsonl --journal ${journal})
run_ok(ticked tick --date 2024-03-10 --journal ${journal})

# 1: refused by the rules. The workflow: a reply while the unit has not acknowledged the item.
expect_error(refused "unit 'minhang' may not reply: its assignment is pending"
             apply [=[{"case":"16-2/0581","type":"reply","by":"unit:minhang","at":"2024-03-05","result_class":"A"}]=] --journal ${journal})
# 2: usage. CLI11's errors in casectl's words, and values that do not parse.
expect_error(usage "unknown option '--bogus'" list --bogus --journal ${journal})
expect_error(usage "unknown option '-x'" calendar is-workday -x)
expect_error(usage "--dry-run is an option of casectl recompute only" tick --dry-run --date 2024-03-10 --journal ${journal})
expect_error(usage "unknown command 'frobnicate'" frobnicate)
expect_error(usage "missing command (try casectl --help)")
expect_error(usage "missing command (try casectl calendar --help)" calendar)
expect_error(usage "option --date needs a value" tick --journal ${journal} --date)
expect_error(usage "--date YYYY-MM-DD is required" tick --journal ${journal})
expect_error(usage "expected 1 argument, got 2: usage: casectl show CASE" show 16-2/0581 16-2/0582 --journal ${journal})
expect_error(usage "--date: '2024-13-01' is not a date" tick --date 2024-13-01 --journal ${journal})
expect_error(usage "--within: 'ten' is not a whole number" due --date 2024-03-10 --within ten --journal ${journal})
expect_error(usage "CASE: " show 16-2 --journal ${journal})
expect_error(usage "--format: 'yaml' (expected text or json)" list --format=yaml --journal ${journal})
# 3: not found.
expect_error(not_found "case 16-2/9999 is not in the book" show 16-2/9999 --journal ${journal})
expect_error(not_found "no bundled policy 'beijing'" policy check beijing)
# 4: conflict. An id registered twice; a day the book has ticked past.
expect_error(conflict "case 16-2/0581 is already in the book"
             apply [=[{"case":"16-2/0581","kind":"deputy_suggestion","category":"城建交通","title":"又一件","proposers":{"lead":"代表乙","co_signers":[]}}]=] --journal ${journal})
expect_error(conflict "tick on 2024-03-01 is before the last tick on 2024-03-10" tick --date 2024-03-01 --journal ${journal})
# 5: I/O or data. A journal that cannot be read (a directory), a corrupt line in one.
file(MAKE_DIRECTORY ${dir}/folder.jsonl)
expect_error(data "folder.jsonl: cannot read the journal" list --journal ${dir}/folder.jsonl)
file(READ ${journal} text)
string(FIND "${text}" "\n" end_of_first)
math(EXPR rest_at "${end_of_first} + 1")
string(SUBSTRING "${text}" 0 ${rest_at} first)
string(SUBSTRING "${text}" ${rest_at} -1 rest)
file(WRITE ${dir}/corrupt.jsonl "${first}{\"v\":2, this is not JSON\n${rest}")
expect_error(data "corrupt.jsonl:2: not a JSON record" list --journal ${dir}/corrupt.jsonl)
