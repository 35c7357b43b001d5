//! Checks of the whole file after a kill: SQLite's own, the CLI's, the search index, the journal,
//! and history against the records it describes.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use claimdesk_core::Store;
use rusqlite::Connection;

/// The two journals the store uses: WAL for a local file, a rollback journal for a shared one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Journal {
    Wal,
    Rollback,
}

impl Journal {
    pub fn mode(self) -> &'static str {
        match self {
            Journal::Wal => "wal",
            Journal::Rollback => "delete",
        }
    }

    /// The file SQLite recovers from after a crash.
    fn leftover(self, db: &Path) -> PathBuf {
        let suffix = match self {
            Journal::Wal => "-wal",
            Journal::Rollback => "-journal",
        };
        let mut name = db.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    }

    /// The kill left a journal to recover from: a WAL with frames, or a hot rollback journal.
    pub fn left_work(self, db: &Path) -> bool {
        std::fs::metadata(self.leftover(db)).is_ok_and(|m| m.len() > 0)
    }
}

/// The file's header counts more pages than the file holds: a commit or checkpoint was cut
/// short after writing page 1, and only the journal beside the file can finish or undo it.
pub fn header_ahead(db: &Path) -> bool {
    let mut header = [0u8; 32];
    let Ok(mut file) = std::fs::File::open(db) else {
        return false;
    };
    let (Ok(()), Ok(meta)) = (file.read_exact(&mut header), file.metadata()) else {
        return false;
    };
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536,
        n => u64::from(n),
    };
    let pages = u64::from(u32::from_be_bytes([
        header[28], header[29], header[30], header[31],
    ]));
    pages * page_size > meta.len()
}

/// Run the CLI on the database and return its exit status and output.
pub fn cli(db: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new(env!("CARGO_BIN_EXE_claimdesk-cli"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("CLAIMDESK_DB")
        .output()
        .map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    if out.status.success() {
        Ok(text)
    } else {
        let err = String::from_utf8_lossy(&out.stderr);
        Err(format!(
            "claimdesk-cli {args:?}: {}\n{text}{err}",
            out.status
        ))
    }
}

/// `claimdesk-cli check`: integrity, schema, and the file is ours.
pub fn cli_check(db: &Path) -> Result<(), String> {
    let report: serde_json::Value =
        serde_json::from_str(&cli(db, &["--json", "check"])?).map_err(|e| e.to_string())?;
    if report["integrity"] != serde_json::json!(["ok"]) || !report["schema_problem"].is_null() {
        return Err(format!("claimdesk-cli check: {report}"));
    }
    Ok(())
}

/// The store opened the file with the journal its sharing calls for, and its search indexes
/// agree with the records.
pub fn store_state(store: &Store, journal: Journal) -> Result<(), String> {
    let sharing = store.file_sharing().map_err(|e| e.to_string())?;
    if sharing.journal_mode != journal.mode() {
        return Err(format!("journal mode {}", sharing.journal_mode));
    }
    match store.search_index_is_consistent() {
        Ok(true) => Ok(()),
        Ok(false) => Err("the search index disagrees with the records".into()),
        Err(e) => Err(e.to_string()),
    }
}

/// SQLite's full `integrity_check`, and foreign keys.
pub fn integrity(conn: &Connection) -> Result<(), String> {
    let verdict: String = conn
        .query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))
        .map_err(|e| e.to_string())?;
    if verdict != "ok" {
        return Err(format!("integrity_check: {verdict}"));
    }
    let broken: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .map_err(|e| e.to_string())?;
    if broken != 0 {
        return Err(format!("{broken} rows break foreign keys"));
    }
    Ok(())
}

/// Every record has exactly one create event, and every event's record exists: a change and its
/// event are committed together or not at all.
pub fn history(conn: &Connection) -> Result<(), String> {
    let checks = [
        (
            "annotations without exactly one create event",
            "SELECT count(*) FROM annotations a WHERE (SELECT count(*) FROM history h
             WHERE h.entity_id = a.id AND h.entity = 'annotation' AND h.action = 'create') != 1",
        ),
        (
            "articles without exactly one create event",
            "SELECT count(*) FROM articles a WHERE (SELECT count(*) FROM history h
             WHERE h.entity_id = a.id AND h.entity = 'article' AND h.action = 'create') != 1",
        ),
        (
            "annotation events whose annotation is missing",
            "SELECT count(*) FROM history h WHERE h.entity = 'annotation'
             AND NOT EXISTS (SELECT 1 FROM annotations a WHERE a.id = h.entity_id)",
        ),
        (
            "article events whose article is missing",
            "SELECT count(*) FROM history h WHERE h.entity = 'article'
             AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = h.entity_id)",
        ),
    ];
    for (what, sql) in checks {
        let n: i64 = conn
            .query_row(sql, [], |r| r.get(0))
            .map_err(|e| e.to_string())?;
        if n != 0 {
            return Err(format!("{n} {what}"));
        }
    }
    Ok(())
}
