# casectl's book commands on a journal file: init, import (JSONL and CSV, all or nothing), apply, tick,
# list, show, clocks, due, overdue, repair, escalate. Answers on stdout, exit 0; errors one line on stderr, with
# the exit code of their kind.
include(${CMAKE_CURRENT_LIST_DIR}/casectl_expect.cmake)
set(dir ${WORK_DIR}/casectl_book)
file(REMOVE_RECURSE ${dir})
file(MAKE_DIRECTORY ${dir})
set(journal ${dir}/book.jsonl)

function(expect_output expected)
  run_ok(out ${ARGN})
  if(NOT out STREQUAL "${expected}")
    message(FATAL_ERROR "casectl ${ARGN}:\nexpected:\n${expected}\ngot:\n${out}")
  endif()
endfunction()

expect_output("${journal}\n" init --journal ${journal})
expect_error(data "missing.jsonl: cannot open" import ${dir}/missing.jsonl --journal ${journal})
# An empty file or a directory imports nothing: an error naming it, not "imported 0 records".
file(SIZE ${journal} size_before)
file(WRITE ${dir}/empty.jsonl "")
expect_error(usage "${dir}/empty.jsonl: holds no registrations or events (an empty file?): nothing was imported"
             import ${dir}/empty.jsonl --journal ${journal})
file(MAKE_DIRECTORY ${dir}/folder.jsonl)
expect_error(data "${dir}/folder.jsonl: is a directory, not an import file (nothing was imported)"
             import ${dir}/folder.jsonl --journal ${journal})
file(SIZE ${journal} size_after)
if(NOT size_before EQUAL size_after)
  message(FATAL_ERROR "a refused import changed the journal (${size_before} -> ${size_after} bytes)")
endif()

file(WRITE ${dir}/items.csv "case,kind,category,title,lead_proposer,co_signers,key_item,leader_supervised\n16-2/0581,deputy_suggestion,城建交通,\"关于元江路路面修复的建议, 一期\",代表甲,代表乙;代表丙,true,\n14-2/0033,cppcc_proposal,教科文卫体,关于精卫中心周边交通配套的提案,委员甲,,,\n")
expect_output("imported 2 records\n" import ${dir}/items.csv --journal ${journal})

file(WRITE ${dir}/events.jsonl [=[
{"case":"16-2/0581","type":"register_case","by":"office:sh-office","at":"2024-01-20"}
{"case":"16-2/0581","type":"assign","by":"office:sh-office","at":"2024-01-26 09:00:00","units":[{"unit":"minhang","role":"lead"}]}
{"case":"16-2/0581","type":"acknowledge","by":"unit:minhang","at":"2024-01-29"}
]=])
expect_output("imported 3 records\n" import ${dir}/events.jsonl --journal ${journal})

# A bad batch: the third line is refused by the workflow; nothing of the batch is written.
file(SIZE ${journal} size_before)
file(WRITE ${dir}/bad.jsonl [=[
{"case":"14-2/0033","type":"register_case","by":"office:sh-office","at":"2024-01-20"}
{"case":"14-2/0033","type":"assign","by":"office:sh-office","at":"2024-01-26","units":[{"unit":"minhang","role":"lead"}]}
{"case":"14-2/0033","type":"reply","by":"unit:minhang","at":"2024-01-27","result_class":"A"}
]=])
expect_error(refused "bad.jsonl:3: case 14-2/0033: unit 'minhang' may not reply" import ${dir}/bad.jsonl --journal ${journal})
file(SIZE ${journal} size_after)
if(NOT size_before EQUAL size_after)
  message(FATAL_ERROR "a refused import changed the journal (${size_before} -> ${size_after} bytes)")
endif()
file(WRITE ${dir}/bad2.jsonl "{\"case\":\"16-2/0581\",\"type\":\"acknowledge\",\"by\":\"unit:minhang\",\"at\":\"2024-01-29\",\"rating\":\"satisfied\"}\n")
expect_error(data "bad2.jsonl:1: field 'rating': does not belong to a acknowledge event" import ${dir}/bad2.jsonl --journal ${journal})

# A key item: besides its return window and reply, the lead unit reports progress every 10 working days.
expect_output("minhang\treturn_request\t2024-01-26\t2024-02-02\nminhang\treply\t2024-01-26\t2024-04-26\nminhang\tprogress_report\t2024-01-26\t2024-02-08\n" clocks 16-2/0581 --journal ${journal})
expect_output("2024-04-26\tcase 16-2/0581 unit minhang reply cycle 1\n" due --date 2024-04-15 --within 10 --journal ${journal})
expect_output("" due --date 2024-04-15 --within 2 --journal ${journal})
# The first tick covers the whole spring: it says what daily ticks would have, each on its own day.
expect_output("2024-01-30 reminder: case 16-2/0581 unit minhang return_request cycle 1 due 2024-02-02: 3 working days left (point: 3 working days before due, 2024-01-30)\n2024-02-05 reminder: case 16-2/0581 unit minhang progress_report cycle 1 due 2024-02-08: 3 working days left (point: 3 working days before due, 2024-02-05)\n2024-02-09 overdue: case 16-2/0581 unit minhang progress_report cycle 1 due 2024-02-08: 1 working day late\n2024-04-12 reminder: case 16-2/0581 unit minhang reply cycle 1 due 2024-04-26: 10 working days left (point: 10 working days before due, 2024-04-12)\n"
              tick --date 2024-04-12 --journal ${journal})
expect_output("" tick --date 2024-04-12 --journal ${journal})
# The progress report is in: the next one is due 10 working days later.
expect_output("ok\n" apply [=[{"case":"16-2/0581","type":"report_progress","by":"unit:minhang","at":"2024-04-12 16:00:00"}]=] --journal ${journal})
expect_output("minhang\treply\t2024-01-26\t2024-04-26\nminhang\tprogress_report\t2024-04-12\t2024-04-26\n" clocks 16-2/0581 --journal ${journal})
expect_error(conflict "tick on 2024-04-11 is before the last tick on 2024-04-12" tick --date 2024-04-11 --journal ${journal})
expect_output("2024-04-26\tcase 16-2/0581 unit minhang reply cycle 1\n2024-04-26\tcase 16-2/0581 unit minhang progress_report cycle 2\n" overdue --date 2024-04-29 --journal ${journal})
expect_output("14-2/0033\tcppcc_proposal\treceived\t-\t关于精卫中心周边交通配套的提案\n16-2/0581\tdeputy_suggestion\thandling\tminhang:lead:acknowledged\t关于元江路路面修复的建议, 一期\n"
              list --journal ${journal})
expect_output("16-2/0581\tdeputy_suggestion\thandling\tminhang:lead:acknowledged\t关于元江路路面修复的建议, 一期\n"
              list --unit minhang --role lead --journal ${journal})
expect_output("ok\n" apply [=[{"case":"16-2/0581","type":"record_consultation","by":"unit:minhang","at":"2024-04-15","leader_led":true}]=] --journal ${journal})
run_ok(shown show 16-2/0581 --journal ${journal})
if(NOT shown MATCHES "record_consultation leader_led -> handling" OR NOT shown MATCHES "10 working days left")
  message(FATAL_ERROR "casectl show: unexpected output:\n${shown}")
endif()
expect_error(not_found "case 16-2/9999 is not in the book" show 16-2/9999 --journal ${journal})
expect_error(usage "--journal FILE is required" list)
expect_error(not_found "no such journal" list --journal ${dir}/nope.jsonl)

# A torn last line stops every command until it is repaired. The journal holds 7 units: its setup, the
# import of 2 registrations, the import of 3 events, 2 ticks (with their notices), 1 progress report,
# 1 consultation; the torn line is the 8th.
file(APPEND ${journal} "{\"v\":1,\"seq\":99,\"ty")
expect_error(data "the last line is torn" list --journal ${journal})
expect_output("removed torn line 8\n" repair --journal ${journal})
expect_output("no torn line\n" repair --journal ${journal})
run_ok(listed list --journal ${journal})

# Reports, on the bundled Minhang journal opened read-only.
set(minhang ${DATA_DIR}/examples/minhang-2024.jsonl)
run_ok(summary report summary --unit minhang --journal ${minhang})
string(FIND "${summary}" "34 items: 24 deputy suggestions (5 lead, 19 co-handled), 10 CPPCC proposals (3 lead, 7 co-handled); 8 lead items replied; 6 published, 2 on request (16-2/0581, 16-2/0605)" at)
if(at EQUAL -1)
  message(FATAL_ERROR "casectl report summary: the seed figures are missing:\n${summary}")
endif()
run_ok(csv report ledger --format csv --journal ${minhang})
string(SUBSTRING "${csv}" 0 3 bom)
string(HEX "${bom}" bom_hex)
if(NOT bom_hex STREQUAL "efbbbf")
  message(FATAL_ERROR "casectl report ledger --format csv: no UTF-8 byte order mark")
endif()
run_ok(kpis report kpi --format json --date 2024-12-31 --journal ${minhang})
string(JSON closure GET "${kpis}" rates closure numerator)
if(NOT closure EQUAL 34)
  message(FATAL_ERROR "casectl report kpi: closure numerator ${closure}, expected 34")
endif()
# As of a past day the ledger and the summary agree: in March nothing was replied, rated or published yet.
run_ok(march report summary --unit minhang --date 2024-03-20 --journal ${minhang})
string(FIND "${march}" "34 items: 24 deputy suggestions (5 lead, 19 co-handled), 10 CPPCC proposals (3 lead, 7 co-handled); 0 lead items replied; 0 published" at)
if(at EQUAL -1)
  message(FATAL_ERROR "casectl report summary --date 2024-03-20: expected nothing replied:\n${march}")
endif()
run_ok(march_ledger report ledger --format json --date 2024-03-20 --journal ${minhang})
foreach(word satisfied public_full_text closed)
  string(FIND "${march_ledger}" "\"${word}\"" at)
  if(NOT at EQUAL -1)
    message(FATAL_ERROR "casectl report ledger --date 2024-03-20 shows '${word}', which came later:\n${march_ledger}")
  endif()
endforeach()
expect_error(data "ledger: 2030-01-01 is outside the working-day calendar, which covers 2024-01-01 to 2027-12-31"
             report ledger --date 2030-01-01 --journal ${minhang})
expect_error(usage "a bulletin is for one unit: --unit U is required" report bulletin --journal ${minhang})
expect_error(usage "unknown report 'nope'" report nope --journal ${minhang})
# In Chinese: the same figures in DOMAIN.md's words; a language casectl does not know is refused.
run_ok(zh_summary report summary --unit minhang --lang zh --journal ${minhang})
string(FIND "${zh_summary}" "共34件：人大代表建议24件（主办5件、会办19件），政协提案10件（主办3件、会办7件）；主办件已答复8件；公开6件，依申请公开2件（16-2/0581、16-2/0605）" at)
if(at EQUAL -1)
  message(FATAL_ERROR "casectl report summary --lang zh: the seed figures are missing:\n${zh_summary}")
endif()
run_ok(zh_show show 16-2/0112 --lang zh --journal ${minhang})
string(FIND "${zh_show}" "由主要领导 sh-mayor 办理，协调时限2024-04-23" at)
if(at EQUAL -1)
  message(FATAL_ERROR "casectl show --lang zh: the ladder's principal leader is missing:\n${zh_show}")
endif()
expect_error(usage "--lang: unknown language 'fr' (expected en, zh)" report summary --lang fr --journal ${minhang})
# The leaders' brief during the ladder's climb, in Chinese: the item, its level and the mayor.
run_ok(zh_brief report brief --unit minhang --date 2024-04-12 --lang zh --journal ${minhang})
string(REGEX MATCH "三级协调[^\n]*16-2/0112[^\n]*sh-mayor[^\n]*主要领导[^\n]*2024-04-23" ladder_line "${zh_brief}")
if(NOT ladder_line)
  message(FATAL_ERROR "casectl report brief --lang zh: no ladder line for 16-2/0112 at the mayor:\n${zh_brief}")
endif()
expect_error(usage "--format xlsx writes a workbook: --out FILE is required" report ledger --format xlsx --journal ${minhang})
expect_error(usage "report html is always HTML: leave out --format" report html --format csv --journal ${minhang})

# Escalation on the bundled Minhang chart: a unit marks an item difficult, the office's window runs out on
# a tick, the wrong leader is refused and the routed one decides.
set(esc ${dir}/escalation.jsonl)
expect_output("${esc}\n" init --journal ${esc})
file(WRITE ${dir}/escalation-items.jsonl [=[
{"case":"16-2/0581","kind":"deputy_suggestion","category":"城建交通","title":"关于元江路路面修复的建议","proposers":{"lead":"代表甲","co_signers":[]}}
{"case":"16-2/0581","type":"register_case","by":"office:sh-office","at":"2024-09-02"}
{"case":"16-2/0581","type":"assign","by":"office:sh-office","at":"2024-09-04","units":[{"unit":"mh-jsw","role":"lead"}]}
{"case":"16-2/0581","type":"acknowledge","by":"unit:mh-jsw","at":"2024-09-05"}
]=])
expect_output("imported 4 records\n" import ${dir}/escalation-items.jsonl --journal ${esc})
expect_output("2024-09-26 escalation: case 16-2/0581 cycle 1 none -> office: trigger marked_difficult; office 'mh-office' acts, window due 2024-10-09\n"
              escalate 16-2/0581 mark --by unit:mh-jsw --date 2024-09-26 --journal ${esc})
expect_output("2024-09-06 reminder: case 16-2/0581 unit mh-jsw return_request cycle 1 due 2024-09-11: 3 working days left (point: 3 working days before due, 2024-09-06)\n2024-09-29 reminder: case 16-2/0581 escalation_office cycle 1 due 2024-10-09: 3 working days left (point: 3 working days before due, 2024-09-29)\n2024-10-10 escalation: case 16-2/0581 cycle 1 office -> supervising_leader: window of office ran out (due 2024-10-09); supervising leader 'mh-vm-build' acts, window due 2024-10-22\n"
              tick --date 2024-10-10 --journal ${esc})
expect_error(refused "not permitted: the level is routed to supervising leader 'mh-vm-build'"
             escalate 16-2/0581 resolve --by principal_leader:mh-mayor --date 2024-10-11 --decision 市长协调 --journal ${esc})
expect_error(usage "only a unit (unit:ID) or the office marks an item difficult" escalate 16-2/0581 mark --by principal_leader:mh-mayor --date 2024-10-11 --journal ${esc})
expect_error(refused "case 16-2/0581: unit 'mh-nobody' may not mark the item difficult: it does not handle the item"
             escalate 16-2/0581 mark --by unit:mh-nobody --date 2024-10-11 --journal ${esc})
expect_output("2024-10-11 escalation: case 16-2/0581 cycle 1 supervising_leader -> resolved: decided by supervising leader 'mh-vm-build': 区建设管理委牵头\n"
              escalate 16-2/0581 resolve --by supervising_leader:mh-vm-build --date 2024-10-11 --decision 区建设管理委牵头 --journal ${esc})
expect_output("16-2/0581\tdeputy_suggestion\thandling\tmh-jsw:lead:acknowledged\t关于元江路路面修复的建议\n" list --journal ${esc})

# A calendar change: 2024-12-04 made a local day off moves the reply due that day; the dry run changes
# nothing, the change is journaled with the calendar itself, and later commands replay it. The local
# file is layered on the bundled national calendar, as --calendar's files are.
set(cal ${dir}/recompute.jsonl)
expect_output("${cal}\n" init --journal ${cal})
expect_output("imported 4 records\n" import ${dir}/escalation-items.jsonl --journal ${cal})
run_ok(ticked tick --date 2024-09-30 --journal ${cal})
file(WRITE ${dir}/local-calendar.txt "year 2024\noff 12-04\n")
set(new_calendar --new-calendar ${dir}/local-calendar.txt)
expect_output("case 16-2/0581 unit mh-jsw reply cycle 1: 2024-12-04 -> 2024-12-05\n1 due date would move (dry run: nothing changed)\n"
              recompute ${new_calendar} --dry-run --journal ${cal})
expect_output("mh-jsw\treply\t2024-09-04\t2024-12-04\n" clocks 16-2/0581 --journal ${cal})
expect_output("case 16-2/0581 unit mh-jsw reply cycle 1: 2024-12-04 -> 2024-12-05\n1 due date moved\n"
              recompute ${new_calendar} --journal ${cal})
expect_output("mh-jsw\treply\t2024-09-04\t2024-12-05\n" clocks 16-2/0581 --journal ${cal})
expect_output("0 due dates moved\n" recompute ${new_calendar} --journal ${cal})
# Naming the national file too changes nothing: the same days, layered twice.
expect_output("0 due dates moved\n" recompute --new-calendar ${DATA_DIR}/calendars/cn-mainland.txt ${new_calendar} --journal ${cal})
expect_error(usage "--new-calendar FILE is required" recompute --journal ${cal})
expect_error(usage "--dry-run is an option of casectl recompute only" tick --dry-run --date 2024-12-06 --journal ${cal})
expect_error(data "missing.txt: cannot open calendar file" recompute --new-calendar ${dir}/missing.txt --journal ${cal})

# A fast start: a snapshot written by `casectl snapshot`, then commands given --snapshot apply only the
# journal's newer records and answer as a full replay does.
expect_output("${dir}/recompute.snapshot.json: snapshot at record 4\n" snapshot --out ${dir}/recompute.snapshot.json --journal ${cal})
run_ok(ticked tick --date 2024-11-22 --journal ${cal} --snapshot ${dir}/recompute.snapshot.json)
run_ok(full show 16-2/0581 --journal ${cal})
run_ok(fast show 16-2/0581 --journal ${cal} --snapshot ${dir}/recompute.snapshot.json)
if(NOT full STREQUAL fast)
  message(FATAL_ERROR "casectl show with --snapshot differs from a full replay:\n${fast}\n--\n${full}")
endif()
expect_error(conflict "is not the one the snapshot was taken after" show 16-2/0581 --journal ${esc} --snapshot ${dir}/recompute.snapshot.json)
expect_error(data "missing.json: cannot read the file" list --journal ${cal} --snapshot ${dir}/missing.json)

# City-district-town linkage: the district (lead on a city item) passes it down to a town and a bureau of
# its own, 5 working days before its reply is due (2024-12-04 -> 2024-11-27); the town answers, the
# bureau goes late, and the roll-up says so. Passing down checks the chart.
set(link ${dir}/linkage.jsonl)
expect_output("${link}\n" init --journal ${link})
file(WRITE ${dir}/linkage-items.jsonl [=[
{"case":"16-2/0581","kind":"deputy_suggestion","category":"城建交通","title":"关于元江路路面修复的建议","proposers":{"lead":"代表甲","co_signers":[]}}
{"case":"16-2/0581","type":"register_case","by":"office:sh-office","at":"2024-09-02"}
{"case":"16-2/0581","type":"assign","by":"office:sh-office","at":"2024-09-04","units":[{"unit":"minhang","role":"lead"}]}
{"case":"16-2/0581","type":"acknowledge","by":"unit:minhang","at":"2024-09-05"}
]=])
expect_output("imported 4 records\n" import ${dir}/linkage-items.jsonl --journal ${link})
expect_output("16-2/0581-1\tminhang\tmeilong\tdue 2024-11-27\topen\t路面修复方案\n"
              pass-down 16-2/0581 --by unit:minhang --child 16-2/0581-1 --unit meilong --task 路面修复方案 --date 2024-09-10 --journal ${link})
expect_output("16-2/0581-2\tminhang\tmh-jsw\tdue 2024-11-27\topen\t资金测算\n"
              pass-down 16-2/0581 --by unit:minhang --child 16-2/0581-2 --unit mh-jsw --task 资金测算 --date 2024-09-10 --journal ${link})
expect_error(refused "field 'unit'" pass-down 16-2/0581 --by unit:minhang --child 16-2/0581-3 --unit city-transport --task x --date 2024-09-10 --journal ${link})
expect_error(usage "--child ID is required" pass-down 16-2/0581 --by unit:minhang --unit meilong --task x --date 2024-09-10 --journal ${link})
expect_output("16-2/0581-1\tminhang\tmeilong\tdue 2024-11-27\tanswered 2024-11-20\t路面修复方案\n"
              answer-child 16-2/0581-1 --by unit:meilong --text 已完成方案 --date 2024-11-20 --journal ${link})
expect_error(refused "16-2/0581-2" answer-child 16-2/0581-2 --by unit:meilong --text x --date 2024-11-20 --journal ${link})
expect_output("16-2/0581-1\tminhang\tmeilong\tdue 2024-11-27\tanswered 2024-11-20\t路面修复方案\n16-2/0581-2\tminhang\tmh-jsw\tdue 2024-11-27\topen\t资金测算\nas of 2024-12-02: 2 passed down, 1 answered (0 late), 1 open (1 overdue), 0 ended\n"
              children 16-2/0581 --date 2024-12-02 --journal ${link})

# An item assigned in December 2026 runs into 2027, whose notice is not in the bundled data: its dates
# are marked provisional until the notice arrives and recompute confirms or moves them.
set(prov ${dir}/provisional.jsonl)
expect_output("${prov}\n" init --journal ${prov})
file(WRITE ${dir}/provisional-items.jsonl [=[
{"case":"16-2/0581","kind":"deputy_suggestion","category":"城建交通","title":"关于元江路路面修复的建议","proposers":{"lead":"代表甲","co_signers":[]}}
{"case":"16-2/0581","type":"register_case","by":"office:sh-office","at":"2026-11-30"}
{"case":"16-2/0581","type":"assign","by":"office:sh-office","at":"2026-12-01","units":[{"unit":"minhang","role":"lead"}]}
]=])
expect_output("imported 3 records\n" import ${dir}/provisional-items.jsonl --journal ${prov})
expect_output("minhang\treturn_request\t2026-12-01\t2026-12-08\nminhang\treply\t2026-12-01\t2027-03-01 (provisional)\n"
              clocks 16-2/0581 --journal ${prov})
expect_output("2027-03-01 (provisional)\tcase 16-2/0581 unit minhang reply cycle 1\n" due --date 2027-02-22 --within 10 --journal ${prov})
run_ok(shown show 16-2/0581 --journal ${prov})
string(FIND "${shown}" "due 2027-03-01 (provisional)" at)
if(at EQUAL -1)
  message(FATAL_ERROR "casectl show does not mark the provisional due date:\n${shown}")
endif()
# The journal was set up with provisional years; a strict calendar is another calendar, refused by name.
expect_error(conflict "--strict: provisional.jsonl was set up with calendar sm3:" clocks 16-2/0581 --strict --journal ${prov})
# A journal set up strict refuses the assignment whose reply would fall in 2027.
set(strict_book ${dir}/strict.jsonl)
expect_output("${strict_book}\n" init --strict --journal ${strict_book})
expect_error(data "2026-12-01 + 3m falls outside the calendar" import ${dir}/provisional-items.jsonl --journal ${strict_book})
# The 2027 notice (made up here) makes 03-01 a day off: the reply moves to 03-02, confirmed. The notice
# is layered on the national calendar; alone (--no-national-calendar) it does not cover the item's 2026.
file(WRITE ${dir}/notice-2027.txt "year 2027\noff 01-01\noff 02-05..02-12\noff 03-01\noff 04-05\noff 05-01..05-05\noff 06-09\noff 09-15\noff 10-01..10-07\n")
expect_error(data "2026-12-01 is outside the working-day calendar, which covers 2027-01-01"
             recompute --new-calendar ${dir}/notice-2027.txt --no-national-calendar --dry-run --journal ${prov})
expect_output("case 16-2/0581 unit minhang reply cycle 1: 2027-03-01 (provisional) -> 2027-03-02\n1 due date moved\n"
              recompute --new-calendar ${dir}/notice-2027.txt --journal ${prov})
expect_output("minhang\treturn_request\t2026-12-01\t2026-12-08\nminhang\treply\t2026-12-01\t2027-03-02\n" clocks 16-2/0581 --journal ${prov})

# Bad input leaves the journal byte for byte as it was, with a message saying what was wrong.
set(bad_book ${dir}/bad-input.jsonl)
expect_output("${bad_book}\n" init --journal ${bad_book})
expect_output("imported 3 records\n" import ${dir}/provisional-items.jsonl --journal ${bad_book})
function(expect_unchanged kind fragment)
  file(SHA256 ${bad_book} before)
  expect_error(${kind} "${fragment}" ${ARGN})
  file(SHA256 ${bad_book} after)
  if(NOT before STREQUAL after)
    message(FATAL_ERROR "casectl ${ARGN}: a refused command changed the journal")
  endif()
endfunction()
expect_unchanged(data "tick: 9999-12-31 is outside the working-day calendar" tick --date 9999-12-31 --journal ${bad_book})
expect_unchanged(data "case 16-2/0581: acknowledge event: 2099-01-05 is outside the working-day calendar"
                 apply [=[{"case":"16-2/0581","type":"acknowledge","by":"unit:minhang","at":"2099-01-05"}]=] --journal ${bad_book})
# A CSV whose second row holds a byte that is not UTF-8: nothing of the file is written.
expect_unchanged(data "not valid UTF-8" import ${SOURCE_DIR}/data/latin1-row.csv --journal ${bad_book})
# An edited line in the middle is found by the chain, named by its line.
file(READ ${bad_book} text)
string(REPLACE "关于元江路路面修复的建议" "关于元江路路面修复的提案" edited "${text}")
file(WRITE ${dir}/edited.jsonl "${edited}")
expect_error(conflict "edited.jsonl:2: the hash chain breaks here" verify --journal ${dir}/edited.jsonl)
expect_error(conflict "edited.jsonl:2: the hash chain breaks here" list --journal ${dir}/edited.jsonl)
# A record nested 100,000 deep: every command that replays the journal says so (no stack overflow).
string(REPEAT "[" 100000 open_brackets)
string(REPEAT "]" 100000 close_brackets)
file(WRITE ${dir}/deep.jsonl "${text}{\"v\":2,\"seq\":3,\"prev\":\"\",\"records\":[{\"type\":\"event\",\"data\":${open_brackets}${close_brackets}}],\"hash\":\"sm3:00\"}\n")
file(SHA256 ${dir}/deep.jsonl deep_before)
expect_error(data "deep.jsonl:3: the line nests arrays and objects deeper than limits::json_depth (64)" list --journal ${dir}/deep.jsonl)
expect_error(data "deep.jsonl:3: the line nests arrays and objects deeper than limits::json_depth (64)" verify --journal ${dir}/deep.jsonl)
expect_error(data "deep.jsonl:3: the line nests arrays and objects deeper than limits::json_depth (64)"
             apply [=[{"case":"16-2/0581","type":"register_case","by":"office:sh-office","at":"2024-01-20"}]=] --journal ${dir}/deep.jsonl)
file(SHA256 ${dir}/deep.jsonl deep_after)
if(NOT deep_before STREQUAL deep_after)
  message(FATAL_ERROR "a command refusing a deep journal changed it")
endif()
run_ok(verified verify --journal ${bad_book})
if(NOT verified MATCHES "^bad-input.jsonl: 2 units, 2 chained; head sm3:[0-9a-f]+\n$")
  message(FATAL_ERROR "casectl verify: unexpected output '${verified}'")
endif()

# Identities: with the chart (here the bundled one) senders are checked; with a registry recorded at init,
# ratings come from the proposer or their liaison. Refusals name case, event and sender, and write nothing.
set(reg_book ${dir}/registry.jsonl)
set(registry ${SOURCE_DIR}/data/registry.json)
expect_output("${reg_book}\n" init --registry ${registry} --journal ${reg_book})
file(WRITE ${dir}/registry-items.jsonl [=[
{"case":"16-2/0581","kind":"deputy_suggestion","category":"城建交通","title":"关于元江路路面修复的建议","proposers":{"lead":"代表甲","co_signers":["代表乙"]},"by":"office:sh-office"}
{"case":"16-2/0581","type":"register_case","by":"office:sh-office","at":"2024-03-01"}
{"case":"16-2/0581","type":"assign","by":"office:sh-office","at":"2024-03-04","units":[{"unit":"minhang","role":"lead"}]}
{"case":"16-2/0581","type":"acknowledge","by":"unit:minhang","at":"2024-03-05"}
{"case":"16-2/0581","type":"record_consultation","by":"unit:minhang","at":"2024-03-12","leader_led":true}
{"case":"16-2/0581","type":"reply","by":"unit:minhang","at":"2024-03-20","result_class":"A"}
]=])
expect_output("imported 6 records\n" import ${dir}/registry-items.jsonl --journal ${reg_book})
file(SHA256 ${reg_book} reg_before)
expect_error(refused "case 16-2/0581: acknowledge by unit 'mh-jsw': unit is not on the item"
             apply [=[{"case":"16-2/0581","type":"acknowledge","by":"unit:mh-jsw","at":"2024-03-21"}]=] --journal ${reg_book})
expect_error(refused "case 16-2/0581: assign by assigning office 'anything': 'anything' is not on the organisation chart"
             apply [=[{"case":"16-2/0581","type":"assign","by":"office:anything","at":"2024-03-21","units":[{"unit":"minhang","role":"lead"}]}]=] --journal ${reg_book})
expect_error(refused "case 16-2/0581: record_feedback by assigning office 'sh-office': a rating is recorded by the proposer or their liaison"
             apply [=[{"case":"16-2/0581","type":"record_feedback","by":"office:sh-office","at":"2024-03-25","rating":"satisfied"}]=] --journal ${reg_book})
expect_error(refused "case 16-2/0581: record_feedback by proposer side 'sh-zx-liaison': 'sh-zx-liaison' is neither a proposer of the item nor their liaison"
             apply [=[{"case":"16-2/0581","type":"record_feedback","by":"proposer_side:sh-zx-liaison","at":"2024-03-25","rating":"satisfied"}]=] --journal ${reg_book})
file(SHA256 ${reg_book} reg_after)
if(NOT reg_before STREQUAL reg_after)
  message(FATAL_ERROR "a refused sender changed the journal")
endif()
expect_output("ok\n" apply [=[{"case":"16-2/0581","type":"record_feedback","by":"proposer_side:sh-rd-liaison","at":"2024-03-25","rating":"satisfied"}]=] --journal ${reg_book})
expect_error(conflict "--registry: registry.jsonl was set up with registry sm3:" list --registry ${DATA_DIR}/examples/minhang-org.json --journal ${reg_book})
file(WRITE ${dir}/bad-registry.json "{\"format\": 1, \"proposers\": [{\"id\": \"d1\", \"name\": \"x\", \"kind\": \"mayor\"}]}")
expect_error(data "bad-registry.json: $.proposers[0].kind: expected" init --registry ${dir}/bad-registry.json --journal ${dir}/never.jsonl)

# The setup `init` records is what every later command runs with: the bundled chart by default, so a
# dispute recorded without --org starts the coordination ladder, and every later command replays it.
set(setup_book ${dir}/setup.jsonl)
expect_output("${setup_book}\n" init --journal ${setup_book})
file(WRITE ${dir}/dispute-items.jsonl [=[
{"case":"16-2/0581","kind":"deputy_suggestion","category":"城建交通","title":"关于元江路路面修复的建议","proposers":{"lead":"代表甲","co_signers":[]}}
{"case":"16-2/0581","type":"register_case","by":"office:sh-office","at":"2024-09-02"}
{"case":"16-2/0581","type":"assign","by":"office:sh-office","at":"2024-09-04","units":[{"unit":"mh-jsw","role":"lead"},{"unit":"mh-jtw","role":"co_handler"}]}
]=])
expect_output("imported 3 records\n" import ${dir}/dispute-items.jsonl --journal ${setup_book})
run_ok(disputed apply [=[{"case":"16-2/0581","type":"record_dispute","by":"office:sh-office","at":"2024-09-20","reason":"主办会办分歧"}]=] --journal ${setup_book})
run_ok(shown show 16-2/0581 --journal ${setup_book})
if(NOT shown MATCHES "escalation: office")
  message(FATAL_ERROR "a dispute recorded without --org did not start the ladder:\n${shown}")
endif()
run_ok(ticked tick --date 2024-10-31 --journal ${setup_book})
expect_error(conflict "--policy: setup.jsonl was set up with policy 'shanghai-municipal'" list --policy national-four-class --journal ${setup_book})
expect_error(usage "--hash: unknown hash 'md5'" init --hash md5 --journal ${dir}/md5.jsonl)
expect_output("${dir}/sha.jsonl\n" init --hash sha256 --journal ${dir}/sha.jsonl)
run_ok(sha verify --journal ${dir}/sha.jsonl)
if(NOT sha MATCHES "head sha256:")
  message(FATAL_ERROR "init --hash sha256 did not chain with SHA-256: ${sha}")
endif()

# Other stores: the Minhang year migrated into SQLite reports the same figures; a book kept in SQLite
# from `init` on works as a file does.
set(db ${dir}/minhang.db)
file(REMOVE ${db} ${db}-wal ${db}-shm)
run_ok(migrated migrate --from file:${DATA_DIR}/examples/minhang-2024.jsonl --to sqlite:${db})
if(NOT migrated MATCHES "^sqlite:.*minhang.db: 401 units copied; head sm3:[0-9a-f]+\n$")
  message(FATAL_ERROR "casectl migrate: unexpected output '${migrated}'")
endif()
run_ok(from_file report summary --unit minhang --journal ${DATA_DIR}/examples/minhang-2024.jsonl)
run_ok(from_db report summary --unit minhang --store sqlite:${db})
if(NOT from_file STREQUAL from_db)
  message(FATAL_ERROR "the summary from SQLite differs:\n${from_db}\nfrom the file's:\n${from_file}")
endif()
expect_error(conflict "the target journal is not empty" migrate --from file:${DATA_DIR}/examples/minhang-2024.jsonl --to sqlite:${db})
expect_error(usage "is not a store this tool opens" list --store mysql://localhost/db)
expect_error(usage "give --journal FILE or --store URI, not both" list --store sqlite:${db} --journal ${journal})
set(sq ${dir}/book.db)
file(REMOVE ${sq} ${sq}-wal ${sq}-shm)
expect_output("${sq}\n" init --store sqlite:${sq})
expect_output("imported 3 records\n" import ${dir}/dispute-items.jsonl --store sqlite:${sq})
expect_output("mh-jsw\treturn_request\t2024-09-04\t2024-09-11\nmh-jsw\treply\t2024-09-04\t2024-12-04\nmh-jtw\treturn_request\t2024-09-04\t2024-09-11\nmh-jtw\tco_handler_opinion\t2024-09-04\t2024-10-08\n"
              clocks 16-2/0581 --store sqlite:${sq})
run_ok(sq_verified verify --store sqlite:${sq})

# --format json: one documented schema a command (book_json.hpp), for scripts.
run_ok(led_json list --unit minhang --role lead --format json --journal ${minhang})
string(JSON led_count LENGTH "${led_json}" items)
string(JSON first_role GET "${led_json}" items 0 units 0 role)
if(NOT led_count EQUAL 8 OR NOT first_role STREQUAL "lead")
  message(FATAL_ERROR "casectl list --format json: expected the 8 items Minhang leads, got ${led_count}:\n${led_json}")
endif()
run_ok(shown_json show 16-2/0112 --format json --journal ${minhang})
string(JSON level GET "${shown_json}" escalation level)
string(JSON history_length LENGTH "${shown_json}" history)
string(JSON first_event GET "${shown_json}" history 0 type)
if(NOT level STREQUAL "resolved" OR history_length LESS 8 OR NOT first_event STREQUAL "register_case")
  message(FATAL_ERROR "casectl show --format json: unexpected item:\n${shown_json}")
endif()
run_ok(due_json due --date 2024-02-01 --within 80 --format json --journal ${journal})
string(JSON due_count LENGTH "${due_json}" due)
run_ok(due_text due --date 2024-02-01 --within 80 --journal ${journal})
string(REGEX MATCHALL "\n" due_lines "${due_text}")
list(LENGTH due_lines due_line_count)
if(due_count EQUAL 0 OR NOT due_count EQUAL due_line_count)
  message(FATAL_ERROR "casectl due: ${due_count} clocks in JSON but ${due_line_count} lines of text")
endif()
expect_error(usage "--format: 'xml' (expected text or json)" list --format xml --journal ${minhang})
