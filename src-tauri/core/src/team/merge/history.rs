//! The source's history, appended to ours: every event keeps its id (so a second merge adds
//! nothing), in the source's order (so an undo names an event that is already there), with
//! the source's ids of analysts, labels and articles replaced by the ones they matched here,
//! inside the snapshots too. Events are copied in batches, one transaction each. The history
//! of an annotation left in conflict stays behind until the conflict is settled.

use std::collections::HashSet;

use rusqlite::types::Value;
use rusqlite::{params, Transaction};

use crate::db::queries::history;
use crate::db::sql::owned_value;
use crate::db::Store;
use crate::error::Result;
use crate::model::ids::{AnnotatorId, ArticleId, LabelId};
use crate::team::merge::catalog::IdMaps;

/// Events per transaction.
const BATCH: i64 = 2000;

/// One event as stored: seq, id, entity, entity_id, article_id, action, reverts, actor_id, at,
/// before_json, after_json.
pub(crate) type EventRow = Vec<Value>;

/// The next batch of source events after `seq`.
pub(crate) fn read_events_after(source: &Store, seq: i64) -> Result<Vec<EventRow>> {
    let mut stmt = source.conn.prepare_cached(&format!(
        "SELECT seq, {} FROM history WHERE seq > ?1 ORDER BY seq LIMIT ?2",
        history::RECEIVED_COLUMNS
    ))?;
    let rows = stmt.query_map(params![seq, BATCH], |r| {
        (0..11).map(|i| owned_value(r, i)).collect()
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Append the events we do not have; returns how many were added.
pub(crate) fn copy_events_raw(
    tx: &Transaction<'_>,
    events: &[EventRow],
    maps: &IdMaps,
    left_out: &HashSet<String>,
) -> Result<u32> {
    let mut added = 0;
    for e in events {
        let entity = text(&e[2]);
        let entity_id = match entity.as_str() {
            "article" => maps.article(&ArticleId(text(&e[3]))).0,
            "label" => maps.label(&LabelId(text(&e[3]))).0,
            _ => text(&e[3]),
        };
        if entity == "annotation" && left_out.contains(&entity_id) {
            continue;
        }
        let article_id = as_text(&e[4]).map(|a| maps.article(&ArticleId(a)).0);
        let actor = as_text(&e[7]).map(|a| maps.annotator(&AnnotatorId(a)).0);
        let row = [
            e[1].clone(),
            Value::Text(entity),
            Value::Text(entity_id),
            or_null(article_id),
            e[5].clone(),
            e[6].clone(),
            or_null(actor),
            e[8].clone(),
            or_null(as_text(&e[9]).map(|j| remap_snapshot(&j, maps))),
            or_null(as_text(&e[10]).map(|j| remap_snapshot(&j, maps))),
        ];
        added += u32::from(history::insert_as_received(tx, &row)?);
    }
    Ok(added)
}

fn or_null(text: Option<String>) -> Value {
    text.map_or(Value::Null, Value::Text)
}

/// The sequence number of an event row.
pub(crate) fn seq_of(event: &EventRow) -> i64 {
    match event.first() {
        Some(Value::Integer(seq)) => *seq,
        _ => i64::MAX,
    }
}

/// A snapshot with its `article_id`, `label_id`, `annotator_id` and `reviewer` ids mapped.
fn remap_snapshot(json: &str, maps: &IdMaps) -> String {
    let Ok(mut value) = serde_json::from_str::<serde_json::Value>(json) else {
        return json.to_owned();
    };
    if let Some(object) = value.as_object_mut() {
        for (key, map) in [
            ("article_id", &maps.articles),
            ("label_id", &maps.labels),
            ("annotator_id", &maps.annotators),
        ] {
            if let Some(serde_json::Value::String(id)) = object.get_mut(key) {
                if let Some(ours) = map.get(id.as_str()) {
                    *id = ours.clone();
                }
            }
        }
    }
    serde_json::to_string(&value).unwrap_or_else(|_| json.to_owned())
}

fn text(value: &Value) -> String {
    as_text(value).unwrap_or_default()
}

fn as_text(value: &Value) -> Option<String> {
    match value {
        Value::Text(t) => Some(t.clone()),
        _ => None,
    }
}
