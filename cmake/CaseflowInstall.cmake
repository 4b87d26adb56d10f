include(CMakePackageConfigHelpers)

install(TARGETS caseflow EXPORT caseflowTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/caseflow DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/data/ DESTINATION ${CMAKE_INSTALL_DATADIR}/caseflow)

set(caseflow_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/caseflow)
install(EXPORT caseflowTargets NAMESPACE caseflow:: DESTINATION ${caseflow_cmake_dir})
# The optional stores have export sets of their own: the package config loads one only when its
# dependency is found, so that a consumer of the core needs none of them.
if(CASEFLOW_WITH_SQLITE)
  install(TARGETS caseflow_sqlite EXPORT caseflowSqliteTargets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
          LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
  install(EXPORT caseflowSqliteTargets NAMESPACE caseflow:: DESTINATION ${caseflow_cmake_dir})
endif()
if(CASEFLOW_WITH_XLSX)
  install(TARGETS caseflow_xlsx EXPORT caseflowXlsxTargets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
          LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
  install(EXPORT caseflowXlsxTargets NAMESPACE caseflow:: DESTINATION ${caseflow_cmake_dir})
endif()
if(CASEFLOW_WITH_POSTGRES)
  install(TARGETS caseflow_postgres EXPORT caseflowPostgresTargets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
          LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
  install(EXPORT caseflowPostgresTargets NAMESPACE caseflow:: DESTINATION ${caseflow_cmake_dir})
endif()
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/caseflowConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/caseflowConfig.cmake
                              INSTALL_DESTINATION ${caseflow_cmake_dir}
                              PATH_VARS CMAKE_INSTALL_DATADIR)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/caseflowConfigVersion.cmake COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/caseflowConfig.cmake ${PROJECT_BINARY_DIR}/caseflowConfigVersion.cmake
        DESTINATION ${caseflow_cmake_dir})

# pkg-config, for other build systems: the prefix relative to the .pc file, so a moved install works.
file(RELATIVE_PATH caseflow_pc_to_prefix ${CMAKE_INSTALL_FULL_LIBDIR}/pkgconfig ${CMAKE_INSTALL_PREFIX})
string(REGEX REPLACE "/$" "" caseflow_pc_to_prefix "${caseflow_pc_to_prefix}")
# libcaseflow is a static library: its own dependencies go on every link line.
set(caseflow_pc_libs "-lcaseflow -lboost_date_time -licui18n -licuuc -lcrypto -lutf8proc")
if(CMAKE_DL_LIBS)
  string(APPEND caseflow_pc_libs " -l${CMAKE_DL_LIBS}")
endif()
configure_file(${PROJECT_SOURCE_DIR}/cmake/caseflow.pc.in ${PROJECT_BINARY_DIR}/caseflow.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/caseflow.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# Build-tree export: a consumer may point caseflow_DIR at this build directory.
export(EXPORT caseflowTargets NAMESPACE caseflow:: FILE ${PROJECT_BINARY_DIR}/caseflowTargets.cmake)
if(CASEFLOW_WITH_SQLITE)
  export(EXPORT caseflowSqliteTargets NAMESPACE caseflow:: FILE ${PROJECT_BINARY_DIR}/caseflowSqliteTargets.cmake)
endif()
if(CASEFLOW_WITH_XLSX)
  export(EXPORT caseflowXlsxTargets NAMESPACE caseflow:: FILE ${PROJECT_BINARY_DIR}/caseflowXlsxTargets.cmake)
endif()
if(CASEFLOW_WITH_POSTGRES)
  export(EXPORT caseflowPostgresTargets NAMESPACE caseflow:: FILE ${PROJECT_BINARY_DIR}/caseflowPostgresTargets.cmake)
endif()
