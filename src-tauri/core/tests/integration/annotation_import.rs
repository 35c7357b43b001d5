//! doccano and Label Studio round trips: export the hostile corpus, import the file into a fresh
//! database, and find the same articles and spans (and, for Label Studio, the same attributes);
//! importing again changes nothing; spans that cannot be placed are reported, not dropped
//! silently.

use std::collections::BTreeSet;
use std::ops::ControlFlow;
use std::path::Path;

use claimdesk_core::interchange::ExportProgress;
use claimdesk_core::interchange::{
    import_annotations, AnnotationImportOptions, AnnotationImportSummary, ExportFormat,
    ExportRequest, ImportFormat, OffsetUnit,
};
use claimdesk_core::model::Attributes;
use claimdesk_core::Store;

use crate::export_csv::export_bytes;
use crate::export_fixture::corpus;
use crate::support::temp_store;

/// What both tools carry: the article's text and metadata, and each span's label and offsets.
type Carried = BTreeSet<(String, String, String, i64, i64, String)>;

fn carried(store: &Store, with_attributes: bool) -> (BTreeSet<String>, Carried) {
    let labels = store.list_labels().unwrap();
    let mut articles = BTreeSet::new();
    let mut spans = Carried::new();
    for summary in store.list_articles().unwrap() {
        let article = store.get_article(&summary.id).unwrap();
        articles.insert(format!("{:?}|{}", article.meta, article.text));
        for a in store.list_annotations(&article.id).unwrap() {
            let label = labels.iter().find(|l| l.id == a.label_id).unwrap();
            let attributes = if with_attributes {
                format!("{:?}", a.attributes)
            } else {
                String::new()
            };
            spans.insert((
                article.text_sha256.clone(),
                label.name.clone(),
                a.exact.clone(),
                a.start,
                a.end,
                attributes,
            ));
        }
    }
    (articles, spans)
}

fn import(
    store: &mut Store,
    path: &Path,
    format: ImportFormat,
    unit: Option<OffsetUnit>,
) -> AnnotationImportSummary {
    let options = AnnotationImportOptions {
        format,
        annotator: "Importer".into(),
        offset_unit: unit,
    };
    import_annotations(store, path, &options, &mut |_: &ExportProgress| {
        ControlFlow::Continue(())
    })
    .unwrap()
}

fn round_trip(
    format: ExportFormat,
    import_as: ImportFormat,
    unit: Option<OffsetUnit>,
    with_attributes: bool,
) {
    let corpus = corpus();
    let request = ExportRequest {
        format,
        offset_unit: unit,
        ..ExportRequest::default()
    };
    let file = corpus.dir.path().join("export.json");
    std::fs::write(&file, export_bytes(&corpus.store, &request)).unwrap();
    let (_dir, mut fresh) = temp_store();
    let summary = import(&mut fresh, &file, import_as, unit);
    assert!(summary.problems.is_empty(), "{:?}", summary.problems);
    let live = corpus.live_annotations().len() as u64;
    assert_eq!((summary.documents, summary.articles_created), (3, 3));
    assert_eq!(summary.annotations_created, live);
    assert_eq!(summary.labels_created, ["@mention"]);
    assert_eq!(
        carried(&fresh, with_attributes),
        carried(&corpus.store, with_attributes)
    );

    let again = import(&mut fresh, &file, import_as, unit);
    assert_eq!((again.articles_matched, again.annotations_created), (3, 0));
    assert_eq!(again.duplicates, live, "importing twice changes nothing");
}

#[test]
fn doccano_round_trip_in_utf16_units_is_lossless_for_spans_and_metadata() {
    round_trip(ExportFormat::Doccano, ImportFormat::Doccano, None, false);
}

#[test]
fn doccano_round_trip_in_code_points_is_lossless_too() {
    round_trip(
        ExportFormat::Doccano,
        ImportFormat::Doccano,
        Some(OffsetUnit::CodePoint),
        false,
    );
}

#[test]
fn label_studio_round_trip_keeps_spans_metadata_and_attributes() {
    round_trip(
        ExportFormat::LabelStudio,
        ImportFormat::LabelStudio,
        None,
        true,
    );
}

#[test]
fn doccano_offsets_are_utf16_units_by_default() {
    let corpus = corpus();
    let request = ExportRequest {
        format: ExportFormat::Doccano,
        ..ExportRequest::default()
    };
    let text = String::from_utf8(export_bytes(&corpus.store, &request)).unwrap();
    for line in text.lines() {
        let doc: serde_json::Value = serde_json::from_str(line).unwrap();
        let units: Vec<u16> = doc["text"].as_str().unwrap().encode_utf16().collect();
        for span in doc["label"].as_array().unwrap() {
            let (s, e) = (
                span[0].as_u64().unwrap() as usize,
                span[1].as_u64().unwrap() as usize,
            );
            assert!(
                String::from_utf16(&units[s..e]).is_ok(),
                "{span} cuts a surrogate pair"
            );
        }
    }
}

#[test]
fn spans_that_cannot_be_placed_are_reported_and_the_rest_imported() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("doccano.jsonl");
    // Family emoji: 👨 (2 units) ZWJ (1) 👩 (2): offset 3 is inside the cluster.
    let lines = [
        r#"{"text": "👨‍👩 and RT\r\nsecond", "label": [[0, 5, "emoji"], [3, 5, "claim"], [10, 12, "claim"], [10, 99, "claim"], [14, 20, "quote"]]}"#,
        r#"{"text": "other", "label": ["positive"]}"#,
    ];
    std::fs::write(&file, lines.join("\n")).unwrap();
    let (_db, mut store) = temp_store();
    let summary = import(&mut store, &file, ImportFormat::Doccano, None);
    assert_eq!(summary.annotations_created, 3, "{:?}", summary.problems);
    assert_eq!(summary.labels_created, ["emoji"]);
    let messages: Vec<String> = summary
        .problems
        .iter()
        .map(|p| format!("{}: {}", p.place, p.message))
        .collect();
    assert_eq!(messages.len(), 3, "{messages:#?}");
    assert!(
        messages[0].starts_with("line 1: span 3..5"),
        "{messages:#?}"
    );
    assert!(messages[0].contains("grapheme"), "{messages:#?}");
    assert!(messages[1].contains("span 10..99"), "{messages:#?}");
    assert!(messages[2].starts_with("line 2:"), "{messages:#?}");
    let article = store
        .list_articles()
        .unwrap()
        .into_iter()
        .find(|a| a.annotation_count > 0)
        .unwrap();
    let text = store.get_article(&article.id).unwrap().text;
    assert_eq!(text, "👨‍👩 and RT\nsecond", "stored with LF");
    let exacts: Vec<String> = store
        .list_annotations(&article.id)
        .unwrap()
        .into_iter()
        .map(|a| a.exact)
        .collect();
    assert_eq!(
        exacts,
        ["👨‍👩", "RT", "second"],
        "offsets after the CRLF moved with the text"
    );
}

#[test]
fn label_studio_attributes_without_a_figure_value_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ls.json");
    let task = serde_json::json!([{
        "data": { "text": "RT spent 5 dollars" },
        "annotations": [{ "result": [
            { "id": "a", "type": "labels", "from_name": "label", "to_name": "text",
              "value": { "start": 9, "end": 18, "labels": ["figure"] } },
            { "id": "a", "type": "textarea", "from_name": "currency", "to_name": "text",
              "value": { "start": 9, "end": 18, "text": ["USD"] } },
            { "id": "a", "type": "textarea", "from_name": "speaker", "to_name": "text",
              "value": { "start": 9, "end": 18, "text": ["Ana"] } }
        ]}],
        "predictions": [{ "result": [] }]
    }]);
    std::fs::write(&file, task.to_string()).unwrap();
    let (_db, mut store) = temp_store();
    let summary = import(&mut store, &file, ImportFormat::LabelStudio, None);
    assert_eq!(summary.annotations_created, 1);
    assert_eq!(summary.problems.len(), 2, "{:?}", summary.problems);
    let article = &store.list_articles().unwrap()[0];
    let stored = &store.list_annotations(&article.id).unwrap()[0];
    let expected = Attributes {
        speaker: Some("Ana".into()),
        ..Attributes::default()
    };
    assert_eq!(stored.attributes, expected);
}
