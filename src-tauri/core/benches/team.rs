//! Team files at scale: merging two analysts' files of 500,000 annotations each into a new team
//! file (then merging them again, which must change nothing), and the agreement figures over
//! 102,000 annotations by three analysts. A benchmark, not a test: it prints figures (and writes
//! them to `target/bench-results/team.json`) and never judges them.
//!
//! The analysts' files hold the same 5,000 made-up articles (so they are matched by text hash)
//! with 100 annotations each, written through `Store::batch`; they are kept in
//! `target/bench-team/` and reused while they exist. `make bench-team` runs it;
//! `CLAIMDESK_TEAM_ARTICLES=N` merges files of N articles instead of 5,000.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::time::Instant;

use claimdesk_core::analysis::agreement::{AgreementQuery, AgreementUnit};
use claimdesk_core::db::queries::articles::NewArticle;
use claimdesk_core::model::ids::{AnnotatorId, LabelId};
use claimdesk_core::model::{ArticleMeta, Attributes, NewAnnotation, SourceKind};
use claimdesk_core::team::merge::merge_files;
use claimdesk_core::team::merge::MergeProgress;
use claimdesk_core::Store;
use serde_json::json;

#[path = "common/results.rs"]
mod results;

const LABELS: [&str; 3] = [
    "00000000-0000-7000-8000-000000000001",
    "00000000-0000-7000-8000-000000000002",
    "00000000-0000-7000-8000-000000000003",
];
const WORDS: [&str; 16] = [
    "campaign",
    "promoted",
    "accounts",
    "spent",
    "dollars",
    "ministry",
    "statement",
    "agency",
    "tweets",
    "network",
    "report",
    "source",
    "claimed",
    "million",
    "outlet",
    "evidence",
];

/// Articles of about 2,000 characters, the same for every seed of annotations.
fn article_text(i: usize) -> String {
    let mut state = (i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let mut text = format!("Article {i}. ");
    while text.len() < 2_000 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        text.push_str(WORDS[(state % WORDS.len() as u64) as usize]);
        text.push(if state.is_multiple_of(11) { '.' } else { ' ' });
        if state.is_multiple_of(11) {
            text.push(' ');
        }
    }
    text
}

/// A file by `analyst` with `per_article` annotations on each of `articles` articles; `shift`
/// moves this analyst's spans a little so that analysts agree on some and not on others.
fn build(path: &Path, analyst: &str, articles: usize, per_article: usize, shift: usize) {
    if path.exists() {
        return;
    }
    let started = Instant::now();
    let mut store = Store::open(path).expect("open");
    let me: AnnotatorId = store.ensure_annotator(analyst).expect("analyst").id;
    for first in (0..articles).step_by(250) {
        store
            .batch(|batch| {
                for i in first..(first + 250).min(articles) {
                    let article = batch.create_article(NewArticle {
                        meta: ArticleMeta {
                            title: format!("Article {i}"),
                            ..ArticleMeta::default()
                        },
                        source_kind: SourceKind::Text,
                        source_name: None,
                        original: Vec::new(),
                        text: article_text(i),
                    })?;
                    let length = article.text.chars().count();
                    for n in 0..per_article {
                        let start = (n * (length - 12)) / per_article + (n * shift) % 3;
                        batch.create_annotation(
                            &me,
                            NewAnnotation {
                                article_id: article.id.clone(),
                                label_id: LabelId::from(LABELS[(n + shift) % 3]),
                                start: start as i64,
                                end: (start + 8) as i64,
                                attributes: Attributes::default(),
                            },
                        )?;
                    }
                }
                Ok(())
            })
            .expect("batch");
    }
    eprintln!(
        "built {} ({} annotations) in {:.0?}",
        path.display(),
        articles * per_article,
        started.elapsed()
    );
}

fn merge(team: &mut Store, sources: &[PathBuf]) -> f64 {
    let started = Instant::now();
    let summary = merge_files(team, sources, &mut |_: &MergeProgress| {
        ControlFlow::Continue(())
    })
    .expect("merge");
    let seconds = started.elapsed().as_secs_f64();
    for file in &summary.files {
        println!(
            "  {}: {} annotations added, {} unchanged, {} new conflicts, {} articles matched",
            Path::new(&file.file)
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
            file.annotations_added,
            file.annotations_unchanged,
            file.conflicts_new,
            file.articles_matched
        );
    }
    seconds
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    // CLAIMDESK_TEAM_ARTICLES scales the merged files (100 annotations per article).
    let articles: usize = std::env::var("CLAIMDESK_TEAM_ARTICLES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5_000);
    let mut run = results::Run::start("team");
    let dir = results::target_dir().join("bench-team");
    std::fs::create_dir_all(&dir).expect("bench folder");
    // The default size keeps the names the files have always had, so they are reused.
    let suffix = if articles == 5_000 {
        String::new()
    } else {
        format!("-{articles}")
    };
    let sources = [
        dir.join(format!("ana{suffix}.sqlite")),
        dir.join(format!("boris{suffix}.sqlite")),
    ];
    build(&sources[0], "Ana", articles, 100, 0);
    build(&sources[1], "Boris", articles, 100, 1);

    let team_path = dir.join("team.sqlite");
    let _ = std::fs::remove_file(&team_path);
    let mut team = Store::open(&team_path).expect("team file");
    println!(
        "\n## Team files\n\nMerging two files of {} annotations each into a new file:",
        articles * 100
    );
    let first = merge(&mut team, &sources);
    println!("Merging the same two files again:");
    let again = merge(&mut team, &sources);

    let trio: Vec<PathBuf> = ["ana3", "boris3", "chen3"]
        .iter()
        .zip(["Ana", "Boris", "Chen"])
        .enumerate()
        .map(|(shift, (file, name))| {
            let path = dir.join(format!("{file}.sqlite"));
            build(&path, name, 1_000, 34, shift);
            path
        })
        .collect();
    let agreement_path = dir.join("agreement.sqlite");
    let _ = std::fs::remove_file(&agreement_path);
    let mut three = Store::open(&agreement_path).expect("agreement file");
    merge_files(&mut three, &trio, &mut |_: &MergeProgress| {
        ControlFlow::Continue(())
    })
    .expect("merge three");
    let mut rows = 0;
    let mut agreement = Vec::new();
    for unit in [AgreementUnit::Character, AgreementUnit::Token] {
        let started = Instant::now();
        let report = three
            .agreement(&AgreementQuery {
                filters: Default::default(),
                unit,
                per_article: false,
            })
            .expect("agreement");
        agreement.push((unit, started.elapsed().as_secs_f64()));
        rows = report.rows.len();
    }
    println!("\n| operation | time |\n| --- | ---: |");
    println!(
        "| merge 2 x {} annotations into a new file | {first:.1} s |",
        articles * 100
    );
    println!("| merge the same files again (nothing changes) | {again:.1} s |");
    for (unit, seconds) in agreement {
        println!(
            "| agreement, 3 analysts, 102,000 annotations, 1,000 articles, per {unit:?} ({rows} rows) | {seconds:.2} s |"
        );
        let name = format!("agreement, per {}", format!("{unit:?}").to_lowercase());
        let params = json!({ "analysts": 3, "annotations": 102_000, "articles": 1_000 });
        run.add(results::Figure::new(&name, "s", vec![seconds], params));
    }
    let params = json!({ "files": 2, "annotations": 2 * articles * 100, "articles": articles });
    run.add(results::Figure::new(
        "merge",
        "s",
        vec![first],
        params.clone(),
    ));
    run.add(results::Figure::new(
        "merge again",
        "s",
        vec![again],
        params,
    ));
    run.write(json!({}));
}
