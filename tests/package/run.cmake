# Installs the built caseflow into a scratch prefix and moves it elsewhere (an install is relocatable),
# then configures, builds and runs the consumer project beside this file against it with
# find_package(caseflow CONFIG REQUIRED), builds the same consumer with pkg-config, and runs the
# installed casectl, which must find the bundled data in the moved prefix. All of it outside the build
# tree, so that nothing can reach the source tree's data.
string(RANDOM LENGTH 8 suffix)
set(WORK_DIR /tmp/caseflow-package-${suffix})
file(REMOVE_RECURSE ${WORK_DIR})
set(staging ${WORK_DIR}/staging)
set(prefix ${WORK_DIR}/moved)

function(run)
  execute_process(COMMAND ${ARGV} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGV}\n${out}\n${err}")
  endif()
  set(last_output "${out}" PARENT_SCOPE)
endfunction()

run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${staging})
file(RENAME ${staging} ${prefix})
# The consumer is built the way the library was (a sanitizer build needs the same flags to link).
run(${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${WORK_DIR}/build -G ${GENERATOR} -DCMAKE_PREFIX_PATH=${prefix}
    -DCMAKE_BUILD_TYPE=${BUILD_TYPE} -DCMAKE_CXX_FLAGS=${CXX_FLAGS} -DCMAKE_EXE_LINKER_FLAGS=${LINKER_FLAGS})
run(${CMAKE_COMMAND} --build ${WORK_DIR}/build)
run(${WORK_DIR}/build/consumer)
if(NOT last_output MATCHES "^2024-06-17\ncalendar: ${prefix}/share/caseflow/calendars/cn-mainland.txt\n")
  message(FATAL_ERROR "consumer printed an unexpected answer (the calendar must come from the moved prefix):\n${last_output}")
endif()
message(STATUS "consumer: ${last_output}")
run(${WORK_DIR}/build/store_consumer ${WORK_DIR}/consumer.db)
if(NOT last_output MATCHES "^1 unit; postgresql connection string: caseflow_prefix 'Bad-Name'")
  message(FATAL_ERROR "store_consumer printed an unexpected answer:\n${last_output}")
endif()

# The installed tool finds its data beside itself, in the moved prefix.
run(${prefix}/bin/casectl calendar add-workdays 2024-02-08 3)
if(NOT last_output STREQUAL "2024-02-19\n")
  message(FATAL_ERROR "the moved casectl printed an unexpected answer:\n${last_output}")
endif()

# pkg-config: the same consumer built without CMake, the prefix found from the .pc file's place.
find_program(pkg_config pkg-config REQUIRED)
set(ENV{PKG_CONFIG_PATH} ${prefix}/lib/pkgconfig)
execute_process(COMMAND ${pkg_config} --cflags --libs caseflow RESULT_VARIABLE rc OUTPUT_VARIABLE flags ERROR_VARIABLE err
                OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT rc EQUAL 0 OR NOT flags MATCHES "-I${prefix}/lib/pkgconfig/../../include .*-lcaseflow")
  message(FATAL_ERROR "pkg-config caseflow: ${flags} ${err}")
endif()
separate_arguments(flag_list UNIX_COMMAND "${flags}")
separate_arguments(extra_cxx UNIX_COMMAND "${CXX_FLAGS}")
separate_arguments(extra_link UNIX_COMMAND "${LINKER_FLAGS}")
run(c++ ${extra_cxx} ${SOURCE_DIR}/main.cpp -DCALENDAR_FILE="${prefix}/share/caseflow/calendars/cn-mainland.txt"
    -o ${WORK_DIR}/pc_consumer ${flag_list} ${extra_link})
run(${WORK_DIR}/pc_consumer)
if(NOT last_output MATCHES "^2024-06-17\n")
  message(FATAL_ERROR "the pkg-config consumer printed an unexpected answer:\n${last_output}")
endif()
file(REMOVE_RECURSE ${WORK_DIR})
