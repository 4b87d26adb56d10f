# The exact command-line contract of `casectl policy`: the effective policy as JSON on stdout, exit 0;
# errors as one line on stderr, nothing on stdout, with the exit code of their kind.
# Runs a check that must pass and leaves its JSON in `policy_json`; `name` is the policy's expected name.
include(${CMAKE_CURRENT_LIST_DIR}/casectl_expect.cmake)
function(expect_policy name)
  run_casectl(${ARGN})
  if(NOT rc EQUAL 0 OR NOT err STREQUAL "")
    message(FATAL_ERROR "casectl ${ARGN}: expected exit 0 and no stderr, got exit ${rc}, stderr '${err}'")
  endif()
  string(JSON got ERROR_VARIABLE json_error GET "${out}" name)
  if(json_error OR NOT got STREQUAL "${name}")
    message(FATAL_ERROR "casectl ${ARGN}: expected JSON naming '${name}' on stdout, got '${out}' (${json_error})")
  endif()
  set(policy_json "${out}" PARENT_SCOPE)
endfunction()

function(expect_field expected)
  string(JSON got GET "${policy_json}" ${ARGN})
  if(NOT got STREQUAL "${expected}")
    message(FATAL_ERROR "casectl policy check: ${ARGN} is '${got}', expected '${expected}'")
  endif()
endfunction()

# A bundled preset by name, and a file by path; the printed figures are the preset's.
expect_policy(shanghai-municipal policy check shanghai-municipal)
expect_field(1 format)
expect_field(5wd clocks return_request period)
expect_field(3m clocks reply period)
expect_field(10 clocks reply warn_workdays_before 0)
expect_field(6m extension max_total)
expect_field(three_class result_scheme)
expect_field(5wd linkage child_margin)
string(SUBSTRING "${policy_json}" 0 17 head)
if(NOT head STREQUAL "{\n  \"format\": 1,\n")
  message(FATAL_ERROR "casectl policy check: expected indented JSON starting with the format, got '${head}'")
endif()

# What check prints is itself a policy file that checks to the same text.
set(printed ${WORK_DIR}/casectl_printed_policy.json)
file(WRITE ${printed} "${policy_json}")
set(first "${policy_json}")
expect_policy(shanghai-municipal policy check ${printed})
if(NOT policy_json STREQUAL first)
  message(FATAL_ERROR "casectl policy check: printing a printed policy changed it:\n${first}\n---\n${policy_json}")
endif()

expect_policy(national-four-class policy check ${DATA_DIR}/policies/national-four-class.json)
expect_field(four_class result_scheme)
expect_field(10wd clocks return_request period)
expect_field(3m clocks rehandling_reply period)

# The bundled presets, one line each.
run_casectl(policy list)
if(NOT rc EQUAL 0 OR NOT err STREQUAL "" OR NOT out MATCHES "(^|\n)national-four-class +[^\n]+\nshanghai-municipal +[^\n]+\n$")
  message(FATAL_ERROR "casectl policy list: got exit ${rc}, stdout '${out}', stderr '${err}'")
endif()

# Bad files are named with the JSON path of the problem.
set(bad ${WORK_DIR}/casectl_bad_policy.json)
string(JSON bad_json SET "${first}" clocks reply warn_workdays_before 1 0)
file(WRITE ${bad} "${bad_json}")
expect_error(data "casectl_bad_policy.json: /clocks/reply/warn_workdays_before/1: 0 is not a positive number of working days"
             policy check ${bad})
string(JSON bad_json SET "${first}" extension max_total "\"2m\"")
file(WRITE ${bad} "${bad_json}")
expect_error(usage "casectl_bad_policy.json: /extension/max_total: the cap 2m is shorter than the reply period 3m" policy check ${bad})
file(WRITE ${bad} "{\n  \"format\": 1,\n}")
expect_error(data "casectl_bad_policy.json: parse error at line 3, column 1" policy check ${bad})

expect_error(not_found "no bundled policy 'beijing'" policy check beijing)
expect_error(data "nonexistent.json: cannot open policy file" policy check /nonexistent.json)
expect_error(usage "expected 1 argument, got 0" policy check)
expect_error(usage "expected 0 arguments, got 1" policy list extra)
expect_error(usage "unknown option '--bogus'" policy check shanghai-municipal --bogus)
expect_error(usage "unknown command 'frobnicate'" policy frobnicate)
