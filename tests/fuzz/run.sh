#!/usr/bin/env bash
# Runs every fuzz target (or the ones named) for SECONDS each, one after the other, from its seed corpus:
#   tests/fuzz/run.sh BUILD_DIR SECONDS [TARGET...]     e.g. tests/fuzz/run.sh build/fuzz 60
# Corpora grow in BUILD_DIR/corpus/<target> (kept between runs), crashing inputs land in
# BUILD_DIR/artifacts/<target>/, and each target's last status line and final figures go to
# BUILD_DIR/fuzz-<target>.log. Exits non-zero on the first target that crashes, leaks or hangs.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build=${1:?usage: run.sh BUILD_DIR SECONDS [TARGET...]}
seconds=${2:?usage: run.sh BUILD_DIR SECONDS [TARGET...]}
shift 2
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(calendar policy org_chart journal_line import_line import_csv book_ops)

seeds="$build/seeds"
rm -rf "$seeds"
"$here/seeds.sh" "$seeds"
for t in "${targets[@]}"; do
  bin="$build/tests/fuzz/fuzz_$t"
  [ -x "$bin" ] || { echo "run.sh: $bin is not built" >&2; exit 1; }
  mkdir -p "$build/corpus/$t" "$build/artifacts/$t"
  log="$build/fuzz-$t.log"
  echo "-- fuzz_$t (${seconds}s)"
  # A book input runs 32 writes, each checked by three rebuilds of the book: allow it time.
  if ! "$bin" -max_total_time="$seconds" -timeout=30 -print_final_stats=1 -artifact_prefix="$build/artifacts/$t/" \
         "$build/corpus/$t" "$seeds/$t" >"$log" 2>&1; then
    tail -n 60 "$log" >&2
    echo "run.sh: fuzz_$t failed; the input is in $build/artifacts/$t/" >&2
    exit 1
  fi
  grep -aE '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1 || true
  grep -aE '^stat::(number_of_executed_units|average_exec_per_sec)' "$log" || true
done
