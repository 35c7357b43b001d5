//! `export` and `import-annotations` as a user runs them: a real process, real files, and a
//! process killed with SIGKILL in the middle of a large export, which must leave the old file or
//! the complete new one at the target, never a part.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use claimdesk_core::db::queries::articles::NewArticle;
use claimdesk_core::model::ids::LabelId;
use claimdesk_core::model::{ArticleMeta, Attributes, NewAnnotation, SourceKind};
use claimdesk_core::Store;
use common::cli;

const CLI: &str = env!("CARGO_BIN_EXE_claimdesk-cli");

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn import_a_doccano_file_then_export_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.sqlite");
    let input = dir.path().join("in.jsonl");
    std::fs::write(
        &input,
        r#"{"text": "😀 =HYPERLINK(\"x\") says RT", "label": [[3, 18, "claim"], [24, 26, "quote"]], "outlet": "@cmd"}"#,
    )
    .unwrap();
    let out = cli(
        &db,
        &[
            "--json",
            "import-annotations",
            "--format",
            "doccano",
            input.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["annotations_created"], 2);

    let csv = dir.path().join("out.csv");
    let out = cli(
        &db,
        &["export", "--format", "csv", "-o", csv.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("exported 2 annotations from 1 articles"));
    let written = std::fs::read_to_string(&csv).unwrap();
    assert!(
        written.starts_with('\u{feff}'),
        "spreadsheet is the default profile"
    );
    assert!(
        written.contains(",\"'=HYPERLINK(\"\"x\"\")\","),
        "{written}"
    );
    assert!(written.contains(",'@cmd,"), "{written}");

    let raw = cli(
        &db,
        &[
            "export",
            "--format",
            "csv",
            "--profile",
            "raw",
            "--label",
            "quote",
            "-o",
            "-",
        ],
    );
    let raw = text(&raw.stdout);
    assert_eq!(raw.lines().count(), 2, "header and the one quote: {raw}");
    assert!(raw.contains(",@cmd,"));

    for format in ["jsonl", "w3c", "claimreview", "doccano", "label-studio"] {
        let path = dir.path().join(format!("out.{format}"));
        let out = cli(
            &db,
            &[
                "--json",
                "export",
                "--format",
                format,
                "-o",
                path.to_str().unwrap(),
            ],
        );
        assert!(out.status.success(), "{format}: {}", text(&out.stderr));
        let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(summary["bytes"], std::fs::metadata(&path).unwrap().len());
    }
    let unknown = cli(
        &db,
        &["export", "--format", "csv", "--label", "nope", "-o", "-"],
    );
    assert_eq!(unknown.status.code(), Some(1));
    assert!(text(&unknown.stderr).contains("no label named \"nope\""));
}

#[test]
fn a_problem_in_an_imported_file_is_reported_with_its_line_and_exit_status_1() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.sqlite");
    let input = dir.path().join("in.jsonl");
    std::fs::write(
        &input,
        "{\"text\": \"abc\", \"label\": [[0, 9, \"claim\"], [0, 1, \"claim\"]]}\n",
    )
    .unwrap();
    let out = cli(
        &db,
        &[
            "import-annotations",
            "--format",
            "doccano",
            input.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("line 1"),
        "{}",
        text(&out.stderr)
    );
    assert!(
        text(&out.stdout).contains("1 annotations imported"),
        "{}",
        text(&out.stdout)
    );
}

/// A database with `articles` articles of about 3 KB and `per_article` annotations each.
fn large_database(path: &Path, articles: usize, per_article: usize) {
    let mut store = Store::open(path).unwrap();
    let ana = store.ensure_annotator("Ana").unwrap().id;
    let sentence =
        "Le réseau a dépensé 274 000 dollars 💸, «selon» =HYPERLINK(\"x\"), \"dit-il\". ";
    store
        .batch(|batch| {
            for n in 0..articles {
                let text = format!("Article {n}\n{}", sentence.repeat(per_article));
                let article = batch.create_article(NewArticle {
                    meta: ArticleMeta {
                        title: format!("Article {n}, \"quoted\""),
                        ..ArticleMeta::default()
                    },
                    source_kind: SourceKind::Paste,
                    source_name: None,
                    original: text.clone().into_bytes(),
                    text,
                })?;
                let width = sentence.chars().count() as i64;
                let first = format!("Article {n}\n").chars().count() as i64;
                for k in 0..per_article as i64 {
                    let start = first + k * width + 20;
                    batch.create_annotation(
                        &ana,
                        NewAnnotation {
                            article_id: article.id.clone(),
                            label_id: LabelId::from("00000000-0000-7000-8000-000000000001"),
                            start,
                            end: start + 15,
                            attributes: Attributes {
                                note: "a note, with \"quotes\"\nand a line".into(),
                                ..Attributes::default()
                            },
                        },
                    )?;
                }
            }
            Ok(())
        })
        .unwrap();
}

fn export(db: &Path, profile: &str, target: &Path) -> std::process::Child {
    Command::new(CLI)
        .args([
            "--db",
            db.to_str().unwrap(),
            "export",
            "--format",
            "csv",
            "--profile",
            profile,
        ])
        .arg("-o")
        .arg(target)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn temporary_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".tmp"))
        .collect()
}

#[test]
fn kill_9_during_a_large_export_leaves_the_old_or_the_new_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("large.sqlite");
    large_database(&db, 400, 60);
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let target = out_dir.join("export.csv");

    // The old file: a raw export. The new one: the spreadsheet export, timed.
    assert!(export(&db, "raw", &target).wait().unwrap().success());
    let old = std::fs::read(&target).unwrap();
    let reference = dir.path().join("reference.csv");
    let started = Instant::now();
    assert!(export(&db, "spreadsheet", &reference)
        .wait()
        .unwrap()
        .success());
    let full = started.elapsed();
    let new = std::fs::read(&reference).unwrap();
    assert_ne!(old, new);
    eprintln!("full export: {} bytes in {full:?}", new.len());

    let mut seed: u64 = 0x5eed_c1a1_d35c;
    // At least 8 kills, and more (up to 20) if a slow machine made too few land mid-write.
    let mut mid_write = 0;
    for run in 0..20 {
        if run >= 8 && mid_write >= 3 {
            break;
        }
        std::fs::write(&target, &old).unwrap();
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let fraction = 0.05 + (seed >> 33) as f64 / (1u64 << 31) as f64 * 0.9;
        let mut child = export(&db, "spreadsheet", &target);
        std::thread::sleep(full.mul_f64(fraction));
        let writing = !temporary_files(&out_dir).is_empty();
        let running = child.try_wait().unwrap().is_none();
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        if running && writing {
            mid_write += 1;
        }
        let now = std::fs::read(&target).unwrap();
        assert!(
            now == old || now == new,
            "after a kill at {fraction:.2} of the export the target is neither file ({} bytes)",
            now.len()
        );
        for stray in temporary_files(&out_dir) {
            std::fs::remove_file(stray).unwrap();
        }
    }
    assert!(
        mid_write >= 3,
        "only {mid_write} kills landed while the file was being written"
    );
    let finished = export(&db, "spreadsheet", &target).wait().unwrap();
    assert!(finished.success());
    assert_eq!(std::fs::read(&target).unwrap(), new);
    assert!(temporary_files(&out_dir).is_empty());
}
