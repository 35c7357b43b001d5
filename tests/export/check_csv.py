#!/usr/bin/env python3
"""CSV exports checked by independent readers, through the real command-line tool.

1. Builds a database with `claimdesk-cli import-annotations` from Label Studio files holding
   hostile text (formulas, tabs, quotes, commas, line breaks, emoji, combining marks,
   right-to-left script) and every attribute, for two analysts.
2. Exports it with `claimdesk-cli export --format csv` in both profiles.
3. Reads the files back with Python's csv module and with pandas, and compares every cell with
   the database read directly with sqlite3; checks that start/end are read as integers and that
   Python's text[start:end] gives `exact` for every row.
4. Converts the spreadsheet-profile file with LibreOffice headless, formula evaluation on, and
   checks that no cell became a formula and the hostile cells are text; a control file with
   the same cells left as they are proves that LibreOffice would have evaluated them.
5. A teammate's database crafted with a formula in every text column goes through every CSV
   writer (annotation CSV, agreement CSV), merged and opened directly: 0 live formulas in
   LibreOffice, numbers still numbers (see teammate_formulas.py).

Usage: check_csv.py --cli target/debug/claimdesk-cli [--soffice soffice]
Prints "check_csv: N passed, N failed" last; exit status 1 if anything failed.
"""

import argparse
import csv
import json
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from libreoffice import defused as defused_cell, libreoffice_cells
import teammate_formulas

COLUMNS = [
    "annotation_id", "article_id", "title", "url", "outlet", "published", "language",
    "text_sha256", "label", "exact", "start", "end", "prefix", "suffix", "speaker", "value",
    "currency", "unit", "qualifier", "verdict", "note", "tags", "annotator", "created",
    "updated", "review_state", "reviewer",
]
OFFSETS = {"start", "end"}
HOSTILE = ['=HYPERLINK("http://evil.example","clic")', "+SUM(A1:A9)", "-2+3", "@cmd"]

TEXT_A = ('Hostile: =HYPERLINK("http://evil.example","clic") then +SUM(A1:A9), result -2+3, '
          'and @cmd\there. 😀 Famille 👨‍👩‍👧, Cafe\u0301, "quoted", commas, and\r\nnew lines.')
TEXT_B = "مرحبا بالعالم: RT spent more than 1,9 million dollars on 0.5 thousand promoted tweets."


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = []

    def check(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failed.append(what)
            print(f"FAIL {what}", file=sys.stderr)


def span(text, needle, label, fields=None, rid=None):
    """A Label Studio region (code points, as Python counts) and its attribute fields."""
    start = text.index(needle)
    end = start + len(needle)
    rid = rid or f"r{start}-{end}-{label}"
    out = [{"id": rid, "type": "labels", "from_name": "label", "to_name": "text",
            "value": {"start": start, "end": end, "text": needle, "labels": [label]}}]
    for name, values in (fields or {}).items():
        out.append({"id": rid, "type": "textarea", "from_name": name, "to_name": "text",
                    "value": {"start": start, "end": end, "text": values}})
    return out


def fixture(analyst):
    """Two articles; analysts tag different spans so that both imports store theirs."""
    if analyst == "Ana":
        a = (span(TEXT_A, HOSTILE[0], "claim", {"verdict": ["=false"], "note": ["line one\nline, \"two\""],
                                                 "tags": ["=tag", "a; b"]})
             + span(TEXT_A, HOSTILE[2], "claim")
             + span(TEXT_A, "Cafe\u0301", "quote", {"speaker": ["-dash speaker"]})
             + span(TEXT_A, "👨‍👩‍👧", "@mention"))
        b = span(TEXT_B, "1,9 million dollars", "figure",
                 {"value": ["1900000"], "currency": ["usd"], "qualifier": ["more than"]})
    else:
        a = (span(TEXT_A, HOSTILE[1], "claim", {"verdict": ["mostly false"]})
             + span(TEXT_A, "@cmd", "claim")
             + span(TEXT_A, "@cmd\there", "claim", {"note": ["@note"]}))
        b = (span(TEXT_B, "0.5 thousand promoted tweets", "figure",
                  {"value": ["0.5"], "unit": ["promoted tweets"], "qualifier": ["about"]})
             + span(TEXT_B, "مرحبا", "claim", {"verdict": ["true"]}))
    meta_a = {"title": "-2+3, \"pub\" et RT", "outlet": "=Evil Outlet", "language": "fr",
              "published": "2024-05-01", "url": "https://example.org/a?x=1,2"}
    meta_b = {"title": "+SUM(1)", "outlet": "@outlet", "language": "ar",
              "published": "2024-06-15", "url": "https://example.org/b"}
    return [{"data": {"text": TEXT_A, **meta_a}, "annotations": [{"result": a}]},
            {"data": {"text": TEXT_B, **meta_b}, "annotations": [{"result": b}]}]


def run(cli, db, *args):
    done = subprocess.run([cli, "--db", str(db), *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed: {done.stderr}{done.stdout}")
    return done.stdout


def database_rows(db):
    """Every live annotation as its CSV row should read, straight from the database."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    rows = con.execute("""
        SELECT n.id, a.id, a.title, a.url, a.outlet, a.published, a.language, a.text_sha256,
               l.name, n.exact, n.start, n."end", n.prefix, n.suffix, n.speaker, n.figure_value,
               n.currency, n.unit, n.qualifier, n.verdict, n.note,
               (SELECT group_concat(tag, '; ') FROM
                   (SELECT tag FROM annotation_tags t WHERE t.annotation_id = n.id ORDER BY position)),
               p.name, n.created_at, n.updated_at, n.review_state, r.name, a.text
        FROM annotations n JOIN articles a ON a.id = n.article_id JOIN labels l ON l.id = n.label_id
        JOIN annotators p ON p.id = n.annotator_id LEFT JOIN annotators r ON r.id = n.reviewer_id
        WHERE n.deleted_at IS NULL AND a.deleted_at IS NULL""").fetchall()
    con.close()
    expected, texts = {}, {}
    for row in rows:
        cells = ["" if v is None else str(v) for v in row[:-1]]
        expected[cells[0]] = dict(zip(COLUMNS, cells))
        texts[cells[1]] = row[-1]
    return expected, texts


def defused(column, value):
    """The cell the spreadsheet profile writes for a stored value (offsets stay as they are)."""
    return value if column in OFFSETS else defused_cell(value)


def check_csv_module(checks, path, encoding, expected, spreadsheet):
    with open(path, newline="", encoding=encoding) as f:
        rows = list(csv.DictReader(f))
    checks.check(len(rows) == len(expected), f"csv module: {path.name} has every row")
    for row in rows:
        want = expected.get(row["annotation_id"].lstrip("'"))
        checks.check(want is not None, f"csv module: {row['annotation_id']} is in the database")
        if want is None:
            continue
        for column in COLUMNS:
            value = defused(column, want[column]) if spreadsheet else want[column]
            checks.check(row[column] == value, f"csv module: {path.name} {column} {row[column]!r} == {value!r}")


def check_pandas(checks, path, encoding, expected, texts, spreadsheet):
    as_text = pd.read_csv(path, encoding=encoding, dtype=str, keep_default_na=False)
    checks.check(list(as_text.columns) == COLUMNS, f"pandas: {path.name} columns")
    for row in as_text.to_dict("records"):
        want = expected[row["annotation_id"]]
        for column in COLUMNS:
            value = defused(column, want[column]) if spreadsheet else want[column]
            checks.check(row[column] == value, f"pandas: {path.name} {column} {row[column]!r} == {value!r}")
    typed = pd.read_csv(path, encoding=encoding, keep_default_na=False, na_values=[""])
    for column in ("start", "end"):
        checks.check(str(typed[column].dtype) == "int64", f"pandas: {path.name} {column} is int64")
    checks.check(typed["value"].dtype.kind == "f", f"pandas: {path.name} value is numeric")
    for row in typed.to_dict("records"):
        text = texts[row["article_id"]]
        exact = expected[row["annotation_id"]]["exact"]
        checks.check(text[row["start"]:row["end"]] == exact,
                     f"pandas: text[{row['start']}:{row['end']}] == exact for {row['annotation_id']}")


def check_libreoffice(checks, soffice, sheet_csv, raw_csv, work):
    started = time.monotonic()
    cells = libreoffice_cells(soffice, sheet_csv, work / "lo-sheet")
    seconds = time.monotonic() - started
    checks.check(all(c.formula is None for c in cells),
                 "LibreOffice: no cell of the spreadsheet file is a formula")
    for hostile in HOSTILE:
        found = [c for c in cells if c.text == "'" + hostile]
        checks.check(bool(found) and all(c.type == "string" for c in found),
                     f"LibreOffice: {hostile!r} comes back as the text '{hostile}")
    checks.check(any(c.type == "float" for c in cells), "LibreOffice: numbers stay numbers")
    control = libreoffice_cells(soffice, raw_csv, work / "lo-control")
    checks.check(any(c.formula is not None for c in control),
                 "LibreOffice: the control file's raw =HYPERLINK cell is evaluated (the check can fail)")
    print(f"LibreOffice conversion of the spreadsheet CSV: {seconds:.1f} s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cli", required=True)
    parser.add_argument("--soffice", default=shutil.which("soffice") or "soffice")
    args = parser.parse_args()
    checks = Checks()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        db = work / "export.sqlite"
        for analyst in ("Ana", "=Boris"):
            source = work / f"{analyst.strip('=')}.json"
            source.write_text(json.dumps(fixture(analyst), ensure_ascii=False), encoding="utf-8")
            run(args.cli, db, "import-annotations", "--format", "label-studio",
                "--annotator", analyst, str(source))
        sheet, raw = work / "sheet.csv", work / "raw.csv"
        run(args.cli, db, "export", "--format", "csv", "--profile", "spreadsheet", "-o", str(sheet))
        run(args.cli, db, "export", "--format", "csv", "--profile", "raw", "-o", str(raw))
        checks.check(sheet.read_bytes().startswith(b"\xef\xbb\xbf"), "spreadsheet profile starts with a BOM")
        checks.check(not raw.read_bytes().startswith(b"\xef\xbb\xbf"), "raw profile has no BOM")
        expected, texts = database_rows(db)
        checks.check(len(expected) == 10, f"the database holds the 10 spans ({len(expected)})")
        check_csv_module(checks, raw, "utf-8", expected, spreadsheet=False)
        check_csv_module(checks, sheet, "utf-8-sig", expected, spreadsheet=True)
        check_pandas(checks, raw, "utf-8", expected, texts, spreadsheet=False)
        check_pandas(checks, sheet, "utf-8-sig", expected, texts, spreadsheet=True)
        check_libreoffice(checks, args.soffice, sheet, raw, work)
        teammate_formulas.check(checks, args.cli, args.soffice, work / "teammate")
    print(f"check_csv: {checks.passed} passed, {len(checks.failed)} failed")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
