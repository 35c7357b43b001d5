//! doccano's sequence-labelling JSONL, both ways. One line per article:
//! `{"text": ..., "label": [[start, end, "claim"], ...], <metadata>}`, offsets counted in UTF-16
//! code units by default (doccano's editor counts JavaScript string positions; a project set to
//! count grapheme clusters needs code points). The article's metadata travels as extra keys,
//! which doccano keeps as the example's meta and writes back on export: `claimdesk_article_id`,
//! `title`, `url`, `outlet`, `author`, `published`, `language`, `text_sha256`.
//!
//! doccano carries labels and spans only: attributes, analysts, times and review states do not
//! travel. On import, `label`/`labels` (`[start, end, label]` triples) and `entities` (objects
//! with `start_offset`, `end_offset`, `label`) are both read, and the metadata keys above are
//! read at the top level or under `meta`.

use std::io::{BufReader, Read, Write};

use serde_json::{json, Map, Value};

use super::annotation_import::{document_too_large, file_too_large, FileContents, ReadLimits};
use super::documents::{Document, Span};
use super::jsonl::to_usize;
use super::run::{write_error, write_json, ArticleGroup, Sink};
use super::OffsetUnit;
use crate::error::{Error, Result};
use crate::files::bounded_read::{exceeded, BoundedReader, LineReader, ReadMeter, READ_BUFFER};
use crate::model::ArticleMeta;
use crate::text::offsets::OffsetMap;

/// The metadata keys written beside the text, and read back.
const META_KEYS: [&str; 6] = ["title", "url", "outlet", "author", "published", "language"];

pub(crate) struct DoccanoSink {
    pub unit: OffsetUnit,
}

impl Sink for DoccanoSink {
    fn needs_text(&self) -> bool {
        true
    }

    fn begin(&mut self, _out: &mut dyn Write, _total: u64) -> Result<()> {
        Ok(())
    }

    fn article(&mut self, out: &mut dyn Write, group: &ArticleGroup) -> Result<()> {
        let (Some(first), Some(text)) = (group.records.first(), group.text.as_deref()) else {
            return Ok(());
        };
        let map = OffsetMap::new(text);
        let mut labels = Vec::with_capacity(group.records.len());
        for r in &group.records {
            let (start, end) = (to_usize(r.start), to_usize(r.end));
            let (start, end) = match self.unit {
                OffsetUnit::CodePoint => (start, end),
                OffsetUnit::Utf16 => (map.char_to_utf16(start)?, map.char_to_utf16(end)?),
            };
            labels.push(json!([start, end, r.label]));
        }
        let a = &first.article;
        let mut line = Map::new();
        line.insert("text".into(), text.into());
        line.insert("label".into(), labels.into());
        line.insert("claimdesk_article_id".into(), a.id.clone().into());
        let values = [&a.url, &a.outlet, &a.author, &a.published, &a.language];
        line.insert("title".into(), a.title.clone().into());
        for (key, value) in META_KEYS[1..].iter().zip(values) {
            line.insert((*key).into(), value.clone().into());
        }
        line.insert("text_sha256".into(), a.text_sha256.clone().into());
        write_json(out, &Value::Object(line))?;
        out.write_all(b"\n").map_err(write_error)
    }

    fn finish(&mut self, _out: &mut dyn Write) -> Result<()> {
        Ok(())
    }
}

/// Read a doccano JSONL file: one document per non-empty line. The file and each line are held
/// to `limits` while they are read: a line over the limit is refused alone (the reading goes on
/// at the next line), a file over it is refused whole.
pub(crate) fn read(input: impl Read, limits: ReadLimits) -> Result<FileContents> {
    let meter = ReadMeter::new(limits.file, u64::MAX);
    let mut lines = LineReader::new(
        BufReader::with_capacity(READ_BUFFER, BoundedReader::new(input, meter)),
        limits.document,
    );
    let mut contents = FileContents::default();
    let mut line = Vec::new();
    while let Some(read) = lines
        .next_line(&mut line)
        .map_err(|e| read_error(e, limits))?
    {
        let place = format!("line {}", read.number);
        if read.too_long {
            let advice = "; shorten or split that document in doccano and export it again";
            let reason = document_too_large(&place, limits.document, advice);
            contents.refuse(place, reason);
            continue;
        }
        let line = std::str::from_utf8(&line)
            .map_err(|e| Error::invalid(format!("{place} is not UTF-8 text: {e}")))?;
        if line.trim().is_empty() {
            continue;
        }
        let value: Value = serde_json::from_str(line)
            .map_err(|e| Error::invalid(format!("{place} is not JSON: {e}")))?;
        contents.documents.push(document(place, &value)?);
    }
    Ok(contents)
}

/// A failure while reading: the file limit passed, or the disk.
fn read_error(err: std::io::Error, limits: ReadLimits) -> Error {
    match exceeded(&err) {
        Some(_) => file_too_large("the doccano file", limits.file),
        None => Error::io("cannot read the doccano file", err),
    }
}

fn document(place: String, value: &Value) -> Result<Document> {
    let object = value
        .as_object()
        .ok_or_else(|| Error::invalid(format!("{place} is not a JSON object")))?;
    let text = ["text", "data"]
        .iter()
        .find_map(|key| object.get(*key).and_then(Value::as_str))
        .ok_or_else(|| Error::invalid(format!("{place} has no \"text\"")))?;
    let mut doc = Document {
        place,
        text: text.to_owned(),
        meta: meta(object),
        ..Document::default()
    };
    for key in ["label", "labels"] {
        for item in object
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            push_span(&mut doc, triple(item));
        }
    }
    for item in object
        .get("entities")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        push_span(&mut doc, entity(item));
    }
    Ok(doc)
}

fn push_span(doc: &mut Document, span: std::result::Result<Span, String>) {
    match span {
        Ok(span) => doc.spans.push(span),
        Err(problem) => doc.problems.push(problem),
    }
}

fn triple(item: &Value) -> std::result::Result<Span, String> {
    match item.as_array().map(Vec::as_slice) {
        Some([start, end, label]) => span(start, end, label),
        _ => Err(format!(
            "{item} is not a [start, end, label] span (text classification labels are not read)"
        )),
    }
}

fn entity(item: &Value) -> std::result::Result<Span, String> {
    let field = |key: &str| item.get(key).unwrap_or(&Value::Null);
    span(field("start_offset"), field("end_offset"), field("label"))
}

fn span(start: &Value, end: &Value, label: &Value) -> std::result::Result<Span, String> {
    match (start.as_u64(), end.as_u64(), label.as_str()) {
        (Some(start), Some(end), Some(label)) => Ok(Span {
            start,
            end,
            label: label.to_owned(),
            ..Span::default()
        }),
        _ => Err(format!(
            "[{start}, {end}, {label}] is not a span: offsets must be whole numbers and the label text"
        )),
    }
}

/// The metadata keys, at the top level or (older doccano files) under `meta`.
fn meta(object: &Map<String, Value>) -> ArticleMeta {
    let nested = object.get("meta").and_then(Value::as_object);
    let get = |key: &str| {
        object
            .get(key)
            .or_else(|| nested.and_then(|m| m.get(key)))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    ArticleMeta {
        title: get(META_KEYS[0]).unwrap_or_default(),
        url: get(META_KEYS[1]),
        outlet: get(META_KEYS[2]),
        author: get(META_KEYS[3]),
        published: get(META_KEYS[4]),
        language: get(META_KEYS[5]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_triples_entities_and_nested_meta() {
        let file = concat!(
            r#"{"text": "EU rejects German call", "label": [[0, 2, "ORG"], [11, 17, "MISC"]]}"#,
            "\n\n",
            r#"{"text": "Peter", "entities": [{"id": 1, "label": "PER", "start_offset": 0, "end_offset": 5}], "meta": {"outlet": "BBC"}}"#,
            "\n",
        );
        let docs = read(file.as_bytes(), ReadLimits::default())
            .unwrap()
            .documents;
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].spans[1].label, "MISC");
        assert_eq!((docs[0].spans[1].start, docs[0].spans[1].end), (11, 17));
        assert_eq!(docs[1].spans[0].label, "PER");
        assert_eq!(docs[1].meta.outlet.as_deref(), Some("BBC"));
        assert_eq!(docs[1].place, "line 3");
    }

    #[test]
    fn classification_labels_and_bad_lines_are_reported() {
        let limits = ReadLimits::default();
        let docs = read(r#"{"text": "x", "label": ["positive"]}"#.as_bytes(), limits)
            .unwrap()
            .documents;
        assert!(docs[0].spans.is_empty());
        assert!(docs[0].problems[0].contains("classification"));
        let err = read("{not json\n".as_bytes(), limits)
            .unwrap_err()
            .to_string();
        assert!(err.contains("line 1"), "{err}");
    }

    #[test]
    fn a_line_over_the_limit_is_refused_alone_and_the_next_read() {
        let limits = ReadLimits {
            file: 1000,
            document: 40,
        };
        let file = concat!(
            r#"{"text": "a text far longer than forty bytes in all"}"#,
            "\n",
            r#"{"text": "short"}"#,
            "\n",
        );
        let contents = read(file.as_bytes(), limits).unwrap();
        assert_eq!(contents.documents.len(), 1);
        assert_eq!(contents.documents[0].place, "line 2");
        assert_eq!(contents.refused.len(), 1);
        assert_eq!(contents.refused[0].place, "line 1");
        let reason = &contents.refused[0].message;
        assert!(
            reason.contains("line 1 is longer than 40 bytes"),
            "{reason}"
        );
    }

    #[test]
    fn a_file_over_its_limit_is_refused_while_reading() {
        let limits = ReadLimits {
            file: 30,
            document: 1000,
        };
        let file = "{\"text\": \"one\"}\n{\"text\": \"two\"}\n";
        let err = read(file.as_bytes(), limits).unwrap_err().to_string();
        assert!(err.contains("larger than 30 bytes"), "{err}");
    }
}
