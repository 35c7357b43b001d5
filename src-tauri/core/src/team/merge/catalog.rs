//! Analysts and labels of a source file, matched to ours before any annotation is merged.
//! An analyst matches by id, else by name (the same name in one file is the same analyst, as
//! `ensure_annotator` has it); a label by id (the built-in labels share theirs), else by the
//! name of an active label. What matches nothing is added with its own id. A hotkey another
//! active label already uses is left off the added label. The matching and adding are the
//! `annotators` and `labels` queries modules' (`find_match_raw`, `insert_as_received`).

use std::collections::HashMap;

use rusqlite::types::Value;
use rusqlite::Transaction;

use crate::db::queries::{annotators, labels};
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
            &format!(
                "SELECT {} FROM annotators ORDER BY rowid",
                annotators::RECEIVED_COLUMNS
            ),
        )?,
        labels: rows(
            source,
            &format!(
                "SELECT {} FROM labels ORDER BY rowid",
                labels::RECEIVED_COLUMNS
            ),
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
        let ours = match annotators::find_match_raw(tx, &id, &name)? {
            Some(ours) => ours,
            None => {
                annotators::insert_as_received(tx, row)?;
                counts.analysts_added += 1;
                id.clone()
            }
        };
        maps.annotators.insert(id, ours);
    }
    for row in &catalog.labels {
        let id = text(&row[0]);
        let ours = match labels::find_match_raw(tx, &id, &text(&row[1]))? {
            Some(ours) => ours,
            None => {
                labels::insert_as_received(tx, row)?;
                counts.labels_added += 1;
                id.clone()
            }
        };
        maps.labels.insert(id, ours);
    }
    Ok(counts)
}
