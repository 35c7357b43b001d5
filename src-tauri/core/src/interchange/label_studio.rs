//! Label Studio's JSON tasks, both ways: a JSON array with one task per article. `data` holds
//! the text and the article's metadata; `annotations` holds one entry per analyst, whose
//! `result` has a `labels` region per span (`value.start`/`end` in code points, as Label Studio
//! counts, `value.text`, `value.labels`) and, for each typed attribute, a per-region `textarea`
//! result with the region's `id` (`speaker`, `verdict`, `value`, `currency`, `unit`,
//! `qualifier`, `note`, `tags`). The labelling configuration that shows them is in the README.
//!
//! Label Studio identifies analysts by its own user numbers, so who made a span does not travel:
//! an import credits every span to the analyst it is run as. Review states and times do not
//! travel either. On import, cancelled annotations and `predictions` are passed over (and
//! reported); the legacy `completions` key is read as `annotations`.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::str::FromStr;

use rust_decimal::Decimal;
use serde_json::{json, Value};

use super::annotation_import::{document_too_large, file_too_large, FileContents, ReadLimits};
use super::documents::{Document, Span};
use super::jsonl::to_usize;
use super::records::ExportRecord;
use super::run::{write_error, write_json, ArticleGroup, Sink};
use super::OffsetUnit;
use crate::error::{Error, Result};
use crate::files::bounded_read::{
    item_record_limit, read_json_items, JsonItemsError, Limit, ReadMeter,
};
use crate::model::{ArticleMeta, Attributes, Figure};
use crate::text::offsets::OffsetMap;

/// Per-region text fields and the attribute each carries.
const ATTRIBUTE_FIELDS: [&str; 8] = [
    "speaker",
    "verdict",
    "value",
    "currency",
    "unit",
    "qualifier",
    "note",
    "tags",
];

pub(crate) struct LabelStudioSink {
    unit: OffsetUnit,
    written: u64,
}

impl LabelStudioSink {
    pub fn new(unit: OffsetUnit) -> LabelStudioSink {
        LabelStudioSink { unit, written: 0 }
    }
}

impl Sink for LabelStudioSink {
    fn needs_text(&self) -> bool {
        true
    }

    fn begin(&mut self, out: &mut dyn Write, _total: u64) -> Result<()> {
        out.write_all(b"[").map_err(write_error)
    }

    fn article(&mut self, out: &mut dyn Write, group: &ArticleGroup) -> Result<()> {
        let (Some(first), Some(text)) = (group.records.first(), group.text.as_deref()) else {
            return Ok(());
        };
        let map = OffsetMap::new(text);
        // One Label Studio annotation per analyst, in the order they first appear.
        let mut by_analyst: Vec<(&str, Vec<Value>, &str, &str)> = Vec::new();
        for r in &group.records {
            let (start, end) = (to_usize(r.start), to_usize(r.end));
            let (start, end) = match self.unit {
                OffsetUnit::CodePoint => (start, end),
                OffsetUnit::Utf16 => (map.char_to_utf16(start)?, map.char_to_utf16(end)?),
            };
            let index = match by_analyst.iter().position(|a| a.0 == r.annotator_id) {
                Some(index) => index,
                None => {
                    by_analyst.push((&r.annotator_id, Vec::new(), &r.created, &r.updated));
                    by_analyst.len() - 1
                }
            };
            let entry = &mut by_analyst[index];
            entry.1.extend(regions(r, start, end));
            entry.2 = entry.2.min(r.created.as_str());
            entry.3 = entry.3.max(r.updated.as_str());
        }
        let annotations: Vec<Value> = by_analyst
            .into_iter()
            .map(|(_, result, created, updated)| {
                json!({ "result": result, "created_at": created, "updated_at": updated })
            })
            .collect();
        let separator: &[u8] = if self.written == 0 { b"\n" } else { b",\n" };
        out.write_all(separator).map_err(write_error)?;
        write_json(
            out,
            &json!({ "data": data(first, text), "annotations": annotations }),
        )?;
        self.written += 1;
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> Result<()> {
        out.write_all(b"\n]\n").map_err(write_error)
    }
}

fn data(r: &ExportRecord, text: &str) -> Value {
    let a = &r.article;
    json!({
        "text": text,
        "claimdesk_article_id": a.id,
        "title": a.title,
        "url": a.url,
        "outlet": a.outlet,
        "author": a.author,
        "published": a.published,
        "language": a.language,
        "text_sha256": a.text_sha256,
    })
}

/// The span's `labels` region and a `textarea` result per attribute it has.
fn regions(r: &ExportRecord, start: usize, end: usize) -> Vec<Value> {
    let region = |from_name: &str, kind: &str, value: Value| {
        json!({ "id": r.id, "from_name": from_name, "to_name": "text", "type": kind,
                "origin": "manual", "value": value })
    };
    let mut out = vec![region(
        "label",
        "labels",
        json!({ "start": start, "end": end, "text": r.exact, "labels": [r.label] }),
    )];
    let note = (!r.note.is_empty()).then(|| r.note.clone());
    let single = [
        &r.speaker,
        &r.verdict,
        &r.value,
        &r.currency,
        &r.unit,
        &r.qualifier,
        &note,
    ];
    let mut texts: Vec<(&str, Vec<String>)> = ATTRIBUTE_FIELDS
        .iter()
        .zip(single)
        .filter_map(|(name, value)| value.clone().map(|v| (*name, vec![v])))
        .collect();
    if !r.tags.is_empty() {
        texts.push(("tags", r.tags.clone()));
    }
    for (name, text) in texts {
        out.push(region(
            name,
            "textarea",
            json!({ "start": start, "end": end, "text": text }),
        ));
    }
    out
}

/// Read a Label Studio JSON export: an array of tasks, or one task. The array is parsed task by
/// task from the reader, never read whole, so memory follows the largest task, which is held to
/// `limits.document`; the file is held to `limits.file`. JSON cannot be resumed after a task cut
/// short, so a task over its limit refuses the file.
pub(crate) fn read(input: impl Read, limits: ReadLimits) -> Result<FileContents> {
    let meter = ReadMeter::new(limits.file, item_record_limit(limits.document));
    let documents = read_json_items(input, meter, |n, task| document(format!("task {n}"), &task))
        .map_err(|err| read_error(err, limits))?;
    Ok(FileContents {
        documents,
        refused: Vec::new(),
    })
}

/// A file that cannot be read as Label Studio tasks: over a limit, not JSON, or unreadable.
fn read_error(err: JsonItemsError, limits: ReadLimits) -> Error {
    match err {
        JsonItemsError::Item(err) => err,
        JsonItemsError::Limit {
            limit: Limit::File, ..
        } => file_too_large("the Label Studio file", limits.file),
        JsonItemsError::Limit { item, .. } => document_too_large(
            &format!("task {item}"),
            limits.document,
            ", nor was anything else in the file (JSON cannot be read on past a task cut \
             short): export the tasks from Label Studio in smaller parts",
        ),
        JsonItemsError::Json(err) => Error::invalid(format!(
            "the Label Studio file is not a JSON array of tasks: {err}"
        )),
        JsonItemsError::Io(err) => Error::io("cannot read the Label Studio file", err),
    }
}

fn document(place: String, task: &Value) -> Result<Document> {
    let data = task.get("data").and_then(Value::as_object);
    let text = data
        .and_then(|d| d.get("text"))
        .and_then(Value::as_str)
        .ok_or_else(|| Error::invalid(format!("{place} has no data.text")))?;
    let get = |key: &str| {
        data.and_then(|d| d.get(key))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let mut doc = Document {
        place,
        text: text.to_owned(),
        meta: ArticleMeta {
            title: get("title").unwrap_or_default(),
            url: get("url"),
            outlet: get("outlet"),
            author: get("author"),
            published: get("published"),
            language: get("language"),
        },
        ..Document::default()
    };
    if let Some(predictions) = task.get("predictions").and_then(Value::as_array) {
        if !predictions.is_empty() {
            let n = predictions.len();
            doc.problems.push(format!(
                "{n} prediction(s) passed over: only annotations are imported"
            ));
        }
    }
    let annotations = task
        .get("annotations")
        .or_else(|| task.get("completions"))
        .and_then(Value::as_array);
    for annotation in annotations.into_iter().flatten() {
        if annotation.get("was_cancelled").and_then(Value::as_bool) == Some(true) {
            doc.problems
                .push("a cancelled annotation was passed over".into());
            continue;
        }
        read_result(&mut doc, annotation.get("result"));
    }
    Ok(doc)
}

/// Regions by id: the `labels` result makes the span, the others add attributes.
fn read_result(doc: &mut Document, result: Option<&Value>) {
    let mut spans: BTreeMap<String, (usize, Span)> = BTreeMap::new();
    let mut fields: Vec<(String, String, Vec<String>)> = Vec::new();
    for (order, item) in result
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let id = item
            .get("id")
            .map(id_text)
            .unwrap_or_else(|| order.to_string());
        let value = item.get("value").unwrap_or(&Value::Null);
        match item.get("type").and_then(Value::as_str) {
            Some("labels") => match labels_span(value) {
                Ok(span) => {
                    spans.insert(id, (order, span));
                }
                Err(problem) => doc.problems.push(problem),
            },
            Some("textarea" | "choices") => {
                let name = item.get("from_name").and_then(Value::as_str).unwrap_or("");
                let key = if item.get("type").and_then(Value::as_str) == Some("choices") {
                    "choices"
                } else {
                    "text"
                };
                fields.push((id, name.to_owned(), strings(value.get(key))));
            }
            other => doc.problems.push(format!(
                "a result of type {} was passed over",
                other.unwrap_or("(none)")
            )),
        }
    }
    let mut by_id: BTreeMap<String, Vec<(String, Vec<String>)>> = BTreeMap::new();
    for (id, name, texts) in fields {
        if spans.contains_key(&id) {
            by_id.entry(id).or_default().push((name, texts));
        } else {
            doc.problems
                .push(format!("\"{name}\" of region {id} has no labelled span"));
        }
    }
    for (id, fields) in by_id {
        if let Some((_, span)) = spans.get_mut(&id) {
            span.attributes = attributes(fields, &mut doc.problems);
        }
    }
    let mut ordered: Vec<(usize, Span)> = spans.into_values().collect();
    ordered.sort_by_key(|(order, _)| *order);
    doc.spans.extend(ordered.into_iter().map(|(_, span)| span));
}

fn id_text(id: &Value) -> String {
    id.as_str()
        .map(str::to_owned)
        .unwrap_or_else(|| id.to_string())
}

fn strings(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        _ => Vec::new(),
    }
}

fn labels_span(value: &Value) -> std::result::Result<Span, String> {
    let start = value.get("start").and_then(Value::as_u64);
    let end = value.get("end").and_then(Value::as_u64);
    let labels = strings(value.get("labels"));
    match (start, end, labels.as_slice()) {
        (Some(start), Some(end), [label, ..]) => Ok(Span {
            start,
            end,
            label: label.clone(),
            ..Span::default()
        }),
        _ => Err(format!("{value} is not a text span with a label")),
    }
}

/// A span's attributes from its per-region fields. A figure needs its value: currency, unit or
/// qualifier without one are reported and left out.
fn attributes(fields: Vec<(String, Vec<String>)>, problems: &mut Vec<String>) -> Attributes {
    let mut attrs = Attributes::default();
    let mut value = None;
    let (mut currency, mut unit, mut qualifier) = (None, None, None);
    for (name, texts) in fields {
        let single = texts.first().cloned();
        match name.as_str() {
            "speaker" => attrs.speaker = single,
            "verdict" => attrs.verdict = single,
            "note" => attrs.note = texts.join("\n"),
            "tags" => attrs.tags = texts,
            "value" => match single.as_deref().map(|v| Decimal::from_str(v.trim())) {
                Some(Ok(parsed)) => value = Some(parsed),
                _ => problems.push(format!("{single:?} is not a figure value")),
            },
            "currency" => currency = single,
            "unit" => unit = single,
            "qualifier" => qualifier = single,
            other => problems.push(format!("the field \"{other}\" is not one Claimdesk reads")),
        }
    }
    match value {
        Some(value) => {
            attrs.figure = Some(Figure {
                value,
                currency,
                unit,
                qualifier,
            })
        }
        None if currency.is_some() || unit.is_some() || qualifier.is_some() => problems
            .push("a figure's currency, unit or qualifier without its value was left out".into()),
        None => {}
    }
    attrs
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: ReadLimits = ReadLimits {
        file: 10_000,
        document: 100,
    };

    #[test]
    fn a_task_without_text_and_a_file_not_of_tasks_are_refused() {
        let err = read(r#"[{"data": {}}]"#.as_bytes(), LIMITS).unwrap_err();
        assert!(err.to_string().contains("task 1 has no data.text"), "{err}");
        let err = read("42".as_bytes(), LIMITS).unwrap_err();
        assert!(
            err.to_string().contains("not a JSON array of tasks"),
            "{err}"
        );
    }
}
