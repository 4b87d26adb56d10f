# The command-line contract of `casectl org`: DOT or a one-line summary on stdout, exit 0; a bad chart
# as one line on stderr naming the file and the offending place, nothing on stdout, with the exit code
# of its kind.
include(${CMAKE_CURRENT_LIST_DIR}/casectl_expect.cmake)
function(expect_dot)
  run_casectl(${ARGN})
  string(FIND "${out}" "digraph" at)
  if(NOT rc EQUAL 0 OR NOT at EQUAL 0 OR NOT err STREQUAL "")
    message(FATAL_ERROR "casectl ${ARGN}: expected DOT starting with 'digraph' (exit 0), got exit ${rc}, stderr '${err}', stdout '${out}'")
  endif()
  foreach(fragment "\"mh-jsw\"[label=\"区建设管理委\"" "\"mh-jsw\"->minhang" "subgraph \"cluster_minhang\"")
    string(FIND "${out}" "${fragment}" at)
    if(at EQUAL -1)
      message(FATAL_ERROR "casectl ${ARGN}: DOT lacks '${fragment}'")
    endif()
  endforeach()
endfunction()

set(example ${DATA_DIR}/examples/minhang-org.json)
expect_dot(org dot)
expect_dot(org dot ${example})
expect_answer("minhang-org.json: ok: 40 units (2 governments), 2 offices, 12 leaders, 92 edges" org check ${example})

set(bad ${WORK_DIR}/casectl_bad_org.json)
file(WRITE ${bad} [=[{"format": 1, "nodes": [
  {"id": "city", "kind": "unit", "name": "市", "level": "city", "government": true},
  {"id": "bureau", "kind": "unit", "name": "局", "level": "city", "reports_to": "nowhere"}
]}]=])
expect_error(not_found "casectl_bad_org.json: $.nodes[1].reports_to: unknown id 'nowhere' (unit 'bureau')" org dot ${bad})
expect_error(not_found "casectl_bad_org.json: $.nodes[1].reports_to: unknown id 'nowhere' (unit 'bureau')" org check ${bad})
expect_error(data "cannot open org chart file" org dot ${WORK_DIR}/no-such-chart.json)
expect_error(usage "expected at most 1 argument, got 2" org dot ${example} ${example})
expect_error(usage "unknown command 'draw'" org draw)
