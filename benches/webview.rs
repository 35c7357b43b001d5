//! The real window, timed: how long a 1 MB article with 10,000 annotations takes to open and
//! paint, and how long tagging one span takes from the key press to the committed, painted
//! highlight. A benchmark, not a test: it prints figures and never judges them; it exits non-zero
//! only when something could not be run.
//!
//! The app is driven exactly as the end-to-end tests drive it (tauri-driver, WebKitWebDriver, a
//! temporary database and XDG folders). The figures come from the UI's own User Timing measures:
//! `cd:open` (workbench mounted -> text and every highlight painted) and `cd:tag` (key handler ->
//! command committed -> highlight painted), each ended by a task queued from the animation frame
//! that paints the change, so it runs after that paint; plus the wall time seen
//! from the driver's side. After the timed runs it prints where the time goes: the IPC requests
//! and long frames of one more open, each part of an open timed alone, and what the rendering
//! costs around the highlight ranges.
//!
//! Run under a display: `make bench`, or
//! `xvfb-run -a -s "-screen 0 1280x800x24" cargo bench --bench webview`.
//! `CLAIMDESK_BENCH_RUNS` (default 5) sets how many times the article is opened,
//! `CLAIMDESK_BENCH_TAGS` (default 20) how many spans are tagged.

#[allow(dead_code)]
#[path = "../tests/e2e/harness.rs"]
mod harness;

#[path = "../src-tauri/core/benches/common/mod.rs"]
mod fixture;

use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use fantoccini::Locator;
use serde_json::{json, Value};

use harness::{launch, App, TestHome};

type Failure = Box<dyn std::error::Error>;

/// The article's row in the library, once its title has loaded (rows load lazily).
const ARTICLE_ITEM: &str = "[data-testid=article-item] .title";

/// Resolves with the duration of the newest User Timing measure `arguments[0]` once there are more
/// than `arguments[1]` of them, or with null after 30 s. Polls inside the page, so one WebDriver
/// round trip covers the whole wait.
const WAIT_FOR_MEASURE: &str = "
    const [name, seen, done] = arguments;
    const deadline = performance.now() + 30000;
    (function poll() {
      const entries = performance.getEntriesByName(name, 'measure');
      if (entries.length > seen) return done(entries[entries.length - 1].duration);
      if (performance.now() > deadline) return done(null);
      setTimeout(poll, 1);
    })();";

/// Selects two words in a block of the reader that is on screen, as a mouse drag would, and
/// returns how many `cd:tag` measures exist so far (or null if nothing could be selected).
const SELECT_ON_SCREEN: &str = "
    const j = arguments[0];
    const reader = document.querySelector('[data-testid=reader-text]');
    if (!reader) return null;
    const view = reader.closest('.main').getBoundingClientRect();
    const blocks = [...reader.querySelectorAll('.block')].filter((b) => {
      const r = b.getBoundingClientRect();
      return r.top >= view.top && r.top < view.bottom - 40;
    });
    if (blocks.length === 0) return null;
    const node = blocks[j % blocks.length].firstChild;
    const words = [...node.data.matchAll(/[\\p{L}\\p{N}]+/gu)];
    if (words.length < 2) return null;
    const w = (3 * j + 1) % (words.length - 1);
    const start = words[w].index;
    const end = words[w + 1].index + words[w + 1][0].length;
    getSelection().setBaseAndExtent(node, start, node, end);
    return performance.getEntriesByName('cd:tag', 'measure').length;";

/// The newest open's phases (User Timing marks `cd:open:*`), in ms from its start.
const OPEN_PHASES: &str = "
    const start = performance.getEntriesByName('cd:open:start', 'mark').pop()?.startTime ?? 0;
    return performance.getEntriesByType('mark')
      .filter((m) => m.name.startsWith('cd:open:') && m.name !== 'cd:open:start' && m.startTime >= start)
      .map((m) => `${m.name.slice(8)} +${Math.round(m.startTime - start)}`).join(', ');";

/// When the newest tag's save returned and its view was updated, in ms from its key press.
const TAG_PHASES: &str = "
    const at = (name) => performance.getEntriesByName(name, 'mark').pop()?.startTime ?? NaN;
    const start = at('cd:tag:start');
    return [Math.round(at('cd:tag:saved') - start), Math.round(at('cd:tag:shown') - start)];";

/// Labels painted by the highlight layer, counted over every label's Highlight.
const PAINTED: &str = "
    return [...CSS.highlights.keys()].filter((k) => k.startsWith('cd-label-'))
      .reduce((n, k) => n + CSS.highlights.get(k).size, 0);";

fn main() -> ExitCode {
    // `cargo bench` passes --bench; anything else (`cargo test --benches`) must not open windows.
    if !std::env::args().any(|a| a == "--bench") {
        println!("webview bench skipped: run it with `make bench`");
        return ExitCode::SUCCESS;
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("webview bench: no async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("webview bench failed: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Failure> {
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        return Err("no display: run it under Xvfb, as `make bench` does".into());
    }
    let runs = env_count("CLAIMDESK_BENCH_RUNS", 5)?;
    let tags = env_count("CLAIMDESK_BENCH_TAGS", 20)?;

    let home = TestHome::new().with_analyst("Bench");
    let fixture = fixture::build_database(&home.db, "Bench");
    eprintln!(
        "fixture: {} bytes of text, {} annotations, built in {:.1} s",
        fixture.text.len(),
        fixture.annotations,
        fixture.took.as_secs_f64()
    );

    let load_before = load_average();
    let mut app = launch(&home, &home.db).await;
    let measured = measure(&mut app, &home, &fixture, runs, tags).await;
    app.close().await;
    let report = measured?;
    report.print(runs, tags);
    println!(
        "Load average (1, 5, 15 min) before: {load_before}; after: {}. Other work on the machine inflates every figure.",
        load_average()
    );
    Ok(())
}

/// /proc/loadavg's first three fields.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".to_owned())
}

/// Everything measured in one bench run.
struct Report {
    open_page: Vec<f64>,
    open_wall: Vec<f64>,
    tag_page: Vec<f64>,
    tag_wall: Vec<f64>,
    painted: i64,
    memory_after_open: Memory,
    memory_after_tags: Memory,
    js_heap: Value,
    open_detail: Value,
    page_costs: Value,
    paint_costs: Value,
    interaction_costs: Value,
}

async fn measure(
    app: &mut App,
    home: &TestHome,
    fixture: &fixture::Fixture,
    runs: usize,
    tags: usize,
) -> Result<Report, Failure> {
    let app_pid = find_app_pid(&home.db).ok_or("cannot find the claimdesk process")?;

    // Opening: a fresh page for every run, so every open is the first since start.
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

    // One more open, not counted, with every frame logged, to see where the time goes.
    app.client.refresh().await?;
    app.wait_for(ARTICLE_ITEM).await;
    app.client.execute(LOG_OPEN, vec![]).await?;
    let _ = open_article(app).await?;
    let open_detail = app.client.execute(OPEN_DETAIL, vec![]).await?;

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
    let js_heap = app
        .client
        .execute(
            "return performance.memory ? { used: performance.memory.usedJSHeapSize,
               total: performance.memory.totalJSHeapSize } : null;",
            vec![],
        )
        .await?;
    save_screenshot(app, "webview-open").await;

    // Tagging: two words on screen, then the label's key, as an analyst would.
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
    let memory_after_tags = Memory::read(app_pid);
    save_screenshot(app, "webview-tagged").await;
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

    // Selection and hover changes, the parts of an open timed one by one from the page, and
    // what a repaint costs.
    let interaction_costs = app.client.execute_async(INTERACTION_COSTS, vec![]).await?;
    let page_costs = app
        .client
        .execute_async(PAGE_COSTS, vec![json!(fixture.article_id.as_str())])
        .await?;
    let paint_costs = app.client.execute_async(PAINT_COSTS, vec![]).await?;

    Ok(Report {
        open_page,
        open_wall,
        tag_page,
        tag_wall,
        painted,
        memory_after_open,
        memory_after_tags,
        js_heap,
        open_detail,
        page_costs,
        paint_costs,
        interaction_costs,
    })
}

/// Click the article in the list and wait for the workbench's `cd:open` measure: (in page, wall) ms.
async fn open_article(app: &mut App) -> Result<(f64, f64), Failure> {
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

/// Before the logged open: every animation frame is logged, and every IPC request (Tauri's
/// `invoke` goes through `fetch` to the `ipc:` scheme) is timed from sending to its response's
/// headers and to its JSON body parsed.
const LOG_OPEN: &str = "
    window.__benchFrames = []; window.__benchLogFrames = true;
    (function frame(t) { window.__benchFrames.push(t);
      if (window.__benchLogFrames) requestAnimationFrame(frame); })(performance.now());
    window.__benchIpc = [];
    const realFetch = window.fetch;
    window.fetch = function (input, init) {
      const entry = { command: String(input).split('/').pop(), sent: performance.now() };
      window.__benchIpc.push(entry);
      const response = realFetch.call(this, input, init);
      response.then((r) => {
        entry.headers = performance.now();
        const json = r.json.bind(r);
        r.json = () => json().then((v) => { entry.parsed = performance.now(); return v; });
      }, () => {});
      return response;
    };";

/// After the logged open: the IPC requests and the long gaps between frames, all in ms from
/// `cd:open:start`.
const OPEN_DETAIL: &str = "
    window.__benchLogFrames = false;
    const start = performance.getEntriesByName('cd:open:start').pop().startTime;
    const end = performance.getEntriesByName('cd:open:end').pop().startTime;
    const rel = (t) => (t === undefined ? null : Math.round(t - start));
    const ipc = window.__benchIpc
      .filter((e) => e.sent >= start - 1 && e.sent <= end)
      .map((e) => ({ command: e.command, sent: rel(e.sent), headers: rel(e.headers), parsed: rel(e.parsed) }));
    const frames = window.__benchFrames.filter((t) => t >= start - 50 && t <= end + 50);
    const gaps = [];
    for (let i = 1; i < frames.length; i++) {
      if (frames[i] - frames[i - 1] > 50) gaps.push({ from: rel(frames[i - 1]), to: rel(frames[i]) });
    }
    const phases = performance.getEntriesByType('mark')
      .filter((m) => m.name.startsWith('cd:open:') && m.startTime >= start && m.startTime <= end)
      .filter((m) => m.name !== 'cd:open:start' && m.name !== 'cd:open:end')
      .map((m) => ({ name: m.name, at: rel(m.startTime) }));
    return { total: rel(end), ipc, gaps, phases };";

/// Interactions that change what is selected or hovered but not the annotations: `j` (select the
/// next annotation, as a key press) and moving the mouse over the text (hover), each timed to two
/// frames after the change (median of 3).
const INTERACTION_COSTS: &str = "
    const [done] = arguments;
    const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    (async () => {
      const out = { next: [], hover: [] };
      const reader = document.querySelector('[data-testid=reader-text]');
      for (let i = 0; i < 3; i++) {
        await frames();
        let t = performance.now();
        window.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true }));
        await frames();
        out.next.push(performance.now() - t);
        await frames();
        const box = reader.querySelectorAll('.block')[i].getBoundingClientRect();
        t = performance.now();
        reader.dispatchEvent(new MouseEvent('mousemove', { clientX: box.left + 40 + 30 * i, clientY: box.top + 8, bubbles: true }));
        // The reader looks up the point in the next frame, then the change paints two frames later.
        await new Promise((r) => requestAnimationFrame(r));
        await frames();
        out.hover.push(performance.now() - t);
      }
      done({ next: Math.round(median(out.next)), hover: Math.round(median(out.hover)) });
    })().catch((e) => done({ error: String(e) }));";

/// What the rendering costs around the 10,000 highlight ranges, each timed to two frames later:
/// changing one range of a mark; a DOM change anywhere (an empty element appended to the body)
/// with the label highlights registered as they are (live Ranges), unregistered, and as the same
/// spans in StaticRanges; and registering 10,000 StaticRanges spread over the article versus
/// packed into the first blocks (on screen). The label highlights are restored afterwards.
const PAINT_COSTS: &str = "
    const [done] = arguments;
    const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const timed = async (change) => {
      await frames();
      const t = performance.now();
      change();
      await frames();
      return Math.round(performance.now() - t);
    };
    const mutation = async () => {
      const probe = document.createElement('i');
      const t = await timed(() => document.body.appendChild(probe));
      await timed(() => probe.remove());
      return t;
    };
    (async () => {
      const out = {};
      const nodes = [...document.querySelectorAll('[data-testid=reader-text] .block')].map((b) => b.firstChild);
      const mark = CSS.highlights.get('cd-hovered');
      const probe = document.createRange();
      probe.setStart(nodes[0], 0); probe.setEnd(nodes[0], 1);
      out.idle = await timed(() => {});
      out.markChange = await timed(() => mark.add(probe));
      await timed(() => mark.delete(probe));
      out.mutationLive = await mutation();
      const labels = [...CSS.highlights.entries()].filter(([k]) => k.startsWith('cd-label-'));
      out.unregister = await timed(() => labels.forEach(([k]) => CSS.highlights.delete(k)));
      out.mutationNone = await mutation();
      const statics = new Highlight();
      for (const [, h] of labels) for (const r of h) statics.add(new StaticRange(r));
      out.registerStaticSame = await timed(() => CSS.highlights.set('cd-bench', statics));
      out.mutationStatic = await mutation();
      await timed(() => CSS.highlights.delete('cd-bench'));
      const packed = (n, spread) => {
        const h = new Highlight();
        for (let k = 0; k < n; k++) {
          const node = spread ? nodes[Math.floor((k * nodes.length) / n)] : nodes[k % 3];
          const at = (k * 11) % Math.max(1, node.length - 4);
          h.add(new StaticRange({ startContainer: node, startOffset: at, endContainer: node, endOffset: at + 3 }));
        }
        return h;
      };
      for (const [n, spread] of [[1000, true], [10000, false]]) {
        const h = packed(n, spread);
        out[spread ? `registerSpread${n}` : `registerOnScreen${n}`] = await timed(() => CSS.highlights.set('cd-bench', h));
        await timed(() => CSS.highlights.delete('cd-bench'));
      }
      out.restore = await timed(() => labels.forEach(([k, h]) => CSS.highlights.set(k, h)));
      done(out);
    })().catch((e) => done({ error: String(e) }));";

/// Costs of the parts of an open, each timed on its own in the page: the two commands the
/// workbench calls (alone and in parallel, as it calls them), parsing their JSON, making 10,000
/// DOM ranges and adding them to a Highlight, and the two frames every measure waits for.
const PAGE_COSTS: &str = "
    const [id, done] = arguments;
    const invoke = (cmd, args) => window.__TAURI_INTERNALS__.invoke(cmd, args);
    const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    (async () => {
      const rounds = { article: [], list: [], both: [], parse: [], ranges: [], frames: [] };
      let listBytes = 0, annotations = 0;
      for (let i = 0; i < 5; i++) {
        let t = performance.now();
        await invoke('get_article', { id });
        rounds.article.push(performance.now() - t);
        t = performance.now();
        const list = await invoke('list_article_annotations', { articleId: id });
        rounds.list.push(performance.now() - t);
        t = performance.now();
        await Promise.all([invoke('get_article', { id }), invoke('list_article_annotations', { articleId: id })]);
        rounds.both.push(performance.now() - t);
        const json = JSON.stringify(list);
        listBytes = json.length; annotations = list.annotations.length;
        t = performance.now();
        JSON.parse(json);
        rounds.parse.push(performance.now() - t);
        const nodes = [...document.querySelectorAll('[data-testid=reader-text] .block')].map((b) => b.firstChild);
        t = performance.now();
        const highlight = new Highlight();
        for (let k = 0; k < 10000; k++) {
          const node = nodes[k % nodes.length];
          const at = (k * 7) % Math.max(1, node.length - 4);
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + 3);
          highlight.add(range);
        }
        rounds.ranges.push(performance.now() - t);
        t = performance.now();
        await frames();
        rounds.frames.push(performance.now() - t);
      }
      const out = { listBytes, annotations };
      for (const [k, xs] of Object.entries(rounds)) out[k] = Math.round(median(xs) * 10) / 10;
      done(out);
    })().catch((e) => done({ error: String(e) }));";

/// Resident memory of the app process and of the WebKit processes it started.
#[derive(Default)]
struct Memory {
    app_rss_kb: u64,
    app_peak_kb: u64,
    web_rss_kb: u64,
    web_peak_kb: u64,
}

impl Memory {
    fn read(app_pid: u32) -> Memory {
        let mut memory = Memory {
            app_rss_kb: status_kb(app_pid, "VmRSS:").unwrap_or(0),
            app_peak_kb: status_kb(app_pid, "VmHWM:").unwrap_or(0),
            ..Memory::default()
        };
        for (pid, ppid, comm) in processes() {
            if ppid == app_pid && comm.starts_with("WebKitWebProces") {
                memory.web_rss_kb += status_kb(pid, "VmRSS:").unwrap_or(0);
                memory.web_peak_kb += status_kb(pid, "VmHWM:").unwrap_or(0);
            }
        }
        memory
    }
}

/// The claimdesk process started for this bench: the one whose CLAIMDESK_DB is our file.
fn find_app_pid(db: &Path) -> Option<u32> {
    let wanted = format!("CLAIMDESK_DB={}", db.display());
    processes()
        .into_iter()
        .filter(|(_, _, comm)| comm == "claimdesk")
        .map(|(pid, _, _)| pid)
        .find(|pid| {
            std::fs::read(format!("/proc/{pid}/environ"))
                .map(|env| env.split(|&b| b == 0).any(|var| var == wanted.as_bytes()))
                .unwrap_or(false)
        })
}

/// (pid, parent pid, command name) of every process.
fn processes() -> Vec<(u32, u32, String)> {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.filter_map(|entry| {
        let pid: u32 = entry.ok()?.file_name().to_str()?.parse().ok()?;
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        let (open, close) = (stat.find('(')?, stat.rfind(')')?);
        let comm = stat.get(open + 1..close)?.to_owned();
        let ppid = stat.get(close + 2..)?.split(' ').nth(1)?.parse().ok()?;
        Some((pid, ppid, comm))
    })
    .collect()
}

/// A `kB` line of /proc/<pid>/status.
fn status_kb(pid: u32, key: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    line.trim_start_matches(key)
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
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

impl Report {
    fn print(&self, runs: usize, tags: usize) {
        println!();
        println!("## Webview bench: 1 MB article, 10,000 annotations ({runs} opens, {tags} tags)");
        println!();
        println!("| measure | n | median | p95 | max |");
        println!("| --- | ---: | ---: | ---: | ---: |");
        row(
            "open: workbench mounted -> highlights painted (`cd:open`, in page)",
            &self.open_page,
        );
        row(
            "open: click -> `cd:open` seen (driver wall time)",
            &self.open_wall,
        );
        row(
            "tag: key -> committed -> painted (`cd:tag`, in page)",
            &self.tag_page,
        );
        row(
            "tag: key sent -> `cd:tag` seen (driver wall time)",
            &self.tag_wall,
        );
        println!();
        println!(
            "Highlights registered after opening (those in and near the blocks on screen): {}.",
            self.painted
        );
        for (when, m) in [
            ("after opening", &self.memory_after_open),
            ("after tagging", &self.memory_after_tags),
        ] {
            println!(
                "Memory {when}: app process RSS {:.0} MB (peak {:.0} MB), WebKit web process RSS {:.0} MB (peak {:.0} MB).",
                mb(m.app_rss_kb),
                mb(m.app_peak_kb),
                mb(m.web_rss_kb),
                mb(m.web_peak_kb)
            );
        }
        match &self.js_heap {
            Value::Null => println!("performance.memory: not available in this WebKit."),
            heap => println!("performance.memory: {heap}"),
        }
        println!();
        println!("### Where an open's time goes (one more open, not counted above)");
        println!();
        println!("{}", describe_open(&self.open_detail));
        println!();
        println!("{}", describe_page_costs(&self.page_costs));
        println!();
        println!("{}", describe_paint_costs(&self.paint_costs));
        println!();
        println!(
            "Changes that touch no annotation, to two frames later (median of 3): `j` (select the \
             next annotation; the side panel scrolls and may add rows) {} ms; hovering the text {} ms.",
            self.interaction_costs["next"], self.interaction_costs["hover"]
        );
    }
}

fn describe_open(detail: &Value) -> String {
    let mut out = format!("`cd:open` took {} ms. ", detail["total"]);
    let ipc = detail["ipc"].as_array().cloned().unwrap_or_default();
    if ipc.is_empty() {
        out.push_str("No IPC request was seen. ");
    }
    for request in ipc {
        out.push_str(&format!(
            "IPC `{}`: sent at +{} ms, response headers at +{} ms, JSON parsed at +{} ms. ",
            request["command"].as_str().unwrap_or("?"),
            request["sent"],
            request["headers"],
            request["parsed"]
        ));
    }
    let phases = detail["phases"].as_array().cloned().unwrap_or_default();
    let phases: Vec<String> = phases
        .iter()
        .map(|p| format!("`{}` +{} ms", p["name"].as_str().unwrap_or("?"), p["at"]))
        .collect();
    if !phases.is_empty() {
        out.push_str(&format!("Phases: {}. ", phases.join(", ")));
    }
    let gaps = detail
        .get("gaps")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let gaps: Vec<String> = gaps
        .iter()
        .map(|g| format!("+{}..+{}", g["from"], g["to"]))
        .collect();
    out.push_str(&format!(
        "Frames not painted for more than 50 ms: {}.",
        if gaps.is_empty() {
            "none".to_owned()
        } else {
            gaps.join(", ")
        }
    ));
    out
}

fn describe_page_costs(c: &Value) -> String {
    if c.get("error").is_some() {
        return format!("Timing the parts failed: {c}");
    }
    format!(
        "Each part alone, from the page (median of 5): `get_article` {} ms; \
         `list_article_annotations` {} ms ({} annotations, {:.1} MB of JSON); both in parallel, \
         as the workbench calls them, {} ms; `JSON.parse` of that list {} ms; 10,000 DOM ranges \
         made and added to a Highlight {} ms; two frames on an idle page {} ms.",
        c["article"],
        c["list"],
        c["annotations"],
        c["listBytes"].as_f64().unwrap_or(0.0) / 1e6,
        c["both"],
        c["parse"],
        c["ranges"],
        c["frames"]
    )
}

fn describe_paint_costs(c: &Value) -> String {
    if c.get("error").is_some() {
        return format!("Timing repaints failed: {c}");
    }
    format!(
        "Rendering around the highlights, each to two frames later: nothing changed {} ms; one \
         range added to a mark {} ms. A DOM change anywhere in the page (an empty element \
         appended to the body): {} ms with the 10,000 label highlights registered as live Ranges, \
         {} ms with them unregistered, {} ms with the same spans registered as StaticRanges. \
         Registering highlights: the same 10,000 spans as StaticRanges {} ms; 1,000 StaticRanges \
         spread over the article {} ms; 10,000 StaticRanges in the first blocks (on screen) {} ms; \
         putting the label highlights back {} ms.",
        c["idle"],
        c["markChange"],
        c["mutationLive"],
        c["mutationNone"],
        c["mutationStatic"],
        c["registerStaticSame"],
        c["registerSpread1000"],
        c["registerOnScreen10000"],
        c["restore"]
    )
}

fn row(what: &str, xs: &[f64]) {
    let mut sorted = xs.to_vec();
    sorted.sort_by(f64::total_cmp);
    let rank = |p: f64| {
        let i = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
        sorted[i - 1]
    };
    if sorted.is_empty() {
        println!("| {what} | 0 | | | |");
        return;
    }
    let n = sorted.len();
    let median = if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    };
    println!(
        "| {what} | {n} | {median:.1} ms | {:.1} ms | {:.1} ms |",
        rank(0.95),
        sorted[n - 1]
    );
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

fn mb(kb: u64) -> f64 {
    kb as f64 / 1024.0
}
