//! Analysts. Every annotation records who made it; a name typed on two machines for the same file
//! is the same analyst there, so `ensure_annotator` matches by name before creating.

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Transaction};

use crate::db::Store;
use crate::error::{Error, Result};
use crate::model::ids::{now, timestamp_text, AnnotatorId};
use crate::model::Annotator;

/// Longest accepted analyst name, in code points.
const MAX_NAME_CHARS: usize = 100;

/// Every column of `annotators`, in the order [`insert_as_received`] takes them.
pub(crate) const RECEIVED_COLUMNS: &str = "id, name, created_at";

impl Store {
    /// The analyst with this name, created if the file has none yet.
    pub fn ensure_annotator(&mut self, name: &str) -> Result<Annotator> {
        let name = name.trim();
        crate::model::attributes::refuse_control_chars("the name", name)?;
        if name.is_empty() {
            return Err(Error::invalid(
                "type your name: every annotation records who made it",
            ));
        }
        if name.chars().count() > MAX_NAME_CHARS {
            return Err(Error::invalid(format!(
                "a name can be at most {MAX_NAME_CHARS} characters long"
            )));
        }
        self.write(|tx| {
            let existing: Option<AnnotatorId> = tx
                .query_row(
                    "SELECT id FROM annotators WHERE name = ?1 ORDER BY id LIMIT 1",
                    [name],
                    |r| r.get(0),
                )
                .optional()?;
            let id = match existing {
                Some(id) => id,
                None => {
                    let id = AnnotatorId::new();
                    tx.execute(
                        "INSERT INTO annotators (id, name, created_at) VALUES (?1, ?2, ?3)",
                        params![id, name, timestamp_text(&now())],
                    )?;
                    id
                }
            };
            Ok(Annotator {
                id,
                name: name.to_owned(),
            })
        })
    }

    /// One analyst by id.
    pub fn get_annotator(&self, id: &AnnotatorId) -> Result<Annotator> {
        self.conn
            .query_row("SELECT id, name FROM annotators WHERE id = ?1", [id], |r| {
                Ok(Annotator {
                    id: r.get(0)?,
                    name: r.get(1)?,
                })
            })
            .optional()?
            .ok_or_else(|| Error::not_found("analyst", id.as_str()))
    }

    /// Every analyst in the file, by name.
    pub fn list_annotators(&self) -> Result<Vec<Annotator>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, name FROM annotators ORDER BY name, id")?;
        let rows = stmt.query_map([], |r| {
            Ok(Annotator {
                id: r.get(0)?,
                name: r.get(1)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// The analyst a teammate's analyst is taken for: ours with its id, else the first with its
/// name (the same name in one file is the same analyst, as `ensure_annotator` has it).
pub(crate) fn find_match_raw(conn: &Connection, id: &str, name: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT id FROM annotators WHERE id = ?1
             UNION ALL SELECT id FROM (SELECT id FROM annotators WHERE name = ?2 ORDER BY id LIMIT 1)
             LIMIT 1",
            params![id, name],
            |r| r.get(0),
        )
        .optional()?)
}

/// Add a teammate's analyst as received (its values in [`RECEIVED_COLUMNS`] order), id and
/// time included.
pub(crate) fn insert_as_received(tx: &Transaction<'_>, row: &[Value]) -> Result<()> {
    tx.execute(
        &format!("INSERT INTO annotators ({RECEIVED_COLUMNS}) VALUES (?1, ?2, ?3)"),
        params_from_iter(row),
    )?;
    Ok(())
}

/// Refuse a change by an analyst this file does not know.
pub(crate) fn require_raw(conn: &Connection, id: &AnnotatorId) -> Result<()> {
    let known: Option<i64> = conn
        .query_row("SELECT 1 FROM annotators WHERE id = ?1", [id], |r| r.get(0))
        .optional()?;
    known
        .map(drop)
        .ok_or_else(|| Error::not_found("analyst", id.as_str()))
}
