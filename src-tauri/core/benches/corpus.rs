//! The corpus benchmark: synthetic corpora of 1,000, 10,000 and 100,000 articles (~5 KB each,
//! five languages, 10 annotations per article: 1,000,000 for the largest), then the library's
//! first page, search and the annotation table's pages timed on each, to see how they grow with
//! the corpus. Prints figures and writes them to `target/bench-results/corpus.json`; never fails
//! on them.
//!
//! `CLAIMDESK_CORPUS_SIZES` lists the corpus sizes (default 1000,10000,100000);
//! `CLAIMDESK_CORPUS_ARTICLES=N` runs one size. Each generated file is kept in
//! `target/bench-corpus/` and reused while its size matches.

use std::time::{Duration, Instant};

use claimdesk_core::db::queries::annotation_table::{AnnotationQuery, AnnotationSort};
use claimdesk_core::db::queries::library::{LibraryQuery, LibrarySort};
use claimdesk_core::model::filters::Filters;
use claimdesk_core::Store;
use serde_json::{json, Value};

#[path = "common/results.rs"]
mod results;

#[path = "common/synthetic_corpus.rs"]
mod synthetic;

use results::{Figure, Run, Stats};
use synthetic::{generate, vocabulary, Rng, LABELS, LANGUAGES, PER_ARTICLE};

fn time<T>(runs: usize, mut f: impl FnMut(usize) -> T) -> Vec<Duration> {
    (0..runs)
        .map(|i| {
            let t = Instant::now();
            std::hint::black_box(f(i));
            t.elapsed()
        })
        .collect()
}

/// Print one row of the table and keep the figure.
fn report(run: &mut Run, params: &Value, name: &str, samples: Vec<Duration>) {
    let figure = Figure::ms(name, &samples, params.clone());
    let stats = Stats::of(&figure.samples);
    println!(
        "| {name} | {:.1} | {:.1} | {:.1} |",
        stats.median, stats.p95, stats.max
    );
    run.add(figure);
}

fn library(store: &Store, sort: LibrarySort, filters: Filters) -> usize {
    let query = LibraryQuery {
        filters,
        sort,
        descending: true,
        offset: 0,
        limit: 200,
    };
    store.list_library(&query).expect("library").rows.len()
}

/// The corpus sizes to run, in articles.
fn sizes() -> Vec<usize> {
    let spec = std::env::var("CLAIMDESK_CORPUS_ARTICLES")
        .or_else(|_| std::env::var("CLAIMDESK_CORPUS_SIZES"))
        .unwrap_or_else(|_| "1000,10000,100000".to_owned());
    let sizes: Vec<usize> = spec
        .split(',')
        .filter_map(|n| n.trim().replace('_', "").parse().ok())
        .filter(|&n| n > 0)
        .collect();
    if sizes.is_empty() {
        eprintln!("corpus bench: no corpus size in {spec:?}");
        std::process::exit(2);
    }
    sizes
}

fn main() {
    let mut run = Run::start("corpus");
    let mut notes = Vec::new();
    for articles in sizes() {
        notes.push(bench_corpus(&mut run, articles));
    }
    if std::env::args().any(|a| a == "--bench") {
        run.write(json!({ "corpora": notes }));
    }
}

/// The corpus of `articles` articles, built or reused.
fn corpus(articles: usize) -> (std::path::PathBuf, Store) {
    let dir = results::target_dir().join("bench-corpus");
    std::fs::create_dir_all(&dir).expect("bench dir");
    let path = dir.join(format!("corpus-{articles}.sqlite"));
    let total = |store: &Store| {
        store
            .list_library(&LibraryQuery {
                filters: Filters::default(),
                sort: LibrarySort::Captured,
                descending: false,
                offset: 0,
                limit: 1,
            })
            .map(|p| p.total as usize)
            .ok()
    };
    match Store::open(&path) {
        Ok(store) if total(&store) == Some(articles) => (path, store),
        _ => {
            let _ = std::fs::remove_file(&path);
            let store = generate(&path, articles);
            (path, store)
        }
    }
}

fn bench_corpus(run: &mut Run, articles: usize) -> Value {
    let (path, store) = corpus(articles);
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let params = json!({ "articles": articles, "annotations": articles * PER_ARTICLE });
    println!(
        "\nCorpus: {articles} articles, {} annotations, {:.0} MB\n",
        articles * PER_ARTICLE,
        size as f64 / 1e6
    );
    println!("| operation | median ms | p95 ms | max ms |\n|---|---|---|---|");
    report(
        run,
        &params,
        "Store::open (quick_check only up to 256 MB)",
        time(3, |_| Store::open(&path).expect("open")),
    );
    bench_library(run, &params, &store);
    bench_search(run, &params, &store);
    bench_table(run, &params, &store, articles * PER_ARTICLE);
    json!({ "articles": articles, "annotations": articles * PER_ARTICLE, "file_bytes": size })
}

fn bench_library(run: &mut Run, params: &Value, store: &Store) {
    report(
        run,
        params,
        "library, first 200 rows, newest first",
        time(20, |_| {
            library(store, LibrarySort::Captured, Filters::default())
        }),
    );
    report(
        run,
        params,
        "library, sorted by title",
        time(10, |_| {
            library(store, LibrarySort::Title, Filters::default())
        }),
    );
    report(
        run,
        params,
        "library, sorted by annotation count",
        time(5, |_| {
            library(store, LibrarySort::Annotations, Filters::default())
        }),
    );
    let ru = Filters {
        languages: vec!["ru".into()],
        labels: vec![LABELS[1].into()],
        ..Filters::default()
    };
    report(
        run,
        params,
        "library, filtered (language + label)",
        time(10, |_| library(store, LibrarySort::Captured, ru.clone())),
    );
}

fn bench_search(run: &mut Run, params: &Value, store: &Store) {
    // Words across the frequency range: the vocabulary is rebuilt from the same seed.
    let mut rng = Rng(0x5eed_c0de);
    let vocabularies: Vec<Vec<String>> = LANGUAGES
        .iter()
        .map(|(_, _, s)| vocabulary(&mut rng, s))
        .collect();
    let queries: Vec<String> = vocabularies
        .iter()
        .flat_map(|words| {
            [5, 50, 200, 500, 1000, 1500, 2000, 3000, 4000, 4900].map(|rank| words[rank].clone())
        })
        .collect();
    let search = |q: &str| store.search(q, &Filters::default(), 50).expect("search");
    report(
        run,
        params,
        "search, one word (50 words of all frequencies, 5 languages)",
        time(queries.len(), |i| search(&queries[i])),
    );
    let pairs: Vec<String> = queries.chunks(2).map(|c| c.join(" ")).collect();
    report(
        run,
        params,
        "search, two words",
        time(pairs.len(), |i| search(&pairs[i])),
    );
}

fn bench_table(run: &mut Run, params: &Value, store: &Store, total: usize) {
    for (label, offset) in [
        ("top", 0),
        ("middle", total / 2),
        ("end", total.saturating_sub(200)),
    ] {
        let query = AnnotationQuery {
            filters: Filters::default(),
            sort: AnnotationSort::Created,
            descending: true,
            offset: offset as u32,
            limit: 200,
        };
        report(
            run,
            params,
            &format!("annotation table page, {label}"),
            time(5, |_| {
                store
                    .list_annotation_table(&query)
                    .expect("table")
                    .rows
                    .len()
            }),
        );
    }
}
