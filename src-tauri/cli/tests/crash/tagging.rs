//! The parent's side of the tagging child: what it acknowledged, and whether the database still
//! holds exactly that after the kill.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use claimdesk_core::model::ids::AnnotationId;
use claimdesk_core::model::Annotation;
use claimdesk_core::Store;
use rusqlite::{Connection, OptionalExtension};

use crate::worker::{Ack, Expect, Intent, TAGGER};

/// One tagging child's output, up to the kill.
pub struct ChildOutput {
    /// It opened the database and was about to make its first change.
    pub ready: bool,
    pub acks: Vec<Ack>,
    /// The change it announced and was killed before acknowledging.
    pub pending: Option<Intent>,
}

/// Read what the child printed. A last line without its newline was cut short by the kill and
/// acknowledges nothing: the child prints an acknowledgement only after the commit returned.
pub fn read_output(path: &Path) -> Result<ChildOutput, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("child output: {e}"))?;
    let complete = &text[..text.rfind('\n').map_or(0, |i| i + 1)];
    let mut out = ChildOutput {
        ready: false,
        acks: Vec::new(),
        pending: None,
    };
    for line in complete.lines() {
        let (kind, json) = line.split_once(' ').unwrap_or((line, ""));
        match kind {
            "ready" => out.ready = true,
            "intent" => out.pending = Some(parse(json)?),
            "ack" => {
                let ack: Ack = parse(json)?;
                let intent = out.pending.take().ok_or("an ack without an intent")?;
                if !fulfils(&ack.annotation, &intent) {
                    return Err(format!("{ack:?} is not what {intent:?} announced"));
                }
                out.acks.push(ack);
            }
            _ => {}
        }
    }
    Ok(out)
}

fn parse<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, String> {
    serde_json::from_str(json).map_err(|e| format!("child output {json:?}: {e}"))
}

/// The annotation is what the intent said its change would leave.
fn fulfils(a: &Annotation, intent: &Intent) -> bool {
    intent.id.as_ref().is_none_or(|id| *id == a.id) && Expect::of(a) == intent.expect
}

/// What the tagging children of one database were told was saved.
#[derive(Default)]
pub struct Model {
    /// Each annotation as last acknowledged (or as found committed after a kill).
    acked: HashMap<AnnotationId, Annotation>,
    /// Changes cut short by a kill since the last verification: each may or may not be stored.
    pending: Vec<Intent>,
    /// Pending changes ever announced: the most history events beyond the acknowledged ones.
    pending_total: u64,
    pub acked_changes: u64,
    /// Changes the kill cut short after their commit, found in the database.
    pub unacked_commits: u64,
}

impl Model {
    pub fn absorb(&mut self, out: ChildOutput) {
        for ack in out.acks {
            self.acked.insert(ack.annotation.id.clone(), ack.annotation);
            self.acked_changes += 1;
        }
        if let Some(intent) = out.pending {
            self.pending.push(intent);
            self.pending_total += 1;
        }
    }

    /// Annotations acknowledged so far.
    pub fn annotations(&self) -> usize {
        self.acked.len()
    }

    /// Every acknowledged annotation is stored exactly as acknowledged, unless a change cut
    /// short by a kill was committed; nothing else of the tagger's is stored; history agrees.
    pub fn verify(&mut self, store: &Store, conn: &Connection) -> Result<(), String> {
        let stored = tagger_annotations(conn)?;
        let mut open = std::mem::take(&mut self.pending);
        for id in &stored {
            let found = store.get_annotation(id).map_err(|e| e.to_string())?;
            if self.acked.get(id) == Some(&found) {
                continue;
            }
            let Some(i) = open.iter().position(|p| self.explains(p, &found)) else {
                return Err(format!(
                    "annotation {id} is stored as {found:?}, acknowledged as {:?}",
                    self.acked.get(id)
                ));
            };
            open.remove(i);
            self.acked.insert(id.clone(), found);
            self.unacked_commits += 1;
        }
        let stored: HashSet<&AnnotationId> = stored.iter().collect();
        if let Some(lost) = self.acked.keys().find(|id| !stored.contains(id)) {
            return Err(format!(
                "acknowledged annotation {lost} is not in the database"
            ));
        }
        self.verify_history(store, conn)
    }

    /// A pending change explains what is stored: its create (of an id nobody acknowledged) or
    /// its change to this id was committed.
    fn explains(&self, intent: &Intent, found: &Annotation) -> bool {
        (intent.id.is_some() || !self.acked.contains_key(&found.id)) && fulfils(found, intent)
    }

    /// Each annotation's history starts with its create and ends with the stored record; the
    /// tagger's events number the acknowledged changes plus at most the ones cut short.
    fn verify_history(&self, store: &Store, conn: &Connection) -> Result<(), String> {
        for (id, annotation) in &self.acked {
            let events = store.list_history(id.as_str()).map_err(|e| e.to_string())?;
            let first = events.first().map(|e| e.action);
            let last = events.last().and_then(|e| e.after.clone());
            let last: Option<Annotation> = last.and_then(|v| serde_json::from_value(v).ok());
            if first != Some(claimdesk_core::db::queries::history::Action::Create) {
                return Err(format!("annotation {id}: history starts with {first:?}"));
            }
            if last.as_ref() != Some(annotation) {
                return Err(format!("annotation {id}: history ends with {last:?}"));
            }
        }
        let events: i64 = conn
            .query_row(
                "SELECT count(*) FROM history h JOIN annotators a ON a.id = h.actor_id
                 WHERE a.name = ?1 AND h.entity = 'annotation'",
                [TAGGER],
                |r| r.get(0),
            )
            .map_err(|e| e.to_string())?;
        let low = self.acked_changes + self.unacked_commits;
        let high = self.acked_changes + self.pending_total;
        if !(low..=high).contains(&(events as u64)) {
            return Err(format!(
                "{events} tagging events recorded; {} changes acknowledged, {} cut short",
                self.acked_changes, self.pending_total
            ));
        }
        Ok(())
    }
}

/// The ids of every annotation the tagger made, tombstones included.
fn tagger_annotations(conn: &Connection) -> Result<Vec<AnnotationId>, String> {
    let actor: Option<String> = conn
        .query_row("SELECT id FROM annotators WHERE name = ?1", [TAGGER], |r| {
            r.get(0)
        })
        .optional()
        .map_err(|e| e.to_string())?;
    let Some(actor) = actor else {
        return Ok(Vec::new());
    };
    let mut stmt = conn
        .prepare("SELECT id FROM annotations WHERE annotator_id = ?1 ORDER BY id")
        .map_err(|e| e.to_string())?;
    let ids = stmt
        .query_map([actor], |r| r.get::<_, String>(0))
        .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
        .map_err(|e| e.to_string())?;
    Ok(ids.into_iter().map(AnnotationId).collect())
}
