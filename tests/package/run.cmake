# Installs the built caseflow into a scratch prefix, then configures, builds and runs the consumer
# project beside this file against it with find_package(caseflow CONFIG REQUIRED).
file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)

function(run)
  execute_process(COMMAND ${ARGV} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGV}\n${out}\n${err}")
  endif()
  set(last_output "${out}" PARENT_SCOPE)
endfunction()

run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})
# The consumer is built the way the library was (a sanitizer build needs the same flags to link).
run(${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${WORK_DIR}/build -G ${GENERATOR} -DCMAKE_PREFIX_PATH=${prefix}
    -DCMAKE_BUILD_TYPE=${BUILD_TYPE} -DCMAKE_CXX_FLAGS=${CXX_FLAGS} -DCMAKE_EXE_LINKER_FLAGS=${LINKER_FLAGS})
run(${CMAKE_COMMAND} --build ${WORK_DIR}/build)
run(${WORK_DIR}/build/consumer)
if(NOT last_output MATCHES "2024-06-17")
  message(FATAL_ERROR "consumer printed an unexpected answer:\n${last_output}")
endif()
message(STATUS "consumer: ${last_output}")
run(${WORK_DIR}/build/store_consumer ${WORK_DIR}/consumer.db)
if(NOT last_output MATCHES "^1 unit; postgresql connection string: caseflow_prefix 'Bad-Name'")
  message(FATAL_ERROR "store_consumer printed an unexpected answer:\n${last_output}")
endif()
