#!/usr/bin/env python3
"""The Excel workbook read back: casectl writes the Minhang year's ledger workbook (ledger, key items,
KPIs, bulletins) and the test reads it with openpyxl, comparing every cell with casectl's CSV report of
the same book, day and language; dates must be real dates, numbers numbers, the header frozen and
filtered, the columns sized.

Usage: xlsx_roundtrip_test.py CASECTL DATA_DIR WORK_DIR
Exit 77 (ctest: skipped) with the reason when openpyxl is absent; under CI=true that is a failure.
"""
import csv
import datetime
import io
import os
import subprocess
import sys

SKIP = 77


def skip(reason):
    if os.environ.get("CI") == "true":
        print(f"FAILED: {reason} (CI=true: a skip is a failure)")
        sys.exit(1)
    print(f"SKIPPED: {reason}")
    sys.exit(SKIP)


try:
    import openpyxl
except ImportError:
    skip(f"no openpyxl for {sys.executable} (Debian package python3-openpyxl; setup.sh installs it)")


def run(*args):
    done = subprocess.run(args, capture_output=True, timeout=120)
    if done.returncode != 0:
        print(f"FAILED: {' '.join(map(str, args))}: exit {done.returncode}\n{done.stderr.decode(errors='replace')}")
        sys.exit(1)
    return done.stdout.decode("utf-8")


def check(ok, what):
    if not ok:
        print(f"FAILED: {what}")
        sys.exit(1)


def csv_rows(text):
    check(text.startswith("\ufeff"), "the CSV report starts with a byte order mark")
    return [row for row in csv.reader(io.StringIO(text[1:], newline=""))]


def cell_text(cell):
    """A cell as the CSV report writes it."""
    v = cell.value
    if v is None:
        return ""
    if isinstance(v, datetime.datetime):
        check(cell.is_date, f"{cell.coordinate} holds a date")
        return v.strftime("%Y-%m-%d")
    if isinstance(v, (int, float)) and "%" in cell.number_format:
        return f"{v * 100:.1f}%"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def sheet_rows(ws):
    return [[cell_text(c) for c in row] for row in ws.iter_rows()]


def compare(ws, expected, what):
    got = sheet_rows(ws)
    check(len(got) == len(expected), f"{what}: {len(got)} rows in the sheet, {len(expected)} in the CSV")
    for r, (a, b) in enumerate(zip(got, expected), start=1):
        check(a == b, f"{what}, row {r}:\n  sheet {a}\n  CSV   {b}")
    check(ws.freeze_panes == "A2", f"{what}: the header row is frozen ({ws.freeze_panes})")
    last = openpyxl.utils.get_column_letter(len(expected[0]))
    check(ws.auto_filter.ref == f"A1:{last}{len(expected)}", f"{what}: the filter covers the table ({ws.auto_filter.ref})")
    for c in range(1, len(expected[0]) + 1):
        width = ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width
        check(width and width >= len(expected[0][c - 1]), f"{what}: column {c} is sized ({width})")
    print(f"ok: {what}: {len(got) - 1} rows, every cell as the CSV report")


def main():
    casectl, data_dir, work = sys.argv[1], sys.argv[2], sys.argv[3]
    os.makedirs(work, exist_ok=True)
    journal = os.path.join(data_dir, "examples", "minhang-2024.jsonl")
    for day, lang in (("2024-12-31", "zh"), ("2024-04-10", "en")):
        common = ["--journal", journal, "--unit", "minhang", "--date", day, "--lang", lang]
        book = os.path.join(work, f"minhang-{day}-{lang}.xlsx")
        printed = run(casectl, "report", "ledger", "--format", "xlsx", "--out", book, *common)
        check(printed == book + "\n", f"casectl prints the workbook's name ({printed!r})")
        wb = openpyxl.load_workbook(book)
        sheets = wb.worksheets
        check(len(sheets) == 4, f"ledger, key items, KPIs, bulletins: {[s.title for s in sheets]}")
        ledger = csv_rows(run(casectl, "report", "ledger", "--format", "csv", *common))
        compare(sheets[0], ledger, f"{day} {lang} ledger")
        dated = [c for c in sheets[0]["I"][1:] if c.value is not None]
        check(dated and all(c.is_date for c in dated), "assignment days are Excel dates")
        compare(sheets[2], csv_rows(run(casectl, "report", "kpi", "--format", "csv", *common)), f"{day} {lang} KPIs")
        # The bulletin sheet stacks the unit's bimonthly bulletins of the year up to the day.
        year = int(day[:4])
        periods = [(f"{year}-{m:02d}-01", (datetime.date(year + (m == 11), (m + 1) % 12 + 1, 1) - datetime.timedelta(days=1)).isoformat())
                   for m in range(1, 12, 2)]
        stacked = []
        for start, end in periods:
            if start > day:
                break
            rows = csv_rows(run(casectl, "report", "bulletin", "--format", "csv", "--from", start, "--to", end, *common))
            stacked = stacked or rows[:1]
            stacked += rows[1:]
        compare(sheets[3], stacked, f"{day} {lang} bulletins")
    # The leaders' brief while the difficult item stood at the mayor: its lines, as the CSV brief.
    common = ["--journal", journal, "--unit", "minhang", "--date", "2024-04-12", "--lang", "zh"]
    book = os.path.join(work, "brief.xlsx")
    run(casectl, "report", "brief", "--format", "xlsx", "--out", book, *common)
    wb = openpyxl.load_workbook(book)
    check([s.title for s in wb.worksheets] == ["领导专报", "单位排名"], f"brief sheets: {[s.title for s in wb.worksheets]}")
    brief = csv_rows(run(casectl, "report", "brief", "--format", "csv", *common))
    compare(wb.worksheets[0], brief, "2024-04-12 zh brief")
    check(any("sh-mayor" in row for row in sheet_rows(wb.worksheets[0])), "the brief names sh-mayor")
    # A workbook never goes to stdout.
    done = subprocess.run([casectl, "report", "kpi", "--format", "xlsx", "--journal", journal], capture_output=True)
    check(done.returncode == 2 and done.stdout == b"" and b"--out FILE is required" in done.stderr,
          "--format xlsx without --out is refused")
    print("ok: --format xlsx without --out is refused")


if __name__ == "__main__":
    main()
