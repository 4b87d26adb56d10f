#!/usr/bin/env bash
# Runs the README's command-line block as written: every line, one after the other, in a scratch folder
# beside a link to data/, with casectl on PATH. A line must succeed, unless its comment says "refused,
# exit N", when it must be refused with exit code N, one line on stderr and nothing on stdout.
#   readme_walkthrough.sh README.md CASECTL_DIR DATA_DIR WORK_DIR
set -uo pipefail
readme=${1:?README.md} bin=${2:?casectl dir} data=${3:?data dir} work=${4:?work dir}
bin=$(cd "$bin" && pwd) data=$(cd "$data" && pwd)
rm -rf "$work" && mkdir -p "$work" && ln -s "$data" "$work/data"
export PATH="$bin:$PATH"
block=$(awk '/^## The command line/ { inside = 1 } inside && /^```sh/ { on = 1; next } on && /^```/ { exit } on' "$readme")
[ -n "$block" ] || { echo "readme_walkthrough: no command block under '## The command line' in $readme" >&2; exit 1; }
ran=0
while IFS= read -r line; do
  [[ "$line" =~ ^[[:space:]]*(#|$) ]] && continue
  ran=$((ran + 1))
  (cd "$work" && bash -c "$line") >"$work/.out" 2>"$work/.err"
  rc=$?
  if [[ "$line" == *"# refused"* ]]; then
    [[ "$line" =~ \#\ refused,\ exit\ ([1-9]) ]] || { echo "readme_walkthrough: a refusal names no exit code: $line" >&2; exit 1; }
    code=${BASH_REMATCH[1]}
    if [ "$rc" -ne "$code" ] || [ -s "$work/.out" ] || [ "$(wc -l <"$work/.err")" -ne 1 ] || ! grep -q '^casectl: ' "$work/.err"; then
      echo "readme_walkthrough: expected a refusal (exit $code, one line on stderr), got exit $rc: $line" >&2
      cat "$work/.out" "$work/.err" >&2
      exit 1
    fi
  elif [ "$rc" -ne 0 ]; then
    echo "readme_walkthrough: failed (exit $rc): $line" >&2
    cat "$work/.err" >&2
    exit 1
  fi
done <<<"$block"
# What the first lines say they print, they print.
check() {
  local got
  got=$(cd "$work" && bash -c "$1" 2>/dev/null)
  [ "$got" = "$2" ] || { echo "readme_walkthrough: '$1' printed '$got', the README says '$2'" >&2; exit 1; }
}
check "casectl calendar is-workday 2024-02-04" true
check "casectl calendar add-workdays 2024-02-08 3" 2024-02-19
check "casectl calendar between 2024-02-08 2024-02-19" 3
check "casectl calendar add 2024-03-15 3m" 2024-06-17
check "casectl calendar add 2026-12-01 3m" 2027-03-01
check "casectl calendar add-workdays 2024-04-30 3 --calendar local.txt" 2024-05-09
echo "readme_walkthrough: $ran lines ran as written"
rm -rf "$work"
