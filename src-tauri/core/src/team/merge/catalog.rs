//! Analysts and labels of a source file, matched to ours before any annotation is merged.
//! An analyst matches by id, else by name (the same name in one file is the same analyst, as
//! `ensure_annotator` has it); a label by id (the built-in labels share theirs), else by the
//! name of an active label. What matches nothing is added with its own id. A hotkey another
//! active label already uses is left off the added label.

use std::collections::HashMap;

use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension, Transaction};

use crate::db::sql::owned_value;
use crate::db::Store;
use crate::error::Result;
use crate::model::ids::{AnnotatorId, ArticleId, LabelId};

/// Source ids to ours.
#[derive(Debug, Default, Clone)]
pub(crate) struct IdMaps {
    pub annotators: HashMap<String, String>,
    pub labels: HashMap<String, String>,
    pub articles: HashMap<String, String>,
}

impl IdMaps {
    pub fn annotator(&self, id: &AnnotatorId) -> AnnotatorId {
        AnnotatorId(mapped(&self.annotators, &id.0))
    }

    pub fn label(&self, id: &LabelId) -> LabelId {
        LabelId(mapped(&self.labels, &id.0))
    }

    pub fn article(&self, id: &ArticleId) -> ArticleId {
        ArticleId(mapped(&self.articles, &id.0))
    }
}

fn mapped(map: &HashMap<String, String>, id: &str) -> String {
    map.get(id).cloned().unwrap_or_else(|| id.to_owned())
}

/// How many analysts and labels were added.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct CatalogCounts {
    pub analysts_added: u32,
    pub labels_added: u32,
}

type Row = Vec<Value>;

/// Every analyst and label of the source, read once.
pub(crate) struct Catalog {
    annotators: Vec<Row>,
    labels: Vec<Row>,
}

pub(crate) fn read_catalog(source: &Store) -> Result<Catalog> {
    Ok(Catalog {
        annotators: rows(
            source,
            "SELECT id, name, created_at FROM annotators ORDER BY rowid",
        )?,
        labels: rows(
            source,
            "SELECT id, name, kind, color, hotkey, builtin, created_at, updated_at, retired_at
             FROM labels ORDER BY rowid",
        )?,
    })
}

fn rows(store: &Store, sql: &str) -> Result<Vec<Row>> {
    let mut stmt = store.conn.prepare(sql)?;
    let width = stmt.column_count();
    let rows = stmt.query_map([], |r| (0..width).map(|i| owned_value(r, i)).collect())?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn text(value: &Value) -> String {
    match value {
        Value::Text(t) => t.clone(),
        _ => String::new(),
    }
}

/// Match or add every analyst and label; fills `maps`.
pub(crate) fn merge_catalog_raw(
    tx: &Transaction<'_>,
    catalog: &Catalog,
    maps: &mut IdMaps,
) -> Result<CatalogCounts> {
    let mut counts = CatalogCounts::default();
    for row in &catalog.annotators {
        let (id, name) = (text(&row[0]), text(&row[1]));
        let found: Option<String> = tx
            .query_row(
                "SELECT id FROM annotators WHERE id = ?1
                 UNION ALL SELECT id FROM (SELECT id FROM annotators WHERE name = ?2 ORDER BY id LIMIT 1)
                 LIMIT 1",
                params![id, name],
                |r| r.get(0),
            )
            .optional()?;
        let ours = match found {
            Some(ours) => ours,
            None => {
                tx.execute(
                    "INSERT INTO annotators (id, name, created_at) VALUES (?1, ?2, ?3)",
                    params![row[0], row[1], row[2]],
                )?;
                counts.analysts_added += 1;
                id.clone()
            }
        };
        maps.annotators.insert(id, ours);
    }
    for row in &catalog.labels {
        let id = text(&row[0]);
        let ours = match matching_label(tx, &id, &text(&row[1]))? {
            Some(ours) => ours,
            None => {
                insert_label(tx, row)?;
                counts.labels_added += 1;
                id.clone()
            }
        };
        maps.labels.insert(id, ours);
    }
    Ok(counts)
}

fn matching_label(tx: &Transaction<'_>, id: &str, name: &str) -> Result<Option<String>> {
    Ok(tx
        .query_row(
            "SELECT id FROM labels WHERE id = ?1
             UNION ALL SELECT id FROM (SELECT id FROM labels
                 WHERE lower(name) = lower(?2) AND retired_at IS NULL ORDER BY id LIMIT 1)
             LIMIT 1",
            params![id, name],
            |r| r.get(0),
        )
        .optional()?)
}

fn insert_label(tx: &Transaction<'_>, row: &Row) -> Result<()> {
    let hotkey_taken: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM labels WHERE hotkey = ?1 AND retired_at IS NULL)",
        [&row[4]],
        |r| r.get(0),
    )?;
    let hotkey = if hotkey_taken { &Value::Null } else { &row[4] };
    tx.execute(
        "INSERT INTO labels (id, name, kind, color, hotkey, builtin, created_at, updated_at, retired_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![row[0], row[1], row[2], row[3], hotkey, row[5], row[6], row[7], row[8]],
    )?;
    Ok(())
}
