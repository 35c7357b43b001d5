//! Undo and redo, derived from the history table alone so that they survive a restart. For one
//! analyst on one article, the events replay into two stacks: a change pushes onto the undo stack
//! and clears the redo stack; an undo moves its event to the redo stack; a redo moves it back.
//! Undo and redo are themselves recorded as events, so the history stays append-only.

use rusqlite::{params, Transaction};
use serde::{Deserialize, Serialize};
#[cfg(feature = "bindings")]
use ts_rs::TS;

use crate::db::queries::annotations::{get_any_raw, record, write_annotation_raw};
use crate::db::queries::annotators;
use crate::db::queries::history::Action;
use crate::db::Store;
use crate::error::{Error, Result};
use crate::model::ids::{now, AnnotationId, AnnotatorId, ArticleId, EventId};
use crate::model::Annotation;

/// What the analyst can undo or redo on an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct UndoState {
    /// Changes that can be undone.
    pub undo_depth: u32,
    /// Undone changes that can be redone.
    pub redo_depth: u32,
}

/// One change as the stacks see it.
struct StackEntry {
    id: EventId,
    annotation_id: AnnotationId,
}

impl Store {
    /// Revert the analyst's latest change on this article; `None` when there is nothing to undo.
    pub fn undo(&mut self, actor: &AnnotatorId, article: &ArticleId) -> Result<Option<Annotation>> {
        self.write(|tx| step_raw(tx, actor, article, Direction::Undo))
    }

    /// Re-apply the analyst's latest undone change on this article.
    pub fn redo(&mut self, actor: &AnnotatorId, article: &ArticleId) -> Result<Option<Annotation>> {
        self.write(|tx| step_raw(tx, actor, article, Direction::Redo))
    }

    /// How deep the undo and redo stacks are.
    pub fn undo_state(&self, actor: &AnnotatorId, article: &ArticleId) -> Result<UndoState> {
        let (undo, redo) = stacks(&self.conn, actor, article)?;
        Ok(UndoState {
            undo_depth: u32::try_from(undo.len()).unwrap_or(u32::MAX),
            redo_depth: u32::try_from(redo.len()).unwrap_or(u32::MAX),
        })
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    Undo,
    Redo,
}

fn step_raw(
    tx: &Transaction<'_>,
    actor: &AnnotatorId,
    article: &ArticleId,
    direction: Direction,
) -> Result<Option<Annotation>> {
    annotators::require_raw(tx, actor)?;
    let (undo, redo) = stacks(tx, actor, article)?;
    let stack = if direction == Direction::Undo {
        undo
    } else {
        redo
    };
    let Some(entry) = stack.last() else {
        return Ok(None);
    };
    let (before, after) = snapshots(tx, &entry.id)?;
    let (expected, target) = match direction {
        Direction::Undo => (after, before),
        Direction::Redo => (before, after),
    };
    let current = get_any_raw(tx, &entry.annotation_id)?;
    if !same_content(current.as_ref(), expected.as_ref()) {
        return Err(Error::invalid(
            "this annotation was changed since, by you in another window or by a teammate; \
             undoing now would overwrite that change, so nothing was undone",
        ));
    }
    let Some(current) = current else {
        return Err(Error::not_found("annotation", entry.annotation_id.as_str()));
    };
    // A change that created the annotation is undone by tombstoning it.
    let mut restored = target.unwrap_or_else(|| Annotation {
        deleted: true,
        ..current.clone()
    });
    restored.updated_at = now();
    write_annotation_raw(tx, &restored)?;
    let action = match direction {
        Direction::Undo => Action::Undo,
        Direction::Redo => Action::Redo,
    };
    record(
        tx,
        actor,
        action,
        Some(&entry.id),
        Some(&current),
        &restored,
    )?;
    Ok(Some(restored))
}

/// Replay the analyst's events on the article into the undo and redo stacks.
fn stacks(
    conn: &rusqlite::Connection,
    actor: &AnnotatorId,
    article: &ArticleId,
) -> Result<(Vec<StackEntry>, Vec<StackEntry>)> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, entity_id, action, reverts FROM history
         WHERE actor_id = ?1 AND article_id = ?2 AND entity = 'annotation' ORDER BY seq",
    )?;
    let rows = stmt.query_map(params![actor, article], |r| {
        Ok((
            r.get::<_, EventId>(0)?,
            r.get::<_, AnnotationId>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<EventId>>(3)?,
        ))
    })?;
    let (mut undo, mut redo): (Vec<StackEntry>, Vec<StackEntry>) = (Vec::new(), Vec::new());
    for row in rows {
        let (id, annotation_id, action, reverts) = row?;
        match (Action::parse(&action), reverts) {
            (Some(Action::Undo), Some(reverted)) => move_entry(&mut undo, &mut redo, &reverted),
            (Some(Action::Redo), Some(reverted)) => move_entry(&mut redo, &mut undo, &reverted),
            _ => {
                undo.push(StackEntry { id, annotation_id });
                redo.clear();
            }
        }
    }
    Ok((undo, redo))
}

fn move_entry(from: &mut Vec<StackEntry>, to: &mut Vec<StackEntry>, id: &EventId) {
    if let Some(position) = from.iter().rposition(|e| &e.id == id) {
        to.push(from.remove(position));
    }
}

/// The annotation before and after an event, as recorded.
fn snapshots(
    tx: &Transaction<'_>,
    event: &EventId,
) -> Result<(Option<Annotation>, Option<Annotation>)> {
    let (before, after): (Option<String>, Option<String>) = tx.query_row(
        "SELECT before_json, after_json FROM history WHERE id = ?1",
        [event],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let parse = |json: Option<String>| -> Result<Option<Annotation>> {
        json.map(|text| {
            serde_json::from_str(&text).map_err(|e| {
                Error::invalid(format!(
                    "the recorded change {event} cannot be read back ({e})"
                ))
            })
        })
        .transpose()
    };
    Ok((parse(before)?, parse(after)?))
}

/// Equal apart from when they were last touched; a tombstone counts as no annotation.
fn same_content(a: Option<&Annotation>, b: Option<&Annotation>) -> bool {
    fn live(x: Option<&Annotation>) -> Option<&Annotation> {
        x.filter(|a| !a.deleted)
    }
    match (live(a), live(b)) {
        (Some(a), Some(b)) => {
            a.label_id == b.label_id
                && (a.start, a.end) == (b.start, b.end)
                && a.attributes == b.attributes
                && a.review_state == b.review_state
        }
        (None, None) => true,
        _ => false,
    }
}
