# Every dependency comes from Debian packages (see setup.sh); nothing is downloaded at build time.
find_package(Boost 1.74 REQUIRED COMPONENTS date_time graph)
find_package(fmt 9 REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(ICU 72 REQUIRED COMPONENTS uc i18n)
find_package(OpenSSL 3 REQUIRED COMPONENTS Crypto)
# utf8proc (libutf8proc-dev) ships a pkg-config file only. GLOBAL: the install export names the target.
find_package(PkgConfig REQUIRED)
pkg_check_modules(UTF8PROC REQUIRED IMPORTED_TARGET GLOBAL libutf8proc>=2.5)
if(CASEFLOW_WITH_SQLITE)
  find_package(SQLite3 3.40 REQUIRED)
endif()
if(CASEFLOW_WITH_XLSX)
  # Debian's libxlsxwriter ships a pkg-config file, no CMake package.
  pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET GLOBAL xlsxwriter>=1.0)
endif()
if(CASEFLOW_WITH_POSTGRES)
  # Debian's libpqxx 6.4 ships a pkg-config file, no CMake package; its .pc does not name libpq, used too.
  pkg_check_modules(PQXX REQUIRED IMPORTED_TARGET libpqxx>=6.4 libpq)
endif()
