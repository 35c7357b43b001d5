//! Rows as the team server has them: each synced table's columns as a JSON object (what a push
//! sends, blobs as hex), and the writer that stores a row a pull brought, keeping its id, times
//! and authors. This is the "as received" writer of every synced table for sync, as
//! `insert_as_received` is for merges; annotations also get their tags and search entry here,
//! through the annotations and search modules.
//!
//! A row whose parent has not arrived yet (an annotation whose article changed later, so comes
//! later in the pull) fails its foreign key; the caller parks it and tries again.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use rusqlite::types::{Value, ValueRef};
use rusqlite::{params_from_iter, Connection, OptionalExtension, Transaction};
use serde_json::{Map, Value as Json};

use crate::db::queries::{annotation_tags, annotations, search};
use crate::error::{Error, Result};
use crate::model::ids::AnnotationId;

pub use super::synced_tables::{synced_table, SyncedTable, SYNCED_TABLES};

/// Columns stored as blobs, sent as lowercase hex.
const BLOB_COLUMNS: &[&str] = &["original_bytes"];

fn quoted(column: &str) -> String {
    format!("\"{column}\"")
}

fn column_list(t: &SyncedTable) -> String {
    t.columns
        .iter()
        .map(|c| quoted(c))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A row's fields as the server stores them, or `None` when the row is not there.
pub(crate) fn read_fields(
    conn: &Connection,
    t: &SyncedTable,
    id: &str,
) -> Result<Option<Map<String, Json>>> {
    let sql = format!(
        "SELECT {} FROM {} WHERE {} = ?1",
        column_list(t),
        t.table,
        quoted(t.key)
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let fields = stmt
        .query_row([id], |row| {
            let mut fields = Map::new();
            for (i, column) in t.columns.iter().enumerate() {
                fields.insert((*column).to_owned(), to_json(row.get_ref(i)?, column)?);
            }
            Ok(fields)
        })
        .optional()?;
    let Some(mut fields) = fields else {
        return Ok(None);
    };
    if t.entity == "annotation" {
        let tags = annotation_tags::tags_of_raw(conn, &AnnotationId(id.to_owned()))?;
        fields.insert("tags".into(), Json::from(tags));
    }
    Ok(Some(fields))
}

fn to_json(value: ValueRef<'_>, column: &str) -> rusqlite::Result<Json> {
    Ok(match value {
        ValueRef::Null => Json::Null,
        ValueRef::Integer(n) => Json::from(n),
        ValueRef::Real(x) => Json::from(x),
        ValueRef::Text(bytes) => Json::from(
            std::str::from_utf8(bytes).map_err(|e| crate::db::sql::bad_column(column, e))?,
        ),
        ValueRef::Blob(bytes) => Json::from(hex(bytes)),
    })
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 15)] as char);
    }
    out
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

fn to_value(json: Option<&Json>, column: &str) -> Result<Value> {
    let bad = || {
        Error::invalid(format!(
            "the team server sent an unusable value for {column}"
        ))
    };
    Ok(match json {
        None | Some(Json::Null) => Value::Null,
        Some(Json::Bool(b)) => Value::Integer(i64::from(*b)),
        Some(Json::Number(n)) => match n.as_i64() {
            Some(i) => Value::Integer(i),
            None => Value::Real(n.as_f64().ok_or_else(bad)?),
        },
        Some(Json::String(s)) if BLOB_COLUMNS.contains(&column) => {
            Value::Blob(unhex(s).ok_or_else(bad)?)
        }
        Some(Json::String(s)) => Value::Text(s.clone()),
        Some(_) => return Err(bad()),
    })
}

/// Store a row as the server has it: inserted, or every travelling column overwritten. The
/// key comes from the server's row id, whatever the fields say.
pub(crate) fn apply_fields(
    tx: &Transaction<'_>,
    t: &SyncedTable,
    id: &str,
    fields: &Map<String, Json>,
) -> Result<()> {
    upsert_row(tx, t, id, fields)?;
    store_row_tags(tx, t, id, fields)?;
    if t.entity == "annotation" {
        index_stored_annotation(tx, id)?;
    }
    Ok(())
}

/// The row itself, in one statement: when a constraint refuses it (a parent not there yet),
/// SQLite undoes that statement alone and nothing else was written.
pub(crate) fn upsert_row(
    tx: &Transaction<'_>,
    t: &SyncedTable,
    id: &str,
    fields: &Map<String, Json>,
) -> Result<()> {
    let mut values = Vec::with_capacity(t.columns.len());
    for column in t.columns {
        if *column == t.key {
            values.push(Value::Text(id.to_owned()));
        } else {
            values.push(to_value(fields.get(*column), column)?);
        }
    }
    tx.prepare_cached(&upsert_sql(t))?
        .execute(params_from_iter(values))?;
    Ok(())
}

/// An annotation's tags, as the row's fields list them. Nothing here can be refused by a
/// constraint once the row is in.
pub(crate) fn store_row_tags(
    tx: &Transaction<'_>,
    t: &SyncedTable,
    id: &str,
    fields: &Map<String, Json>,
) -> Result<()> {
    if t.entity == "annotation" {
        let tags: Vec<String> = match fields.get("tags") {
            Some(Json::Array(items)) => items
                .iter()
                .filter_map(|t| t.as_str().map(str::to_owned))
                .collect(),
            _ => Vec::new(),
        };
        annotation_tags::replace_tags_raw(tx, &AnnotationId(id.to_owned()), &tags)?;
    }
    Ok(())
}

/// The search entry of a stored annotation, made again from the row and its tags.
pub(crate) fn index_stored_annotation(tx: &Transaction<'_>, id: &str) -> Result<()> {
    if let Some(annotation) = annotations::get_any_raw(tx, &AnnotationId(id.to_owned()))? {
        search::index_annotation_raw(tx, &annotation)?;
    }
    Ok(())
}

/// The statement that stores a row of `t` as pulled, built once per table (a pull runs it for
/// every row).
fn upsert_sql(t: &SyncedTable) -> Cow<'static, str> {
    static BY_ENTITY: OnceLock<HashMap<&'static str, String>> = OnceLock::new();
    let built = BY_ENTITY.get_or_init(|| {
        SYNCED_TABLES
            .iter()
            .map(|t| (t.entity, build_upsert_sql(t)))
            .collect()
    });
    match built.get(t.entity) {
        Some(sql) => Cow::Borrowed(sql.as_str()),
        None => Cow::Owned(build_upsert_sql(t)),
    }
}

fn build_upsert_sql(t: &SyncedTable) -> String {
    let marks = (1..=t.columns.len())
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ");
    let on_conflict = if t.insert_only {
        "DO NOTHING".to_owned()
    } else {
        let sets = t
            .columns
            .iter()
            .filter(|c| **c != t.key)
            .map(|c| format!("{0} = excluded.{0}", quoted(c)))
            .collect::<Vec<_>>()
            .join(", ");
        format!("DO UPDATE SET {sets}")
    };
    format!(
        "INSERT INTO {} ({}) VALUES ({marks}) ON CONFLICT ({}) {on_conflict}",
        t.table,
        column_list(t),
        quoted(t.key)
    )
}

impl crate::db::Store {
    /// Every row of a synced table as the server would store it: what a test compares with
    /// the server, table by table.
    pub fn synced_rows_of(&self, t: &SyncedTable) -> Result<Vec<(String, Map<String, Json>)>> {
        let mut keys = self
            .conn
            .prepare(&format!("SELECT {} FROM {}", quoted(t.key), t.table))?;
        let ids = keys
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut rows = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(fields) = read_fields(&self.conn, t, &id)? {
                rows.push((id, fields));
            }
        }
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn blobs_travel_as_hex_and_come_back_whole() {
        let bytes = [0u8, 1, 0x7f, 0x80, 0xff];
        assert_eq!(hex(&bytes), "00017f80ff");
        assert_eq!(unhex("00017f80ff").unwrap(), bytes);
        assert!(unhex("0g").is_none());
        assert!(unhex("abc").is_none());
    }
}
