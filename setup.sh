#!/usr/bin/env bash
# Installs the Debian 12 packages caseflow needs to build, test and benchmark, when they are missing.
# Quick when everything is present: it only asks dpkg. Run as root (or with sudo available).
set -euo pipefail

packages=(
  g++ cmake ninja-build make
  libboost-date-time-dev libboost-graph-dev
  libfmt-dev nlohmann-json3-dev libicu-dev libssl-dev libsqlite3-dev libpqxx-dev pkg-config
  # Display widths (East Asian Width) for aligning report text tables that hold Chinese.
  libutf8proc-dev
  # Reports as Excel workbooks (caseflow::xlsx), and openpyxl to read them back in the tests.
  libxlsxwriter-dev python3-openpyxl
  # caseflow-server (examples/server) serves the book over HTTP with cpp-httplib.
  libcpp-httplib-dev
  # casectl (examples/casectl) parses its command line with CLI11 (header-only).
  libcli11-dev
  # The PostgreSQL store's tests start a throwaway cluster of Debian's server on loopback.
  postgresql
  libgtest-dev libgmock-dev libbenchmark-dev
  # CI's hardening steps: ThreadSanitizer's runtime for g++, clang 14 with libFuzzer (libclang_rt.fuzzer
  # is in libclang-rt-14-dev, which clang only recommends), clang-tidy and the python3 its runner needs.
  libtsan2 clang libclang-rt-14-dev clang-tidy python3
  # The HTML report's browser test: headless Chromium, and a Chinese font for its screenshot.
  chromium fonts-wqy-zenhei
  # Graphviz draws the workflow and organisation charts (casectl workflow dot, org dot); a test renders one.
  graphviz
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "setup.sh: installing ${missing[*]}" >&2
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup.sh: run as root or install sudo" >&2; exit 1; }
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
