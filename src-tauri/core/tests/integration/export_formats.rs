//! JSONL, W3C Web Annotation and ClaimReview exports of the hostile corpus: offsets that slice
//! the text in both units, every W3C MUST met, claims with verdicts and nothing else.

use claimdesk_core::interchange::{ExportFormat, ExportRequest};
use serde_json::Value;

use crate::export_csv::export_bytes;
use crate::export_fixture::corpus;
use crate::support::cp_slice;
use crate::w3c_musts::must_failures;

fn request(format: ExportFormat) -> ExportRequest {
    ExportRequest {
        format,
        ..ExportRequest::default()
    }
}

fn utf16_slice(text: &str, start: u64, end: u64) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&units[start as usize..end as usize]).unwrap()
}

#[test]
fn jsonl_offsets_slice_the_text_in_code_points_and_in_utf16() {
    let corpus = corpus();
    let bytes = export_bytes(&corpus.store, &request(ExportFormat::Jsonl));
    let lines: Vec<Value> = String::from_utf8(bytes)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let live = corpus.live_annotations();
    assert_eq!(lines.len(), live.len());
    let mut astral_shift = false;
    for line in &lines {
        let id = line["article"]["id"].as_str().unwrap();
        let text = corpus.store.get_article(&id.into()).unwrap().text;
        let exact = line["exact"].as_str().unwrap();
        let (start, end) = (
            line["start"].as_i64().unwrap(),
            line["end"].as_i64().unwrap(),
        );
        assert_eq!(cp_slice(&text, start, end), exact);
        let (s16, e16) = (
            line["start_utf16"].as_u64().unwrap(),
            line["end_utf16"].as_u64().unwrap(),
        );
        assert_eq!(utf16_slice(&text, s16, e16), exact, "as JavaScript slices");
        astral_shift |= s16 != start as u64;
    }
    assert!(astral_shift, "the corpus has spans after astral characters");
    let figure = lines
        .iter()
        .find(|l| l["exact"] == "1,9 million dollars")
        .unwrap();
    assert_eq!(figure["attributes"]["figure"]["value"], "1900000");
    assert_eq!(figure["attributes"]["figure"]["qualifier"], "more than");
    let lie = lines.iter().find(|l| l["exact"] == "это ложь").unwrap();
    assert_eq!(
        lie["attributes"]["tags"],
        serde_json::json!(["rt", "=tag", "a; b"])
    );
    assert_eq!(lie["annotator"]["name"], "=Boris");
}

#[test]
fn w3c_export_meets_every_must_of_the_model() {
    let corpus = corpus();
    let bytes = export_bytes(&corpus.store, &request(ExportFormat::W3c));
    let collection: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(collection["type"], "AnnotationCollection");
    let items = collection["first"]["items"].as_array().unwrap();
    assert_eq!(collection["total"], items.len());
    assert_eq!(items.len(), corpus.live_annotations().len());
    for item in items {
        assert_eq!(must_failures(item), Vec::<String>::new(), "{item:#}");
        let target = &item["target"];
        let quote = &target["selector"][0];
        let position = &target["selector"][1];
        assert_eq!(quote["type"], "TextQuoteSelector");
        assert_eq!(position["type"], "TextPositionSelector");
        let article_id = target["source"]["id"]
            .as_str()
            .unwrap()
            .trim_start_matches("urn:uuid:");
        let text = corpus.store.get_article(&article_id.into()).unwrap().text;
        let (start, end) = (
            position["start"].as_i64().unwrap(),
            position["end"].as_i64().unwrap(),
        );
        assert_eq!(
            cp_slice(&text, start, end),
            quote["exact"].as_str().unwrap()
        );
        assert!(item["creator"]["name"].is_string());
        assert!(item["created"].is_string() && item["modified"].is_string());
        assert_eq!(item["body"][0]["purpose"], "classifying");
    }
    let verdict = items
        .iter()
        .find(|i| i["target"]["selector"][0]["exact"] == "это ложь")
        .unwrap();
    let bodies = verdict["body"].as_array().unwrap();
    assert!(bodies
        .iter()
        .any(|b| b["purpose"] == "assessing" && b["value"] == "false"));
    assert!(bodies
        .iter()
        .any(|b| b["purpose"] == "tagging" && b["value"] == "=tag"));
    assert!(bodies.iter().any(|b| b["purpose"] == "commenting"));
    assert_eq!(
        verdict["motivation"],
        serde_json::json!(["classifying", "assessing"])
    );
}

#[test]
fn an_empty_w3c_export_is_a_collection_without_a_page() {
    let (_dir, store) = crate::support::temp_store();
    let collection: Value =
        serde_json::from_slice(&export_bytes(&store, &request(ExportFormat::W3c))).unwrap();
    assert_eq!(collection["total"], 0);
    assert!(collection.get("first").is_none());
}

#[test]
fn claim_review_has_one_review_per_claim_with_a_verdict() {
    let corpus = corpus();
    let bytes = export_bytes(&corpus.store, &request(ExportFormat::ClaimReview));
    let reviews: Vec<Value> = serde_json::from_slice(&bytes).unwrap();
    let with_verdict = corpus
        .live_annotations()
        .into_iter()
        .filter(|a| a.label_id.as_str() == crate::support::CLAIM && a.attributes.verdict.is_some())
        .count();
    assert_eq!(reviews.len(), with_verdict);
    for review in &reviews {
        assert_eq!(review["@context"], "https://schema.org");
        assert_eq!(review["@type"], "ClaimReview");
        assert!(review["claimReviewed"].is_string());
        assert_eq!(review["reviewRating"]["@type"], "Rating");
        assert!(review["reviewRating"]["alternateName"].is_string());
        assert_eq!(review["itemReviewed"]["@type"], "Claim");
        assert!(review["itemReviewed"]["appearance"]["url"].is_string());
    }
    let lie = reviews
        .iter()
        .find(|r| r["claimReviewed"] == "это ложь")
        .unwrap();
    assert_eq!(lie["reviewRating"]["alternateName"], "false");
    assert_eq!(
        lie["itemReviewed"]["appearance"]["publisher"]["name"],
        "=Evil Outlet"
    );
    assert_eq!(lie["author"]["name"], "=Boris");
}
