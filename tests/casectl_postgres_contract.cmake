# casectl --store postgresql://...: the Minhang year migrated into PostgreSQL reports the seed's figures as
# the file journal does; a book kept there from `init` on takes imports and events; a server that is not
# there is one error line naming it. The server is CASEFLOW_PG_URI or the cluster in CASEFLOW_PG_URI_FILE;
# without one the test is skipped (under CI=true it fails).
include(${CMAKE_CURRENT_LIST_DIR}/casectl_expect.cmake)

set(server "$ENV{CASEFLOW_PG_URI}")
if(server STREQUAL "" AND EXISTS "$ENV{CASEFLOW_PG_URI_FILE}")
  file(STRINGS "$ENV{CASEFLOW_PG_URI_FILE}" server LIMIT_COUNT 1)
endif()
if(server STREQUAL "")
  if("$ENV{CI}" STREQUAL "true")
    message(FATAL_ERROR "CI=true but no PostgreSQL server: tests/support/pg_cluster.sh did not start one")
  endif()
  message("SKIPPED: no PostgreSQL server (set CASEFLOW_PG_URI, or install Debian's postgresql: setup.sh does)")
  return()
endif()
string(RANDOM LENGTH 8 ALPHABET abcdefghijklmnopqrstuvwxyz suffix)
set(sep "?")
if(server MATCHES "\\?")
  set(sep "&")
endif()
set(year "${server}${sep}caseflow_prefix=casectl_${suffix}_year")
set(book "${server}${sep}caseflow_prefix=casectl_${suffix}_book")
set(dir ${WORK_DIR}/casectl_postgres)
file(MAKE_DIRECTORY ${dir})

# The Minhang year, migrated unit for unit with its chain checked, reports what the file reports.
run_ok(migrated migrate --from file:${DATA_DIR}/examples/minhang-2024.jsonl --to ${year})
if(NOT migrated MATCHES ": 401 units copied; head sm3:[0-9a-f]+\n$")
  message(FATAL_ERROR "casectl migrate: unexpected output '${migrated}'")
endif()
run_ok(from_file report summary --unit minhang --journal ${DATA_DIR}/examples/minhang-2024.jsonl)
run_ok(from_db report summary --unit minhang --store ${year})
if(NOT from_file STREQUAL from_db)
  message(FATAL_ERROR "the summary from PostgreSQL differs:\n${from_db}\nfrom the file's:\n${from_file}")
endif()
string(FIND "${from_db}" "34 items: 24 deputy suggestions (5 lead, 19 co-handled), 10 CPPCC proposals (3 lead, 7 co-handled); 8 lead items replied; 6 published, 2 on request (16-2/0581, 16-2/0605)" seed)
if(seed EQUAL -1)
  message(FATAL_ERROR "the seed figures are missing from:\n${from_db}")
endif()
run_ok(verified verify --store ${year})
if(NOT verified MATCHES "^postgresql [^ ]+ \\(casectl_[a-z]+_year_journal\\): 401 units, 401 chained; head sm3:[0-9a-f]+\n$")
  message(FATAL_ERROR "casectl verify: unexpected output '${verified}'")
endif()
expect_error(conflict "the target journal is not empty" migrate --from file:${DATA_DIR}/examples/minhang-2024.jsonl --to ${year})

# A book kept in PostgreSQL from init on.
expect_error(not_found "no such journal" list --store ${book})
run_ok(created init --store ${book})
file(WRITE ${dir}/items.csv "case,kind,category,title,lead_proposer,co_signers,key_item,leader_supervised\n16-2/0581,deputy_suggestion,城建交通,关于元江路路面修复的建议,代表甲,代表乙;代表丙,true,\n")
run_ok(imported import ${dir}/items.csv --store ${book})
file(WRITE ${dir}/events.jsonl [=[
{"case":"16-2/0581","type":"register_case","by":"office:sh-office","at":"2024-01-20"}
{"case":"16-2/0581","type":"assign","by":"office:sh-office","at":"2024-01-26 09:00:00","units":[{"unit":"minhang","role":"lead"}]}
]=])
run_ok(imported import ${dir}/events.jsonl --store ${book})
run_ok(acknowledged apply [=[{"case":"16-2/0581","type":"acknowledge","by":"unit:minhang","at":"2024-01-29"}]=] --store ${book})
run_ok(listed list --store ${book})
if(NOT listed MATCHES "16-2/0581")
  message(FATAL_ERROR "casectl list: the item is missing from '${listed}'")
endif()

# No server there: one line naming it, and never the password; a store that cannot be reached is I/O.
expect_error(data "127.0.0.1:1/nowhere" list --store postgresql://caseflow:secret@127.0.0.1:1/nowhere)
run_casectl(list --store postgresql://caseflow:secret@127.0.0.1:1/nowhere)
if(err MATCHES "secret")
  message(FATAL_ERROR "casectl with no server: the error repeats the password: '${err}'")
endif()

find_program(psql psql)
if(psql)
  execute_process(COMMAND ${psql} ${server} -qAt -c
    "DROP TABLE IF EXISTS casectl_${suffix}_year_journal, casectl_${suffix}_year_snapshots, casectl_${suffix}_year_meta, casectl_${suffix}_book_journal, casectl_${suffix}_book_snapshots, casectl_${suffix}_book_meta"
    OUTPUT_QUIET ERROR_QUIET)
endif()
