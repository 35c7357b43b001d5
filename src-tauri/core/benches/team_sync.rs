//! Team sync at scale, against a throw-away PostgreSQL cluster of its own (started here, stopped
//! at the end): the first sync of 100,000 annotations (joining queues the whole file, the first
//! analyst pushes it, a second analyst pulls it into an empty file), one change seen by a
//! teammate (edit, sync, the teammate syncs: 20 times), and six analysts syncing 500 edits each
//! at the same moment. A benchmark, not a test: it prints figures (and writes them to
//! `target/bench-results/team_sync.json`) and never judges them.
//!
//! Every sync goes through a remote that times the server's calls, so each round is split into
//! the server's push and pull functions and the local work around them (reading the outbox and
//! acknowledging it, storing pulled rows). The test cluster runs with `fsync=off`, so the
//! server's disk syncs are not in the figures; the analysts' SQLite files are on the real disk.
//!
//! `make bench-sync` runs it; `CLAIMDESK_BENCH_SYNC_ANNOTATIONS=N` syncs N annotations (100 per
//! article) instead of 100,000.

use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use claimdesk_core::db::queries::articles::NewArticle;
use claimdesk_core::model::ids::{AnnotationId, ArticleId, LabelId};
use claimdesk_core::model::{AnnotationPatch, ArticleMeta, Attributes, NewAnnotation, SourceKind};
use claimdesk_core::team::sync::SyncReport;
use serde_json::json;

#[path = "common/results.rs"]
mod results;
#[path = "common/sync_server.rs"]
mod sync_server;

use sync_server::{describe, round_json, secs, Member, Round, Server};

/// The project of the first sync and of the one change.
const NEWSROOM: &str = "newsroom";
/// The project the six analysts share.
const DESK: &str = "desk";
const PER_ARTICLE: usize = 100;
const REPEATS: usize = 20;
const ANALYSTS: usize = 6;
const EDITS: usize = 500;
/// Annotations the six analysts all edit (their same-field edits race and make conflicts).
const SHARED: usize = 60;
const LABELS: [&str; 3] = [
    "00000000-0000-7000-8000-000000000001",
    "00000000-0000-7000-8000-000000000002",
    "00000000-0000-7000-8000-000000000003",
];
const WORDS: [&str; 12] = [
    "campaign",
    "promoted",
    "accounts",
    "dollars",
    "ministry",
    "statement",
    "agency",
    "network",
    "report",
    "source",
    "claimed",
    "evidence",
];

/// Articles of about 2,000 characters of made-up ASCII words (so any code point is a grapheme
/// boundary), different for every `i`.
fn article_text(i: usize) -> String {
    let mut state = (i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let mut text = format!("Article {i}. ");
    while text.len() < 2_000 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        text.push_str(WORDS[(state % WORDS.len() as u64) as usize]);
        text.push(if state.is_multiple_of(11) { '.' } else { ' ' });
    }
    text
}

fn new_article(i: usize) -> NewArticle {
    NewArticle {
        meta: ArticleMeta {
            title: format!("Article {i}"),
            ..ArticleMeta::default()
        },
        source_kind: SourceKind::Text,
        source_name: None,
        original: Vec::new(),
        text: article_text(i),
    }
}

fn new_annotation(article: &ArticleId, start: usize, n: usize) -> NewAnnotation {
    NewAnnotation {
        article_id: article.clone(),
        label_id: LabelId::from(LABELS[n % 3]),
        start: start as i64,
        end: (start + 8) as i64,
        attributes: Attributes::default(),
    }
}

/// The figures, and the breakdowns kept beside them as the results' notes.
struct Out {
    run: results::Run,
    notes: serde_json::Map<String, serde_json::Value>,
}

/// Fill `member`'s file with `articles` articles of [`PER_ARTICLE`] annotations each, in
/// batches of one transaction (before joining, so the join queues all of it).
fn fill(member: &mut Member, articles: usize) {
    let started = Instant::now();
    let me = member.id.clone();
    for first in (0..articles).step_by(250) {
        member
            .store
            .batch(|batch| {
                for i in first..(first + 250).min(articles) {
                    let article = batch.create_article(new_article(i))?;
                    let length = article.text.chars().count();
                    for n in 0..PER_ARTICLE {
                        let start = (n * (length - 12)) / PER_ARTICLE;
                        batch.create_annotation(&me, new_annotation(&article.id, start, n))?;
                    }
                }
                Ok(())
            })
            .expect("batch");
    }
    eprintln!(
        "built a file of {} annotations in {:.1} s",
        articles * PER_ARTICLE,
        started.elapsed().as_secs_f64()
    );
}

/// Part 1, the first sync: A joins (queueing), A syncs (push), B joins and syncs (pull). Returns
/// the two analysts, synced, and how many annotations their project holds.
fn first_sync(server: &Server, annotations: usize, out: &mut Out) -> (Member, Member, usize) {
    server.add_project(NEWSROOM);
    let mut a = server.member("Ana", NEWSROOM);
    let mut b = server.member("Boris", NEWSROOM);
    let articles = (annotations / PER_ARTICLE).max(1);
    fill(&mut a, articles);
    let (queued, a_join) = a.join(NEWSROOM);
    let a_sync = a.sync();
    let (_, b_join) = b.join(NEWSROOM);
    let b_sync = b.sync();
    let total = a_join + a_sync.total + b_join + b_sync.total;
    let annotations = articles * PER_ARTICLE;
    println!(
        "\n## First sync of {annotations} annotations ({articles} articles)\n\n  \
         A joins: {:.1} s ({queued} rows queued)",
        secs(a_join)
    );
    describe("A's first sync", &a_sync);
    println!("  B joins: {:.2} s", secs(b_join));
    describe("B's first sync", &b_sync);
    // The goal is each analyst's own first sync: what one of them waits for.
    println!(
        "  A joins and syncs: {:.1} s, B joins and syncs: {:.1} s (goal <= 30 s each); \
         both, one after the other: {:.1} s",
        secs(a_join + a_sync.total),
        secs(b_join + b_sync.total),
        secs(total)
    );
    let params = json!({ "annotations": annotations, "articles": articles, "queued_rows": queued });
    for (name, took) in [
        ("first sync: join, queueing", a_join),
        (
            "first sync: first analyst joins and pushes",
            a_join + a_sync.total,
        ),
        (
            "first sync: second analyst joins and pulls",
            b_join + b_sync.total,
        ),
        ("first sync, both analysts one after the other", total),
    ] {
        out.run
            .add(results::Figure::ms(name, &[took], params.clone()));
    }
    out.notes.insert(
        "first_sync".into(),
        json!({ "a": round_json(&a_sync), "b": round_json(&b_sync), "queued": queued }),
    );
    (a, b, annotations)
}

/// Replace the note of annotation `id` in `m`'s file, as the window does (one transaction).
fn set_note(m: &mut Member, id: &AnnotationId, note: &str) {
    let mut attributes = m
        .store
        .get_annotation(id)
        .expect("the annotation")
        .attributes;
    attributes.note = note.to_owned();
    let patch = AnnotationPatch {
        attributes: Some(attributes),
        ..AnnotationPatch::default()
    };
    m.store
        .update_annotation(&m.id.clone(), id, patch)
        .expect("edit the note");
}

/// Part 2, one change seen by a teammate: A edits a note and syncs, then B syncs;
/// [`REPEATS`] times.
fn one_change(a: &mut Member, b: &mut Member, annotations: usize, out: &mut Out) {
    let article = a.store.list_articles().expect("articles")[0].id.clone();
    let ids: Vec<AnnotationId> = a
        .store
        .list_article_annotations(&article)
        .expect("annotations")
        .annotations
        .into_iter()
        .map(|x| x.id)
        .collect();
    let mut took = Vec::with_capacity(REPEATS);
    let (mut a_rounds, mut b_rounds) = (Vec::new(), Vec::new());
    for k in 0..REPEATS {
        let id = &ids[k % ids.len()];
        let note = format!("checked against the source, round {k}");
        let started = Instant::now();
        set_note(a, id, &note);
        a_rounds.push(a.sync().total);
        b_rounds.push(b.sync().total);
        took.push(started.elapsed());
        let seen = b
            .store
            .get_annotation(id)
            .expect("B's copy")
            .attributes
            .note;
        assert_eq!(seen, note, "the teammate's file did not receive the change");
    }
    let figure = results::Figure::ms(
        "one change seen by a teammate",
        &took,
        json!({ "annotations": annotations }),
    );
    let stats = results::Stats::of(&figure.samples);
    let median = |d: &[Duration]| {
        let ms: Vec<f64> = d.iter().map(|d| d.as_secs_f64() * 1e3).collect();
        results::Stats::of(&ms).median
    };
    println!(
        "\n## One change seen by a teammate ({REPEATS} times)\n\n  edit, A syncs, B syncs: \
         median {:.0} ms, p95 {:.0} ms, max {:.0} ms (goal <= 2 s)\n  \
         A's round (push 2 ops, pull them back) median {:.0} ms; B's round (pull) median {:.0} ms",
        stats.median,
        stats.p95,
        stats.max,
        median(&a_rounds),
        median(&b_rounds)
    );
    out.run.add(figure);
}

/// The article the six analysts share, with [`SHARED`] annotations, in `lead`'s file.
fn seed(lead: &mut Member) -> (ArticleId, Vec<AnnotationId>) {
    let me = lead.id.clone();
    lead.store
        .batch(|batch| {
            let article = batch.create_article(new_article(1_000_000))?;
            let ids = (0..SHARED)
                .map(|n| {
                    let new = new_annotation(&article.id, n * 30, n);
                    batch.create_annotation(&me, new).map(|a| a.id)
                })
                .collect::<claimdesk_core::Result<Vec<_>>>()?;
            Ok((article.id, ids))
        })
        .expect("the shared article")
}

/// [`EDITS`] edits in `m`'s file, one transaction each as the window makes them: a new
/// annotation every fifth edit, else a new note on one of the shared annotations.
fn make_edits(m: &mut Member, who: usize, article: &ArticleId, shared: &[AnnotationId]) {
    let me = m.id.clone();
    for k in 0..EDITS {
        if k % 5 == 0 {
            let start = (who * 97 + k * 13) % 1_900;
            let new = new_annotation(article, start, k);
            m.store.create_annotation(&me, new).expect("new annotation");
        } else {
            let id = &shared[(who * 7 + k) % shared.len()];
            set_note(m, id, &format!("analyst {who}, edit {k}"));
        }
    }
}

/// Six analysts joined to one project, each with [`EDITS`] edits waiting: ready to sync.
fn six_ready(server: &Server) -> (Vec<Member>, Duration) {
    server.add_project(DESK);
    let mut members: Vec<Member> = (0..ANALYSTS)
        .map(|i| server.member(&format!("Desk{i}"), DESK))
        .collect();
    let (article, shared) = seed(&mut members[0]);
    for m in &mut members {
        m.join(DESK);
        m.sync();
    }
    let started = Instant::now();
    for (who, m) in members.iter_mut().enumerate() {
        make_edits(m, who, &article, &shared);
    }
    (members, started.elapsed())
}

/// Part 3, six analysts sync their edits at the same moment, each on its own thread.
fn six_at_once(server: &Server, out: &mut Out) {
    let (members, editing) = six_ready(server);
    let waiting: i64 = members
        .iter()
        .map(|m| m.store.pending_op_count().expect("pending"))
        .sum();
    let barrier = Arc::new(Barrier::new(ANALYSTS));
    let threads: Vec<_> = members
        .into_iter()
        .map(|mut m| {
            let barrier = Arc::clone(&barrier);
            std::thread::spawn(move || {
                barrier.wait();
                let started = Instant::now();
                (started, m.sync())
            })
        })
        .collect();
    let rounds: Vec<(Instant, Round)> = threads
        .into_iter()
        .map(|t| t.join().expect("a syncing analyst"))
        .collect();
    let first = rounds.iter().map(|(s, _)| *s).min().expect("six rounds");
    let last = rounds.iter().map(|(s, r)| *s + r.total).max().expect("six");
    let wall = last.duration_since(first);
    let totals: Vec<Duration> = rounds.iter().map(|(_, r)| r.total).collect();
    let slowest = totals.iter().max().copied().unwrap_or_default();
    let sum = |f: fn(&SyncReport) -> u64| rounds.iter().map(|(_, r)| f(&r.report)).sum::<u64>();
    let (pushed, pulled, conflicts) = (
        sum(|r| r.pushed + r.already_applied),
        sum(|r| r.pulled),
        sum(|r| r.conflicts),
    );
    let per_second = pushed as f64 / wall.as_secs_f64();
    println!(
        "\n## {ANALYSTS} analysts syncing at once ({EDITS} edits each, {waiting} ops waiting; \
         the edits took {:.1} s)\n\n  slowest round {:.2} s, all done {:.2} s after the first \
         began: {pushed} ops pushed ({per_second:.0} ops/s), {pulled} rows pulled, \
         {conflicts} conflicts",
        secs(editing),
        secs(slowest),
        secs(wall)
    );
    for (who, (_, r)) in rounds.iter().enumerate() {
        describe(&format!("analyst {who}"), r);
    }
    let params = json!({ "analysts": ANALYSTS, "edits": EDITS, "ops": pushed });
    out.run.add(results::Figure::ms(
        "six analysts syncing at once: slowest round",
        &[slowest],
        params.clone(),
    ));
    out.run.add(results::Figure::ms(
        "six analysts syncing at once: each analyst's round",
        &totals,
        params.clone(),
    ));
    out.run.add(results::Figure::new(
        "six analysts syncing at once: ops pushed per second",
        "ops/s",
        vec![per_second],
        params,
    ));
    let rounds: Vec<_> = rounds.iter().map(|(_, r)| round_json(r)).collect();
    out.notes.insert("six_analysts".into(), json!(rounds));
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let annotations: usize = std::env::var("CLAIMDESK_BENCH_SYNC_ANNOTATIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let mut out = Out {
        run: results::Run::start("team_sync"),
        notes: serde_json::Map::new(),
    };
    let server = Server::start();
    let (mut a, mut b, synced) = first_sync(&server, annotations, &mut out);
    one_change(&mut a, &mut b, synced, &mut out);
    drop((a, b));
    six_at_once(&server, &mut out);
    // Stops the cluster and removes its folder.
    drop(server);
    out.notes.insert(
        "server".into(),
        json!("a throw-away PostgreSQL cluster on loopback, fsync=off"),
    );
    out.run.write(serde_json::Value::Object(out.notes));
}
