//! The app's start and its memory at rest. A benchmark, not a test: it prints figures (and writes
//! them to `target/bench-results/startup.json`) and never judges them; it exits non-zero only
//! when something could not be run.
//!
//! Start time is from the app process's start (its start time in /proc, in the kernel's 10 ms
//! ticks) to the library's first page painted: the end of the UI's `cd:library` User Timing
//! measure, placed on the same clock through `performance.timeOrigin`. WebKit's first contentful
//! paint is printed beside it when WebKit reports one. Each start is in a fresh home (empty
//! database, fresh XDG folders), driven through tauri-driver as the end-to-end tests are.
//! Memory is the resident size of the app process and of its WebKit web process after the window
//! has been left alone (10 s): on an empty database, and with the 1 MB article open.
//!
//! Run under a display: `make bench-startup`. `CLAIMDESK_BENCH_STARTS` (default 5) sets how many
//! starts are timed, `CLAIMDESK_BENCH_IDLE_SECS` (default 10) how long the window rests.

#[allow(dead_code)]
#[path = "../tests/e2e/harness.rs"]
mod harness;

#[path = "window_main.rs"]
mod window_main;

#[path = "../src-tauri/core/benches/common/mod.rs"]
mod fixture;

#[allow(dead_code)]
#[path = "webview/memory.rs"]
mod memory;

use std::process::ExitCode;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};

use fixture::results::{Figure, Run, Stats};
use fixture::ArticleSize;
use harness::{launch, App, TestHome};
use memory::{find_app_pid, mb, Memory};

use window_main::Failure;

/// Resolves, once the library's first page has been painted, with that moment and WebKit's first
/// contentful paint (null when not reported) in ms since the epoch.
const PAINTED_AT: &str = "
    const done = arguments[arguments.length - 1];
    const deadline = performance.now() + 60000;
    (function poll() {
      const end = performance.getEntriesByName('cd:library:end', 'mark')[0];
      if (end || performance.now() > deadline) {
        const fcp = performance.getEntriesByType('paint').find((p) => p.name === 'first-contentful-paint');
        return done({ library: end ? performance.timeOrigin + end.startTime : null,
                      fcp: fcp ? performance.timeOrigin + fcp.startTime : null });
      }
      setTimeout(poll, 5);
    })();";

/// Opens the first article and resolves once its `cd:open` measure exists (false after 60 s).
const OPEN_FIRST: &str = "
    const done = arguments[arguments.length - 1];
    document.querySelector('[data-testid=article-item] .title').click();
    const deadline = performance.now() + 60000;
    (function poll() {
      if (performance.getEntriesByName('cd:open', 'measure').length > 0) return done(true);
      if (performance.now() > deadline) return done(false);
      setTimeout(poll, 5);
    })();";

fn main() -> ExitCode {
    window_main::main_of("startup", "make bench-startup", run)
}

async fn run() -> Result<(), Failure> {
    if std::env::var_os("DISPLAY").is_none() {
        return Err("no display: run it under Xvfb, as `make bench-startup` does".into());
    }
    let starts = env_number("CLAIMDESK_BENCH_STARTS", 5)?;
    let idle = Duration::from_secs(env_number("CLAIMDESK_BENCH_IDLE_SECS", 10)? as u64);
    let mut out = Run::start("startup");
    let (mut library, mut fcp) = (Vec::new(), Vec::new());
    let mut empty_idle = Memory::default();
    for i in 0..starts {
        let home = TestHome::new().with_analyst(fixture::ANALYST);
        let app = launch(&home, &home.db).await;
        let (to_library, to_fcp) = start_times(&app, &home).await?;
        eprintln!(
            "start {}: first page painted after {to_library:.0} ms",
            i + 1
        );
        library.push(to_library);
        fcp.extend(to_fcp);
        // The last start's window rests, for its memory on an empty database.
        if i + 1 == starts {
            tokio::time::sleep(idle).await;
            let pid = find_app_pid(&home.db).ok_or("cannot find the claimdesk process")?;
            empty_idle = Memory::read(pid);
        }
        app.close().await;
    }
    let article = article_idle(idle).await?;
    let idle_s = json!({ "idle_s": idle.as_secs() });
    out.add(Figure::new(
        "start to first page painted, empty database",
        "ms",
        library.clone(),
        json!({}),
    ));
    if !fcp.is_empty() {
        let name = "start to first contentful paint, empty database";
        out.add(Figure::new(name, "ms", fcp.clone(), json!({})));
    }
    keep_memory(
        &mut out,
        "idle, empty database",
        &empty_idle,
        idle_s.clone(),
    );
    let mut params = ArticleSize::ONE_MB.params();
    params["idle_s"] = idle_s["idle_s"].clone();
    keep_memory(&mut out, "idle, 1 MB article open", &article, params);
    print_report(&library, &fcp, &empty_idle, &article, idle);
    out.write(json!({ "starts": starts }));
    Ok(())
}

/// The app on the 1 MB fixture, with the article open and the window left alone for `idle`.
async fn article_idle(idle: Duration) -> Result<Memory, Failure> {
    let home = TestHome::new().with_analyst(fixture::ANALYST);
    fixture::build_database(&home.db, ArticleSize::ONE_MB);
    let mut app = launch(&home, &home.db).await;
    app.wait_for("[data-testid=article-item] .title").await;
    let opened = app.client.execute_async(OPEN_FIRST, vec![]).await?;
    if opened != json!(true) {
        app.close().await;
        return Err("the 1 MB article did not open within 60 s".into());
    }
    tokio::time::sleep(idle).await;
    let memory = find_app_pid(&home.db).map(Memory::read);
    app.close().await;
    memory.ok_or_else(|| "cannot find the claimdesk process".into())
}

/// (ms from the process's start to the library's first page painted, to the first contentful
/// paint if WebKit reports it).
async fn start_times(app: &App, home: &TestHome) -> Result<(f64, Option<f64>), Failure> {
    let painted = app.client.execute_async(PAINTED_AT, vec![]).await?;
    let library = painted["library"]
        .as_f64()
        .ok_or("no cd:library measure within 60 s of the start")?;
    let pid = find_app_pid(&home.db).ok_or("cannot find the claimdesk process")?;
    let started = process_start_ms(pid).ok_or("cannot read the process's start time")?;
    Ok((
        library - started,
        painted["fcp"].as_f64().map(|fcp| fcp - started),
    ))
}

/// When process `pid` started, in ms since the epoch: its age is the system's uptime less its
/// start time since boot, both on the boot clock, in 10 ms ticks (USER_HZ is 100 on Linux).
fn process_start_ms(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after_name = stat.get(stat.rfind(')')? + 2..)?;
    // Field 22 of stat, the 20th after the name: start time in clock ticks since boot.
    let ticks: f64 = after_name.split(' ').nth(19)?.parse().ok()?;
    let uptime: f64 = std::fs::read_to_string("/proc/uptime")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    let now = SystemTime::now().duration_since(UNIX_EPOCH).ok()?;
    Some(now.as_secs_f64() * 1e3 - (uptime - ticks / 100.0) * 1e3)
}

fn keep_memory(out: &mut Run, when: &str, memory: &Memory, params: Value) {
    for (process, kb) in [
        ("app process", memory.app_rss_kb),
        ("web process", memory.web_rss_kb),
        ("both", memory.app_rss_kb + memory.web_rss_kb),
    ] {
        let name = format!("memory {when}, {process}");
        out.add(Figure::new(&name, "MB", vec![mb(kb)], params.clone()));
    }
}

fn print_report(library: &[f64], fcp: &[f64], empty: &Memory, article: &Memory, idle: Duration) {
    println!("\n## Start and memory at rest\n");
    println!("| measure | n | median | p95 | max |\n| --- | ---: | ---: | ---: | ---: |");
    for (what, xs) in [
        ("process start -> library's first page painted", library),
        ("process start -> first contentful paint", fcp),
    ] {
        if !xs.is_empty() {
            let s = Stats::of(xs);
            println!(
                "| {what} | {} | {:.0} ms | {:.0} ms | {:.0} ms |",
                xs.len(),
                s.median,
                s.p95,
                s.max
            );
        }
    }
    println!("\nResident memory after {} s at rest:", idle.as_secs());
    for (when, m) in [("empty database", empty), ("1 MB article open", article)] {
        println!(
            "- {when}: app process {:.0} MB, WebKit web process {:.0} MB",
            mb(m.app_rss_kb),
            mb(m.web_rss_kb)
        );
    }
}

fn env_number(name: &str, default: usize) -> Result<usize, Failure> {
    match std::env::var(name) {
        Ok(value) => match value.trim().parse::<usize>() {
            Ok(n) if n > 0 => Ok(n),
            _ => Err(format!("{name} must be a whole number above 0, not {value:?}").into()),
        },
        Err(_) => Ok(default),
    }
}
