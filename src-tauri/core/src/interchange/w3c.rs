//! W3C Web Annotation Data Model, JSON-LD. The file is one `AnnotationCollection` whose
//! embedded first page holds every annotation; each annotation also carries its own `@context`
//! so that it stands alone when split out. Per annotation:
//!
//! - `id` is `urn:uuid:<annotation id>`; `creator` the analyst (a `Person`, `urn:uuid:` id);
//!   `created`/`modified` RFC 3339 UTC; `motivation` `classifying` (and `assessing` when the
//!   annotation carries a verdict).
//! - `target` is a `SpecificResource` whose `source` is the article's text (`urn:uuid:<article
//!   id>`, `text/plain`, with its SHA-256 and URL) and whose selectors are a
//!   `TextQuoteSelector` (exact, prefix, suffix) and a `TextPositionSelector` in code points, as
//!   the model requires.
//! - `body` holds `TextualBody`s: the label (`purpose: classifying`, with the typed attributes
//!   as `claimdesk:` properties), the verdict (`assessing`), the note (`commenting`) and one per
//!   tag (`tagging`).

use std::io::Write;

use serde_json::{json, Map, Value};

use super::records::ExportRecord;
use super::run::{write_error, write_json, ArticleGroup, Sink};
use crate::error::Result;
use crate::model::ids::AnnotationId;

/// The Web Annotation context, which every annotation and the collection name.
pub(crate) const ANNO_CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// The prefix of Claimdesk's own terms (the typed attributes, the text hash).
const CLAIMDESK_TERMS: &str = "urn:claimdesk:terms:";

fn context() -> Value {
    json!([ANNO_CONTEXT, { "claimdesk": CLAIMDESK_TERMS }])
}

/// Writes the collection as it goes: header, annotations separated by commas, closing brackets.
#[derive(Default)]
pub(crate) struct W3cSink {
    written: u64,
    has_page: bool,
}

impl Sink for W3cSink {
    fn begin(&mut self, out: &mut dyn Write, total: u64) -> Result<()> {
        let mut collection = Map::new();
        collection.insert("@context".into(), context());
        collection.insert("id".into(), urn(&AnnotationId::new().0).into());
        collection.insert("type".into(), "AnnotationCollection".into());
        collection.insert("label".into(), "Claimdesk annotations".into());
        collection.insert("total".into(), total.into());
        let header =
            serde_json::to_string(&Value::Object(collection)).map_err(|e| write_error(e.into()))?;
        // The collection without its closing brace, then the embedded page that holds the items.
        let open = header.trim_end_matches('}');
        out.write_all(open.as_bytes()).map_err(write_error)?;
        self.has_page = total > 0;
        if self.has_page {
            // The page carries the context too, so that it is valid when read on its own.
            let page = json!({
                "@context": context(),
                "id": urn(&AnnotationId::new().0),
                "type": "AnnotationPage",
                "startIndex": 0,
            });
            let page = serde_json::to_string(&page).map_err(|e| write_error(e.into()))?;
            writeln!(out, ",\"first\":{},\"items\":[", page.trim_end_matches('}'))
                .map_err(write_error)?;
        }
        Ok(())
    }

    fn article(&mut self, out: &mut dyn Write, group: &ArticleGroup) -> Result<()> {
        for record in &group.records {
            if self.written > 0 {
                out.write_all(b",\n").map_err(write_error)?;
            }
            write_json(out, &annotation(record))?;
            self.written += 1;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> Result<()> {
        let close: &[u8] = if self.has_page { b"\n]}}\n" } else { b"}\n" };
        out.write_all(close).map_err(write_error)
    }
}

fn urn(uuid: &str) -> String {
    format!("urn:uuid:{uuid}")
}

/// One annotation, standalone.
pub(crate) fn annotation(r: &ExportRecord) -> Value {
    let mut motivation = vec!["classifying"];
    if r.verdict.is_some() {
        motivation.push("assessing");
    }
    json!({
        "@context": context(),
        "id": urn(&r.id),
        "type": "Annotation",
        "motivation": motivation,
        "creator": { "id": urn(&r.annotator_id), "type": "Person", "name": r.annotator },
        "created": r.created,
        "modified": r.updated,
        "generator": { "type": "Software", "name": "Claimdesk" },
        "body": bodies(r),
        "target": target(r),
    })
}

fn target(r: &ExportRecord) -> Value {
    let a = &r.article;
    let mut source = Map::new();
    source.insert("id".into(), urn(&a.id).into());
    source.insert("type".into(), "Text".into());
    source.insert("format".into(), "text/plain".into());
    if let Some(language) = &a.language {
        source.insert("language".into(), language.clone().into());
    }
    source.insert("claimdesk:title".into(), a.title.clone().into());
    source.insert("claimdesk:textSha256".into(), a.text_sha256.clone().into());
    if let Some(url) = &a.url {
        source.insert("claimdesk:url".into(), url.clone().into());
    }
    json!({
        "type": "SpecificResource",
        "source": source,
        "selector": [
            {
                "type": "TextQuoteSelector",
                "exact": r.exact,
                "prefix": r.prefix,
                "suffix": r.suffix,
            },
            { "type": "TextPositionSelector", "start": r.start, "end": r.end },
        ],
    })
}

fn bodies(r: &ExportRecord) -> Vec<Value> {
    let mut label = Map::new();
    label.insert("type".into(), "TextualBody".into());
    label.insert("purpose".into(), "classifying".into());
    label.insert("value".into(), r.label.clone().into());
    label.insert("claimdesk:labelKind".into(), r.label_kind.as_str().into());
    let attributes = [
        ("claimdesk:speaker", &r.speaker),
        ("claimdesk:value", &r.value),
        ("claimdesk:currency", &r.currency),
        ("claimdesk:unit", &r.unit),
        ("claimdesk:qualifier", &r.qualifier),
    ];
    for (key, value) in attributes {
        if let Some(value) = value {
            label.insert(key.into(), value.clone().into());
        }
    }
    label.insert(
        "claimdesk:reviewState".into(),
        r.review_state.clone().into(),
    );
    let mut bodies = vec![Value::Object(label)];
    if let Some(verdict) = &r.verdict {
        bodies.push(textual("assessing", verdict));
    }
    if !r.note.is_empty() {
        bodies.push(textual("commenting", &r.note));
    }
    bodies.extend(r.tags.iter().map(|tag| textual("tagging", tag)));
    bodies
}

fn textual(purpose: &str, value: &str) -> Value {
    json!({ "type": "TextualBody", "purpose": purpose, "value": value })
}
