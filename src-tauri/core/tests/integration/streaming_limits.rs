//! Streaming limits: every reader of other people's files refuses a row, line, task or file over
//! its limit while reading, names it and the limit, and goes on where the format allows (a JSON
//! Lines corpus and a doccano file at the next line; a CSV corpus and a Label Studio file cannot
//! be resumed). The huge inputs are sparse files: a header, then a hole of zeros that costs no
//! disk. Peak memory is measured on the CLI (`cli/tests/streaming_limits.rs`).

use std::fs::File;
use std::io::{Seek, SeekFrom, Write};
use std::ops::ControlFlow;
use std::path::Path;

use claimdesk_core::import::ImportProgress;
use claimdesk_core::import::{import_paths, ImportOptions, ImportSummary, ItemOutcome};
use claimdesk_core::interchange::ExportProgress;
use claimdesk_core::interchange::{import_annotations, AnnotationImportOptions, ImportFormat};

use crate::support::temp_store;

/// A file of `head`, a hole up to `size` bytes, then `tail`.
fn sparse(path: &Path, head: &[u8], size: u64, tail: &[u8]) {
    let mut file = File::create(path).unwrap();
    file.write_all(head).unwrap();
    file.set_len(size).unwrap();
    file.seek(SeekFrom::End(0)).unwrap();
    file.write_all(tail).unwrap();
}

fn import_with_limit(path: &Path, max_bytes: u64) -> ImportSummary {
    let (_dir, mut store) = temp_store();
    let options = ImportOptions {
        max_bytes,
        ..ImportOptions::default()
    };
    let paths = [path.to_owned()];
    import_paths(&mut store, &paths, &options, &mut |_: &ImportProgress| {
        ControlFlow::Continue(())
    })
    .unwrap()
}

/// Each item as (source suffix after the file name, "imported" or the failure reason).
fn outcomes(summary: &ImportSummary) -> Vec<(String, String)> {
    summary
        .items
        .iter()
        .map(|item| {
            let place = item
                .source
                .rsplit(", ")
                .next()
                .unwrap_or_default()
                .to_owned();
            let what = match &item.outcome {
                ItemOutcome::Imported { .. } => "imported".to_owned(),
                ItemOutcome::Failed { reason } => reason.clone(),
                other => format!("{other:?}"),
            };
            (place, what)
        })
        .collect()
}

#[test]
fn a_csv_row_over_the_limit_is_refused_by_row_and_limit_and_stops_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.csv");
    let long = "x".repeat(20_000);
    std::fs::write(
        &corpus,
        format!("title,text\nOne,First text\nTwo,\"{long}\"\nThree,Third text\n"),
    )
    .unwrap();
    let got = outcomes(&import_with_limit(&corpus, 1024));
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0], ("row 1".into(), "imported".into()));
    assert_eq!(got[1].0, "row 2");
    let why = &got[1].1;
    assert!(
        why.contains("row 2 is longer than 1 KB, the largest article allowed"),
        "{why}"
    );
    assert!(
        why.contains("raise Largest file, or split the corpus"),
        "{why}"
    );
    assert!(why.contains("nor the rows after it were read"), "{why}");
}

#[test]
fn a_csv_row_of_exactly_the_limit_imports() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.csv");
    let text = "y".repeat(1024);
    std::fs::write(&corpus, format!("text\n{text}\nnext row\n")).unwrap();
    let got = outcomes(&import_with_limit(&corpus, 1024));
    assert_eq!(
        got,
        [
            ("row 1".into(), "imported".into()),
            ("row 2".into(), "imported".into())
        ]
    );
}

#[test]
fn a_csv_header_over_the_limit_refuses_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.csv");
    sparse(&corpus, b"text,", 64 << 10, b"\nA row\n");
    let got = outcomes(&import_with_limit(&corpus, 1024));
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(
        got[0].1.contains("header row is longer than 1 KB"),
        "{got:?}"
    );
    assert!(got[0].1.contains("the file was not read"), "{got:?}");
}

#[test]
fn a_jsonl_line_over_the_limit_is_refused_alone_and_the_next_line_imports() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    let after = b"\n{\"text\": \"After the long line\"}\n";
    sparse(
        &corpus,
        b"{\"text\": \"First\"}\n{\"text\": \"",
        1 << 20,
        after,
    );
    let got = outcomes(&import_with_limit(&corpus, 64 << 10));
    assert_eq!(got.len(), 3, "{got:?}");
    assert_eq!(got[0], ("line 1".into(), "imported".into()));
    assert!(got[1].1.contains("line 2 is longer than 64 KB"), "{got:?}");
    assert_eq!(got[2], ("line 3".into(), "imported".into()));
}

#[test]
fn a_2_gb_single_row_csv_is_refused_naming_the_row_and_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("huge.csv");
    sparse(&corpus, b"text\n", 2 << 30, b"");
    let got = outcomes(&import_with_limit(&corpus, 1 << 20));
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].1.contains("row 1 is longer than 1 MB"), "{got:?}");
}

fn import_file(path: &Path, format: ImportFormat) -> claimdesk_core::Result<String> {
    let (_dir, mut store) = temp_store();
    let options = AnnotationImportOptions {
        format,
        annotator: "Importer".into(),
        offset_unit: None,
    };
    let summary = import_annotations(&mut store, path, &options, &mut |_: &ExportProgress| {
        ControlFlow::Continue(())
    })?;
    Ok(format!(
        "{} documents, {} annotations; {:?}",
        summary.documents, summary.annotations_created, summary.problems
    ))
}

#[test]
fn a_doccano_line_over_the_limit_is_refused_alone_and_the_next_line_imports() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("doccano.jsonl");
    let after = b"\n{\"text\": \"EU rejects the call\", \"label\": [[0, 2, \"ORG\"]]}\n";
    sparse(&file, b"{\"text\": \"", 51 << 20, after);
    let got = import_file(&file, ImportFormat::Doccano).unwrap();
    assert!(got.starts_with("1 documents, 1 annotations"), "{got}");
    assert!(
        got.contains("line 1 is longer than 50 MB, the largest article allowed"),
        "{got}"
    );
}

#[test]
fn annotation_files_over_the_file_limit_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    for (format, name) in [
        (ImportFormat::LabelStudio, "tasks.json"),
        (ImportFormat::Doccano, "doccano.jsonl"),
    ] {
        let file = dir.path().join(name);
        sparse(&file, b"[{\"data\": {\"text\": \"", 2 << 30, b"\"}}]");
        let err = import_file(&file, format).unwrap_err().to_string();
        assert!(
            err.contains("is larger than 256 MB, the largest annotation file"),
            "{err}"
        );
        std::fs::remove_file(&file).unwrap();
    }
}
