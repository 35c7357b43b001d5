"""Benchmark results as the Rust benches write them (src-tauri/core/benches/common/results.rs):
one JSON file per bench in target/bench-results/, with each figure's samples, median, p95
(nearest rank), min and max, its parameters, and the load average before and after."""

import json
import math
import os
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def target_dir() -> Path:
    return Path(os.environ.get("CARGO_TARGET_DIR") or ROOT / "target")


def results_dir() -> Path:
    return target_dir() / "bench-results"


def stats(samples):
    """Median, p95 (nearest rank), min and max, as the Rust side computes them."""
    xs = sorted(samples)
    n = len(xs)
    if n == 0:
        return {"median": 0.0, "p95": 0.0, "min": 0.0, "max": 0.0}
    median = xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2
    p95 = xs[min(max(math.ceil(0.95 * n), 1), n) - 1]
    return {"median": median, "p95": p95, "min": xs[0], "max": xs[-1]}


def figure(name, unit, samples, params):
    return {"name": name, "unit": unit, "n": len(samples), **stats(samples),
            "params": params, "samples": list(samples)}


def load_average():
    try:
        return [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]
    except OSError:
        return []


def now():
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def commit():
    """The short commit, with + when tracked files have changes; None without git."""
    def git(*args):
        out = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
        return out.stdout.strip() if out.returncode == 0 else None
    head = git("rev-parse", "--short", "HEAD")
    if head is None:
        return None
    return head + "+" if git("status", "--porcelain", "--untracked-files=no") else head


class Run:
    """One bench's run, written to target/bench-results/<bench>.json by write()."""

    def __init__(self, bench):
        self.bench = bench
        self.started = now()
        self.load_before = load_average()
        self.figures = []

    def add(self, name, unit, samples, params):
        self.figures.append(figure(name, unit, samples, params))

    def write(self, notes=None):
        out = {"bench": self.bench, "started": self.started, "finished": now(),
               "load_before": self.load_before, "load_after": load_average(),
               "commit": commit(), "notes": notes or {}, "figures": self.figures}
        results_dir().mkdir(parents=True, exist_ok=True)
        path = results_dir() / f"{self.bench}.json"
        path.write_text(json.dumps(out, indent=2, ensure_ascii=False))
        print(f"results: {path}")


def read_all():
    """Every bench's results, by bench name."""
    out = {}
    for path in sorted(results_dir().glob("*.json")):
        try:
            data = json.loads(path.read_text())
        except (OSError, ValueError) as e:
            print(f"skipping {path.name}: {e}")
            continue
        out[data.get("bench", path.stem)] = data
    return out
