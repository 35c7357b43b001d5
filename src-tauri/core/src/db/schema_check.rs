//! The schema of a file from someone else, compared with the schema our own migrations create at
//! the same version. A trigger, view or virtual table is code that SQLite runs when the file is
//! read or written; a crafted file could carry one that we never wrote. So a file must hold
//! exactly our objects, with exactly our definitions: the allowlist is computed from a fresh
//! in-memory database built by the same migrations, so it cannot drift from them.
//!
//! Reading `sqlite_schema` runs nothing: it is a table of names and `CREATE` statements. The
//! connection that reads it has `trusted_schema=OFF` and `SQLITE_DBCONFIG_DEFENSIVE` set already.

use std::collections::BTreeMap;

use rusqlite::Connection;

use crate::db::migrations;
use crate::error::Result;

/// Tables SQLite itself may add to any file (`ANALYZE`, `PRAGMA optimize`): statistics, no code.
const SQLITE_STATISTICS: &[&str] = &["sqlite_stat1", "sqlite_stat4"];

/// One entry of `sqlite_schema`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SchemaObject {
    kind: String,
    table: String,
    sql: Option<String>,
}

/// Why a file's schema is not ours, in words for the refusal message; `None` when it matches
/// the schema of `version` migrations exactly.
pub(crate) fn schema_difference(conn: &Connection, version: i64) -> Result<Option<String>> {
    let found = schema_objects(conn)?;
    let expected = schema_objects(&migrations::reference_schema(version)?)?;
    for (name, object) in &found {
        if SQLITE_STATISTICS.contains(&name.as_str()) && object.kind == "table" {
            continue;
        }
        match expected.get(name) {
            None => {
                return Ok(Some(format!(
                    "it holds {} \"{name}\" that Claimdesk does not create",
                    describe(object)
                )))
            }
            Some(ours) if ours != object => {
                return Ok(Some(format!(
                    "the definition of {} \"{name}\" is not the one Claimdesk creates",
                    describe(ours)
                )))
            }
            Some(_) => {}
        }
    }
    if let Some((name, object)) = expected.iter().find(|(name, _)| !found.contains_key(*name)) {
        return Ok(Some(format!(
            "{} \"{name}\" that Claimdesk creates is missing",
            describe(object)
        )));
    }
    Ok(None)
}

fn schema_objects(conn: &Connection) -> Result<BTreeMap<String, SchemaObject>> {
    let mut stmt = conn.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(1)?,
            SchemaObject {
                kind: r.get(0)?,
                table: r.get(2)?,
                sql: r.get(3)?,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// "a trigger", "a view", "a virtual table"...
fn describe(object: &SchemaObject) -> String {
    let is_virtual = object.sql.as_deref().is_some_and(|sql| {
        sql.trim_start()
            .to_ascii_uppercase()
            .starts_with("CREATE VIRTUAL")
    });
    match object.kind.as_str() {
        "table" if is_virtual => "a virtual table".to_owned(),
        "index" => format!("an index on \"{}\"", object.table),
        "trigger" => format!("a trigger on \"{}\"", object.table),
        kind => format!("a {kind}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::migrations::SCHEMA_VERSION;

    fn fresh() -> Connection {
        migrations::reference_schema(SCHEMA_VERSION).unwrap()
    }

    #[test]
    fn our_own_schema_passes_at_every_version() {
        for version in 0..=SCHEMA_VERSION {
            let conn = migrations::reference_schema(version).unwrap();
            assert_eq!(schema_difference(&conn, version).unwrap(), None);
        }
    }

    #[test]
    fn names_an_extra_trigger() {
        let conn = fresh();
        conn.execute_batch("CREATE TRIGGER spy AFTER INSERT ON annotations BEGIN SELECT 1; END;")
            .unwrap();
        let why = schema_difference(&conn, SCHEMA_VERSION).unwrap().unwrap();
        assert!(why.contains("a trigger on \"annotations\""), "{why}");
        assert!(why.contains("\"spy\""), "{why}");
    }

    #[test]
    fn names_an_extra_view_and_virtual_table() {
        let conn = fresh();
        conn.execute_batch("CREATE VIEW v AS SELECT 1;").unwrap();
        let why = schema_difference(&conn, SCHEMA_VERSION).unwrap().unwrap();
        assert!(why.contains("a view \"v\""), "{why}");
        let conn = fresh();
        conn.execute_batch("CREATE VIRTUAL TABLE extra USING fts5(x);")
            .unwrap();
        let why = schema_difference(&conn, SCHEMA_VERSION).unwrap().unwrap();
        assert!(why.contains("a virtual table \"extra"), "{why}");
    }

    #[test]
    fn names_a_changed_definition_and_a_missing_object() {
        let conn = fresh();
        conn.execute_batch(
            "DROP TRIGGER history_is_append_only_delete;
             CREATE TRIGGER history_is_append_only_delete BEFORE DELETE ON history BEGIN SELECT 1; END;",
        )
        .unwrap();
        let why = schema_difference(&conn, SCHEMA_VERSION).unwrap().unwrap();
        assert!(why.contains("definition of a trigger"), "{why}");
        let conn = fresh();
        conn.execute_batch("DROP INDEX annotations_by_label;")
            .unwrap();
        let why = schema_difference(&conn, SCHEMA_VERSION).unwrap().unwrap();
        assert!(why.contains("is missing"), "{why}");
    }

    #[test]
    fn sqlite_statistics_are_allowed() {
        let conn = fresh();
        conn.execute_batch("ANALYZE;").unwrap();
        assert_eq!(schema_difference(&conn, SCHEMA_VERSION).unwrap(), None);
    }
}
