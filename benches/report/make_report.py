"""Writes benches/report/REPORT.md and its plots from the results every bench leaves in
target/bench-results/ (`make bench` runs it last): the goals, each bench's run (date, load
average, commit), how cost grows with article and corpus size, the export comparison, and a
table of every figure.

    .deps/bench-py/bin/python benches/report/make_report.py [--out benches/report]
"""

import argparse
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import plots  # noqa: E402
import results  # noqa: E402
from tables import by_size_table, figure_rows, fmt_params, fmt_value  # noqa: E402

# The goals: (bench, figure, stat, limit in ms, what it means). A goal holds for every size.
GOALS = [
    ("webview", "open (cd:open)", "median", 200, "open an article: mounted → painted"),
    ("webview", "tag (cd:tag)", "median", 50, "tag a span: key → committed → painted"),
    ("corpus_window", "library, first page painted (cd:library)", "median", 300,
     "library: first page painted"),
    ("corpus", "search, one word (50 words of all frequencies, 5 languages)", "p95", 50,
     "search, one word"),
    ("corpus", "search, two words", "p95", 50, "search, two words"),
    ("team_sync", "first sync: first analyst joins and pushes", "median", 30_000,
     "team sync: first sync of a file of 100,000 annotations (join, push)"),
    ("team_sync", "first sync: second analyst joins and pulls", "median", 30_000,
     "team sync: a teammate's first sync of those 100,000 annotations (join, pull)"),
    ("team_sync", "one change seen by a teammate", "p95", 2_000,
     "team sync: one change seen by a teammate (edit, sync, teammate syncs)"),
]
ORDER = ["webview", "startup", "store", "corpus", "corpus_window", "export", "html_import",
         "team", "team_sync"]
TITLES = {
    "webview": "The window: open and tag (`make bench-webview`)",
    "startup": "Start and memory at rest (`make bench-startup`)",
    "store": "The core, per article (`make bench-core`)",
    "corpus": "The corpus, core (`make bench-corpus`)",
    "corpus_window": "The corpus in the window (`make bench-corpus-window`)",
    "export": "CSV export against sqlite3 and pandas (`make bench-export`)",
    "html_import": "Import of HTML pages (`make bench-import`)",
    "team": "Team files: merge and agreement (`make bench-team`)",
    "team_sync": "Team sync with a PostgreSQL server (`make bench-sync`)",
}
EXPORT_TOOLS = ["claimdesk-cli export", "sqlite3 -csv", "pandas read_sql + to_csv"]


def goal_of(bench, name):
    return next((g for g in GOALS if g[0] == bench and g[1] == name), None)


def machine():
    """CPU model, cores, memory, system and WebKitGTK version: no paths, no host names."""
    def first(path, key):
        try:
            for line in Path(path).read_text().splitlines():
                if line.startswith(key):
                    return line.split(":", 1)[1].strip() if ":" in line else line.split("=", 1)[1]
        except OSError:
            pass
        return None
    cpu = first("/proc/cpuinfo", "model name") or platform.processor() or "unknown CPU"
    mem_kb = first("/proc/meminfo", "MemTotal")
    mem = f"{int(mem_kb.split()[0]) / 1024 ** 2:.0f} GiB" if mem_kb else "unknown memory"
    system = (first("/etc/os-release", "PRETTY_NAME") or platform.system()).strip('"')
    webkit = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "libwebkit2gtk-4.1-0"],
                            capture_output=True, text=True).stdout.split("-")[0]
    parts = [cpu, f"{os.cpu_count()} cores", mem, system]
    if webkit:
        parts.append(f"WebKitGTK {webkit} under Xvfb (software rendering)")
    return ", ".join(parts)


def load(values):
    return ", ".join(f"{v:.2f}" for v in values) if values else "?"


def runs_table(data):
    rows = ["| bench | started (UTC) | finished | load before (1, 5, 15 min) | load after | "
            "commit |", "| --- | --- | --- | --- | --- | --- |"]
    for bench in sorted(data, key=lambda b: data[b].get("started", "")):
        d = data[bench]
        rows.append(f"| {bench} | {d.get('started', '?')} | {d.get('finished', '?')} | "
                    f"{load(d.get('load_before'))} | {load(d.get('load_after'))} | "
                    f"{d.get('commit') or '?'} |")
    return rows


def goals_table(data):
    rows = ["| goal | measured on | stat | measured | goal | met | load (1 min) before, after |",
            "| --- | --- | --- | ---: | ---: | :---: | --- |"]
    for bench, name, stat, limit, what in GOALS:
        run = data.get(bench, {})
        during = f"{load(run.get('load_before', [])[:1])}, {load(run.get('load_after', [])[:1])}"
        for f in run.get("figures", []):
            if f["name"] != name:
                continue
            met = "yes" if f[stat] <= limit else "**no**"
            rows.append(f"| {what} | {fmt_params(f['params'])} | {stat} | "
                        f"{fmt_value(f[stat])} ms | ≤ {limit} ms | {met} | {during} |")
    return rows


def ordered(data):
    return [b for b in ORDER if b in data] + sorted(b for b in data if b not in ORDER)


def sections(data, out):
    lines = []
    if plots.article_size(data, out / "article_size.png"):
        lines += ["## Cost against article size", "",
                  "One annotation per 100 bytes at every size (the 1 MB article has 10,000). "
                  "Medians; the bands run from the fastest to the slowest run.", "",
                  "![cost against article size](article_size.png)", ""]
        lines += by_size_table(data, ["webview", "store"], "article_bytes") + [""]
    if plots.corpus_size(data, out / "corpus_size.png"):
        lines += ["## Cost against corpus size", "",
                  "Made-up articles of about 5 KB in five languages, 10 annotations each.", "",
                  "![cost against corpus size](corpus_size.png)", ""]
        lines += by_size_table(data, ["corpus", "corpus_window"], "articles") + [""]
    if plots.export(data, out / "export.png", EXPORT_TOOLS):
        notes = data["export"].get("notes", {})
        lines += ["## Export against sqlite3 and pandas", "",
                  "The same rows and columns as the export's CSV, in its order: "
                  "`claimdesk-cli export --format csv --profile raw` (whole command, opening "
                  f"and checking the file included), `sqlite3 -csv` {notes.get('sqlite3', '')} "
                  f"running the export's join, and pandas {notes.get('pandas', '')} `read_sql` + "
                  "`to_csv` in a fresh interpreter (its start and import included), each run "
                  f"{notes.get('runs', '?')} times in turn. Peak memory is each process's "
                  "VmHWM, sampled every 5 ms.", "",
                  "![export comparison](export.png)", ""]
    return lines


def all_figures(data):
    lines = ["## Every figure", ""]
    for bench in ordered(data):
        lines += [f"### {TITLES.get(bench, bench)}", ""]
        lines += figure_rows(data[bench]["figures"], lambda name, b=bench: goal_of(b, name))
        lines.append("")
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    args = parser.parse_args()
    data = results.read_all()
    if not data:
        sys.exit(f"no results in {results.results_dir()}: run the benches first (make bench)")
    args.out.mkdir(parents=True, exist_ok=True)
    commits = sorted({d.get("commit") or "?" for d in data.values()})
    lines = ["# Claimdesk benchmark report", "",
             f"Written by `make bench` on {time.strftime('%Y-%m-%d', time.gmtime())} from the "
             f"results of commit {', '.join(commits)} (`+`: with uncommitted changes).", "",
             f"Machine: {machine()}.", "",
             "Benchmarks never fail on a figure. Other work on the machine slows every figure "
             "down: read each one with the load average its bench ran under (below; on this "
             f"machine a load above {os.cpu_count()} means work was waiting for a core).", "",
             "## Goals", ""]
    lines += goals_table(data) + ["", "## Runs", ""] + runs_table(data) + [""]
    lines += sections(data, args.out)
    lines += all_figures(data)
    (args.out / "REPORT.md").write_text("\n".join(lines))
    for png in sorted(args.out.glob("*.png")):
        print(f"{png.name}: {png.stat().st_size / 1024:.0f} KB")
    print(f"report: {args.out / 'REPORT.md'}")


if __name__ == "__main__":
    main()
