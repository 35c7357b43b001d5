//! JSONL, full fidelity: one JSON object per line and annotation with every field Claimdesk
//! keeps, ids included. Offsets come twice: `start`/`end` in code points (Python's
//! `text[start:end]`) and `start_utf16`/`end_utf16` for JavaScript's `text.slice()`. A figure's
//! value is a string holding the exact decimal, since a JSON number read by JavaScript becomes a
//! float.

use std::io::Write;

use serde_json::{json, Value};

use super::records::ExportRecord;
use super::run::{write_error, write_json, ArticleGroup, Sink};
use crate::error::Result;
use crate::text::offsets::OffsetMap;

pub(crate) struct JsonlSink;

impl Sink for JsonlSink {
    fn needs_text(&self) -> bool {
        true
    }

    fn begin(&mut self, _out: &mut dyn Write, _total: u64) -> Result<()> {
        Ok(())
    }

    fn article(&mut self, out: &mut dyn Write, group: &ArticleGroup) -> Result<()> {
        let text = group.text.as_deref().unwrap_or_default();
        let map = OffsetMap::new(text);
        for record in &group.records {
            let utf16 = (
                map.char_to_utf16(to_usize(record.start))?,
                map.char_to_utf16(to_usize(record.end))?,
            );
            write_json(out, &line(record, utf16))?;
            out.write_all(b"\n").map_err(write_error)?;
        }
        Ok(())
    }

    fn finish(&mut self, _out: &mut dyn Write) -> Result<()> {
        Ok(())
    }
}

/// Stored offsets are checked non-negative by the schema.
pub(crate) fn to_usize(offset: i64) -> usize {
    usize::try_from(offset).unwrap_or(0)
}

fn line(r: &ExportRecord, (start_utf16, end_utf16): (usize, usize)) -> Value {
    let a = &r.article;
    let figure = r.value.as_ref().map(|value| {
        json!({
            "value": value,
            "currency": r.currency,
            "unit": r.unit,
            "qualifier": r.qualifier,
        })
    });
    let reviewer = r
        .reviewer_id
        .as_ref()
        .map(|id| json!({ "id": id, "name": r.reviewer }));
    json!({
        "id": r.id,
        "article": {
            "id": a.id,
            "title": a.title,
            "url": a.url,
            "outlet": a.outlet,
            "author": a.author,
            "published": a.published,
            "language": a.language,
            "text_sha256": a.text_sha256,
        },
        "label": { "id": r.label_id, "name": r.label, "kind": r.label_kind.as_str() },
        "start": r.start,
        "end": r.end,
        "start_utf16": start_utf16,
        "end_utf16": end_utf16,
        "exact": r.exact,
        "prefix": r.prefix,
        "suffix": r.suffix,
        "attributes": {
            "speaker": r.speaker,
            "figure": figure,
            "verdict": r.verdict,
            "note": r.note,
            "tags": r.tags,
        },
        "annotator": { "id": r.annotator_id, "name": r.annotator },
        "created": r.created,
        "updated": r.updated,
        "review": {
            "state": r.review_state,
            "reviewer": reviewer,
            "reviewed_at": r.reviewed_at,
        },
    })
}
