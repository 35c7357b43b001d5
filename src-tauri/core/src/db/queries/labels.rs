//! Labels: the built-in `claim`, `quote` and `figure`, and a team's own. The taxonomy lives in
//! the database file so that a shared file carries it. Retired labels keep their annotations.

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row, Transaction};

use crate::db::queries::history::{self, Action, Entity, NewEvent};
use crate::db::sql;
use crate::db::Store;
use crate::error::{Error, Result};
use crate::model::ids::{now, timestamp_text, LabelId};
use crate::model::{Label, LabelKind, LabelPatch, NewLabel};

/// Keys the workbench uses for itself, so no label may take them: j/k move, v is caret mode,
/// s shows suggestions, e extends a selection to its quote, a and x accept and dismiss.
pub const RESERVED_HOTKEYS: &[char] = &['j', 'k', 'v', 's', 'e', 'a', 'x'];

const LABEL_COLUMNS: &str = "id, name, kind, color, hotkey, builtin, retired_at";

/// Every column of `labels`, in the order [`insert_as_received`] takes them.
pub(crate) const RECEIVED_COLUMNS: &str =
    "id, name, kind, color, hotkey, builtin, created_at, updated_at, retired_at";
/// Where `hotkey` sits in [`RECEIVED_COLUMNS`].
const RECEIVED_HOTKEY: usize = 4;

fn label_from_row(row: &Row<'_>) -> rusqlite::Result<Label> {
    Ok(Label {
        id: row.get("id")?,
        name: row.get("name")?,
        kind: sql::parsed(row, "kind", LabelKind::parse)?,
        color: row.get("color")?,
        hotkey: row.get("hotkey")?,
        builtin: row.get("builtin")?,
        retired: row.get::<_, Option<String>>("retired_at")?.is_some(),
    })
}

impl Store {
    /// Every label, active first, then by name.
    pub fn list_labels(&self) -> Result<Vec<Label>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {LABEL_COLUMNS} FROM labels
             ORDER BY retired_at IS NOT NULL, builtin DESC, lower(name), id"
        ))?;
        let rows = stmt.query_map([], label_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One label by id (retired ones too).
    pub fn get_label(&self, id: &LabelId) -> Result<Label> {
        get_label_raw(&self.conn, id)
    }

    /// Add a custom label.
    pub fn create_label(&mut self, new: NewLabel) -> Result<Label> {
        let label = Label {
            id: LabelId::new(),
            name: clean_name(&new.name)?,
            kind: LabelKind::Custom,
            color: clean_color(&new.color)?,
            hotkey: clean_hotkey(new.hotkey.as_deref())?,
            builtin: false,
            retired: false,
        };
        self.write(|tx| {
            ensure_free(tx, &label)?;
            let at = timestamp_text(&now());
            tx.execute(
                "INSERT INTO labels (id, name, kind, color, hotkey, builtin, created_at, updated_at)
                 VALUES (?1, ?2, 'custom', ?3, ?4, 0, ?5, ?5)",
                params![label.id, label.name, label.color, label.hotkey, at],
            )?;
            record(tx, &label, Action::Create, None)?;
            Ok(label)
        })
    }

    /// Rename, recolour or re-key a label.
    pub fn update_label(&mut self, id: &LabelId, patch: LabelPatch) -> Result<Label> {
        self.write(|tx| {
            let before = get_label_raw(tx, id)?;
            let mut after = before.clone();
            if let Some(name) = &patch.name {
                after.name = clean_name(name)?;
            }
            if let Some(color) = &patch.color {
                after.color = clean_color(color)?;
            }
            if let Some(hotkey) = &patch.hotkey {
                after.hotkey = clean_hotkey(Some(hotkey))?;
            }
            if !after.retired {
                ensure_free(tx, &after)?;
            }
            tx.execute(
                "UPDATE labels SET name = ?2, color = ?3, hotkey = ?4, updated_at = ?5 WHERE id = ?1",
                params![id, after.name, after.color, after.hotkey, timestamp_text(&now())],
            )?;
            record(tx, &after, Action::Update, Some(&before))?;
            Ok(after)
        })
    }

    /// Stop offering a custom label; its annotations stay.
    pub fn retire_label(&mut self, id: &LabelId) -> Result<Label> {
        self.write(|tx| {
            let before = get_label_raw(tx, id)?;
            if before.builtin {
                return Err(Error::invalid(format!(
                    "\"{}\" is built in and cannot be retired",
                    before.name
                )));
            }
            let at = timestamp_text(&now());
            tx.execute(
                "UPDATE labels SET retired_at = ?2, updated_at = ?2 WHERE id = ?1 AND retired_at IS NULL",
                params![id, at],
            )?;
            let after = Label {
                retired: true,
                ..before.clone()
            };
            record(tx, &after, Action::Delete, Some(&before))?;
            Ok(after)
        })
    }
}

/// The label a teammate's label is taken for: ours with its id (the built-in labels share
/// theirs), else the first active one with its name, case aside.
pub(crate) fn find_match_raw(conn: &Connection, id: &str, name: &str) -> Result<Option<String>> {
    Ok(conn
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

/// Add a teammate's label as received (its values in [`RECEIVED_COLUMNS`] order), id and times
/// included; a hotkey another active label already uses is left off.
pub(crate) fn insert_as_received(tx: &Transaction<'_>, row: &[Value]) -> Result<()> {
    let hotkey = row.get(RECEIVED_HOTKEY).unwrap_or(&Value::Null);
    let hotkey_taken: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM labels WHERE hotkey = ?1 AND retired_at IS NULL)",
        [hotkey],
        |r| r.get(0),
    )?;
    let mut row = row.to_vec();
    if hotkey_taken {
        if let Some(hotkey) = row.get_mut(RECEIVED_HOTKEY) {
            *hotkey = Value::Null;
        }
    }
    tx.execute(
        &format!(
            "INSERT INTO labels ({RECEIVED_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
        ),
        params_from_iter(&row),
    )?;
    Ok(())
}

pub(crate) fn get_label_raw(conn: &rusqlite::Connection, id: &LabelId) -> Result<Label> {
    conn.query_row(
        &format!("SELECT {LABEL_COLUMNS} FROM labels WHERE id = ?1"),
        [id],
        label_from_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("label", id.as_str()))
}

fn record(
    tx: &Transaction<'_>,
    label: &Label,
    action: Action,
    before: Option<&Label>,
) -> Result<()> {
    history::record_raw(
        tx,
        NewEvent {
            entity: Entity::Label,
            entity_id: label.id.as_str(),
            article_id: None,
            action,
            reverts: None,
            actor: None,
            before,
            after: Some(label),
        },
    )?;
    Ok(())
}

/// Names and hotkeys are unique among active labels; say which label has them.
fn ensure_free(tx: &Transaction<'_>, label: &Label) -> Result<()> {
    let clash: Option<String> = tx
        .query_row(
            "SELECT name FROM labels WHERE retired_at IS NULL AND id <> ?1 AND lower(name) = lower(?2)",
            params![label.id, label.name],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(other) = clash {
        return Err(Error::invalid(format!(
            "a label named \"{other}\" already exists: choose another name"
        )));
    }
    let Some(key) = &label.hotkey else {
        return Ok(());
    };
    let holder: Option<String> = tx
        .query_row(
            "SELECT name FROM labels WHERE retired_at IS NULL AND id <> ?1 AND hotkey = ?2",
            params![label.id, key],
            |r| r.get(0),
        )
        .optional()?;
    match holder {
        Some(other) => Err(Error::invalid(format!(
            "the key \"{key}\" already tags \"{other}\": choose another key"
        ))),
        None => Ok(()),
    }
}

fn clean_name(name: &str) -> Result<String> {
    let name = name.trim();
    crate::model::attributes::refuse_control_chars("the label name", name)?;
    match name.chars().count() {
        0 => Err(Error::invalid("give the label a name")),
        1..=40 => Ok(name.to_owned()),
        _ => Err(Error::invalid(
            "a label name can be at most 40 characters long",
        )),
    }
}

fn clean_color(color: &str) -> Result<String> {
    let color = color.trim().to_ascii_lowercase();
    let valid = color.len() == 7
        && color.starts_with('#')
        && color[1..].chars().all(|c| c.is_ascii_hexdigit());
    if valid {
        Ok(color)
    } else {
        Err(Error::invalid(format!(
            "\"{color}\" is not a colour: use the form #rrggbb, e.g. #4e9fd9"
        )))
    }
}

fn clean_hotkey(key: Option<&str>) -> Result<Option<String>> {
    let key = key.map(str::trim).unwrap_or_default().to_lowercase();
    if key.is_empty() {
        return Ok(None);
    }
    let mut chars = key.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if RESERVED_HOTKEYS.contains(&c) => Err(Error::invalid(format!(
            "the key \"{c}\" is used by the workbench itself; choose another key"
        ))),
        (Some(c), None) if c.is_ascii_lowercase() || c.is_ascii_digit() => Ok(Some(key)),
        _ => Err(Error::invalid(
            "a label's key is one letter (a-z) or digit (0-9)",
        )),
    }
}
