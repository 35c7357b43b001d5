//! Machine-readable results: every bench writes its figures to
//! `target/bench-results/<bench>.json` (name, unit, median, p95, max, n, parameters such as the
//! article or corpus size), with the date, the commit and the load average before and after, so
//! `benches/report/make_report.py` can put every bench in one report. Figures measured while
//! other work shares the machine are only comparable with the load average beside them.
//!
//! Included as a module by the core's benches and by the window benches at the root.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{json, Value};

/// One measured quantity: every sample, its unit, and what it was measured on.
pub struct Figure {
    pub name: String,
    pub unit: &'static str,
    pub samples: Vec<f64>,
    pub params: Value,
}

impl Figure {
    pub fn new(name: &str, unit: &'static str, samples: Vec<f64>, params: Value) -> Figure {
        Figure {
            name: name.to_owned(),
            unit,
            samples,
            params,
        }
    }

    /// Durations in milliseconds.
    pub fn ms(name: &str, samples: &[Duration], params: Value) -> Figure {
        let samples = samples.iter().map(|d| d.as_secs_f64() * 1e3).collect();
        Figure::new(name, "ms", samples, params)
    }

    fn to_json(&self) -> Value {
        let stats = Stats::of(&self.samples);
        json!({
            "name": self.name,
            "unit": self.unit,
            "n": self.samples.len(),
            "median": stats.median,
            "p95": stats.p95,
            "min": stats.min,
            "max": stats.max,
            "params": self.params,
            "samples": self.samples,
        })
    }
}

/// Median, 95th percentile (nearest rank), minimum and maximum of some samples.
#[derive(Clone, Copy, Debug, Default)]
pub struct Stats {
    pub median: f64,
    pub p95: f64,
    pub min: f64,
    pub max: f64,
}

impl Stats {
    pub fn of(samples: &[f64]) -> Stats {
        let mut sorted = samples.to_vec();
        sorted.sort_by(f64::total_cmp);
        let n = sorted.len();
        if n == 0 {
            return Stats::default();
        }
        let rank = |p: f64| sorted[((p * n as f64).ceil() as usize).clamp(1, n) - 1];
        let median = if n % 2 == 1 {
            sorted[n / 2]
        } else {
            (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
        };
        Stats {
            median,
            p95: rank(0.95),
            min: sorted[0],
            max: sorted[n - 1],
        }
    }
}

/// One bench's run: started when created, written by [`Run::write`].
pub struct Run {
    bench: String,
    started: String,
    load_before: Vec<f64>,
    pub figures: Vec<Figure>,
}

impl Run {
    pub fn start(bench: &str) -> Run {
        Run {
            bench: bench.to_owned(),
            started: now(),
            load_before: load_average(),
            figures: Vec::new(),
        }
    }

    pub fn add(&mut self, figure: Figure) {
        self.figures.push(figure);
    }

    /// Write `target/bench-results/<bench>.json`, with `notes` (anything else worth keeping,
    /// such as the fixture's size); a failure to write is reported, never fatal. A run that
    /// measured nothing (every benchmark filtered out) leaves the last results as they were.
    pub fn write(&self, notes: Value) {
        if self.figures.is_empty() {
            eprintln!(
                "results: nothing measured, {}.json left as it was",
                self.bench
            );
            return;
        }
        let out = json!({
            "bench": self.bench,
            "started": self.started,
            "finished": now(),
            "load_before": self.load_before,
            "load_after": load_average(),
            "commit": commit(),
            "notes": notes,
            "figures": self.figures.iter().map(Figure::to_json).collect::<Vec<_>>(),
        });
        let dir = target_dir().join("bench-results");
        let path = dir.join(format!("{}.json", self.bench));
        let written = std::fs::create_dir_all(&dir).and_then(|()| {
            std::fs::write(&path, serde_json::to_vec_pretty(&out).unwrap_or_default())
        });
        match written {
            Ok(()) => eprintln!("results: {}", path.display()),
            Err(e) => eprintln!("results: cannot write {}: {e}", path.display()),
        }
    }
}

/// The workspace's target folder: `CARGO_TARGET_DIR` when set, else `target/` beside the
/// workspace's Cargo.lock above the bench's crate.
pub fn target_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(dir);
    }
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    crate_dir
        .ancestors()
        .find(|dir| dir.join("Cargo.lock").exists())
        .unwrap_or(crate_dir)
        .join("target")
}

/// /proc/loadavg's 1, 5 and 15 minute figures (empty where there is no /proc).
pub fn load_average() -> Vec<f64> {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| {
            l.split_whitespace()
                .take(3)
                .filter_map(|f| f.parse().ok())
                .collect()
        })
        .unwrap_or_default()
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The commit the bench was built from, `+` when the work tree had changes; null without git.
fn commit() -> Value {
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
    };
    match git(&["rev-parse", "--short", "HEAD"]) {
        Some(head) => {
            let dirty = git(&["status", "--porcelain", "--untracked-files=no"])
                .is_some_and(|s| !s.is_empty());
            Value::String(if dirty { format!("{head}+") } else { head })
        }
        None => Value::Null,
    }
}

/// Per-iteration times in ms of a criterion benchmark run since `since`, read from
/// `target/criterion/**/new/sample.json` (criterion keeps no percentiles of its own). None when
/// it did not run (filtered out) or left no files.
pub fn criterion_samples(full_id: &str, since: std::time::SystemTime) -> Option<Vec<f64>> {
    let root = std::env::var_os("CRITERION_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| target_dir().join("criterion"));
    let dir = find_benchmark(&root, full_id, 4)?;
    let sample = dir.join("sample.json");
    let fresh = std::fs::metadata(&sample)
        .and_then(|m| m.modified())
        .is_ok_and(|t| t >= since);
    if !fresh {
        return None;
    }
    let data: Value = serde_json::from_slice(&std::fs::read(sample).ok()?).ok()?;
    let iters = data["iters"].as_array()?;
    let times = data["times"].as_array()?;
    Some(
        iters
            .iter()
            .zip(times)
            .filter_map(|(i, t)| Some(t.as_f64()? / i.as_f64()? / 1e6))
            .collect(),
    )
}

/// The `new/` folder whose benchmark.json names `full_id`, searched `depth` levels down.
fn find_benchmark(dir: &Path, full_id: &str, depth: usize) -> Option<PathBuf> {
    let new = dir.join("new");
    let id = std::fs::read(new.join("benchmark.json"))
        .ok()
        .and_then(|b| serde_json::from_slice::<Value>(&b).ok());
    if id.is_some_and(|v| v["full_id"] == full_id) {
        return Some(new);
    }
    if depth == 0 {
        return None;
    }
    std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()) && e.file_name() != "report")
        .find_map(|e| find_benchmark(&e.path(), full_id, depth - 1))
}
