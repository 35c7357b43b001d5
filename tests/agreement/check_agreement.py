#!/usr/bin/env python3
"""Agreement figures checked against reference implementations, through the real CLI.

1. Three analysts tag three articles (scripts, emoji, combining marks) with random spans of
   two labels, overlapping each other and themselves (seeded, so every run is the same), in
   their own database files built with `claimdesk-cli import-annotations`; Carla leaves one
   article out. `claimdesk-cli merge` brings the three files into one.
2. `claimdesk-cli --json agreement --per-article` gives Claimdesk's figures.
3. The spans are read back from the merged file with sqlite3, each code point gets the set of
   labels covering it for each analyst, and the figures are computed again: Cohen's kappa with
   scikit-learn's cohen_kappa_score, Krippendorff's alpha with the krippendorff package
   (nominal; an analyst who did not annotate an article is missing there), span F1 by a plain
   implementation here. Every figure, corpus-wide and per article, all labels and per label,
   per pair and for all three, must agree within 1e-9.

Usage: check_agreement.py --cli target/debug/claimdesk-cli
Prints "check_agreement: N passed, N failed" last; exit status 1 if anything failed.
"""

import argparse
import itertools
import json
import math
import random
import sqlite3
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

import krippendorff
import numpy as np
from sklearn.metrics import cohen_kappa_score

TEXTS = [
    "RT a dépensé 274 000 dollars 💸 en tweets sponsorisés, selon «Le Monde». Famille 👨‍👩‍👧.",
    "Представитель заявил: «это ложь». Более 600 аккаунтов продвигали пост; café\u0301 ☕.",
    "The agency paid about 1.9 million euros for promoted posts, a spokesperson said on Monday.",
]
ANALYSTS = ["Ana", "Boris", "Carla"]
LABELS = ["claim", "quote"]


class Checks:
    def __init__(self):
        self.passed = 0
        self.defined = 0
        self.failed = []

    def close(self, ours, theirs, what):
        both_missing = ours is None and (theirs is None or math.isnan(theirs))
        ok = both_missing or (ours is not None and theirs is not None
                              and not math.isnan(theirs) and abs(ours - theirs) < 1e-9)
        if ok:
            self.passed += 1
            self.defined += ours is not None
        else:
            self.failed.append(what)
            print(f"FAIL {what}: claimdesk {ours}, reference {theirs}", file=sys.stderr)


def random_spans(rng, text, count):
    spans = []
    for _ in range(count):
        start = rng.randrange(0, len(text) - 2)
        end = min(len(text), start + rng.randrange(1, 25))
        spans.append((start, end, rng.choice(LABELS)))
    return spans


def snap(text, start, end):
    """Keep spans off the middle of a ZWJ family or a combining mark (Claimdesk refuses them)."""
    def ok(i):
        return i == 0 or i == len(text) or not (
            text[i] in "\u200d\u0301\U0001F469\U0001F467" or text[i - 1] == "\u200d")
    while not ok(start):
        start -= 1
    while not ok(end):
        end += 1
    return start, end


def build_files(rng, work, cli):
    files = []
    for analyst in ANALYSTS:
        tasks = []
        for number, text in enumerate(TEXTS):
            if analyst == "Carla" and number == 2:
                continue
            result = []
            for i, (start, end, label) in enumerate(random_spans(rng, text, rng.randrange(2, 7))):
                start, end = snap(text, start, end)
                result.append({"id": f"r{i}", "type": "labels", "from_name": "label",
                               "to_name": "text", "value": {"start": start, "end": end,
                               "text": text[start:end], "labels": [label]}})
            # Ana and Boris agree exactly on one span of every article.
            if analyst in ("Ana", "Boris"):
                result.append({"id": "shared", "type": "labels", "from_name": "label",
                               "to_name": "text", "value": {"start": 0, "end": 2,
                               "text": text[0:2], "labels": ["claim"]}})
            tasks.append({"data": {"text": text, "title": f"Article {number}"},
                          "annotations": [{"result": result}]})
        source = work / f"{analyst}.json"
        source.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
        db = work / f"{analyst.lower()}.sqlite"
        run(cli, db, "import-annotations", "--format", "label-studio", "--annotator", analyst,
            str(source))
        files.append(db)
    return files


def run(cli, db, *args):
    done = subprocess.run([cli, "--db", str(db), *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed: {done.stderr}{done.stdout}")
    return done.stdout


def read_spans(db):
    """{article id: (title, text, {analyst: [(label, start, end)]})} of live annotations."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    rows = con.execute("""
        SELECT a.id, a.title, a.text, p.name, l.name, n.start, n."end"
        FROM annotations n JOIN articles a ON a.id = n.article_id
        JOIN annotators p ON p.id = n.annotator_id JOIN labels l ON l.id = n.label_id
        WHERE n.deleted_at IS NULL AND a.deleted_at IS NULL""").fetchall()
    con.close()
    articles = {}
    for article_id, title, text, analyst, label, start, end in rows:
        entry = articles.setdefault(article_id, (title, text, {}))
        entry[2].setdefault(analyst, []).append((label, start, end))
    return articles


def categories(text, spans, labels):
    """Per code point: the '+'-joined labels covering it, or 'none'."""
    sets = [set() for _ in text]
    for label, start, end in spans:
        if label in labels:
            for i in range(start, end):
                sets[i].add(label)
    return ["+".join(sorted(s)) or "none" for s in sets]


def kappa(a, b):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = cohen_kappa_score(a, b)
    return float(value)


def alpha(rows):
    """Krippendorff's alpha; rows are analysts' category lists with None for missing."""
    values = sorted({v for row in rows for v in row if v is not None})
    if len(values) < 2:
        return None
    code = {v: i for i, v in enumerate(values)}
    data = np.array([[np.nan if v is None else code[v] for v in row] for row in rows], dtype=float)
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def span_tally(a, b):
    """(|A|, |B|, exact matches, A's spans overlapped, B's spans overlapped), one label."""
    def hit(s, others):
        return any(o[1] < s[2] and s[1] < o[2] for o in others)
    a, b = set(a), set(b)
    return len(a), len(b), len(a & b), sum(hit(s, b) for s in a), sum(hit(s, a) for s in b)


def f1_from(tally):
    spans_a, spans_b, exact, a_hit, b_hit = tally
    if spans_a + spans_b == 0:
        return None, None
    f1_exact = 2 * exact / (spans_a + spans_b)
    if spans_a == 0 or spans_b == 0:
        return f1_exact, 0.0
    recall, precision = a_hit / spans_a, b_hit / spans_b
    overlap = 0.0 if recall + precision == 0 else 2 * precision * recall / (precision + recall)
    return f1_exact, overlap


def expected_rows(articles, article_ids, labels):
    """Reference figures keyed like Claimdesk's rows: (label or None, pair or None)."""
    out = {}
    for label in [None, *labels]:
        chosen = labels if label is None else [label]
        for a, b in itertools.combinations(ANALYSTS, 2):
            ya, yb, tally = [], [], [0, 0, 0, 0, 0]
            for aid in article_ids:
                _, text, spans = articles[aid]
                if a not in spans or b not in spans:
                    continue
                ya += categories(text, spans[a], chosen)
                yb += categories(text, spans[b], chosen)
                for lab in chosen:
                    sa = {s for s in spans[a] if s[0] == lab}
                    sb = {s for s in spans[b] if s[0] == lab}
                    for i, v in enumerate(span_tally(sa, sb)):
                        tally[i] += v
            if ya:
                f1e, f1o = f1_from(tally)
                out[(label, (a, b))] = {"cohen_kappa": kappa(ya, yb), "krippendorff_alpha": alpha([ya, yb]),
                                        "f1_exact": f1e, "f1_overlap": f1o}
        rows = [[] for _ in ANALYSTS]
        # For two analysts the pair's alpha says it all: the group row needs three.
        if max(sum(x in articles[aid][2] for x in ANALYSTS) for aid in article_ids) < 3:
            continue
        for aid in article_ids:
            _, text, spans = articles[aid]
            if sum(x in spans for x in ANALYSTS) < 2:
                continue
            for i, x in enumerate(ANALYSTS):
                rows[i] += categories(text, spans[x], chosen) if x in spans else [None] * len(text)
        if rows[0]:
            out[(label, None)] = {"krippendorff_alpha": alpha(rows)}
    return out


def compare(checks, report_rows, expected, scope):
    checks.close(float(len(report_rows)), float(len(expected)), f"{scope}: rows")
    for row in report_rows:
        label = row["label"]["name"] if row["label"] else None
        pair = (row["analyst_a"]["name"], row["analyst_b"]["name"]) if row["analyst_a"] else None
        want = expected.get((label, pair))
        if want is None:
            checks.failed.append(f"{scope} {label} {pair}: no reference row")
            continue
        for figure, value in want.items():
            checks.close(row[figure], value, f"{scope} {label or 'all labels'} {pair or 'all'} {figure}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cli", required=True)
    args = parser.parse_args()
    checks = Checks()
    rng = random.Random(20261201)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        files = build_files(rng, work, args.cli)
        team = work / "team.sqlite"
        run(args.cli, team, "merge", *map(str, files), "--into", str(team))
        report = json.loads(run(args.cli, team, "--json", "agreement", "--per-article"))
        articles = read_spans(team)
    labels = sorted({lab for _, _, spans in articles.values() for s in spans.values() for lab, _, _ in s},
                    key=str.lower)
    checks.close(float(len(articles)), float(report["articles"]), "articles compared")
    corpus = [r for r in report["rows"] if r["article_id"] is None]
    compare(checks, corpus, expected_rows(articles, list(articles), labels), "corpus")
    for aid in articles:
        rows = [r for r in report["rows"] if r["article_id"] == aid]
        compare(checks, rows, expected_rows(articles, [aid], labels), f"article {articles[aid][0]}")
    print(f"check_agreement: {checks.passed} passed ({checks.defined} defined figures), "
          f"{len(checks.failed)} failed")
    return 1 if checks.failed or checks.defined < 50 else 0


if __name__ == "__main__":
    sys.exit(main())
