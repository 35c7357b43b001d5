"""A teammate's database crafted with a formula in every text column, through every CSV writer.

The CLI creates the file, so its schema passes the check; the rows are then written with
sqlite3, as a hostile teammate could: ids, article metadata, quotes and context, attributes,
tags, label and analyst names all start like formulas (ASCII and full-width triggers, leading
blanks, tab, CR, LF). Figure values are plain numbers, and in a second copy, opened directly
rather than merged, half of them are formulas too, and so are timestamps and fingerprints.

Then, through the real CLI: the file is merged into a new database; the annotation CSV
(spreadsheet profile) and the agreement CSV are written from the merged database and from the
crafted copy; every cell is compared with the documented rule, and LibreOffice headless opens
each file with formula evaluation on (spaces kept, then trimmed): no cell may be a formula, the
figure values that are numbers must be numbers. The raw export of the crafted copy, opened the
same way, must hold live formulas: the check can fail.
"""

import csv
import hashlib
import shutil
import sqlite3
import subprocess
from pathlib import Path

from libreoffice import defused, is_plain_number, libreoffice_rows, needs_defusing

PAYLOADS = [
    '=HYPERLINK("http://evil.example","clic")', "+SUM(1;2)", "-2+3", "@SUM(1)", "  =1+1",
    "\u3000=1", "\t=1", "\r=1", "\n=1", "\uff1d1+1", "\uff0b1", "\uff0d1+1", "\uff20SUM(1)",
    "=1+1", " -1+1", "=cmd|' /C calc'!A0", "\u00a0@x", "\ufe631+1",
]
FIGURES = ["-5", "-0.25", "1900000", "0.5", "-1"]
TIME = "2026-03-01T10:00:00.000Z"
ANALYSTS = 3

# Columns whose stored value the schema or the format constrains (offsets are integers, the
# currency is three capitals, the review state one of three words).
CONSTRAINED = {"start", "end", "currency", "review_state"}
AGREEMENT_TEXT = ["article_id", "article_title", "label", "analyst_a", "analyst_b"]
AGREEMENT_NUMBERS = ["articles", "units"]


def pick(k):
    return PAYLOADS[k % len(PAYLOADS)]


def cli_run(cli, *args):
    done = subprocess.run([cli, *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, args))} failed: {done.stderr}{done.stdout}")
    return done.stdout


def insert_catalog(con):
    analysts = [f"{pick(k)}~analyst{k}" for k in range(ANALYSTS)]
    for k, analyst in enumerate(analysts):
        con.execute("INSERT INTO annotators (id, name, created_at) VALUES (?, ?, ?)",
                    (analyst, f"{pick(k + 3)} analyst {k}", TIME))
    labels = [(f"{pick(5)}~claim", pick(6) + " claim", "claim"),
              (f"{pick(7)}~figure", pick(9) + " figure", "figure")]
    for label_id, name, kind in labels:
        con.execute("INSERT INTO labels (id, name, kind, color, created_at, updated_at) "
                    "VALUES (?, ?, ?, '#aa0000', ?, ?)", (label_id, name, kind, TIME, TIME))
    return analysts, [label_id for label_id, _, _ in labels]


def insert_article(con, a, analysts, labels):
    text = f"Article {a}: " + " | ".join(PAYLOADS)
    article_id = f"{pick(a)}~article{a}"
    con.execute(
        "INSERT INTO articles (id, title, outlet, author, published, url, language, captured_at,"
        " source_kind, source_name, original_bytes, text, text_sha256, char_count)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'text', ?, ?, ?, ?, ?)",
        (article_id, pick(a + 1), pick(a + 2), pick(a + 3), pick(a + 4), pick(a + 5),
         pick(a + 6), TIME, pick(a + 7), text.encode(), text,
         hashlib.sha256(text.encode()).hexdigest(), len(text)))
    for k, payload in enumerate(PAYLOADS):
        start = text.index(payload, len(f"Article {a}: "))
        annotation_id = f"{pick(k + a)}~annotation{a}-{k}"
        con.execute(
            "INSERT INTO annotations (id, article_id, label_id, start, \"end\", exact, prefix,"
            " suffix, speaker, figure_value, currency, unit, qualifier, verdict, note,"
            " annotator_id, created_at, updated_at, review_state, reviewer_id, reviewed_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'USD', ?, ?, ?, ?, ?, ?, ?, 'accepted', ?, ?)",
            (annotation_id, article_id, labels[k % 2], start, start + len(payload), payload,
             pick(k + 1), pick(k + 2), pick(k + 3), FIGURES[k % len(FIGURES)], pick(k + 4),
             pick(k + 5), pick(k + 6), pick(k + 7), analysts[k % ANALYSTS], TIME, TIME,
             analysts[(k + 1) % ANALYSTS], TIME))
        for position, tag in enumerate([pick(k + 8), "plain"]):
            con.execute("INSERT INTO annotation_tags (annotation_id, position, tag) VALUES (?, ?, ?)",
                        (annotation_id, position, tag))
    con.execute("INSERT INTO annotations_fts (rowid, exact, note, speaker, tags) "
                "SELECT rowid, exact, note, coalesce(speaker, ''), '' FROM annotations "
                "WHERE article_id = ?", (article_id,))


def craft_teammate_file(cli, path):
    """A file the CLI created, then filled with hostile rows by sqlite3."""
    cli_run(cli, "--db", str(path), "list")
    con = sqlite3.connect(path)
    with con:
        analysts, labels = insert_catalog(con)
        for a in range(2):
            insert_article(con, a, analysts, labels)
    con.close()


def make_values_hostile(path):
    """What a merge would refuse but a file opened directly still holds."""
    con = sqlite3.connect(path)
    with con:
        con.execute("UPDATE annotations SET figure_value = ?, created_at = ?, updated_at = ? "
                    "WHERE rowid % 2 = 0", ('=HYPERLINK("http://evil.example")', pick(13), pick(9)))
        fingerprint = '=HYPERLINK("x")'
        con.execute("UPDATE articles SET text_sha256 = ?",
                    (fingerprint + "a" * (64 - len(fingerprint)),))
    con.close()


def read_csv(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.reader(f))


def check_annotation_csv(checks, name, sheet, raw, hostile_columns):
    """Every cell is the stored value, defused by the rule; every hostile column was hostile."""
    sheet_rows, raw_rows = read_csv(sheet), read_csv(raw)
    header = raw_rows[0]
    rows = 2 * len(PAYLOADS) + 1
    checks.check(len(sheet_rows) == len(raw_rows) == rows,
                 f"{name}: both profiles hold every crafted annotation ({len(sheet_rows)} of {rows} rows)")
    wrong = [(header[c], cell) for s_row, r_row in zip(sheet_rows[1:], raw_rows[1:])
             for c, (cell, stored) in enumerate(zip(s_row, r_row))
             if cell != (stored if header[c] in ("start", "end") else defused(stored))]
    checks.check(not wrong, f"{name}: every cell is its stored value defused by the rule {wrong[:3]}")
    for column in hostile_columns:
        c = header.index(column)
        hostile = sum(needs_defusing(row[c]) for row in raw_rows[1:])
        checks.check(hostile > 0, f"{name}: the crafted file puts formulas in {column} ({hostile})")


def check_agreement_csv(checks, name, path, hostile_names):
    rows = read_csv(path)
    header, data = rows[0], rows[1:]
    checks.check(bool(data), f"{name}: the agreement table has rows")
    unsafe = [cell for row in data for cell in row if needs_defusing(cell)]
    checks.check(not unsafe, f"{name}: no cell a spreadsheet could run {unsafe[:3]}")
    for column in AGREEMENT_TEXT:
        cells = {row[header.index(column)] for row in data}
        checks.check(any(c.startswith("'") for c in cells), f"{name}: {column} cells are defused")
    analysts = {row[header.index(col)] for row in data for col in ("analyst_a", "analyst_b")}
    missing = {defused(n) for n in hostile_names} - analysts
    checks.check(not missing, f"{name}: every hostile analyst name is there, defused {missing}")


def check_in_libreoffice(checks, soffice, name, path, work, number_columns):
    """0 live formulas, spaces kept or trimmed; the number columns' numbers read as numbers."""
    written = read_csv(path)
    header = written[0]
    for trim in (False, True):
        rows = libreoffice_rows(soffice, path, work / f"lo-{path.stem}-{trim}", trim_spaces=trim)
        live = sum(cell.formula is not None for row in rows for cell in row)
        checks.check(live == 0, f"LibreOffice: {name} (trim {trim}) has {live} live formulas")
        checks.check(len(rows) == len(written), f"LibreOffice: {name} has every row")
        quoted = [cell for row in rows for cell in row if cell.text.startswith("'")]
        checks.check(bool(quoted) and all(c.type == "string" for c in quoted),
                     f"LibreOffice: {name} defused cells are text ({len(quoted)})")
        for column in number_columns:
            c = header.index(column)
            pairs = [(w[c], r[c]) for w, r in zip(written[1:], rows[1:]) if is_plain_number(w[c])]
            bad = [(w, r) for w, r in pairs if r.type != "float" or float(r.value) != float(w)]
            checks.check(bool(pairs) and not bad,
                         f"LibreOffice: {name} {column} numbers read as numbers ({len(pairs)}) {bad[:3]}")
        print(f"LibreOffice: {name} (trim {trim}): {live} live formulas, {len(quoted)} defused cells")


def check_control(checks, soffice, raw, work):
    """The raw export holds live formulas, and more once spaces are trimmed (`  =1+1`)."""
    live = {}
    for trim in (False, True):
        rows = libreoffice_rows(soffice, raw, work / f"lo-control-{trim}", trim_spaces=trim)
        live[trim] = sum(cell.formula is not None for row in rows for cell in row)
        print(f"LibreOffice: the raw export of the crafted file (control, trim {trim}): "
              f"{live[trim]} live formulas")
    checks.check(live[False] > 0, f"LibreOffice: the raw export has live formulas ({live[False]})")
    checks.check(live[True] > live[False],
                 "LibreOffice: trimming spaces makes a leading-space formula live in the raw export")


def export_all(cli, db, out):
    """Every CSV the project writes, from `db`, into the folder `out`."""
    out.mkdir()
    sheet, raw, agreement = out / "sheet.csv", out / "raw.csv", out / "agreement.csv"
    cli_run(cli, "--db", str(db), "export", "--format", "csv", "-o", str(sheet))
    cli_run(cli, "--db", str(db), "export", "--format", "csv", "--profile", "raw", "-o", str(raw))
    cli_run(cli, "--db", str(db), "agreement", "--per-article", "--csv", str(agreement))
    return sheet, raw, agreement


def check(checks, cli, soffice, work):
    work.mkdir()
    teammate, merged, direct = work / "teammate.sqlite", work / "merged.sqlite", work / "direct.sqlite"
    craft_teammate_file(cli, teammate)
    shutil.copy(teammate, direct)
    make_values_hostile(direct)
    cli_run(cli, "--db", str(merged), "merge", str(teammate), "--into", str(merged))
    con = sqlite3.connect(f"file:{teammate}?mode=ro", uri=True)
    names = [n for (n,) in con.execute("SELECT name FROM annotators")]
    con.close()
    every_text_column = [c for c in read_csv_header(cli, teammate, work) if c not in CONSTRAINED]
    for name, db, hostile_columns in (
            ("merged", merged, [c for c in every_text_column if c not in ("value", "created",
                                                                          "updated", "text_sha256")]),
            ("crafted", direct, every_text_column)):
        sheet, raw, agreement = export_all(cli, db, work / name)
        check_annotation_csv(checks, f"{name} annotation CSV", sheet, raw, hostile_columns)
        check_agreement_csv(checks, f"{name} agreement CSV", agreement, names)
        check_in_libreoffice(checks, soffice, f"{name} annotation CSV", sheet, work, ["value"])
        check_in_libreoffice(checks, soffice, f"{name} agreement CSV", agreement, work,
                             AGREEMENT_NUMBERS)
        if name == "crafted":
            check_control(checks, soffice, raw, work)


def read_csv_header(cli, db, work):
    """The annotation CSV's columns, as the CLI writes them."""
    header = work / "header.csv"
    cli_run(cli, "--db", str(db), "export", "--format", "csv", "--profile", "raw", "-o", str(header))
    return read_csv(header)[0]


if __name__ == "__main__":
    import argparse
    import tempfile

    from check_csv import Checks

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cli", required=True)
    parser.add_argument("--soffice", default=shutil.which("soffice") or "soffice")
    args = parser.parse_args()
    results = Checks()
    with tempfile.TemporaryDirectory() as tmp:
        check(results, args.cli, args.soffice, Path(tmp, "teammate"))
    print(f"teammate_formulas: {results.passed} passed, {len(results.failed)} failed")
    raise SystemExit(1 if results.failed else 0)
