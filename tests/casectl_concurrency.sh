#!/usr/bin/env bash
# Many casectl processes on one journal: 4 writers x N `casectl apply` (two on items of their own, two
# on one shared item) and 2 processes ticking the same days. Every command that exits 0 has its record
# in the journal exactly once; every other one said why in one line on stderr and exited 4 (a conflict
# with what another process wrote: a day ticked past, a write that lost its race); the journal verifies
# and replays.
# usage: casectl_concurrency.sh CASECTL WORK_DIR [N]
set -euo pipefail
casectl=$1
dir=$2/casectl_concurrency
# CASEFLOW_CONCURRENCY_COMMANDS overrides N (the sanitizer build runs fewer).
n=${CASEFLOW_CONCURRENCY_COMMANDS:-${3:-200}}
rm -rf "$dir"
mkdir -p "$dir"
journal=$dir/book.jsonl
fail() { echo "casectl_concurrency: $*" >&2; exit 1; }
# refused NAME WHAT RC: a refusal must be exit 4 with one line on stderr; anything else is recorded as bad.
refused() {
  local name=$1 what=$2 rc=$3
  if [ "$rc" -ne 4 ] || [ "$(wc -l <"$dir/$name.err")" -ne 1 ]; then
    { echo "$name: $what exited $rc, expected 4 with one line on stderr:"; cat "$dir/$name.err"; } >> "$dir/$name.bad"
  fi
  cat "$dir/$name.err" >> "$dir/$name.refused"
}

"$casectl" init --journal "$journal" >/dev/null
cat > "$dir/items.jsonl" <<'ITEMS'
{"case":"16-2/0001","kind":"deputy_suggestion","category":"城建交通","title":"甲","proposers":{"lead":"代表甲","co_signers":[]}}
{"case":"16-2/0002","kind":"deputy_suggestion","category":"城建交通","title":"乙","proposers":{"lead":"代表乙","co_signers":[]}}
{"case":"16-2/0003","kind":"deputy_suggestion","category":"城建交通","title":"丙","proposers":{"lead":"代表丙","co_signers":[]}}
{"case":"16-2/0001","type":"register_case","by":"office:sh-office","at":"2024-03-01"}
{"case":"16-2/0002","type":"register_case","by":"office:sh-office","at":"2024-03-01"}
{"case":"16-2/0003","type":"register_case","by":"office:sh-office","at":"2024-03-01"}
{"case":"16-2/0001","type":"assign","by":"office:sh-office","at":"2024-03-04","units":[{"unit":"minhang","role":"lead"}]}
{"case":"16-2/0002","type":"assign","by":"office:sh-office","at":"2024-03-04","units":[{"unit":"mh-jsw","role":"lead"}]}
{"case":"16-2/0003","type":"assign","by":"office:sh-office","at":"2024-03-04","units":[{"unit":"minhang","role":"lead"},{"unit":"mh-jsw","role":"co_handler"}]}
ITEMS
"$casectl" import "$dir/items.jsonl" --journal "$journal" >/dev/null

# writer NAME CASE SENDER: N consultations recorded by SENDER on CASE; counts those acknowledged.
writer() {
  local name=$1 case=$2 by=$3 ok=0 i rc
  for ((i = 1; i <= n; i++)); do
    rc=0
    "$casectl" apply "{\"case\":\"$case\",\"type\":\"record_consultation\",\"by\":\"$by\",\"at\":\"2024-03-05 09:00:00\",\"leader_led\":false}" \
      --journal "$journal" >/dev/null 2>"$dir/$name.err" || rc=$?
    if [ "$rc" -eq 0 ]; then ok=$((ok + 1)); else refused "$name" "command $i" "$rc"; fi
  done
  echo "$ok" > "$dir/$name.ok"
}

# ticker NAME: ticks each day of March to May; a day before another process's last tick is refused.
ticker() {
  local name=$1 ok=0 d rc
  for d in $(seq 0 80); do
    day=$(date -u -d "2024-03-05 + $d days" +%F)
    rc=0
    "$casectl" tick --date "$day" --journal "$journal" >/dev/null 2>"$dir/$name.err" || rc=$?
    if [ "$rc" -eq 0 ]; then ok=$((ok + 1)); else refused "$name" "tick $day" "$rc"; fi
  done
  echo "$ok" > "$dir/$name.ok"
}

writer w1 16-2/0001 unit:minhang &
writer w2 16-2/0002 unit:mh-jsw &
writer w3 16-2/0003 unit:minhang &
writer w4 16-2/0003 office:sh-office &
ticker t1 &
ticker t2 &
wait

if compgen -G "$dir/*.bad" >/dev/null; then cat "$dir"/*.bad >&2; fail "a refusal was not one line with exit 4"; fi

# Each acknowledged consultation is in the journal once.
count() { grep -o "\"by\":\"$2\",\"case\":\"$1\",\"leader_led\":false,\"type\":\"record_consultation\"" "$journal" | wc -l; }
check() {
  local held
  held=$(count "$2" "$3")
  [ "$held" -eq "$(cat "$dir/$1.ok")" ] || fail "$1: $(cat "$dir/$1.ok") acknowledged, $held in the journal"
}
check w1 16-2/0001 unit:minhang
check w2 16-2/0002 unit:mh-jsw
check w3 16-2/0003 unit:minhang
check w4 16-2/0003 office:sh-office
ticks=$(grep -o '"type":"tick"' "$journal" | wc -l)
[ "$ticks" -eq $(($(cat "$dir/t1.ok") + $(cat "$dir/t2.ok"))) ] || fail "ticks: $(cat "$dir/t1.ok") + $(cat "$dir/t2.ok") acknowledged, $ticks in the journal"

"$casectl" verify --journal "$journal" || fail "the journal does not verify"
"$casectl" list --journal "$journal" >/dev/null || fail "the journal does not replay"
echo "casectl_concurrency: w1 $(cat "$dir/w1.ok"), w2 $(cat "$dir/w2.ok"), w3 $(cat "$dir/w3.ok"), w4 $(cat "$dir/w4.ok") of $n applied; ticks $(cat "$dir/t1.ok") + $(cat "$dir/t2.ok")"
