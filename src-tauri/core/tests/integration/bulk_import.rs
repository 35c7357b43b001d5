//! Bulk import through `import_paths`: folders walked recursively, corpora with column maps,
//! pathological files refused while the rest goes on, progress, cancel, and whole articles only
//! after an interruption.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use claimdesk_core::db::queries::articles::text_sha256;
use claimdesk_core::import::{
    import_paths, ColumnMap, ImportOptions, ImportProgress, ImportSummary, ItemOutcome,
};
use claimdesk_core::Store;

use crate::html_import::fixture;
use crate::support::temp_store;

fn import(store: &mut Store, paths: &[PathBuf], options: &ImportOptions) -> ImportSummary {
    import_paths(store, paths, options, &mut |_: &ImportProgress| {
        ControlFlow::Continue(())
    })
    .unwrap()
}

fn write(path: &Path, bytes: impl AsRef<[u8]>) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// The outcome reported for the source whose name ends with `suffix`.
fn outcome<'a>(summary: &'a ImportSummary, suffix: &str) -> &'a ItemOutcome {
    &summary
        .items
        .iter()
        .find(|i| i.source.ends_with(suffix))
        .unwrap_or_else(|| panic!("no item for {suffix}: {:#?}", summary.items))
        .outcome
}

fn failure<'a>(summary: &'a ImportSummary, suffix: &str) -> &'a str {
    match outcome(summary, suffix) {
        ItemOutcome::Failed { reason } => reason,
        other => panic!("{suffix} did not fail: {other:?}"),
    }
}

/// A folder of good files, other files and pathological ones.
fn mixed_folder(root: &Path) {
    write(&root.join("a.txt"), "First story\nText of the first story.");
    write(&root.join("sub/b.md"), "# Second story\n\nIn *Markdown*.");
    let page = std::fs::read(fixture("ru_koi8r.html")).unwrap();
    write(&root.join("sub/deeper/c.htm"), page);
    write(&root.join("sub/photo.png"), b"\x89PNG\r\n\x1a\n");
    write(&root.join(".hidden/secret.txt"), "not imported");
    write(&root.join("binary.txt"), b"\x7fELF\x02\x01\x01\0\0\0");
    write(
        &root.join("copy.txt"),
        "First story\r\nText of the first story.",
    );
    write(&root.join("huge.txt"), "x".repeat(3 * 1024 * 1024 / 2));
    let nested = format!("<body>{}deep", "<span>".repeat(100_000));
    write(&root.join("sub/nested.html"), nested);
}

#[test]
fn a_folder_is_walked_and_pathological_files_are_refused_while_the_rest_imports() {
    let (dir, mut store) = temp_store();
    let root = dir.path().join("inbox");
    mixed_folder(&root);
    let options = ImportOptions {
        max_bytes: 1024 * 1024,
        ..ImportOptions::default()
    };
    let summary = import(&mut store, &[root], &options);
    assert_eq!(
        (
            summary.imported,
            summary.duplicates,
            summary.skipped,
            summary.failed
        ),
        (3, 1, 1, 3),
        "{:#?}",
        summary.items
    );
    assert!(failure(&summary, "binary.txt").contains("binary.txt is a program"));
    assert!(failure(&summary, "huge.txt").contains("larger than the 1 MB limit"));
    assert!(failure(&summary, "nested.html").contains("nests elements more than 512 deep"));
    assert!(matches!(
        outcome(&summary, "copy.txt"),
        ItemOutcome::Duplicate { .. }
    ));
    assert!(matches!(
        outcome(&summary, "photo.png"),
        ItemOutcome::Skipped { .. }
    ));
    assert!(summary.items.iter().all(|i| !i.source.contains(".hidden")));
    let mut titles: Vec<String> = store
        .list_articles()
        .unwrap()
        .into_iter()
        .map(|a| a.meta.title)
        .collect();
    titles.sort();
    assert_eq!(
        titles,
        [
            "First story",
            "Second story",
            "Старая лента: бюджет на рекламу вырос вдвое"
        ]
    );
}

#[test]
fn progress_counts_files_and_a_cancel_stops_between_files() {
    let (dir, mut store) = temp_store();
    let root = dir.path().join("batch");
    for i in 0..5 {
        write(&root.join(format!("{i}.txt")), format!("Story number {i}"));
    }
    let mut seen: Vec<ImportProgress> = Vec::new();
    let summary = import_paths(
        &mut store,
        &[root],
        &ImportOptions::default(),
        &mut |p: &ImportProgress| {
            seen.push(p.clone());
            if p.files_done == 2 {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        },
    )
    .unwrap();
    assert!(summary.cancelled);
    assert_eq!(summary.imported, 2);
    assert_eq!(store.list_articles().unwrap().len(), 2);
    assert_eq!(seen[0].files_total, 5);
    assert!(seen[0].current.as_deref().unwrap().ends_with("0.txt"));
    assert_eq!(seen[0].remaining_ms, None);
    assert!(seen[1].remaining_ms.is_some() && seen[1].bytes_done > 0);
}

#[test]
fn an_interrupted_import_leaves_whole_articles_only() {
    let (dir, mut store) = temp_store();
    let root = dir.path().join("batch");
    for i in 0..6 {
        write(
            &root.join(format!("{i}.txt")),
            format!("Article {i}\nbody {i}"),
        );
    }
    let crash = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        import_paths(
            &mut store,
            &[root],
            &ImportOptions::default(),
            &mut |p: &ImportProgress| {
                assert!(p.files_done < 3, "simulated crash mid-import");
                ControlFlow::Continue(())
            },
        )
    }));
    assert!(crash.is_err());
    drop(store);
    let store = Store::open(&dir.path().join("test.sqlite")).unwrap();
    let articles = store.list_articles().unwrap();
    assert_eq!(articles.len(), 3);
    for summary in articles {
        let article = store.get_article(&summary.id).unwrap();
        assert_eq!(article.text_sha256, text_sha256(&article.text));
        assert!(store.get_article_source(&article.id).unwrap().is_some());
    }
}

#[test]
fn a_jsonl_corpus_maps_its_keys_and_reports_bad_rows() {
    let (dir, mut store) = temp_store();
    let corpus = dir.path().join("corpus.jsonl");
    write(
        &corpus,
        concat!(
            "{\"body\":\"Премьер пообещал отчёт.\",\"headline\":\"Отчёт\",\"site\":\"Курьер\",\"lang\":\"ru\",\"date\":\"2026-01-02\"}\n",
            "\n",
            "{not json}\n",
            "{\"headline\":\"No body\"}\n",
            "{\"body\":\"Premier texte.\\r\\nSuite.\",\"headline\":\"Premier\",\"id\":7}\r\n",
            "{\"body\":\"Премьер пообещал отчёт.\",\"headline\":\"Same text\"}\n",
        ),
    );
    let options = ImportOptions {
        columns: ColumnMap::parse("text=body,title=headline,outlet=site,language=lang").unwrap(),
        ..ImportOptions::default()
    };
    let summary = import(&mut store, &[corpus], &options);
    assert_eq!(
        (summary.imported, summary.duplicates, summary.failed),
        (2, 1, 2),
        "{:#?}",
        summary.items
    );
    assert!(failure(&summary, "line 3").contains("is not valid JSON"));
    assert!(failure(&summary, "line 4").contains("has no text in the key \"body\""));
    let ItemOutcome::Imported { article_id, .. } = outcome(&summary, "line 1") else {
        panic!("line 1 not imported");
    };
    let article = store.get_article(article_id).unwrap();
    assert_eq!(article.meta.title, "Отчёт");
    assert_eq!(article.meta.outlet.as_deref(), Some("Курьер"));
    assert_eq!(article.meta.language.as_deref(), Some("ru"));
    assert_eq!(article.meta.published.as_deref(), Some("2026-01-02"));
    assert!(article
        .source_name
        .unwrap()
        .ends_with("corpus.jsonl, line 1"));
    let original = store.get_article_original(article_id).unwrap();
    assert!(original.starts_with(b"{\"body\""));
}

#[test]
fn a_csv_corpus_reads_quoted_multiline_fields_in_a_chosen_encoding() {
    let (dir, mut store) = temp_store();
    let corpus = dir.path().join("legacy.csv");
    let rows = "headline,body,url\r\n\"Coût\",\"Première ligne\r\n\"\"citée\"\" – 40 €\",https://a.example/1\r\nVide,,\r\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(rows);
    write(&corpus, &bytes);
    let options = ImportOptions {
        encoding: Some("windows-1252".into()),
        columns: ColumnMap::parse("text=body,title=headline").unwrap(),
        ..ImportOptions::default()
    };
    let summary = import(&mut store, std::slice::from_ref(&corpus), &options);
    assert_eq!(
        (summary.imported, summary.failed),
        (1, 1),
        "{:#?}",
        summary.items
    );
    let ItemOutcome::Imported { article_id, .. } = outcome(&summary, "row 1") else {
        panic!("row 1 not imported");
    };
    let article = store.get_article(article_id).unwrap();
    assert_eq!(article.text, "Première ligne\n\"citée\" – 40 €");
    assert_eq!(article.meta.title, "Coût");
    assert_eq!(article.meta.url.as_deref(), Some("https://a.example/1"));
    let source = store.get_article_source(article_id).unwrap().unwrap();
    assert_eq!(source.encoding, "windows-1252");

    let unmapped = import(&mut store, &[corpus], &ImportOptions::default());
    let reason = failure(&unmapped, "legacy.csv");
    assert!(reason.contains("no column \"text\""), "{reason}");
    assert!(reason.contains("headline, body, url"), "{reason}");
}

#[test]
fn unknown_encodings_are_refused_before_anything_is_read() {
    let (dir, mut store) = temp_store();
    let options = ImportOptions {
        encoding: Some("klingon".into()),
        ..ImportOptions::default()
    };
    let err = import_paths(
        &mut store,
        &[dir.path().to_owned()],
        &options,
        &mut |_: &ImportProgress| ControlFlow::Continue(()),
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("unknown encoding \"klingon\""),
        "{err}"
    );
}
