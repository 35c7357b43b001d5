//! Annotations: labelled spans with their quote, context and attributes. Offsets are checked
//! against the article text here (code points, on grapheme boundaries) and the quote is cut from
//! the text, never taken from the caller. Deletion is a tombstone; every change is a history event.

use std::str::FromStr;

use rusqlite::{params, OptionalExtension, Row, Transaction};
use rust_decimal::Decimal;

use crate::db::queries::annotation_tags::{self, tags_by_annotation};
use crate::db::queries::annotators;
use crate::db::queries::history::{self, Action, Entity, NewEvent};
use crate::db::queries::labels::get_label_raw;
use crate::db::queries::search;
use crate::db::sql;
use crate::db::Store;
use crate::error::{Error, Result};
use crate::model::attributes::clean_attributes;
use crate::model::ids::{now, timestamp_text, AnnotationId, AnnotatorId, ArticleId, EventId};
use crate::model::{Annotation, AnnotationPatch, Attributes, Figure, NewAnnotation, ReviewState};
use crate::text::offsets::OffsetMap;

/// Read by position in `annotation_from_row`: keep the two in the same order.
const ANNOTATION_COLUMNS: &str = "id, article_id, label_id, start, \"end\", exact, prefix, suffix,
    speaker, figure_value, currency, unit, qualifier, verdict, note, annotator_id, created_at,
    updated_at, review_state, deleted_at";

impl Store {
    /// Tag a span. The quote and its context are cut from the stored article text.
    pub fn create_annotation(
        &mut self,
        actor: &AnnotatorId,
        new: NewAnnotation,
    ) -> Result<Annotation> {
        self.write(|tx| create_annotation_raw(tx, actor, new))
    }

    /// Relabel, move or re-attribute an annotation.
    pub fn update_annotation(
        &mut self,
        actor: &AnnotatorId,
        id: &AnnotationId,
        patch: AnnotationPatch,
    ) -> Result<Annotation> {
        let attributes = patch.attributes.map(clean_attributes).transpose()?;
        self.write(|tx| {
            annotators::require_raw(tx, actor)?;
            let before = get_live_raw(tx, id)?;
            let mut after = before.clone();
            if let Some(label_id) = patch.label_id {
                ensure_label_active(tx, &label_id)?;
                after.label_id = label_id;
            }
            if let Some((start, end)) = patch.span {
                place_span(tx, &mut after, start, end)?;
            }
            if let Some(attributes) = attributes {
                after.attributes = attributes;
            }
            if after == before {
                return Ok(after);
            }
            after.updated_at = now();
            write_annotation_raw(tx, &after)?;
            record(tx, actor, Action::Update, None, Some(&before), &after)?;
            Ok(after)
        })
    }

    /// Tombstone an annotation; it disappears from lists but merges and undo still see it.
    pub fn delete_annotation(
        &mut self,
        actor: &AnnotatorId,
        id: &AnnotationId,
    ) -> Result<Annotation> {
        self.write(|tx| {
            annotators::require_raw(tx, actor)?;
            let before = get_live_raw(tx, id)?;
            let after = Annotation {
                deleted: true,
                updated_at: now(),
                ..before.clone()
            };
            write_annotation_raw(tx, &after)?;
            record(tx, actor, Action::Delete, None, Some(&before), &after)?;
            Ok(after)
        })
    }

    /// One annotation, tombstoned or not.
    pub fn get_annotation(&self, id: &AnnotationId) -> Result<Annotation> {
        get_any_raw(&self.conn, id)?.ok_or_else(|| Error::not_found("annotation", id.as_str()))
    }

    /// The live annotations of an article, in text order.
    pub fn list_annotations(&self, article_id: &ArticleId) -> Result<Vec<Annotation>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ANNOTATION_COLUMNS} FROM annotations
             WHERE article_id = ?1 AND deleted_at IS NULL ORDER BY start, \"end\" DESC, id"
        ))?;
        let mut annotations = stmt
            .query_map([article_id], annotation_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        attach_tags(&self.conn, article_id, &mut annotations)?;
        Ok(annotations)
    }
}

/// Tag a span inside the caller's transaction (one key press, or one of a batch).
pub(crate) fn create_annotation_raw(
    tx: &Transaction<'_>,
    actor: &AnnotatorId,
    new: NewAnnotation,
) -> Result<Annotation> {
    let attributes = clean_attributes(new.attributes)?;
    annotators::require_raw(tx, actor)?;
    ensure_label_active(tx, &new.label_id)?;
    let at = now();
    let mut annotation = Annotation {
        id: AnnotationId::new(),
        article_id: new.article_id,
        label_id: new.label_id,
        start: 0,
        end: 0,
        exact: String::new(),
        prefix: String::new(),
        suffix: String::new(),
        attributes,
        annotator_id: actor.clone(),
        created_at: at,
        updated_at: at,
        review_state: ReviewState::Pending,
        deleted: false,
    };
    place_span(tx, &mut annotation, new.start, new.end)?;
    write_annotation_raw(tx, &annotation)?;
    record(tx, actor, Action::Create, None, None, &annotation)?;
    Ok(annotation)
}

/// Check the span against the article text and cut the quote and context from it.
fn place_span(tx: &Transaction<'_>, a: &mut Annotation, start: i64, end: i64) -> Result<()> {
    let text: String = tx
        .query_row(
            "SELECT text FROM articles WHERE id = ?1 AND deleted_at IS NULL",
            [&a.article_id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| Error::not_found("article", a.article_id.as_str()))?;
    let to_index =
        |n: i64| usize::try_from(n).map_err(|_| Error::invalid(format!("offset {n} is negative")));
    let (s, e) = (to_index(start)?, to_index(end)?);
    let map = OffsetMap::new(&text);
    let quote = map.quote(s, e)?;
    a.start = start;
    a.end = end;
    a.exact = quote.exact;
    a.prefix = quote.prefix;
    a.suffix = quote.suffix;
    Ok(())
}

fn ensure_label_active(tx: &Transaction<'_>, id: &crate::model::ids::LabelId) -> Result<()> {
    let label = get_label_raw(tx, id)?;
    if label.retired {
        return Err(Error::invalid(format!(
            "the label \"{}\" is retired: choose an active label",
            label.name
        )));
    }
    Ok(())
}

/// Append the history event for a change to `after`; undo and redo name the event they revert.
pub(crate) fn record(
    tx: &Transaction<'_>,
    actor: &AnnotatorId,
    action: Action,
    reverts: Option<&EventId>,
    before: Option<&Annotation>,
    after: &Annotation,
) -> Result<()> {
    history::record_raw(
        tx,
        NewEvent {
            entity: Entity::Annotation,
            entity_id: after.id.as_str(),
            article_id: Some(after.article_id.as_str()),
            action,
            reverts,
            actor: Some(actor),
            before,
            after: Some(after),
        },
    )?;
    Ok(())
}

/// Insert or overwrite one annotation row and its tags.
pub(crate) fn write_annotation_raw(tx: &Transaction<'_>, a: &Annotation) -> Result<()> {
    let figure = a.attributes.figure.as_ref();
    let deleted_at = a.deleted.then(|| timestamp_text(&a.updated_at));
    tx.execute(
        "INSERT INTO annotations (id, article_id, label_id, start, \"end\", exact, prefix, suffix,
             speaker, figure_value, currency, unit, qualifier, verdict, note, annotator_id,
             created_at, updated_at, review_state, deleted_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)
         ON CONFLICT (id) DO UPDATE SET label_id = ?3, start = ?4, \"end\" = ?5, exact = ?6,
             prefix = ?7, suffix = ?8, speaker = ?9, figure_value = ?10, currency = ?11, unit = ?12,
             qualifier = ?13, verdict = ?14, note = ?15, updated_at = ?18, review_state = ?19,
             deleted_at = ?20",
        params![
            a.id,
            a.article_id,
            a.label_id,
            a.start,
            a.end,
            a.exact,
            a.prefix,
            a.suffix,
            a.attributes.speaker,
            figure.map(|f| f.value.to_string()),
            figure.and_then(|f| f.currency.clone()),
            figure.and_then(|f| f.unit.clone()),
            figure.and_then(|f| f.qualifier.clone()),
            a.attributes.verdict,
            a.attributes.note,
            a.annotator_id,
            timestamp_text(&a.created_at),
            timestamp_text(&a.updated_at),
            a.review_state.as_str(),
            deleted_at,
        ],
    )?;
    annotation_tags::replace_tags_raw(tx, &a.id, &a.attributes.tags)?;
    search::index_annotation_raw(tx, a)
}

/// Store another file's version of an annotation as received: its id, author, times and its
/// review columns (who reviewed it there, and when, RFC 3339) as that file has them.
pub(crate) fn write_as_received_raw(
    tx: &Transaction<'_>,
    a: &Annotation,
    reviewer_id: Option<&AnnotatorId>,
    reviewed_at: Option<&str>,
) -> Result<()> {
    write_annotation_raw(tx, a)?;
    tx.execute(
        "UPDATE annotations SET reviewer_id = ?2, reviewed_at = ?3 WHERE id = ?1",
        params![a.id, reviewer_id, reviewed_at],
    )?;
    Ok(())
}

/// Set an annotation's review state with who decided it and when (RFC 3339).
pub(crate) fn set_review_raw(
    tx: &Transaction<'_>,
    id: &AnnotationId,
    state: ReviewState,
    reviewer: &AnnotatorId,
    at: &str,
) -> Result<()> {
    tx.execute(
        "UPDATE annotations SET review_state = ?2, reviewer_id = ?3, reviewed_at = ?4 WHERE id = ?1",
        params![id, state.as_str(), reviewer, at],
    )?;
    Ok(())
}

fn get_live_raw(conn: &rusqlite::Connection, id: &AnnotationId) -> Result<Annotation> {
    match get_any_raw(conn, id)? {
        Some(a) if !a.deleted => Ok(a),
        _ => Err(Error::not_found("annotation", id.as_str())),
    }
}

pub(crate) fn get_any_raw(
    conn: &rusqlite::Connection,
    id: &AnnotationId,
) -> Result<Option<Annotation>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ANNOTATION_COLUMNS} FROM annotations WHERE id = ?1"
    ))?;
    let Some(mut annotation) = stmt.query_row([id], annotation_from_row).optional()? else {
        return Ok(None);
    };
    annotation.attributes.tags = annotation_tags::tags_of_raw(conn, id)?;
    Ok(Some(annotation))
}

/// Fill in tags for a whole article in one query rather than one per annotation.
fn attach_tags(
    conn: &rusqlite::Connection,
    article_id: &ArticleId,
    annotations: &mut [Annotation],
) -> Result<()> {
    let mut by_id = tags_by_annotation(conn, article_id)?;
    for annotation in annotations {
        if let Some(tags) = by_id.remove(&annotation.id) {
            annotation.attributes.tags = tags;
        }
    }
    Ok(())
}

/// A figure from the four columns that hold it, the first being its exact decimal value.
pub(crate) fn figure_from_columns(row: &Row<'_>, first: usize) -> rusqlite::Result<Option<Figure>> {
    let Some(text) = row.get::<_, Option<String>>(first)? else {
        return Ok(None);
    };
    Ok(Some(Figure {
        value: Decimal::from_str(&text).map_err(|e| sql::bad_column("figure_value", e))?,
        currency: row.get(first + 1)?,
        unit: row.get(first + 2)?,
        qualifier: row.get(first + 3)?,
    }))
}

/// Reads a row of `ANNOTATION_COLUMNS` by position: a workbench list reads 10,000 rows of 20
/// columns, and looking each column up by name compares strings on every read.
fn annotation_from_row(row: &Row<'_>) -> rusqlite::Result<Annotation> {
    let figure = figure_from_columns(row, 9)?;
    Ok(Annotation {
        id: row.get(0)?,
        article_id: row.get(1)?,
        label_id: row.get(2)?,
        start: row.get(3)?,
        end: row.get(4)?,
        exact: row.get(5)?,
        prefix: row.get(6)?,
        suffix: row.get(7)?,
        attributes: Attributes {
            speaker: row.get(8)?,
            figure,
            verdict: row.get(13)?,
            note: row.get(14)?,
            tags: Vec::new(),
        },
        annotator_id: row.get(15)?,
        created_at: sql::timestamp(row, 16)?,
        updated_at: sql::timestamp(row, 17)?,
        review_state: sql::parsed(row, 18, ReviewState::parse)?,
        deleted: row.get::<_, Option<String>>(19)?.is_some(),
    })
}
