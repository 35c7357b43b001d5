//! Merge conflicts: two different versions of one annotation met in a merge. Ours stays in the
//! annotations table and theirs waits here until a reviewer keeps ours or takes theirs; nothing
//! is overwritten without that decision. Settling one is a history event by the reviewer (not
//! on an undo stack: a settled conflict stays settled), and the conflict keeps who and when.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
#[cfg(feature = "bindings")]
use ts_rs::TS;

use crate::db::queries::annotations::{get_any_raw, write_as_received_raw};
use crate::db::queries::annotators;
use crate::db::queries::history::{self, Action, Entity, NewEvent};
use crate::db::sql;
use crate::db::Store;
use crate::error::{Error, Result};
use crate::model::ids::{now, timestamp_text, AnnotationId, AnnotatorId, ArticleId, ConflictId};
use crate::model::Annotation;

/// How a conflict was settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
#[serde(rename_all = "snake_case")]
pub enum ConflictResolution {
    /// The version in this file stays.
    KeptOurs,
    /// The version from the merged file replaced it.
    TookTheirs,
}

impl ConflictResolution {
    fn as_str(self) -> &'static str {
        match self {
            ConflictResolution::KeptOurs => "kept_ours",
            ConflictResolution::TookTheirs => "took_theirs",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "kept_ours" => ConflictResolution::KeptOurs,
            "took_theirs" => ConflictResolution::TookTheirs,
            _ => return None,
        })
    }
}

/// A version of an annotation from another file, with its review decision's author and time
/// (which the annotation record itself does not carry).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct TheirVersion {
    /// The annotation as the other file has it.
    #[serde(flatten)]
    pub annotation: Annotation,
    /// Who reviewed it there.
    pub reviewer_id: Option<AnnotatorId>,
    /// When it was reviewed there (RFC 3339).
    pub reviewed_at: Option<String>,
}

/// A conflict, with both versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct MergeConflict {
    /// Identity.
    pub id: ConflictId,
    /// The file the other version came from (its name).
    pub source_file: String,
    /// The version in this file now.
    pub ours: Annotation,
    /// The version from the other file.
    pub theirs: TheirVersion,
    /// When the merge found it.
    pub found_at: DateTime<Utc>,
    /// How it was settled; `None` while open.
    pub resolution: Option<ConflictResolution>,
    /// Who settled it.
    pub resolver_id: Option<AnnotatorId>,
    /// When it was settled.
    pub resolved_at: Option<DateTime<Utc>>,
}

const CONFLICT_COLUMNS: &str =
    "id, annotation_id, source_file, theirs_json, found_at, resolution, resolver_id, resolved_at";

impl Store {
    /// Conflicts, oldest first: only open ones when `open_only`, and only on one article when
    /// `article` is given.
    pub fn list_conflicts(
        &self,
        open_only: bool,
        article: Option<&ArticleId>,
    ) -> Result<Vec<MergeConflict>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {CONFLICT_COLUMNS} FROM merge_conflicts c
             WHERE (?1 = 0 OR c.resolution IS NULL)
               AND (?2 IS NULL OR c.annotation_id IN
                    (SELECT id FROM annotations WHERE article_id = ?2))
             ORDER BY c.found_at, c.id"
        ))?;
        let rows = stmt.query_map(params![open_only, article], row_parts)?;
        let parts = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        parts
            .into_iter()
            .map(|p| conflict_from_parts(&self.conn, p))
            .collect()
    }

    /// Settle an open conflict: keep this file's version, or take the other file's.
    pub fn resolve_conflict(
        &mut self,
        resolver: &AnnotatorId,
        id: &ConflictId,
        resolution: ConflictResolution,
    ) -> Result<MergeConflict> {
        self.write_retrying(|tx| {
            annotators::require_raw(tx, resolver)?;
            let conflict = get_conflict_raw(tx, id)?;
            if conflict.resolution.is_some() {
                return Err(Error::invalid(
                    "this conflict was settled already, perhaps in another window",
                ));
            }
            let at = now();
            if resolution == ConflictResolution::TookTheirs {
                take_theirs_raw(tx, resolver, &conflict, &at)?;
            }
            tx.execute(
                "UPDATE merge_conflicts SET resolution = ?2, resolver_id = ?3, resolved_at = ?4
                 WHERE id = ?1",
                params![id, resolution.as_str(), resolver, timestamp_text(&at)],
            )?;
            get_conflict_raw(tx, id)
        })
    }
}

/// Replace ours by theirs, review columns too, and record the change.
fn take_theirs_raw(
    tx: &Transaction<'_>,
    resolver: &AnnotatorId,
    conflict: &MergeConflict,
    at: &DateTime<Utc>,
) -> Result<()> {
    let after = Annotation {
        updated_at: *at,
        ..conflict.theirs.annotation.clone()
    };
    write_as_received_raw(
        tx,
        &after,
        conflict.theirs.reviewer_id.as_ref(),
        conflict.theirs.reviewed_at.as_deref(),
    )?;
    history::record_raw(
        tx,
        NewEvent {
            entity: Entity::Annotation,
            entity_id: after.id.as_str(),
            article_id: None,
            action: Action::Update,
            reverts: None,
            actor: Some(resolver),
            before: Some(&conflict.ours),
            after: Some(&after),
        },
    )?;
    Ok(())
}

/// Record a conflict unless the same version from a file is on record already (open or
/// settled), so that merging one file twice finds nothing new. Returns whether it is new.
pub(crate) fn record_conflict_raw(
    tx: &Transaction<'_>,
    source_file: &str,
    theirs: &TheirVersion,
    same: impl Fn(&Annotation, &Annotation) -> bool,
) -> Result<bool> {
    let mut stmt =
        tx.prepare_cached("SELECT theirs_json FROM merge_conflicts WHERE annotation_id = ?1")?;
    let known = stmt
        .query_map([&theirs.annotation.id], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for json in known {
        if parse_theirs(&json).is_ok_and(|t| same(&t.annotation, &theirs.annotation)) {
            return Ok(false);
        }
    }
    let json = serde_json::to_string(theirs)
        .map_err(|e| Error::invalid(format!("cannot record the conflict: {e}")))?;
    tx.execute(
        "INSERT INTO merge_conflicts (id, annotation_id, source_file, theirs_json, found_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            ConflictId::new(),
            theirs.annotation.id,
            source_file,
            json,
            timestamp_text(&now())
        ],
    )?;
    Ok(true)
}

type ConflictParts = (
    ConflictId,
    AnnotationId,
    String,
    String,
    DateTime<Utc>,
    Option<String>,
    Option<AnnotatorId>,
    Option<String>,
);

fn row_parts(r: &rusqlite::Row<'_>) -> rusqlite::Result<ConflictParts> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        sql::timestamp(r, 4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
    ))
}

fn get_conflict_raw(conn: &rusqlite::Connection, id: &ConflictId) -> Result<MergeConflict> {
    let parts = conn
        .query_row(
            &format!("SELECT {CONFLICT_COLUMNS} FROM merge_conflicts WHERE id = ?1"),
            [id],
            row_parts,
        )
        .optional()?
        .ok_or_else(|| Error::not_found("conflict", id.as_str()))?;
    conflict_from_parts(conn, parts)
}

fn conflict_from_parts(conn: &rusqlite::Connection, p: ConflictParts) -> Result<MergeConflict> {
    let (id, annotation_id, source_file, json, found_at, resolution, resolver_id, resolved_at) = p;
    let ours = get_any_raw(conn, &annotation_id)?
        .ok_or_else(|| Error::not_found("annotation", annotation_id.as_str()))?;
    let resolution = resolution
        .map(|r| {
            ConflictResolution::parse(&r)
                .ok_or_else(|| Error::invalid(format!("unknown conflict resolution {r:?}")))
        })
        .transpose()?;
    let resolved_at = resolved_at
        .map(|t| {
            DateTime::parse_from_rfc3339(&t)
                .map(|t| t.with_timezone(&Utc))
                .map_err(|e| Error::invalid(format!("unreadable time {t:?}: {e}")))
        })
        .transpose()?;
    Ok(MergeConflict {
        id,
        source_file,
        ours,
        theirs: parse_theirs(&json)?,
        found_at,
        resolution,
        resolver_id,
        resolved_at,
    })
}

fn parse_theirs(json: &str) -> Result<TheirVersion> {
    serde_json::from_str(json)
        .map_err(|e| Error::invalid(format!("a recorded conflict cannot be read back ({e})")))
}
