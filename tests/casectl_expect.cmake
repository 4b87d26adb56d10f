# Shared checks of the casectl contract scripts: answers on stdout with exit 0; errors as one line on
# stderr, nothing on stdout, with the exit code of their kind (examples/casectl/exit_codes.hpp).
# Include with include(${CMAKE_CURRENT_LIST_DIR}/casectl_expect.cmake).

# The exit codes by the names exit_codes.hpp gives them.
set(casectl_exit_refused 1)
set(casectl_exit_usage 2)
set(casectl_exit_not_found 3)
set(casectl_exit_conflict 4)
set(casectl_exit_data 5)

# Runs casectl; sets rc, out and err in the caller.
function(run_casectl)
  execute_process(COMMAND ${CASECTL} ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  set(rc "${rc}" PARENT_SCOPE)
  set(out "${out}" PARENT_SCOPE)
  set(err "${err}" PARENT_SCOPE)
endfunction()

# Runs casectl, which must succeed; sets `out_var` to what it printed.
function(run_ok out_var)
  execute_process(COMMAND ${CASECTL} ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "casectl ${ARGN}: exit ${rc}\n${err}")
  endif()
  set(${out_var} "${out}" PARENT_SCOPE)
endfunction()

# A bare one-line answer.
function(expect_answer expected)
  run_casectl(${ARGN})
  if(NOT rc EQUAL 0 OR NOT out STREQUAL "${expected}\n" OR NOT err STREQUAL "")
    message(FATAL_ERROR "casectl ${ARGN}: expected '${expected}' (exit 0), got '${out}' exit ${rc}, stderr '${err}'")
  endif()
endfunction()

# A bare one-line answer with one line on stderr containing `note` (such as a provisional year).
function(expect_answer_noting expected note)
  run_casectl(${ARGN})
  string(FIND "${err}" "${note}" at)
  string(REGEX MATCHALL "\n" lines "${err}")
  list(LENGTH lines line_count)
  if(NOT rc EQUAL 0 OR NOT out STREQUAL "${expected}\n" OR at EQUAL -1 OR NOT line_count EQUAL 1)
    message(FATAL_ERROR "casectl ${ARGN}: expected '${expected}' (exit 0) and one line on stderr containing '${note}', got '${out}' exit ${rc}, stderr '${err}'")
  endif()
endfunction()

# A one-line error containing `fragment`, starting "casectl: ", with the exit code named by `kind`
# (refused, usage, not_found, conflict or data): expect_error(usage "unknown option '--bogus'" list --bogus).
function(expect_error kind fragment)
  if(NOT DEFINED casectl_exit_${kind})
    message(FATAL_ERROR "expect_error: '${kind}' is not an exit code name (refused, usage, not_found, conflict, data)")
  endif()
  set(code ${casectl_exit_${kind}})
  run_casectl(${ARGN})
  string(FIND "${err}" "${fragment}" at)
  string(REGEX MATCHALL "\n" lines "${err}")
  list(LENGTH lines line_count)
  if(NOT rc EQUAL code OR NOT out STREQUAL "" OR at EQUAL -1 OR NOT line_count EQUAL 1 OR NOT err MATCHES "^casectl: ")
    message(FATAL_ERROR "casectl ${ARGN}: expected one-line error 'casectl: ...${fragment}...' (exit ${code}, ${kind}), got exit ${rc}, stdout '${out}', stderr '${err}'")
  endif()
endfunction()
