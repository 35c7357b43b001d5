//! The bulk-import benchmark: a folder of 10,000 news-like HTML pages (~9 KB each: navigation,
//! cookie banner, share bar, comments, "most read", scripts around a six-paragraph article)
//! imported through `import_paths` into a database file on disk, one transaction per article
//! with `synchronous=FULL`, as the app does it. Prints the figures, and writes them to
//! `target/bench-results/html_import.json`; never fails on them.
//!
//! `CLAIMDESK_IMPORT_ARTICLES` sets the number of pages. The pages and the database live in
//! `target/bench-import/` (on disk, not a RAM-backed temporary folder) and are rebuilt each run.

use std::ops::ControlFlow;
use std::path::Path;
use std::time::Instant;

use claimdesk_core::import::ImportProgress;
use claimdesk_core::import::{import_paths, ImportOptions};
use claimdesk_core::Store;
use serde_json::json;

#[path = "common/results.rs"]
mod results;

const DEFAULT_ARTICLES: usize = 10_000;
const WORDS: [&str; 24] = [
    "agency",
    "campaign",
    "promoted",
    "accounts",
    "audit",
    "budget",
    "ministry",
    "spokesperson",
    "observers",
    "posts",
    "election",
    "committee",
    "report",
    "dollars",
    "network",
    "council",
    "inquiry",
    "figures",
    "payments",
    "platform",
    "sponsored",
    "region",
    "minister",
    "statement",
];

fn main() {
    let articles = std::env::var("CLAIMDESK_IMPORT_ARTICLES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(DEFAULT_ARTICLES);
    let mut run = results::Run::start("html_import");
    let root = results::target_dir().join("bench-import");
    let _ = std::fs::remove_dir_all(&root);
    let pages = root.join("pages");
    let bytes = write_pages(&pages, articles);
    let mut store = Store::open(&root.join("import.sqlite")).expect("open the database");

    let started = Instant::now();
    let summary = import_paths(
        &mut store,
        &[pages],
        &ImportOptions::default(),
        &mut |_: &ImportProgress| ControlFlow::Continue(()),
    )
    .expect("import");
    let took = started.elapsed().as_secs_f64();
    assert_eq!(summary.imported as usize, articles, "every page imports");
    eprintln!(
        "html_import: {articles} pages ({:.1} MB) imported in {took:.2} s: {:.0} articles/s, \
         {:.2} MB/s, {:.2} ms per article",
        bytes as f64 / 1e6,
        articles as f64 / took,
        bytes as f64 / 1e6 / took,
        took * 1000.0 / articles as f64
    );
    let params = json!({ "articles": articles, "bytes": bytes });
    run.add(results::Figure::new(
        "import",
        "s",
        vec![took],
        params.clone(),
    ));
    run.add(results::Figure::new(
        "import, per article",
        "ms",
        vec![took * 1000.0 / articles as f64],
        params,
    ));
    // `cargo test --benches` runs this too: only a real bench run is kept.
    if std::env::args().any(|a| a == "--bench") {
        run.write(json!({}));
    }
}

/// Write `count` distinct pages in folders of 500; returns their total size.
fn write_pages(folder: &Path, count: usize) -> u64 {
    let mut total = 0;
    for i in 0..count {
        let dir = folder.join(format!("{:03}", i / 500));
        std::fs::create_dir_all(&dir).expect("create a page folder");
        let page = page(i);
        total += page.len() as u64;
        std::fs::write(dir.join(format!("{i:05}.html")), page).expect("write a page");
    }
    total
}

/// One page; its paragraphs depend on `i`, so no two texts are the same.
fn page(i: usize) -> String {
    let mut seed = (i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let mut word = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        WORDS[(seed % WORDS.len() as u64) as usize]
    };
    let paragraphs: String = (0..6)
        .map(|p| {
            let sentence: Vec<&str> = (0..160).map(|_| word()).collect();
            format!(
                "<p>Paragraph {p} of story {i}: {}.</p>\n",
                sentence.join(" ")
            )
        })
        .collect();
    format!(
        r##"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Story {i} | Bench Ledger</title><meta property="og:title" content="Story {i}">
<meta property="og:site_name" content="Bench Ledger"><meta name="author" content="Reporter {r}">
<link rel="canonical" href="https://bench.example/story/{i}"><script src="https://cdn.example/a.js"></script>
</head><body><div class="cookie-banner">We use cookies <button>OK</button></div>
<header><nav><a href="/">Home</a> <a href="/politics">Politics</a> <a href="/world">World</a></nav></header>
<main><article><h1>Story {i}</h1><p class="byline">By Reporter {r}</p>
<div class="share-bar"><a href="#">Share</a></div>
{paragraphs}<script>track({i});</script></article>
<section class="comments"><p>First!</p><p>Source?</p></section></main>
<aside class="most-read"><ol><li>One</li><li>Two</li><li>Three</li></ol></aside>
<footer>© Bench Ledger</footer></body></html>"##,
        r = i % 37
    )
}
