//! The schema, as append-only numbered SQL files embedded in the binary. The file's
//! `user_version` is the number of migrations applied; a file with a higher number than we know
//! was written by a newer Claimdesk and is refused before anything is written to it.

use rusqlite::{Connection, TransactionBehavior};

use crate::error::Result;

/// Marks a file as ours in the SQLite header ("ClDk").
pub const APPLICATION_ID: i64 = 0x436C_446B;

/// Every migration, in order; index 0 takes a file from version 0 to version 1.
const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_init.sql",
        include_str!("../../migrations/0001_init.sql"),
    ),
    (
        "0002_search.sql",
        include_str!("../../migrations/0002_search.sql"),
    ),
    (
        "0003_live_annotation_indexes.sql",
        include_str!("../../migrations/0003_live_annotation_indexes.sql"),
    ),
    (
        "0004_article_sources.sql",
        include_str!("../../migrations/0004_article_sources.sql"),
    ),
    (
        "0005_dismissed_suggestions.sql",
        include_str!("../../migrations/0005_dismissed_suggestions.sql"),
    ),
    (
        "0006_team_review.sql",
        include_str!("../../migrations/0006_team_review.sql"),
    ),
    (
        "0007_live_annotations_by_article.sql",
        include_str!("../../migrations/0007_live_annotations_by_article.sql"),
    ),
    (
        "0008_team_sync.sql",
        include_str!("../../migrations/0008_team_sync.sql"),
    ),
];

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Names of the embedded migration files, in order (for the test that keeps them in step with
/// the folder).
pub fn migration_names() -> impl Iterator<Item = &'static str> {
    MIGRATIONS.iter().map(|(name, _)| *name)
}

/// Bring the file up to [`SCHEMA_VERSION`] in one transaction. Another process may be migrating
/// the same file; `BEGIN IMMEDIATE` serialises us and the version is read again inside.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    if user_version(conn)? == SCHEMA_VERSION {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let from = user_version(&tx)?;
    for (_, sql) in MIGRATIONS
        .iter()
        .skip(usize::try_from(from).unwrap_or(usize::MAX))
    {
        tx.execute_batch(sql)?;
    }
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.commit()?;
    Ok(())
}

/// A private in-memory database holding exactly the schema that `version` migrations create:
/// what a sound file at that version may contain, for the schema check of untrusted files.
pub(crate) fn reference_schema(version: i64) -> Result<Connection> {
    let conn = Connection::open_in_memory()?;
    let count = usize::try_from(version).unwrap_or(usize::MAX);
    for (_, sql) in MIGRATIONS.iter().take(count) {
        conn.execute_batch(sql)?;
    }
    Ok(conn)
}

/// The schema version recorded in the file.
pub fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
}

/// The application id recorded in the file.
pub fn application_id(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "application_id", |row| row.get(0))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_migration_file_is_embedded_in_order() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.ends_with(".sql"))
            .collect();
        on_disk.sort();
        let embedded: Vec<&str> = migration_names().collect();
        assert_eq!(on_disk, embedded);
        for (i, name) in embedded.iter().enumerate() {
            assert!(
                name.starts_with(&format!("{:04}_", i + 1)),
                "{name} is out of sequence"
            );
        }
    }

    #[test]
    fn migrating_twice_changes_nothing() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        migrate(&mut conn).unwrap();
        assert_eq!(user_version(&conn).unwrap(), SCHEMA_VERSION);
        assert_eq!(application_id(&conn).unwrap(), APPLICATION_ID);
        let labels: i64 = conn
            .query_row("SELECT count(*) FROM labels", [], |r| r.get(0))
            .unwrap();
        assert_eq!(labels, 3);
    }
}
