# caseflow_warnings(target): the project's warning flags, as errors only in top-level builds that ask
# for it (CASEFLOW_WERROR), so that consumers are never broken by a new compiler's warning.
function(caseflow_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion)
  if(CASEFLOW_WERROR AND PROJECT_IS_TOP_LEVEL)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
