//! The real window on the large corpus: how long the library takes to show its first page, and
//! whether the library and the annotation table keep up while they are scrolled. A benchmark,
//! not a test: it prints figures and never judges them; it exits non-zero only when something
//! could not be run.
//!
//! It opens the corpus that `make bench-corpus` builds (100,000 articles, 1,000,000 annotations,
//! in `target/bench-corpus/`; `CLAIMDESK_CORPUS_DB` names another file) in the app, driven as the
//! end-to-end tests drive it. The library's first page is read from the UI's `cd:library` User
//! Timing measure (mounted -> first page painted). Scrolling is timed from inside the page: the
//! list is scrolled by a fixed distance every animation frame for a few seconds, as a fast wheel
//! or a held arrow key would, and every frame's time is kept. A frame that comes more than 25 ms
//! after the one before (one and a half frames at 60 Hz) counts as dropped; the same run on an
//! idle page gives the floor this machine's renderer sets. Rows still waiting for their data
//! (shown as "…") are counted too.
//!
//! `CLAIMDESK_CORPUS_SIZES` (default 1000,10000,100000, as `make bench-corpus` builds them) or
//! `CLAIMDESK_CORPUS_ARTICLES=N` picks the corpora; `CLAIMDESK_CORPUS_DB` names one other file.
//! The figures are also written to `target/bench-results/corpus_window.json`.
//!
//! Run under a display: `make bench-corpus-window`, after `make bench-corpus`.

#[allow(dead_code)]
#[path = "../tests/e2e/harness.rs"]
mod harness;

#[path = "window_main.rs"]
mod window_main;

use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::{json, Value};

use harness::{launch, App, TestHome};

#[path = "../src-tauri/core/benches/common/results.rs"]
mod results;

use results::{Figure, Run};

use window_main::Failure;

/// Resolves with the duration of the newest measure `arguments[0]` once there are more than
/// `arguments[1]`, or null after 60 s.
const WAIT_FOR_MEASURE: &str = "
    const [name, seen, done] = arguments;
    const deadline = performance.now() + 60000;
    (function poll() {
      const entries = performance.getEntriesByName(name, 'measure');
      if (entries.length > seen) return done(entries[entries.length - 1].duration);
      if (performance.now() > deadline) return done(null);
      setTimeout(poll, 5);
    })();";

/// Scrolls the element `arguments[0]` by `arguments[1]` px per frame for `arguments[2]` ms and
/// reports the frames: count, dropped (> 25 ms apart), the longest gap, frames showing rows
/// still loading, and how far it got. With a step of 0 it measures the idle page.
const SCROLL_FRAMES: &str = "
    const [selector, step, duration, done] = arguments;
    const el = document.querySelector(selector);
    if (!el) return done(null);
    const gaps = []; let last = null; let loadingFrames = 0;
    const start = performance.now();
    function frame(t) { try { step_(t); } catch (e) { done({ error: String(e) }); } }
    function step_(t) {
      if (last !== null) gaps.push(t - last);
      last = t;
      const rows = [...el.querySelectorAll('.row.body')];
      const r = el.getBoundingClientRect();
      if (rows.some((row) => { const b = row.getBoundingClientRect();
            return b.bottom > r.top && b.top < r.bottom && row.querySelector('.muted'); })) loadingFrames++;
      if (t - start >= duration) {
        return done({ frames: gaps.length, dropped: gaps.filter((g) => g > 25).length,
          longest: Math.max(0, ...gaps), median: gaps.sort((a, b) => a - b)[gaps.length >> 1] ?? 0,
          loadingFrames, scrolled: el.scrollTop });
      }
      el.scrollTop += step;
      requestAnimationFrame(frame);
    }
    requestAnimationFrame(frame);";

/// Jumps the element `arguments[0]` to the fraction `arguments[1]` of its height and resolves
/// with the ms until no row in view is still loading (null after 30 s), and the first row's text.
const JUMP: &str = "
    const [selector, fraction, done] = arguments;
    const el = document.querySelector(selector);
    const began = performance.now();
    el.scrollTop = (el.scrollHeight - el.clientHeight) * fraction;
    (function poll() {
      const r = el.getBoundingClientRect();
      const inView = [...el.querySelectorAll('.row.body')].filter((row) => {
        const b = row.getBoundingClientRect(); return b.bottom > r.top && b.top < r.bottom; });
      if (inView.length > 0 && !inView.some((row) => row.querySelector('.muted'))) {
        return done({ ms: performance.now() - began, last: inView[inView.length - 1].getAttribute('aria-rowindex') });
      }
      if (performance.now() - began > 20000) {
        const rows = [...el.querySelectorAll('.row.body')];
        const shifted = el.querySelector('.shifted');
        return done({ stuck: { rows: rows.length, view: [r.top, r.bottom], scrollTop: el.scrollTop,
          scrollHeight: el.scrollHeight, transform: shifted && shifted.style.transform,
          firstRow: rows[0] && [rows[0].getAttribute('aria-rowindex'), rows[0].getBoundingClientRect().top],
          loading: rows.filter((row) => row.querySelector('.muted')).length } });
      }
      requestAnimationFrame(poll);
    })();";

/// A plain scrolling list laid over the list `arguments[0]`: 2,000 copies of its first row in
/// normal flow, no script per frame. Scrolling it gives what the renderer alone costs.
const STATIC_COPY: &str = "
    const table = document.querySelector(arguments[0]);
    const row = table.querySelector('.row.body');
    const r = table.getBoundingClientRect();
    const copy = document.createElement('div');
    copy.id = 'bench-static';
    copy.className = table.className;
    Object.assign(copy.style, { position: 'fixed', left: r.left + 'px', top: r.top + 'px',
      width: r.width + 'px', height: r.height + 'px', overflow: 'auto', zIndex: 50,
      background: getComputedStyle(document.body).backgroundColor });
    const html = row.outerHTML.replace(/style=\"[^\"]*\"/, 'style=\"position: static\"');
    copy.innerHTML = html.repeat(2000);
    document.body.appendChild(copy);
    return copy.children.length;";

fn main() -> ExitCode {
    window_main::main_of("corpus window", "make bench-corpus-window", run)
}

/// The corpora to open: (file, articles in it).
fn corpora() -> Result<Vec<(PathBuf, usize)>, Failure> {
    if let Some(path) = std::env::var_os("CLAIMDESK_CORPUS_DB").map(PathBuf::from) {
        let articles: i64 = harness::query_db(&path, "SELECT count(*) FROM articles");
        return Ok(vec![(path, articles as usize)]);
    }
    let spec = std::env::var("CLAIMDESK_CORPUS_ARTICLES")
        .or_else(|_| std::env::var("CLAIMDESK_CORPUS_SIZES"))
        .unwrap_or_else(|_| "1000,10000,100000".to_owned());
    let dir = results::target_dir().join("bench-corpus");
    let mut out = Vec::new();
    for size in spec.split(',').map(|n| n.trim().replace('_', "")) {
        let articles: usize = size
            .parse()
            .map_err(|_| format!("{size:?} is not a number of articles"))?;
        let path = dir.join(format!("corpus-{articles}.sqlite"));
        if !path.exists() {
            return Err(format!(
                "no corpus at {}: build it first with `make bench-corpus`",
                path.display()
            )
            .into());
        }
        out.push((path, articles));
    }
    Ok(out)
}

async fn run() -> Result<(), Failure> {
    if std::env::var_os("DISPLAY").is_none() {
        return Err("no display: run it under Xvfb, as `make bench-corpus-window` does".into());
    }
    let mut results = Run::start("corpus_window");
    for (corpus, articles) in corpora()? {
        measure_corpus(&mut results, &corpus, articles).await?;
    }
    results.write(json!({}));
    Ok(())
}

async fn measure_corpus(
    results: &mut Run,
    corpus: &std::path::Path,
    articles: usize,
) -> Result<(), Failure> {
    let home = TestHome::new().with_analyst("Bench");
    let mut app = launch(&home, corpus).await;
    let mut opens = Vec::new();
    for run in 0..5 {
        if run > 0 {
            app.client.refresh().await?;
        }
        let ms = app
            .client
            .execute_async(WAIT_FOR_MEASURE, vec![json!("cd:library"), json!(0)])
            .await?
            .as_f64()
            .ok_or("the library did not show its first page within 60 s")?;
        eprintln!("library open {}: {ms:.1} ms", run + 1);
        opens.push(ms);
    }
    app.wait_for("[data-testid=article-item] .title").await;
    let library = scroll_report(&app, "[data-testid=library-table]").await?;

    app.wait_for("[data-testid=tab-annotations]")
        .await
        .click()
        .await?;
    app.wait_for("[data-testid=table-row] .quote").await;
    let table = scroll_report(&app, "[data-testid=annotation-table]").await?;
    app.client
        .execute(STATIC_COPY, vec![json!("[data-testid=annotation-table]")])
        .await?;
    let floor = scroll_report(&app, "#bench-static").await?;
    app.client
        .execute("document.getElementById('bench-static').remove()", vec![])
        .await?;
    let mut jumps = Vec::new();
    for fraction in [0.5, 1.0, 0.25] {
        let jump = app
            .client
            .execute_async(
                JUMP,
                vec![json!("[data-testid=annotation-table]"), json!(fraction)],
            )
            .await?;
        jumps.push((fraction, jump));
    }
    app.close().await;
    let lists = [
        ("library", &library[..]),
        ("annotation table", &table[..]),
        ("plain list, same rows (renderer floor)", &floor[..]),
    ];
    print_report(articles, &opens, &lists, &jumps);
    keep_figures(results, articles, &opens, &lists, &jumps);
    Ok(())
}

/// The figures of one corpus, for the report.
fn keep_figures(
    results: &mut Run,
    articles: usize,
    opens: &[f64],
    lists: &[Scrolls<'_>],
    jumps: &[(f64, Value)],
) {
    let params = json!({ "articles": articles, "annotations": articles * 10 });
    let with = |extra: Value| {
        let mut p = params.clone();
        if let (Some(p), Some(extra)) = (p.as_object_mut(), extra.as_object()) {
            p.extend(extra.clone());
        }
        p
    };
    results.add(Figure::new(
        "library, first page painted (cd:library)",
        "ms",
        opens.to_vec(),
        params.clone(),
    ));
    results.add(Figure::new(
        "library, first page painted, first open after start",
        "ms",
        opens[..1].to_vec(),
        params.clone(),
    ));
    for (name, runs) in lists {
        for (step, f) in runs.iter().filter(|(step, _)| *step > 0) {
            let median = f["median"].as_f64().unwrap_or(0.0);
            let counts =
                json!({ "px_per_frame": step, "frames": f["frames"], "dropped": f["dropped"] });
            let figure = format!("scroll {name}, {step} px a frame, median frame");
            results.add(Figure::new(&figure, "ms", vec![median], with(counts)));
        }
    }
    for (fraction, jump) in jumps {
        if let Some(ms) = jump.get("ms").and_then(Value::as_f64) {
            let name = format!("annotation table, jump to {:.0}%", fraction * 100.0);
            results.add(Figure::new(&name, "ms", vec![ms], params.clone()));
        }
    }
}

/// Idle frames, then scrolling at two speeds.
async fn scroll_report(app: &App, selector: &str) -> Result<Vec<(u32, Value)>, Failure> {
    let mut out = Vec::new();
    for step in [0u32, 40, 400] {
        eprintln!("scrolling {selector} by {step} px a frame");
        let frames = app
            .client
            .execute_async(
                SCROLL_FRAMES,
                vec![json!(selector), json!(step), json!(3000)],
            )
            .await?;
        if frames.is_null() {
            return Err(format!("nothing to scroll at {selector}").into());
        }
        if let Some(error) = frames.get("error") {
            return Err(format!("scrolling {selector} failed in the page: {error}").into());
        }
        out.push((step, frames));
    }
    Ok(out)
}

type Scrolls<'a> = (&'a str, &'a [(u32, Value)]);

fn print_report(articles: usize, opens: &[f64], lists: &[Scrolls<'_>], jumps: &[(f64, Value)]) {
    let mut sorted = opens.to_vec();
    sorted.sort_by(f64::total_cmp);
    println!(
        "\n## Corpus in the window ({articles} articles, {} annotations)\n",
        articles * 10
    );
    println!(
        "Library, first page painted (`cd:library`, {} opens): median {:.0} ms, max {:.0} ms.\n",
        sorted.len(),
        sorted[sorted.len() / 2],
        sorted[sorted.len() - 1]
    );
    println!("| list | scrolled per frame | frames in 3 s | dropped (> 25 ms) | longest | median | frames with rows loading |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (name, runs) in lists {
        for (step, f) in runs.iter() {
            println!(
                "| {name} | {} | {} | {} | {:.0} ms | {:.1} ms | {} |",
                if *step == 0 {
                    "idle".to_owned()
                } else {
                    format!("{step} px")
                },
                f["frames"],
                f["dropped"],
                f["longest"].as_f64().unwrap_or(0.0),
                f["median"].as_f64().unwrap_or(0.0),
                // The copies are of whatever row came first, loaded or not.
                if name.starts_with("plain") {
                    "–".to_owned()
                } else {
                    f["loadingFrames"].to_string()
                }
            );
        }
    }
    println!();
    for (fraction, jump) in jumps {
        match jump.get("ms").and_then(Value::as_f64) {
            Some(ms) => println!(
                "Annotation table, jump to {:.0}% of the way: rows shown after {ms:.0} ms (last row in view: {}).",
                fraction * 100.0,
                jump["last"]
            ),
            None => println!(
                "Annotation table, jump to {:.0}%: rows still not shown after 20 s: {}.",
                fraction * 100.0,
                jump["stuck"]
            ),
        }
    }
}
