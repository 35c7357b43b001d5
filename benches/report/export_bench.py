"""Our CSV export against the usual alternatives, on the corpora `make bench-corpus` builds
(1,000 / 10,000 / 100,000 articles with 10 annotations each): `claimdesk-cli export --format
csv --profile raw`, `sqlite3 -csv` running the same join as the export, and pandas `read_sql` +
`to_csv` with that query. Each is timed as the whole command a person would run (the pandas
script's interpreter start and import included; its read and write are also timed inside), with
its peak resident memory (VmHWM, sampled from /proc every 5 ms). The tools take turns, so load
that comes and goes hits all three. A benchmark: it writes target/bench-results/export.json and
never judges the figures; it stops only when a tool fails or writes a different number of rows.

    python benches/report/export_bench.py --cli target/release/claimdesk-cli [--sizes 1000,10000]
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import results  # noqa: E402

# The rows and columns the CSV export writes (src-tauri/core/src/interchange/records.rs and
# csv_export.rs), in its order: live annotations of live articles.
QUERY = """
SELECT n.id AS annotation_id, a.id AS article_id, a.title, a.url, a.outlet, a.published,
  a.language, a.text_sha256, l.name AS label, n.exact, n.start, n."end", n.prefix, n.suffix,
  n.speaker, n.figure_value AS value, n.currency, n.unit, n.qualifier, n.verdict, n.note,
  (SELECT group_concat(tag, '; ') FROM (SELECT t.tag FROM annotation_tags t
     WHERE t.annotation_id = n.id ORDER BY t.position)) AS tags,
  p.name AS annotator, n.created_at AS created, n.updated_at AS updated, n.review_state,
  r.name AS reviewer
FROM annotations n JOIN articles a ON a.id = n.article_id JOIN labels l ON l.id = n.label_id
  JOIN annotators p ON p.id = n.annotator_id LEFT JOIN annotators r ON r.id = n.reviewer_id
WHERE a.rowid NOT IN (SELECT rowid FROM articles WHERE deleted_at IS NOT NULL)
  AND n.deleted_at IS NULL
ORDER BY n.article_id, n.start, n."end" DESC, n.id
"""

# Run in a fresh interpreter, so its start and pandas' import count as they would for a person.
PANDAS = """
import json, sqlite3, sys, time
import pandas as pd
db, out, query = sys.argv[1], sys.argv[2], sys.stdin.read()
t0 = time.perf_counter()
frame = pd.read_sql(query, sqlite3.connect(f"file:{db}?mode=ro", uri=True))
t1 = time.perf_counter()
frame.to_csv(out, index=False)
t2 = time.perf_counter()
print(json.dumps({"rows": len(frame), "read_s": t1 - t0, "write_s": t2 - t1}))
"""

TOOLS = ["claimdesk-cli export", "sqlite3 -csv", "pandas read_sql + to_csv"]


def peak_of(pid, peaks, stop):
    """Keep the largest VmHWM of process `pid` until `stop` is set. /proc shows the peak of the
    memory the process has had since it started its program, which getrusage does not: Linux
    adds the launcher's own peak into a child's ru_maxrss."""
    path = f"/proc/{pid}/status"
    while not stop.is_set():
        try:
            for line in Path(path).read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(int(line.split()[1]) / 1024)
        except OSError:
            return
        stop.wait(0.005)


def run_measured(argv, stdin=None, stdout_path=None):
    """Run argv: (seconds, peak resident MB, stdout text). The peak is sampled every 5 ms, so a
    spike in the last few ms could be missed. Standard error goes to a file so that neither pipe
    can fill up and stall the child."""
    sink = open(stdout_path, "wb") if stdout_path else subprocess.PIPE
    with tempfile.TemporaryFile() as errors:
        began = time.perf_counter()
        child = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=sink, stderr=errors)
        peaks, stop = [0.0], threading.Event()
        watcher = threading.Thread(target=peak_of, args=(child.pid, peaks, stop))
        watcher.start()
        child.stdin.write((stdin or "").encode())
        child.stdin.close()
        out = b"" if stdout_path else child.stdout.read()
        child.wait()
        seconds = time.perf_counter() - began
        stop.set()
        watcher.join()
        if stdout_path:
            sink.close()
        if child.returncode != 0:
            errors.seek(0)
            message = errors.read().decode(errors="replace")[:2000]
            sys.exit(f"{argv[0]} failed ({child.returncode}): {message}")
    return seconds, max(peaks), out.decode(errors="replace")


def export_once(tool, db, out, cli):
    """One export by `tool` into `out`: (seconds, peak MB, rows, details)."""
    if tool == TOOLS[0]:
        argv = [cli, "--db", str(db), "--json", "export", "--format", "csv", "--profile", "raw",
                "-o", str(out)]
        seconds, peak, text = run_measured(argv)
        summary = json.loads(text)
        return seconds, peak, summary["annotations"], {"inside_s": summary["elapsed_ms"] / 1e3}
    if tool == TOOLS[1]:
        argv = ["sqlite3", "-readonly", "-csv", "-header", str(db)]
        seconds, peak, _ = run_measured(argv, stdin=QUERY, stdout_path=out)
        return seconds, peak, None, {}
    argv = [sys.executable, "-c", PANDAS, str(db), str(out)]
    seconds, peak, text = run_measured(argv, stdin=QUERY)
    inside = json.loads(text)
    return seconds, peak, inside["rows"], {"read_s": inside["read_s"],
                                            "write_s": inside["write_s"]}


def csv_rows(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return sum(1 for _ in csv.reader(f)) - 1


def warm(db):
    """Read the file once so the first tool does not pay for the disk alone."""
    with open(db, "rb") as f:
        while f.read(1 << 20):
            pass


def bench_size(run, articles, runs, cli, scratch):
    db = results.target_dir() / "bench-corpus" / f"corpus-{articles}.sqlite"
    if not db.exists():
        sys.exit(f"no corpus at {db}: build it first with `make bench-corpus`")
    warm(db)
    times = {t: [] for t in TOOLS}
    peaks = {t: [] for t in TOOLS}
    extra = {}
    rows = {}
    for i in range(runs):
        for tool in TOOLS:
            out = scratch / f"{TOOLS.index(tool)}.csv"
            seconds, peak, count, details = export_once(tool, db, out, cli)
            if i == 0:
                rows[tool] = count if count is not None else csv_rows(out)
                rows[tool + " bytes"] = out.stat().st_size
            times[tool].append(seconds)
            peaks[tool].append(peak)
            for key, value in details.items():
                extra.setdefault((tool, key), []).append(value)
            out.unlink()
            print(f"{articles} articles, run {i + 1}: {tool} {seconds:.2f} s, {peak:.0f} MB")
    counts = {rows[t] for t in TOOLS}
    if len(counts) != 1:
        sys.exit(f"the tools wrote different numbers of rows: {rows}")
    params = {"articles": articles, "annotations": counts.pop()}
    for tool in TOOLS:
        run.add(tool, "s", times[tool], {**params, "csv_bytes": rows[tool + " bytes"]})
        run.add(f"peak memory, {tool}", "MB", peaks[tool], params)
    names = {"inside_s": "claimdesk-cli export, inside the command (after opening the file)",
             "read_s": "pandas read_sql alone", "write_s": "pandas to_csv alone"}
    for (tool, key), samples in extra.items():
        run.add(names[key], "s", samples, params)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cli", required=True, help="the claimdesk-cli binary (release build)")
    parser.add_argument("--sizes", default=os.environ.get("CLAIMDESK_CORPUS_SIZES",
                                                          "1000,10000,100000"))
    parser.add_argument("--runs", type=int, default=int(os.environ.get("CLAIMDESK_EXPORT_RUNS",
                                                                       "3")))
    args = parser.parse_args()
    run = results.Run("export")
    scratch = results.target_dir() / "bench-export"
    scratch.mkdir(parents=True, exist_ok=True)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    for articles in sizes:
        bench_size(run, articles, args.runs, args.cli, scratch)
    version = subprocess.run(["sqlite3", "--version"], capture_output=True, text=True)
    pandas = subprocess.run([sys.executable, "-c", "import pandas; print(pandas.__version__)"],
                            capture_output=True, text=True)
    run.write({"sqlite3": version.stdout.split(" ")[0], "pandas": pandas.stdout.strip(),
               "runs": args.runs})


if __name__ == "__main__":
    main()
