//! The real window, timed: how long an article takes to open and paint, and how long tagging one
//! span takes from the key press to the committed, painted highlight, at several article sizes
//! (64 KB / 640 annotations to 4 MB / 40,000, one per 100 bytes; `CLAIMDESK_BENCH_ARTICLE_SIZES`,
//! e.g. `1M`, picks them). A benchmark, not a test: it prints figures (and writes them to
//! `target/bench-results/webview.json`) and never judges them; it exits non-zero only when
//! something could not be run.
//!
//! The app is driven exactly as the end-to-end tests drive it (tauri-driver, WebKitWebDriver, a
//! temporary database and XDG folders). The figures come from the UI's own User Timing measures:
//! `cd:open` (workbench mounted -> text and every highlight painted) and `cd:tag` (key handler ->
//! command committed -> highlight painted), each ended by a task queued from the animation frame
//! that paints the change, so it runs after that paint; plus the wall time seen
//! from the driver's side. For the 1 MB article it then prints where the time goes: the IPC
//! requests and long frames of one more open, each part of an open timed alone, and what the
//! rendering costs around the highlight ranges.
//!
//! Run under a display: `make bench`, or
//! `xvfb-run -a -s "-screen 0 1280x800x24" cargo bench --bench webview`.
//! `CLAIMDESK_BENCH_RUNS` (default 5) sets how many times the article is opened,
//! `CLAIMDESK_BENCH_TAGS` (default 20) how many spans are tagged.

#[allow(dead_code)]
#[path = "../../tests/e2e/harness.rs"]
mod harness;

#[path = "../window_main.rs"]
mod window_main;

#[path = "../../src-tauri/core/benches/common/mod.rs"]
mod fixture;

use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use fantoccini::Locator;
use serde_json::json;

use fixture::results::{load_average, Run};
use fixture::ArticleSize;
use harness::{launch, App, TestHome};

mod detail;
mod memory;
mod report;
mod scripts;

use memory::{find_app_pid, Memory};
use report::Report;
use scripts::*;

use window_main::Failure;

fn main() -> ExitCode {
    window_main::main_of("webview", "make bench", run)
}

async fn run() -> Result<(), Failure> {
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        return Err("no display: run it under Xvfb, as `make bench` does".into());
    }
    let runs = env_count("CLAIMDESK_BENCH_RUNS", 5)?;
    let tags = env_count("CLAIMDESK_BENCH_TAGS", 20)?;
    let sizes = fixture::sizes::from_env()?;
    let mut out = Run::start("webview");
    let mut notes = Vec::new();
    for size in sizes {
        let report = measure_size(size, runs, tags).await?;
        report.print(runs, tags);
        notes.push(report.keep(&mut out));
    }
    out.write(json!({ "sizes": notes }));
    Ok(())
}

/// A fresh app on a fresh copy of the fixture of `size`: opens, tags, and, for the 1 MB
/// article the README's figures are for, where the time goes.
async fn measure_size(size: ArticleSize, runs: usize, tags: usize) -> Result<Report, Failure> {
    let home = TestHome::new().with_analyst(fixture::ANALYST);
    let fixture = fixture::build_database(&home.db, size);
    eprintln!(
        "fixture {}: {} bytes of text, {} annotations, ready in {:.1} s",
        size.label(),
        fixture.text.len(),
        fixture.annotations,
        fixture.took.as_secs_f64()
    );
    let load_before = load_average();
    let mut app = launch(&home, &home.db).await;
    let measured = measure(&mut app, &home, &fixture, runs, tags).await;
    app.close().await;
    let report = measured?;
    println!(
        "Load average (1, 5, 15 min) before: {load_before:?}; after: {:?}. Other work on the machine inflates every figure.",
        load_average()
    );
    Ok(report)
}

async fn measure(
    app: &mut App,
    home: &TestHome,
    fixture: &fixture::Fixture,
    runs: usize,
    tags: usize,
) -> Result<Report, Failure> {
    let app_pid = find_app_pid(&home.db).ok_or("cannot find the claimdesk process")?;
    let (open_page, open_wall) = time_opens(app, runs).await?;
    let detail = if fixture.size == ArticleSize::ONE_MB {
        Some(detail::open_detail(app).await?)
    } else {
        None
    };
    let painted = app
        .client
        .execute(PAINTED, vec![])
        .await?
        .as_i64()
        .unwrap_or(-1);
    // Only the annotations in and near the blocks on screen are registered as highlights; none
    // at all would mean the open was not really measured.
    if painted <= 0 {
        return Err(format!(
            "no highlight of the {} annotations is painted: the bench did not measure an open",
            fixture.annotations
        )
        .into());
    }
    let memory_after_open = Memory::read(app_pid);
    save_screenshot(app, &format!("webview-open-{}", fixture.size.bytes)).await;
    let (tag_page, tag_wall) = time_tags(app, tags).await?;
    let memory_after_tags = Memory::read(app_pid);
    save_screenshot(app, &format!("webview-tagged-{}", fixture.size.bytes)).await;
    let live: i64 = harness::query_db(
        &home.db,
        "SELECT count(*) FROM annotations WHERE deleted_at IS NULL",
    );
    if live != (fixture.annotations + tags) as i64 {
        return Err(format!(
            "expected {} live annotations after tagging, the file has {live}",
            fixture.annotations + tags
        )
        .into());
    }
    let costs = match detail {
        Some(open) => Some(detail::costs(&app.client, fixture.article_id.as_str(), open).await?),
        None => None,
    };
    Ok(Report {
        size: fixture.size,
        open_page,
        open_wall,
        tag_page,
        tag_wall,
        painted,
        memory_after_open,
        memory_after_tags,
        detail: costs,
    })
}

/// Opening: a fresh page for every run (the first is the first open since the app started):
/// (in page, wall) ms of each.
async fn time_opens(app: &mut App, runs: usize) -> Result<(Vec<f64>, Vec<f64>), Failure> {
    let (mut open_page, mut open_wall) = (Vec::new(), Vec::new());
    for run in 0..runs {
        if run > 0 {
            app.client.refresh().await?;
        }
        let (page, wall) = open_article(app).await?;
        let phases = app.client.execute(OPEN_PHASES, vec![]).await?;
        eprintln!(
            "open {}: {page:.1} ms in page, {wall:.1} ms wall ({})",
            run + 1,
            phases.as_str().unwrap_or("")
        );
        open_page.push(page);
        open_wall.push(wall);
    }
    Ok((open_page, open_wall))
}

/// Tagging: two words on screen, then the label's key, as an analyst would: (in page, wall) ms.
async fn time_tags(app: &mut App, tags: usize) -> Result<(Vec<f64>, Vec<f64>), Failure> {
    let (mut tag_page, mut tag_wall) = (Vec::new(), Vec::new());
    for j in 0..tags {
        let seen = app
            .client
            .execute(SELECT_ON_SCREEN, vec![json!(j)])
            .await?
            .as_u64()
            .ok_or("nothing on screen to select in the reader")?;
        let began = Instant::now();
        app.client
            .find(Locator::Css("body"))
            .await?
            .send_keys("c")
            .await?;
        let page = app
            .client
            .execute_async(WAIT_FOR_MEASURE, vec![json!("cd:tag"), json!(seen)])
            .await?
            .as_f64()
            .ok_or("no cd:tag measure after pressing c: the UI did not record the tag")?;
        let wall = ms(began.elapsed());
        let phases = app.client.execute(TAG_PHASES, vec![]).await?;
        eprintln!(
            "tag {}: {page:.1} ms in page, {wall:.1} ms wall (saved at +{} ms, shown at +{} ms)",
            j + 1,
            phases[0],
            phases[1]
        );
        tag_page.push(page);
        tag_wall.push(wall);
        // Let the article list's refresh after a change finish, as it would between two tags.
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
    Ok((tag_page, tag_wall))
}

/// Click the article in the list and wait for the workbench's `cd:open` measure: (in page, wall) ms.
pub(crate) async fn open_article(app: &mut App) -> Result<(f64, f64), Failure> {
    let item = app.wait_for(ARTICLE_ITEM).await;
    let began = Instant::now();
    item.click().await?;
    let page = app
        .client
        .execute_async(WAIT_FOR_MEASURE, vec![json!("cd:open"), json!(0)])
        .await?
        .as_f64()
        .ok_or("no cd:open measure within 30 s of opening the article")?;
    Ok((page, ms(began.elapsed())))
}

/// A PNG of the window under `target/bench/`, after the page has painted; best effort.
async fn save_screenshot(app: &App, name: &str) {
    let painted = "const done = arguments[arguments.length - 1];
                   requestAnimationFrame(() => requestAnimationFrame(() => done(true)));";
    let _ = app.client.execute_async(painted, vec![]).await;
    let Ok(png) = app.client.screenshot().await else {
        return;
    };
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    if std::fs::create_dir_all(&dir).is_ok() {
        let _ = std::fs::write(dir.join(format!("{name}.png")), png);
    }
}

fn env_count(name: &str, default: usize) -> Result<usize, Failure> {
    match std::env::var(name) {
        Ok(value) => match value.trim().parse::<usize>() {
            Ok(n) if n > 0 => Ok(n),
            _ => Err(format!("{name} must be a whole number above 0, not {value:?}").into()),
        },
        Err(_) => Ok(default),
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
