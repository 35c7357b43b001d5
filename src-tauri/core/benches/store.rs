//! What opening and tagging a large article costs in the core, without a window: a 1 MB article
//! with 10,000 annotations in a database file on disk (`synchronous=FULL`, as the app uses it).
//!
//! Run with `cargo bench -p claimdesk-core` (or `make bench`, which also runs the webview bench).

mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use claimdesk_core::ids::LabelId;
use claimdesk_core::model::{Attributes, NewAnnotation};
use claimdesk_core::offsets::OffsetMap;
use claimdesk_core::Store;
use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};

fn store_benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("bench.sqlite");
    let fixture = common::build_database(&db, "Bench");
    let file_bytes = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "fixture: {} bytes of text ({} code points), {} annotations, {:.1} MB file, built in {:.1} s",
        fixture.text.len(),
        fixture.text.chars().count(),
        fixture.annotations,
        file_bytes as f64 / 1e6,
        fixture.took.as_secs_f64()
    );

    let mut store = Store::open(&db).expect("open the fixture");
    let id = fixture.article_id.clone();

    let mut group = c.benchmark_group("store");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .sampling_mode(SamplingMode::Flat);

    group.throughput(Throughput::Bytes(fixture.text.len() as u64));
    group.bench_function("get_article (1 MB)", |b| {
        b.iter(|| black_box(store.get_article(&id).expect("get_article")))
    });
    group.bench_function("OffsetMap::new (1 MB)", |b| {
        b.iter(|| black_box(OffsetMap::new(black_box(&fixture.text))))
    });

    group.throughput(Throughput::Elements(fixture.annotations as u64));
    group.bench_function("list_article_annotations (10,000)", |b| {
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
    group.bench_function("list_article_annotations to JSON (IPC payload)", |b| {
        b.iter(|| black_box(serde_json::to_vec(&listed).expect("serialise")))
    });

    // One span tagged and committed per iteration; it is deleted (untimed) right after, so the
    // article keeps its 10,000 live annotations.
    group.throughput(Throughput::Elements(1));
    let (start, end) = first_word_span(&fixture.text);
    group.bench_function("create_annotation (1 MB article)", |b| {
        b.iter_custom(|iters| {
            let mut timed = Duration::ZERO;
            for i in 0..iters {
                let new = NewAnnotation {
                    article_id: id.clone(),
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
        })
    });
    drop(store);

    // Opening checks the whole file (`quick_check`) before anything can write to it.
    let file_bytes = std::fs::metadata(&db)
        .map(|m| m.len())
        .unwrap_or(file_bytes);
    group.throughput(Throughput::Bytes(file_bytes));
    group.bench_function("Store::open (populated file)", |b| {
        b.iter(|| black_box(Store::open(&db).expect("Store::open")))
    });
    group.finish();
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

criterion_group!(benches, store_benches);
criterion_main!(benches);
