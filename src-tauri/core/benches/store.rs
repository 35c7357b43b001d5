//! What opening and tagging an article costs in the core, without a window, and how that grows
//! with the article: 64 KB / 640 annotations to 4 MB / 40,000 (one per 100 bytes, the density of
//! the 1 MB / 10,000 fixture), in a database file on disk (`synchronous=FULL`, as the app uses
//! it). `CLAIMDESK_BENCH_ARTICLE_SIZES=1M` runs one size. Criterion prints the figures; they are
//! also written to `target/bench-results/store.json` for the report.
//!
//! Run with `cargo bench -p claimdesk-core --bench store` (or `make bench-core`).

mod common;

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant, SystemTime};

use claimdesk_core::model::ids::LabelId;
use claimdesk_core::model::{Attributes, NewAnnotation};
use claimdesk_core::text::offsets::OffsetMap;
use claimdesk_core::Store;
use criterion::{BenchmarkGroup, BenchmarkId, Criterion, SamplingMode, Throughput};
use serde_json::json;

use common::results::{criterion_samples, Figure, Run};
use common::ArticleSize;

/// The operations timed at each size, as criterion and the results name them.
const OPERATIONS: [&str; 6] = [
    "get_article",
    "OffsetMap::new",
    "list_article_annotations",
    "list_article_annotations to JSON",
    "create_annotation",
    "Store::open",
];

fn main() {
    let sizes = match common::sizes::from_env() {
        Ok(sizes) => sizes,
        Err(e) => {
            eprintln!("store bench: {e}");
            std::process::exit(2);
        }
    };
    let benching = std::env::args().any(|a| a == "--bench");
    // `cargo test --benches` runs each benchmark once to see that it works: the smallest
    // article shows that, without building the larger fixtures.
    let sizes = if benching {
        sizes
    } else {
        sizes
            .into_iter()
            .min_by_key(|s| s.bytes)
            .into_iter()
            .collect()
    };
    let since = SystemTime::now();
    let mut run = Run::start("store");
    let mut criterion = Criterion::default().configure_from_args();
    let mut notes = Vec::new();
    for &size in &sizes {
        notes.push(bench_size(&mut criterion, size));
    }
    criterion.final_summary();
    // `cargo test --benches` runs each benchmark once: nothing worth keeping.
    if !benching {
        return;
    }
    for &size in &sizes {
        for op in OPERATIONS {
            let id = format!("store/{op}/{}", size.label());
            if let Some(samples) = criterion_samples(&id, since) {
                run.add(Figure::new(op, "ms", samples, size.params()));
            }
        }
    }
    run.write(json!({ "fixtures": notes }));
}

/// Build the fixture of `size` and time every operation on it; returns what the fixture holds.
fn bench_size(c: &mut Criterion, size: ArticleSize) -> serde_json::Value {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("bench.sqlite");
    let fixture = common::build_database(&db, size);
    let file_bytes = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "fixture {}: {} bytes of text ({} code points), {} annotations, {:.1} MB file, ready in {:.1} s",
        size.label(),
        fixture.text.len(),
        fixture.text.chars().count(),
        fixture.annotations,
        file_bytes as f64 / 1e6,
        fixture.took.as_secs_f64()
    );

    let mut group = c.benchmark_group("store");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .sampling_mode(SamplingMode::Flat);
    let json_bytes = bench_reads(&mut group, &db, &fixture);
    bench_open(&mut group, &db, size);
    group.finish();
    json!({
        "label": size.label(),
        "article_bytes": fixture.text.len(),
        "annotations": fixture.annotations,
        "file_bytes": file_bytes,
        "ipc_json_bytes": json_bytes,
    })
}

/// The reads of an open, the JSON the command sends, and a tag; returns the JSON's size.
fn bench_reads(
    group: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>,
    db: &Path,
    fixture: &common::Fixture,
) -> usize {
    let mut store = Store::open(db).expect("open the fixture");
    let id = fixture.article_id.clone();
    let label = fixture.size.label();

    group.throughput(Throughput::Bytes(fixture.text.len() as u64));
    group.bench_function(BenchmarkId::new("get_article", &label), |b| {
        b.iter(|| black_box(store.get_article(&id).expect("get_article")))
    });
    group.bench_function(BenchmarkId::new("OffsetMap::new", &label), |b| {
        b.iter(|| black_box(OffsetMap::new(black_box(&fixture.text))))
    });

    group.throughput(Throughput::Elements(fixture.annotations as u64));
    group.bench_function(BenchmarkId::new("list_article_annotations", &label), |b| {
        b.iter(|| {
            let listed = store
                .list_article_annotations(&id)
                .expect("list_article_annotations");
            assert_eq!(listed.annotations.len(), fixture.annotations);
            black_box(listed)
        })
    });

    // What the app's command does next: the list as the JSON the webview receives.
    let listed = store
        .list_article_annotations(&id)
        .expect("list_article_annotations");
    let json_bytes = serde_json::to_vec(&listed).map(|v| v.len()).unwrap_or(0);
    group.throughput(Throughput::Bytes(json_bytes as u64));
    group.bench_function(
        BenchmarkId::new("list_article_annotations to JSON", &label),
        |b| b.iter(|| black_box(serde_json::to_vec(&listed).expect("serialise"))),
    );

    group.throughput(Throughput::Elements(1));
    let span = first_word_span(&fixture.text);
    group.bench_function(BenchmarkId::new("create_annotation", &label), |b| {
        b.iter_custom(|iters| tag_and_untag(&mut store, fixture, span, iters))
    });
    json_bytes
}

/// One span tagged and committed per iteration, timed; it is deleted (untimed) right after, so
/// the article keeps its live annotations.
fn tag_and_untag(
    store: &mut Store,
    fixture: &common::Fixture,
    (start, end): (i64, i64),
    iters: u64,
) -> Duration {
    let mut timed = Duration::ZERO;
    for i in 0..iters {
        let new = NewAnnotation {
            article_id: fixture.article_id.clone(),
            label_id: LabelId::from(common::LABELS[i as usize % common::LABELS.len()]),
            start,
            end,
            attributes: Attributes::default(),
        };
        let began = Instant::now();
        let created = store
            .create_annotation(&fixture.analyst, new)
            .expect("create_annotation");
        timed += began.elapsed();
        store
            .delete_annotation(&fixture.analyst, &created.id)
            .expect("delete_annotation");
    }
    timed
}

/// Opening checks the whole file (`quick_check`) before anything can write to it.
fn bench_open(
    group: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>,
    db: &Path,
    size: ArticleSize,
) {
    let file_bytes = std::fs::metadata(db).map(|m| m.len()).unwrap_or(0);
    group.throughput(Throughput::Bytes(file_bytes));
    group.bench_function(BenchmarkId::new("Store::open", size.label()), |b| {
        b.iter(|| black_box(Store::open(db).expect("Store::open")))
    });
}

/// The first word of the paragraph in the middle of the text, in code points.
fn first_word_span(text: &str) -> (i64, i64) {
    let mut middle = text.len() / 2;
    while !text.is_char_boundary(middle) {
        middle -= 1;
    }
    let from = text[middle..]
        .find("\n\n")
        .map(|at| middle + at + 2)
        .unwrap_or(0);
    let to = text[from..]
        .find(' ')
        .map(|at| from + at)
        .unwrap_or(text.len());
    let start = text[..from].chars().count();
    let end = start + text[from..to].chars().count();
    (start as i64, end as i64)
}
