#!/usr/bin/env bash
# Writes the seed corpus of every fuzz target from the bundled data: tests/fuzz/seeds.sh DIR makes
# DIR/<target>/ with one input a file. Run from anywhere; the data is found next to this script.
set -euo pipefail
data="$(cd "$(dirname "$0")/../../data" && pwd)"
out=${1:?usage: seeds.sh DIR}
mkdir -p "$out"/{calendar,policy,org_chart,journal_line,import_line,import_csv,book_ops}

cp "$data"/calendars/*.txt "$out/calendar/"
# Each year's block alone, too: small inputs are where mutations start best.
awk -v dir="$out/calendar" '/^year /{n++} n{print > (dir "/year-" n ".txt")}' "$data/calendars/cn-mainland.txt"
cp "$data"/policies/*.json "$out/policy/"
cp "$data"/examples/minhang-org.json "$out/org_chart/"

# One journal line per record type (the first few of each), and the data of each as an import line.
journal="$data/examples/minhang-2024.jsonl"
awk -v dir="$out/journal_line" '{
  match($0, /"type":"[a-z_]*"/); t = substr($0, RSTART + 8, RLENGTH - 9)
  if (++seen[t] <= 4) print > (dir "/" t "-" seen[t] ".jsonl")
}' "$journal"
awk -v dir="$out/import_line" '/"type":"(open|event)"/ {
  match($0, /"type":"[a-z_]*"/); t = substr($0, RSTART + 8, RLENGTH - 9)
  if (++seen[t] > 3) next
  line = $0; sub(/^\{"data":/, "", line); sub(/,"seq":[0-9]+,"type":"[a-z_]+","v":1\}$/, "", line)
  print line > (dir "/" t "-" seen[t] ".json")
}' "$journal"

# Spreadsheets: the CSV files the tests keep, and one in Chinese headers with quoted cells.
cp "$(dirname "$0")"/../data/*.csv "$out/import_csv/" 2>/dev/null || true
printf '\xEF\xBB\xBF标题,案号,领衔人,类型,类别,附议人,重点\r\n"关于""公交""的建议,\r\n一期",16-2/0001,代表甲,建议,城建交通,代表乙，代表丙,是\r\n,,,,,,\r\n' \
  >"$out/import_csv/chinese.csv"

# The book: all zeros replay the example's journal in order; a few other byte patterns bend it.
for n in 8 32 64; do head -c "$n" /dev/zero > "$out/book_ops/replay-$n"; done
for b in 5 6 7 8 9; do printf "\\x0$b%.0s" $(seq 1 32) > "$out/book_ops/op-$b"; done
