//! CSV exports read back with the csv crate equal what the database holds; the spreadsheet
//! profile defuses formula-like text cells and nothing else; filters, progress, cancel and the
//! safe write behave as the app relies on.

use std::collections::HashMap;
use std::ops::ControlFlow;

use claimdesk_core::interchange::spreadsheet_safety::defuse_cell;
use claimdesk_core::interchange::{
    count_export, export_to_path, export_to_writer, measure_export, CsvProfile, ExportFormat,
    ExportProgress, ExportRequest, CSV_COLUMNS,
};
use claimdesk_core::model::filters::Filters;
use claimdesk_core::model::ids::LabelId;
use claimdesk_core::model::Annotation;
use claimdesk_core::Store;

use crate::export_fixture::{corpus, Corpus};
use crate::support::{cp_slice, CLAIM};

pub fn export_bytes(store: &Store, request: &ExportRequest) -> Vec<u8> {
    let mut out = Vec::new();
    export_to_writer(store, request, &mut out, &mut |_: &ExportProgress| {
        ControlFlow::Continue(())
    })
    .unwrap();
    out
}

fn csv_request(profile: CsvProfile) -> ExportRequest {
    ExportRequest {
        format: ExportFormat::Csv,
        profile,
        ..ExportRequest::default()
    }
}

fn read_rows(bytes: &[u8]) -> Vec<HashMap<String, String>> {
    let mut reader = csv::Reader::from_reader(bytes);
    let headers = reader.headers().unwrap().clone();
    assert_eq!(headers.iter().collect::<Vec<_>>(), CSV_COLUMNS);
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_owned(), v.to_owned()))
                .collect()
        })
        .collect()
}

/// What the database says a row should hold, column by column.
fn expected_row(corpus: &Corpus, a: &Annotation) -> HashMap<String, String> {
    let store = &corpus.store;
    let article = store.get_article(&a.article_id).unwrap();
    let label = store.get_label(&a.label_id).unwrap();
    let annotator = store.get_annotator(&a.annotator_id).unwrap();
    let figure = a.attributes.figure.as_ref();
    let text = |v: Option<&str>| v.unwrap_or_default().to_owned();
    let stamp = |t: &chrono::DateTime<chrono::Utc>| claimdesk_core::model::ids::timestamp_text(t);
    [
        ("annotation_id", a.id.to_string()),
        ("article_id", article.id.to_string()),
        ("title", article.meta.title.clone()),
        ("url", text(article.meta.url.as_deref())),
        ("outlet", text(article.meta.outlet.as_deref())),
        ("published", text(article.meta.published.as_deref())),
        ("language", text(article.meta.language.as_deref())),
        ("text_sha256", article.text_sha256.clone()),
        ("label", label.name),
        ("exact", a.exact.clone()),
        ("start", a.start.to_string()),
        ("end", a.end.to_string()),
        ("prefix", a.prefix.clone()),
        ("suffix", a.suffix.clone()),
        ("speaker", text(a.attributes.speaker.as_deref())),
        (
            "value",
            figure.map(|f| f.value.to_string()).unwrap_or_default(),
        ),
        ("currency", text(figure.and_then(|f| f.currency.as_deref()))),
        ("unit", text(figure.and_then(|f| f.unit.as_deref()))),
        (
            "qualifier",
            text(figure.and_then(|f| f.qualifier.as_deref())),
        ),
        ("verdict", text(a.attributes.verdict.as_deref())),
        ("note", a.attributes.note.clone()),
        ("tags", a.attributes.tags.join("; ")),
        ("annotator", annotator.name),
        ("created", stamp(&a.created_at)),
        ("updated", stamp(&a.updated_at)),
        ("review_state", a.review_state.as_str().to_owned()),
        // No review workflow writes a reviewer yet.
        ("reviewer", String::new()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

#[test]
fn raw_csv_read_back_equals_the_database() {
    let corpus = corpus();
    let bytes = export_bytes(&corpus.store, &csv_request(CsvProfile::Raw));
    assert!(!bytes.starts_with("\u{feff}".as_bytes()), "raw has no BOM");
    let rows = read_rows(&bytes);
    let live = corpus.live_annotations();
    assert_eq!(rows.len(), live.len());
    assert!(rows
        .iter()
        .all(|r| r["annotation_id"] != corpus.deleted.id.as_str()));
    let by_id: HashMap<&str, &HashMap<String, String>> = rows
        .iter()
        .map(|r| (r["annotation_id"].as_str(), r))
        .collect();
    for a in &live {
        assert_eq!(by_id[a.id.as_str()], &expected_row(&corpus, a), "{}", a.id);
        let text = corpus.store.get_article(&a.article_id).unwrap().text;
        assert_eq!(cp_slice(&text, a.start, a.end), a.exact);
    }
}

#[test]
fn rows_end_with_crlf_and_fields_with_commas_quotes_or_newlines_are_quoted() {
    let corpus = corpus();
    let text =
        String::from_utf8(export_bytes(&corpus.store, &csv_request(CsvProfile::Raw))).unwrap();
    assert!(text.starts_with("annotation_id,article_id,title,"));
    assert!(text.contains("\r\n"));
    assert!(
        text.contains(",\"Dépenses, \"\"pub\"\" et RT\","),
        "quotes doubled"
    );
    assert!(
        text.contains("\"line one\nline two, with \"\"quotes\"\", and a comma\""),
        "a newline inside a quoted field stays a bare LF"
    );
    assert!(text.contains(",274000,USD,"), "values are plain numbers");
    assert!(text.contains(",0.5,,promoted tweets,about,"));
}

#[test]
fn spreadsheet_profile_adds_a_bom_and_defuses_formula_cells_only() {
    let corpus = corpus();
    let raw = read_rows(&export_bytes(&corpus.store, &csv_request(CsvProfile::Raw)));
    let bytes = export_bytes(&corpus.store, &csv_request(CsvProfile::Spreadsheet));
    let bom = "\u{feff}".as_bytes();
    assert!(bytes.starts_with(bom));
    let sheet = read_rows(&bytes[bom.len()..]);
    assert_eq!(raw.len(), sheet.len());
    let offsets = ["start", "end"];
    let mut defused = 0;
    for (r, s) in raw.iter().zip(&sheet) {
        for column in CSV_COLUMNS {
            let (r, s) = (&r[column], &s[column]);
            if offsets.contains(&column) {
                assert_eq!(s, r, "{column} is unchanged");
            } else {
                assert_eq!(s, &defuse_cell(r), "{column} goes through the one defuser");
                defused += usize::from(s != r);
            }
        }
    }
    // =HYPERLINK, +SUM, -2+3, @cmd, "=1+1", "-", "=Boris", "=Evil Outlet", "+SUM(1)", ...
    assert!(defused >= 10, "only {defused} cells were formula-like");
    let link = sheet
        .iter()
        .find(|r| r["exact"].contains("HYPERLINK"))
        .unwrap();
    assert!(link["exact"].starts_with("'=HYPERLINK("));
}

#[test]
fn filters_narrow_the_export_and_the_count_agrees() {
    let corpus = corpus();
    let request = ExportRequest {
        filters: Filters {
            labels: vec![LabelId::from(CLAIM)],
            languages: vec!["ar".into()],
            ..Filters::default()
        },
        ..csv_request(CsvProfile::Raw)
    };
    let rows = read_rows(&export_bytes(&corpus.store, &request));
    assert_eq!(rows.len(), 5, "the claims of the Arabic article");
    assert!(rows
        .iter()
        .all(|r| r["label"] == "claim" && r["language"] == "ar"));
    assert_eq!(count_export(&corpus.store, &request).unwrap(), 5);
    let size = measure_export(&corpus.store, &request).unwrap();
    assert_eq!((size.annotations, size.articles), (5, 1));
    let by_analyst = ExportRequest {
        filters: Filters {
            annotators: vec![corpus.boris.clone()],
            tags: vec!["@x".into()],
            ..Filters::default()
        },
        ..csv_request(CsvProfile::Raw)
    };
    let rows = read_rows(&export_bytes(&corpus.store, &by_analyst));
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["exact"], "+SUM(A1:A9)");
}

#[test]
fn progress_reaches_the_total_and_a_cancel_leaves_the_target_as_it_was() {
    let corpus = corpus();
    let target = corpus.dir.path().join("export.csv");
    std::fs::write(&target, "the old export").unwrap();
    let request = csv_request(CsvProfile::Spreadsheet);
    let mut seen: Vec<ExportProgress> = Vec::new();
    let summary = export_to_path(
        &corpus.store,
        &request,
        &target,
        &mut |p: &ExportProgress| {
            seen.push(*p);
            ControlFlow::Break(())
        },
    )
    .unwrap();
    let total = corpus.live_annotations().len() as u64;
    assert!(summary.cancelled);
    assert_eq!(
        seen,
        [ExportProgress { done: 0, total }],
        "the first report comes before any row"
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "the old export");
    let mut last = ExportProgress::default();
    let summary = export_to_path(
        &corpus.store,
        &request,
        &target,
        &mut |p: &ExportProgress| {
            last = *p;
            ControlFlow::Continue(())
        },
    )
    .unwrap();
    assert!(!summary.cancelled);
    assert_eq!((summary.annotations, summary.articles), (total, 3));
    assert_eq!(last, ExportProgress { done: total, total });
    let written = std::fs::read(&target).unwrap();
    assert_eq!(written.len() as u64, summary.bytes);
    let temporary = std::fs::read_dir(corpus.dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".tmp")
        })
        .count();
    assert_eq!(temporary, 0, "no temporary file is left");
}
